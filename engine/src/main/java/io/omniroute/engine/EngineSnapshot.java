package io.omniroute.engine;

import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The engine's whole state as bytes, and back: stock, capacity, order and hold books, backorders, demand, published
 * availability, KPIs, the sequence, clock and day. Deterministic: the same history gives the same bytes, so a hash
 * of them is the engine's state hash. The file format around it (header, checksum) belongs to the journal module.
 */
public final class EngineSnapshot
{
    /** Version of this body layout; bump when it changes. */
    public static final int BODY_VERSION = 1;

    private EngineSnapshot()
    {
    }

    public static void write(final Engine e, final OutputStream os) throws IOException
    {
        final DataOutputStream out = new DataOutputStream(os);
        out.writeInt(BODY_VERSION);
        out.writeInt(e.network.skuCount());
        out.writeInt(e.network.locationCount());
        out.writeLong(e.seq);
        out.writeLong(e.clockMs());
        out.writeLong(e.day);
        writeStock(out, e.stock);
        writeBuffer(out, e.capacity.buffer(), e.network.locationCount() * 4);
        e.orders.writeTo(out);
        e.holds.writeTo(out);
        e.lifecycle.writeTo(out);
        e.feed.writeTo(out);
        writeKpis(e.kpis, out);
        out.flush();
    }

    /**
     * @return an engine over the network with the state read back.
     * @throws IOException when the bytes do not belong to this network or are cut short.
     */
    public static Engine read(final Network network, final InputStream is) throws IOException
    {
        final DataInputStream in = new DataInputStream(is);
        final int version = in.readInt();
        if (version != BODY_VERSION)
        {
            throw new IOException("snapshot body version " + version + ", this engine reads " + BODY_VERSION);
        }
        final int skus = in.readInt();
        final int locations = in.readInt();
        if (skus != network.skuCount() || locations != network.locationCount())
        {
            throw new IOException("snapshot is of a network with " + skus + " SKUs and " + locations +
                " locations, not this one (" + network.skuCount() + ", " + network.locationCount() + ")");
        }
        final Engine e = new Engine(network);
        final long seq = in.readLong();
        final long clock = in.readLong();
        final long day = in.readLong();
        e.restoreClock(seq, clock, day);
        readStock(in, e.stock);
        e.stock.rebuildDerived();
        readBuffer(in, e.capacity.buffer(), locations * 4);
        e.capacity.rebuildDerived();
        e.orders.readFrom(in);
        e.holds.readFrom(in);
        e.lifecycle.readFrom(in);
        e.feed.readFrom(in);
        readKpis(e.kpis, in);
        e.rebuildHoldIndexes();
        return e;
    }

    public static byte[] toBytes(final Engine e)
    {
        return writeInMemory(e, new ByteArrayOutputStream(1 << 16)).toByteArray();
    }

    /**
     * @return a 64-bit hash of the engine's whole state (FNV-1a over the snapshot body, then mixed).
     */
    public static long stateHash(final Engine e)
    {
        return writeInMemory(e, new StateHasher()).hash();
    }

