package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * KPIs readable live from other threads without locking the engine: the engine thread copies its counters into
 * fixed slots of an off-heap buffer with ordered writes at the end of each batch; readers (the metrics endpoint)
 * read them with volatile reads. A reader may see one batch's counters partly updated, never a torn value.
 */
public final class LiveKpis
{
    /** Fixed counter slots. */
    public enum Counter
    {
        COMMANDS, ORDERS, ORDERS_ALLOCATED, SPLIT_ORDERS, SHIPMENTS_PLANNED, TOTAL_COST_CENTS, ZONE_SUM,
        SAME_DAY_ORDERS, SHIPMENTS_SHIPPED, CANCELS, QUOTES, HOLDS, HOLDS_CONVERTED, HOLDS_EXPIRED, HOLDS_RELEASED,
        PICK_SHORTS, BACKORDERED_UNITS, RETURNS, UNITS_RETURNED, REJECTS, LAST_SEQ,
        /** The order book: bytes of its live records, of dead copies awaiting compaction, compactions, archived. */
        ORDER_BOOK_LIVE_BYTES, ORDER_BOOK_DEAD_BYTES, ORDER_BOOK_COMPACTIONS, ORDERS_ARCHIVED,
        HOLD_BOOK_LIVE_BYTES, BOOK_MAX_BYTES,
        /**
         * Snapshots (written by the journal's side of the engine thread, {@link #publishSnapshot}): taken, skipped
         * (the heap could not hold a copy), and the last copy's length and time (the engine thread's pause).
         */
        SNAPSHOTS_TAKEN, SNAPSHOTS_SKIPPED, SNAPSHOT_LAST_BYTES, SNAPSHOT_LAST_COPY_NANOS
    }

    private static final int SLOT = 8;
    private final int locations;
    private final int reasonBase;
    private final int locationBase;
    private final AtomicBuffer buffer;

    public LiveKpis(final int locationCount)
    {
        this.locations = locationCount;
        this.reasonBase = Counter.values().length * SLOT;
        this.locationBase = reasonBase + Reason.values().length * SLOT;
        final int length = locationBase + 2 * locationCount * SLOT;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, (length + 63) & ~63), 64));
    }

    /**
     * Engine thread: publishes the current KPIs.
     */
    public void publish(final Kpis k, final CapacityStore capacity, final OrderBook orders, final OrderBook holds,
        final long maxBookBytes, final long lastSeq)
    {
        put(Counter.ORDER_BOOK_LIVE_BYTES, orders.liveBytes());
        put(Counter.HOLD_BOOK_LIVE_BYTES, holds.liveBytes());
        put(Counter.BOOK_MAX_BYTES, maxBookBytes);
        put(Counter.ORDER_BOOK_DEAD_BYTES, orders.deadBytes());
        put(Counter.ORDER_BOOK_COMPACTIONS, orders.compactions());
        put(Counter.ORDERS_ARCHIVED, orders.archivedCount());
        put(Counter.COMMANDS, k.commands);
        put(Counter.ORDERS, k.orders);
        put(Counter.ORDERS_ALLOCATED, k.ordersAllocated);
        put(Counter.SPLIT_ORDERS, k.splitOrders);
        put(Counter.SHIPMENTS_PLANNED, k.shipmentsPlanned);
        put(Counter.TOTAL_COST_CENTS, k.totalCostCents);
        put(Counter.ZONE_SUM, k.zoneSum);
        put(Counter.SAME_DAY_ORDERS, k.sameDayOrders);
        put(Counter.SHIPMENTS_SHIPPED, k.shipmentsShipped);
        put(Counter.CANCELS, k.cancels);
        put(Counter.QUOTES, k.quotes);
        put(Counter.HOLDS, k.holds);
        put(Counter.HOLDS_CONVERTED, k.holdsConverted);
        put(Counter.HOLDS_EXPIRED, k.holdsExpired);
        put(Counter.HOLDS_RELEASED, k.holdsReleased);
        put(Counter.PICK_SHORTS, k.pickShorts);
        put(Counter.BACKORDERED_UNITS, k.backorderedUnits);
        put(Counter.RETURNS, k.returns);
        put(Counter.UNITS_RETURNED, k.unitsReturned);
        put(Counter.REJECTS, k.rejects());
        put(Counter.LAST_SEQ, lastSeq);
        for (int r = 0; r < k.rejectsByReason.length; r++)
        {
            buffer.putLongOrdered(reasonBase + r * SLOT, k.rejectsByReason[r]);
        }
        for (int l = 0; l < locations; l++)
        {
            buffer.putLongOrdered(locationBase + l * 2 * SLOT, k.shipmentsByLocation[l]);
            buffer.putLongOrdered(locationBase + (l * 2 + 1) * SLOT, capacity.used(l));
        }
    }

    /**
     * Engine thread: publishes the snapshot counters after a copy of the state was taken or skipped.
     */
    public void publishSnapshot(final long taken, final long skipped, final long lastBytes, final long lastCopyNanos)
    {
        put(Counter.SNAPSHOTS_TAKEN, taken);
        put(Counter.SNAPSHOTS_SKIPPED, skipped);
        put(Counter.SNAPSHOT_LAST_BYTES, lastBytes);
        put(Counter.SNAPSHOT_LAST_COPY_NANOS, lastCopyNanos);
    }

    private void put(final Counter c, final long value)
    {
        buffer.putLongOrdered(c.ordinal() * SLOT, value);
    }

    public long get(final Counter c)
    {
        return buffer.getLongVolatile(c.ordinal() * SLOT);
    }

    public long rejects(final Reason reason)
    {
        return buffer.getLongVolatile(reasonBase + reason.ordinal() * SLOT);
    }

    public long shipmentsByLocation(final int loc)
    {
        return buffer.getLongVolatile(locationBase + loc * 2 * SLOT);
    }

    public long capacityUsedToday(final int loc)
    {
        return buffer.getLongVolatile(locationBase + (loc * 2 + 1) * SLOT);
    }

    public int locationCount()
    {
        return locations;
    }
}
