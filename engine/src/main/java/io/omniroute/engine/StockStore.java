package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Stock positions (on hand, reserved, safety stock) for every (SKU, location), as fixed-width records in one
 * off-heap buffer indexed by {@code sku * locationCount + location}. Owned by the engine thread.
 */
public final class StockStore
{
    private static final int ON_HAND_OFFSET = 0;
    private static final int RESERVED_OFFSET = 8;
    private static final int SAFETY_OFFSET = 16;
    public static final int RECORD_LENGTH = 24;

    private final int locationCount;
    private final int skuCount;
    private final UnsafeBuffer buffer;

    public StockStore(final int skuCount, final int locationCount)
    {
        this.skuCount = skuCount;
        this.locationCount = locationCount;
        final int length = Math.max(RECORD_LENGTH, skuCount * locationCount * RECORD_LENGTH);
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(length), 64));
    }

    private static int align(final int length)
    {
        return (length + 63) & ~63;
    }

    private int offset(final int sku, final int loc)
    {
        return (sku * locationCount + loc) * RECORD_LENGTH;
    }

    public int skuCount()
    {
        return skuCount;
    }

    public int locationCount()
    {
        return locationCount;
    }

    public long onHand(final int sku, final int loc)
    {
        return buffer.getLong(offset(sku, loc) + ON_HAND_OFFSET);
    }

    public long reserved(final int sku, final int loc)
    {
        return buffer.getLong(offset(sku, loc) + RESERVED_OFFSET);
    }

    public long safetyStock(final int sku, final int loc)
    {
        return buffer.getLong(offset(sku, loc) + SAFETY_OFFSET);
    }

    /**
     * Available to promise: max(0, on_hand - reserved - safety_stock).
     */
    public long atp(final int sku, final int loc)
    {
        final int o = offset(sku, loc);
        final long atp = buffer.getLong(o + ON_HAND_OFFSET) - buffer.getLong(o + RESERVED_OFFSET) -
            buffer.getLong(o + SAFETY_OFFSET);
        return atp > 0 ? atp : 0;
    }

    public void setOnHand(final int sku, final int loc, final long value)
    {
        buffer.putLong(offset(sku, loc) + ON_HAND_OFFSET, value);
    }

    public void setSafetyStock(final int sku, final int loc, final long value)
    {
        buffer.putLong(offset(sku, loc) + SAFETY_OFFSET, value);
    }

    public void addOnHand(final int sku, final int loc, final long delta)
    {
        final int o = offset(sku, loc) + ON_HAND_OFFSET;
        buffer.putLong(o, buffer.getLong(o) + delta);
    }

    public void addReserved(final int sku, final int loc, final long delta)
    {
        final int o = offset(sku, loc) + RESERVED_OFFSET;
        buffer.putLong(o, buffer.getLong(o) + delta);
    }

    /**
     * @return the raw buffer, for snapshots and state hashing.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int lengthBytes()
    {
        return skuCount * locationCount * RECORD_LENGTH;
    }
}
