package io.omniroute.bench.quality;

import io.omniroute.engine.Network;

/**
 * What a policy's plans for the day add up to: orders filled, shipping cost (SPEC §2's cost, the same function for
 * every policy), shipments, splits, zones and shipments by location against capacity.
 */
public final class PolicyMetrics
{
    public final String policy;
    public long orders;
    public long filled;
    public long shipments;
    public long splitOrders;
    /** Orders with a line's quantity split over locations. */
    public long lineSplitOrders;
    public long costCents;
    public long penaltyCents;
    public long zoneSum;
    public long units;
    public final long[] shipmentsByLocation;

    public PolicyMetrics(final String policy, final int locationCount)
    {
        this.policy = policy;
        this.shipmentsByLocation = new long[locationCount];
    }

    void add(final RoutingRules rules, final Plan plan, final long costCents)
    {
        filled++;
        shipments += plan.shipmentCount();
        splitOrders += plan.shipmentCount() > 1 ? 1 : 0;
        this.costCents += costCents;
        penaltyCents += rules.splitPenaltyCents() * Math.max(0, plan.shipmentCount() - 1);
        for (int s = 0; s < plan.shipmentCount(); s++)
        {
            zoneSum += rules.zone(plan.location(s));
            shipmentsByLocation[plan.location(s)]++;
        }
        boolean lineSplit = false;
        for (int l = 0; l < plan.lineCount(); l++)
        {
            units += plan.lineQty(l);
            for (int k = 0; k < l; k++)
            {
                lineSplit |= plan.lineSku(k) == plan.lineSku(l);
            }
        }
        lineSplitOrders += lineSplit ? 1 : 0;
    }

    public double fillRate()
    {
        return orders == 0 ? 0 : (double)filled / orders;
    }

    public double costPerOrderCents()
    {
        return filled == 0 ? 0 : (double)costCents / filled;
    }

    public double shipmentsPerOrder()
    {
        return filled == 0 ? 0 : (double)shipments / filled;
    }

    public long extraShipments()
    {
        return shipments - filled;
    }

    public double splitRate()
    {
        return filled == 0 ? 0 : (double)splitOrders / filled;
    }

    public double averageZone()
    {
        return shipments == 0 ? 0 : (double)zoneSum / shipments;
    }

    /**
     * @return shipments at capacity-limited locations over their total daily capacity.
     */
    public double capacityUse(final Network network)
    {
        long used = 0;
        long cap = 0;
        for (int l = 0; l < shipmentsByLocation.length; l++)
        {
            if (network.dailyCapacity(l) >= 0)
            {
                used += shipmentsByLocation[l];
                cap += network.dailyCapacity(l);
            }
        }
        return cap == 0 ? 0 : (double)used / cap;
    }

    /**
     * @return capacity-limited locations that used all of their capacity.
     */
    public int locationsAtCapacity(final Network network)
    {
        int n = 0;
        for (int l = 0; l < shipmentsByLocation.length; l++)
        {
            n += network.dailyCapacity(l) >= 0 && shipmentsByLocation[l] >= network.dailyCapacity(l) ? 1 : 0;
        }
        return n;
    }
}
