package io.omniroute.engine.sim;

import io.omniroute.engine.Kpis;
import io.omniroute.engine.Network;
import io.omniroute.engine.Reason;

import java.util.Locale;

/**
 * Formats the engine's KPIs as the human-readable summary printed at the end of a run.
 */
public final class KpiReport
{
    private KpiReport()
    {
    }

    /**
     * @return the decision latency percentiles (engine thread, wall clock measured around each command).
     */
    public static String latency(final org.HdrHistogram.Histogram h)
    {
        if (h == null || h.getTotalCount() == 0)
        {
            return "";
        }
        return String.format(Locale.ROOT, "decision latency  p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us%n",
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
            h.getMaxValue() / 1e3);
    }

    public static String format(final Kpis k, final Network network, final long commands, final long elapsedNs)
    {
        final StringBuilder sb = new StringBuilder(1024);
        final double seconds = elapsedNs / 1e9;
        sb.append(String.format(Locale.ROOT, "commands          %,d in %.2f s (%,.0f commands/s)%n",
            commands, seconds, seconds > 0 ? commands / seconds : 0.0));
        sb.append(String.format(Locale.ROOT, "orders            %,d (allocated %,d, resubmits %,d)%n",
            k.orders, k.ordersAllocated, k.ordersResubmitted));
        sb.append(String.format(Locale.ROOT, "fill rate         %.2f %%%n", 100 * k.fillRate()));
        sb.append(String.format(Locale.ROOT, "split rate        %.2f %% of allocated orders ship in >1 shipment%n",
            100 * k.splitRate()));
        sb.append(String.format(Locale.ROOT, "avg cost          %.2f USD per allocated order%n",
            k.averageCostCents() / 100));
        sb.append(String.format(Locale.ROOT, "avg zone          %.2f%n", k.averageZone()));
        sb.append(String.format(Locale.ROOT, "same-day share    %.2f %%%n", 100 * k.sameDayShare()));
        sb.append(String.format(Locale.ROOT, "shipments         %,d planned, %,d shipped, %,d cancels%n",
            k.shipmentsPlanned, k.shipmentsShipped, k.cancels));
        sb.append(String.format(Locale.ROOT, "rejects           %,d%n", k.rejects()));
        for (final Reason r : Reason.values())
        {
            final long n = k.rejectsByReason[r.ordinal()];
            if (n > 0)
            {
                sb.append(String.format(Locale.ROOT, "  %-24s %,d%n", r.name(), n));
            }
        }
        int busiest = -1;
        for (int l = 0; l < k.shipmentsByLocation.length; l++)
        {
            if (busiest < 0 || k.shipmentsByLocation[l] > k.shipmentsByLocation[busiest])
            {
                busiest = l;
            }
        }
        if (busiest >= 0 && k.shipmentsByLocation[busiest] > 0)
        {
            sb.append(String.format(Locale.ROOT, "busiest location  %s with %,d shipments (daily capacity %s)%n",
                network.locationId(busiest), k.shipmentsByLocation[busiest],
                network.dailyCapacity(busiest) < 0 ? "unlimited" : String.valueOf(network.dailyCapacity(busiest))));
        }
        return sb.toString();
    }
}
