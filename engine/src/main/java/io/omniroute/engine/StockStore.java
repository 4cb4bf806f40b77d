package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Stock positions (on hand, reserved, safety stock) for every (SKU, location), as fixed-width records in off-heap
 * buffers indexed by the position {@code sku * locationCount + location}. Owned by the engine thread.
 * <p>
 * Beside the records, derived from them on every change: the available-to-promise of each position (8 bytes, so the
 * router reads one SKU's availability across locations from a few cache lines) and, per SKU, a bitset of the
 * locations where it is available. Snapshots and the state hash cover the records only; {@link #rebuildDerived()}
 * recomputes the rest after the records are loaded.
 * <p>
 * A buffer holds at most 2 GiB, so the positions are kept in pages of 2^25 (768 MiB of records, 256 MiB of
 * available-to-promise each): a network of up to 2^31 positions (100,000 SKUs × 1,000 stores is 10^8) fits, and one
 * of fewer than 33.5 M positions has a single page. A position's page is its high bits, so finding it is a shift.
 */
public final class StockStore
{
    private static final int ON_HAND_OFFSET = 0;
    private static final int RESERVED_OFFSET = 8;
    private static final int SAFETY_OFFSET = 16;
    public static final int RECORD_LENGTH = 24;
    /** log2 of the positions a page holds. */
    static final int PAGE_BITS = 25;
    /** Test hook: a smaller page (system property, log2 of positions per page) so small networks span pages. */
    static final String PAGE_BITS_PROP = "omniroute.stock.page.bits";
    /** The most positions a store holds: positions are ints. */
    public static final long MAX_POSITIONS = Integer.MAX_VALUE;

    private final int locationCount;
    private final int skuCount;
    private final long positions;
    private final int pageBits;
    private final int pageMask;
    private final UnsafeBuffer[] recordPages;
    private final UnsafeBuffer[] availablePages;
    private final UnsafeBuffer availableBits;
    private final int wordsPerSku;

    public StockStore(final int skuCount, final int locationCount)
    {
        this.skuCount = skuCount;
        this.locationCount = locationCount;
        this.positions = (long)skuCount * locationCount;
        if (positions > MAX_POSITIONS || bitsetBytes(skuCount, locationCount) > MAX_BITSET_BYTES)
        {
            throw new IllegalArgumentException("too many stock positions for one store (positions are ints, the " +
                "availability bitsets one buffer): " + skuCount + " × " + locationCount);
        }
        this.pageBits = Math.max(1, Math.min(PAGE_BITS, Integer.getInteger(PAGE_BITS_PROP, PAGE_BITS)));
        this.pageMask = (1 << pageBits) - 1;
        final int pages = (int)Math.max(1, (positions + pageMask) >>> pageBits);
        recordPages = new UnsafeBuffer[pages];
        availablePages = new UnsafeBuffer[pages];
        for (int p = 0; p < pages; p++)
        {
            final long inPage = Math.max(1, Math.min(1L << pageBits, positions - ((long)p << pageBits)));
            recordPages[p] = new UnsafeBuffer(
                BufferUtil.allocateDirectAligned(align((int)(inPage * RECORD_LENGTH)), 64));
            availablePages[p] = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align((int)(inPage * 8)), 64));
        }
        this.wordsPerSku = wordsFor(locationCount);
        this.availableBits = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(align((int)Math.max(8, bitsetBytes(skuCount, locationCount))), 64));
    }

    /** The most bytes the availability bitsets take: they are one buffer. */
    public static final long MAX_BITSET_BYTES = Integer.MAX_VALUE - 64;

    /**
     * @return the bytes of the SKUs' availability bitsets (a word of 64 locations per SKU).
     */
    public static long bitsetBytes(final long skuCount, final long locationCount)
    {
        return skuCount * ((locationCount + 63) >>> 6) * 8;
    }

    /**
     * @return the off-heap bytes of a store of this size: each position's record and available-to-promise, and the
     * availability bitsets.
     */
    public static long offHeapBytes(final long skuCount, final long locationCount)
    {
        return skuCount * locationCount * BYTES_PER_POSITION + bitsetBytes(skuCount, locationCount);
    }

    /** Off-heap bytes of a position: its record and its available-to-promise. */
    public static final int BYTES_PER_POSITION = RECORD_LENGTH + 8;

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
        final int position = sku * locationCount + loc;
        final UnsafeBuffer records = recordPages[position >>> pageBits];
        final int o = (position & pageMask) * RECORD_LENGTH;
        final long raw = records.getLong(o + ON_HAND_OFFSET) - records.getLong(o + RESERVED_OFFSET) -
            records.getLong(o + SAFETY_OFFSET);
        final long atp = raw > 0 ? raw : 0;
        availablePages[position >>> pageBits].putLong((position & pageMask) << 3, atp);
        final int word = (sku * wordsPerSku + (loc >>> 6)) << 3;
        final long bit = 1L << loc;
        final long bits = availableBits.getLong(word);
        availableBits.putLong(word, atp > 0 ? bits | bit : bits & ~bit);
    }

    private static int align(final int length)
    {
        return (length + 63) & ~63;
    }

    private UnsafeBuffer records(final int sku, final int loc)
    {
        return recordPages[(sku * locationCount + loc) >>> pageBits];
    }

    private int offset(final int sku, final int loc)
    {
        return ((sku * locationCount + loc) & pageMask) * RECORD_LENGTH;
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
        return records(sku, loc).getLong(offset(sku, loc) + ON_HAND_OFFSET);
    }

    public long reserved(final int sku, final int loc)
    {
        return records(sku, loc).getLong(offset(sku, loc) + RESERVED_OFFSET);
    }

    public long safetyStock(final int sku, final int loc)
    {
        return records(sku, loc).getLong(offset(sku, loc) + SAFETY_OFFSET);
    }

    /**
     * Available to promise: max(0, on_hand - reserved - safety_stock).
     */
    public long atp(final int sku, final int loc)
    {
        final int position = sku * locationCount + loc;
        return availablePages[position >>> pageBits].getLong((position & pageMask) << 3);
    }

    public void setOnHand(final int sku, final int loc, final long value)
    {
        records(sku, loc).putLong(offset(sku, loc) + ON_HAND_OFFSET, value);
        refresh(sku, loc);
    }

    public void setSafetyStock(final int sku, final int loc, final long value)
    {
        records(sku, loc).putLong(offset(sku, loc) + SAFETY_OFFSET, value);
        refresh(sku, loc);
    }

    public void addOnHand(final int sku, final int loc, final long delta)
    {
        final UnsafeBuffer records = records(sku, loc);
        final int o = offset(sku, loc) + ON_HAND_OFFSET;
        records.putLong(o, records.getLong(o) + delta);
        refresh(sku, loc);
    }

    public void addReserved(final int sku, final int loc, final long delta)
    {
        final UnsafeBuffer records = records(sku, loc);
        final int o = offset(sku, loc) + RESERVED_OFFSET;
        records.putLong(o, records.getLong(o) + delta);
        refresh(sku, loc);
    }

    /**
     * @return the bytes of the records, {@code positions × 24}: what snapshots and the state hash cover.
     */
    public long lengthBytes()
    {
        return positions * RECORD_LENGTH;
    }

    /**
     * Writes the records' bytes, position after position, {@code chunk.length} at a time (a state of a GB is not
     * copied whole).
     */
    public void writeRecords(final DataOutput out, final byte[] chunk) throws IOException
    {
        forEachRange(chunk, (page, off, n) ->
        {
            page.getBytes(off, chunk, 0, n);
            out.write(chunk, 0, n);
        });
    }

    /**
     * Reads the records' bytes as {@link #writeRecords} wrote them; call {@link #rebuildDerived} after.
     */
    public void readRecords(final DataInput in, final byte[] chunk) throws IOException
    {
        forEachRange(chunk, (page, off, n) ->
        {
            in.readFully(chunk, 0, n);
            page.putBytes(off, chunk, 0, n);
        });
    }

    /** A range of a records page: {@code n} bytes from {@code off}. */
    @FunctionalInterface
    private interface PageRange
    {
        void apply(UnsafeBuffer page, int off, int n) throws IOException;
    }

    /** The records in position order, in ranges of at most {@code chunk.length} bytes. */
    private void forEachRange(final byte[] chunk, final PageRange range) throws IOException
    {
        if (chunk.length == 0)
        {
            throw new IllegalArgumentException("an empty chunk");
        }
        for (int p = 0; p < recordPages.length; p++)
        {
            final int length = pageRecordBytes(p);
            for (int off = 0; off < length; off += chunk.length)
            {
                range.apply(recordPages[p], off, Math.min(chunk.length, length - off));
            }
        }
    }

    private int pageRecordBytes(final int page)
    {
        return (int)(Math.min(1L << pageBits, positions - ((long)page << pageBits)) * RECORD_LENGTH);
    }
}