    /** {@link #write} to a stream that cannot fail. */
    private static <T extends OutputStream> T writeInMemory(final Engine e, final T os)
    {
        try
        {
            write(e, os);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return os;
    }

    /**
     * @return about the bytes {@link #write} will write now (the stock and capacity, the books' live records, a
     * margin for the rest), to size its buffer once.
     */
    public static long estimateBytes(final Engine e)
    {
        return e.stock.lengthBytes() + 4L * e.network.locationCount() + e.orders.liveBytes() +
            e.holds.liveBytes() + 4L * (e.orders.count() + e.holds.count()) + 64L * e.network.skuCount() + (1 << 20);
    }

    /**
     * {@link #hash} over the bytes written, without keeping them: a state of a GB is not copied to hash it, and a body
     * held in chunks is hashed chunk after chunk.
     */
    public static final class StateHasher extends OutputStream
    {
        private long h = 0xcbf29ce484222325L;

        @Override
        public void write(final int b)
        {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }

        @Override
        public void write(final byte[] bytes, final int off, final int len)
        {
            long x = h;
            for (int i = off, end = off + len; i < end; i++)
            {
                x ^= bytes[i] & 0xFF;
                x *= 0x100000001b3L;
            }
            h = x;
        }

        /**
         * @return the state hash of the bytes written so far.
         */
        public long hash()
        {
            long x = h;
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            return x;
        }
    }

    public static long hash(final byte[] bytes)
    {
        return hash(bytes, bytes.length);
    }

    /**
     * @return {@link #hash} of the array's first {@code length} bytes.
     */
    public static long hash(final byte[] bytes, final int length)
    {
        final StateHasher h = new StateHasher();
        h.write(bytes, 0, length);
        return h.hash();
    }

    /** Chunk of a buffer copied at a time: a state of a GB is not copied twice on the heap. */
    private static final int CHUNK = 1 << 16;

    private static void writeBuffer(final DataOutput out, final DirectBuffer buffer, final int length)
        throws IOException
    {
        out.writeInt(length);
        final byte[] chunk = new byte[Math.min(CHUNK, length)];
        for (int off = 0; off < length; off += chunk.length)
        {
            final int n = Math.min(chunk.length, length - off);
            buffer.getBytes(off, chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /**
     * The stock records: their length as an int, as every buffer's, then the bytes. A length past an int (more than
     * 89 M positions) is written as -1 followed by the length as a long, so every smaller state keeps its bytes, and
     * its state hash, as before.
     */
    private static void writeStock(final DataOutput out, final StockStore stock) throws IOException
    {
        final long length = stock.lengthBytes();
        writeLength(out, length, length > Integer.MAX_VALUE);
        stock.writeRecords(out, new byte[(int)Math.min(CHUNK, Math.max(1, length))]);
    }

    private static void readStock(final DataInput in, final StockStore stock) throws IOException
    {
        final int n = in.readInt();
        final long length = n == LONG_LENGTH ? in.readLong() : n;
        if (length != stock.lengthBytes())
        {
            throw new IOException("snapshot stock of " + length + " bytes, expected " + stock.lengthBytes());
        }
        stock.readRecords(in, new byte[(int)Math.min(CHUNK, Math.max(1, length))]);
    }

    /** The int length that says a long length follows (a section past 2 GiB: the stock, an order book). */
    static final int LONG_LENGTH = -1;

    /**
     * Writes a section's length as an int, or, {@code wide}, as {@link #LONG_LENGTH} followed by the length as a long.
     */
    static void writeLength(final DataOutput out, final long length, final boolean wide) throws IOException
    {
        if (wide)
        {
            out.writeInt(LONG_LENGTH);
            out.writeLong(length);
        }
        else
        {
            out.writeInt((int)length);
        }
    }

    private static void readBuffer(final DataInput in, final org.agrona.MutableDirectBuffer buffer, final int length)
        throws IOException
    {
        final int n = in.readInt();
        if (n != length)
        {
            throw new IOException("snapshot buffer of " + n + " bytes, expected " + length);
        }
        final byte[] chunk = new byte[Math.min(CHUNK, n)];
        for (int off = 0; off < n; off += chunk.length)
        {
            final int len = Math.min(chunk.length, n - off);
            in.readFully(chunk, 0, len);
            buffer.putBytes(off, chunk, 0, len);
        }
    }

    private static long[] counters(final Kpis k)
    {
        return new long[]{
            k.commands, k.orders, k.ordersAllocated, k.ordersResubmitted, k.splitOrders, k.shipmentsPlanned,
            k.totalCostCents, k.zoneSum, k.sameDayOrders, k.unitsOrdered, k.unitsAllocated, k.cancels,
            k.shipmentsShipped, k.quotes, k.holds, k.holdsConverted, k.holdsReleased, k.holdsExpired, k.pickShorts,
            k.unitsShort, k.backorderedUnits, k.backordersFilledUnits, k.reroutes, k.returns, k.unitsReturned,
            k.unitsReturnedResellable };
    }

    private static void writeKpis(final Kpis k, final DataOutput out) throws IOException
    {
        final long[] c = counters(k);
        out.writeInt(c.length);
        for (final long v : c)
        {
            out.writeLong(v);
        }
        out.writeInt(k.rejectsByReason.length);
        for (final long v : k.rejectsByReason)
        {
            out.writeLong(v);
        }
        out.writeInt(k.shipmentsByLocation.length);
        for (final long v : k.shipmentsByLocation)
        {
            out.writeLong(v);
        }
        out.writeInt(k.returnsByReason.size());
        for (final Map.Entry<String, long[]> e : k.returnsByReason.entrySet())
        {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue()[0]);
        }
    }

    private static void readKpis(final Kpis k, final DataInput in) throws IOException
    {
        final long[] c = new long[in.readInt()];
        for (int i = 0; i < c.length; i++)
        {
            c[i] = in.readLong();
        }
        int i = 0;
        k.commands = c[i++];
        k.orders = c[i++];
        k.ordersAllocated = c[i++];
        k.ordersResubmitted = c[i++];
        k.splitOrders = c[i++];
        k.shipmentsPlanned = c[i++];
        k.totalCostCents = c[i++];
        k.zoneSum = c[i++];
        k.sameDayOrders = c[i++];
        k.unitsOrdered = c[i++];
        k.unitsAllocated = c[i++];
        k.cancels = c[i++];
        k.shipmentsShipped = c[i++];
        k.quotes = c[i++];
        k.holds = c[i++];
        k.holdsConverted = c[i++];
        k.holdsReleased = c[i++];
        k.holdsExpired = c[i++];
        k.pickShorts = c[i++];
        k.unitsShort = c[i++];
        k.backorderedUnits = c[i++];
        k.backordersFilledUnits = c[i++];
        k.reroutes = c[i++];
        k.returns = c[i++];
        k.unitsReturned = c[i++];
        k.unitsReturnedResellable = c[i];
        final int reasons = in.readInt();
        for (int r = 0; r < reasons; r++)
        {
            k.rejectsByReason[r] = in.readLong();
        }
        final int locs = in.readInt();
        for (int l = 0; l < locs; l++)
        {
            k.shipmentsByLocation[l] = in.readLong();
        }
        final int n = in.readInt();
        k.returnsByReason.clear();
        for (int r = 0; r < n; r++)
        {
            k.returnsByReason.put(in.readUTF(), new long[]{ in.readLong() });
        }
    }
}
