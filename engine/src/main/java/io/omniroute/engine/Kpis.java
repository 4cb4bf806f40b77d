package io.omniroute.engine;

/**
 * Running KPIs of SPEC §3, updated by the engine thread as it decides. Plain fields: readers on other threads read
 * a copy published with the result batches (see the pipeline), never these directly while the engine runs.
 */
public final class Kpis
{
    public long commands;
    public long orders;
    public long ordersAllocated;
    public long ordersResubmitted;
    public long splitOrders;
    public long shipmentsPlanned;
    public long totalCostCents;
    public long zoneSum;
    public long sameDayOrders;
    public long unitsOrdered;
    public long unitsAllocated;
    public long cancels;
    public long shipmentsShipped;
    public final long[] rejectsByReason = new long[Reason.values().length];
    public long[] shipmentsByLocation;
    public long quotes;
    public long holds;
    public long holdsConverted;
    public long holdsReleased;
    public long holdsExpired;
    public long pickShorts;
    public long unitsShort;
    public long backorderedUnits;
    public long backordersFilledUnits;
    public long reroutes;
    public long returns;
    public long unitsReturned;
    public long unitsReturnedResellable;
    /** Units returned by reason, in name order (a reason string is interned on first sight). */
    public final java.util.TreeMap<String, long[]> returnsByReason = new java.util.TreeMap<>();

    public double holdConversionRate()
    {
        final long ended = holdsConverted + holdsReleased + holdsExpired;
        return ended == 0 ? 0 : (double)holdsConverted / ended;
    }

    public Kpis(final int locationCount)
    {
        shipmentsByLocation = new long[locationCount];
    }

    public double fillRate()
    {
        return orders == 0 ? 0 : (double)ordersAllocated / orders;
    }

    public double splitRate()
    {
        return ordersAllocated == 0 ? 0 : (double)splitOrders / ordersAllocated;
    }

    public double averageCostCents()
    {
        return ordersAllocated == 0 ? 0 : (double)totalCostCents / ordersAllocated;
    }

    public double averageZone()
    {
        return shipmentsPlanned == 0 ? 0 : (double)zoneSum / shipmentsPlanned;
    }

    public double sameDayShare()
    {
        return ordersAllocated == 0 ? 0 : (double)sameDayOrders / ordersAllocated;
    }

    public long rejects()
    {
        long sum = 0;
        for (final long r : rejectsByReason)
        {
            sum += r;
        }
        return sum;
    }
}
