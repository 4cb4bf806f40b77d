package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Stock positions (on hand, reserved, safety stock) for every (SKU, location), as fixed-width records in one
 * off-heap buffer indexed by {@code sku * locationCount + location}. Owned by the engine thread.
 * <p>
 * Beside the records, derived from them on every change: the available-to-promise of each position (8 bytes, so the
 * router reads one SKU's availability across locations from a few cache lines) and, per SKU, a bitset of the
 * locations where it is available. Snapshots and the state hash cover the records only; {@link #rebuildDerived()}
 * recomputes the rest after the records are loaded.
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
    private final UnsafeBuffer available;
    private final UnsafeBuffer availableBits;
    private final int wordsPerSku;

    public StockStore(final int skuCount, final int locationCount)
    {
        this.skuCount = skuCount;
        this.locationCount = locationCount;
        final int length = Math.max(RECORD_LENGTH, skuCount * locationCount * RECORD_LENGTH);
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(length), 64));
        this.available = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(align(Math.max(8, skuCount * locationCount * 8)), 64));
        this.wordsPerSku = wordsFor(locationCount);
        this.availableBits = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(align(Math.max(8, skuCount * wordsPerSku * 8)), 64));
    }

    /**
     * @return the number of 64-bit words of a bitset over this many locations.
     */
    public static int wordsFor(final int locationCount)
    {
        return (locationCount + 63) >>> 6;
    }

    /**
     * @return word w of the bitset of locations where the SKU has available-to-promise above zero.
     */
    public long availableWord(final int sku, final int w)
    {
        return availableBits.getLong((sku * wordsPerSku + w) << 3);
    }

    /**
     * Recomputes the derived availability of every position from the records (after a snapshot is loaded).
     */
    public void rebuildDerived()
    {
        for (int sku = 0; sku < skuCount; sku++)
        {
            for (int loc = 0; loc < locationCount; loc++)
            {
                refresh(sku, loc);
            }
        }
    }

    private void refresh(final int sku, final int loc)
    {
        final int o = offset(sku, loc);
        final long raw = buffer.getLong(o + ON_HAND_OFFSET) - buffer.getLong(o + RESERVED_OFFSET) -
            buffer.getLong(o + SAFETY_OFFSET);
        final long atp = raw > 0 ? raw : 0;
        available.putLong(availableOffset(sku, loc), atp);
        final int word = (sku * wordsPerSku + (loc >>> 6)) << 3;
        final long bit = 1L << loc;
        final long bits = availableBits.getLong(word);
        availableBits.putLong(word, atp > 0 ? bits | bit : bits & ~bit);
    }

    private static int align(final int length)
    {
        return (length + 63) & ~63;
    }

    private int offset(final int sku, final int loc)
    {
        return (sku * locationCount + loc) * RECORD_LENGTH;
    }

    private int availableOffset(final int sku, final int loc)
    {
        return (sku * locationCount + loc) << 3;
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
        return available.getLong(availableOffset(sku, loc));
    }

    public void setOnHand(final int sku, final int loc, final long value)
    {
        buffer.putLong(offset(sku, loc) + ON_HAND_OFFSET, value);
        refresh(sku, loc);
    }

    public void setSafetyStock(final int sku, final int loc, final long value)
    {
        buffer.putLong(offset(sku, loc) + SAFETY_OFFSET, value);
        refresh(sku, loc);
    }

    public void addOnHand(final int sku, final int loc, final long delta)
    {
        final int o = offset(sku, loc) + ON_HAND_OFFSET;
        buffer.putLong(o, buffer.getLong(o) + delta);
        refresh(sku, loc);
    }

    public void addReserved(final int sku, final int loc, final long delta)
    {
        final int o = offset(sku, loc) + RESERVED_OFFSET;
        buffer.putLong(o, buffer.getLong(o) + delta);
        refresh(sku, loc);
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
