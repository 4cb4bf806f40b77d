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
