package io.omniroute.bench.quality;

import io.omniroute.engine.Geo;
import io.omniroute.engine.Network;
import io.omniroute.engine.RateTable;
import io.omniroute.engine.Service;

/**
 * SPEC §2's rules, written once for every policy of the quality report so that all plans are judged alike: which
 * locations may serve an order at all (service, same-day radius, channel rule), the zone of a location for the
 * order's ZIP, the cheapest eligible rate of a shipment, and the cost of a whole plan
 * (Σ handling + rate, + split penalty × (shipments − 1)). Stock and capacity are the caller's.
 */
public final class RoutingRules
{
    public static final long NO_RATE = Long.MAX_VALUE;

    private final Network network;
    private final RateTable rates;
    private final int locationCount;
    private final long splitPenaltyCents;

    // per-order cache: zone and static eligibility of each location
    private DayOrder current;
    private final int[] zone;
    private final double[] distanceKm;
    private final boolean[] serves;

    public RoutingRules(final Network network)
    {
        this.network = network;
        this.rates = network.rates();
        this.locationCount = network.locationCount();
        this.splitPenaltyCents = network.splitPenaltyCents();
        this.zone = new int[locationCount];
        this.distanceKm = new double[locationCount];
        this.serves = new boolean[locationCount];
    }

    public Network network()
    {
        return network;
    }

    public long splitPenaltyCents()
    {
        return splitPenaltyCents;
    }

    /**
     * Selects the order the other methods answer for.
     */
    public RoutingRules order(final DayOrder o)
    {
        if (current == o)
        {
            return this;
        }
        current = o;
        final double lat = network.zipLatitude(o.zip);
        final double lon = network.zipLongitude(o.zip);
        for (int l = 0; l < locationCount; l++)
        {
            final double km = Geo.distanceKm(network.latitude(l), network.longitude(l), lat, lon);
            distanceKm[l] = km;
            zone[l] = Geo.zone(km);
            serves[l] = network.offers(l, o.service) && network.channelMayUse(o.channel, l) &&
                (o.service != Service.SAME_DAY || km <= network.sameDayRadiusKm(l));
        }
        return this;
    }

    /**
     * @return whether the location may serve the order with unlimited stock and capacity (service, radius, channel).
     */
    public boolean serves(final int loc)
    {
        return serves[loc];
    }

    public int zone(final int loc)
    {
        return zone[loc];
    }

    public double distanceKm(final int loc)
    {
        return distanceKm[loc];
    }

    /**
     * @return the cheapest eligible carrier price of a shipment of that weight from the location, or {@link #NO_RATE}.
     */
    public long ratePriceCents(final int loc, final long weightGrams)
    {
        final int row = rates.lookup(current.service.ordinal(), zone[loc], weightGrams, current.maxTransitDays);
        return row == RateTable.NO_RATE ? NO_RATE : rates.priceCents(row);
    }

    /**
     * @return handling + rate of a shipment of that weight from the location, or {@link #NO_RATE}.
     */
    public long shipmentCostCents(final int loc, final long weightGrams)
    {
        final long rate = ratePriceCents(loc, weightGrams);
        return rate == NO_RATE ? NO_RATE : network.handlingCostCents(loc) + rate;
    }

    /**
     * @return SPEC §2's cost of the plan for the current order, or {@link #NO_RATE} when a shipment has no rate.
     */
    public long planCostCents(final Plan plan)
    {
        long cost = 0;
        for (int s = 0; s < plan.shipmentCount(); s++)
        {
            final long c = shipmentCostCents(plan.location(s), plan.weightGrams(s));
            if (c == NO_RATE)
            {
                return NO_RATE;
            }
            cost += c;
        }
        return cost + splitPenaltyCents * Math.max(0, plan.shipmentCount() - 1);
    }

    public long unitWeightGrams(final int sku)
    {
        return network.weightGrams(sku);
    }
}
