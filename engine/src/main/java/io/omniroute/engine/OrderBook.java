package io.omniroute.engine;

import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Orders (or holds) with their shipments, as variable-length records appended to one off-heap buffer. Each entry
 * has a stable number; an index maps a 64-bit hash of the id to the first number of a collision chain, and
 * {@code recordOf[number]} to the current record. When shipments are added (a re-route) the record is copied with
 * them to the end of the buffer and the number repointed; the old copy is dead space. Once the dead space passes both
 * a floor and the live records' size, {@link #maybeCompact} moves the live records to fresh pages in number order
 * (entry numbers do not change, so nothing outside the book sees it). Snapshots always write the records packed in
 * number order, so the same entries give the same bytes however much dead space the book held.
 * <p>
 * {@link #archiveFinished} forgets finished entries created on or before a day (the policy's retention): the id
 * leaves the index, the record becomes dead space, and the number stays, reading {@link OrderState#ARCHIVED}.
 * Owned by the engine thread.
 * <p>
 * Record: a header of {@link #HEADER_LENGTH} bytes (see the offsets below), the id bytes and canonical content bytes
 * padded to 8, then shipments of {@link #SHIPMENT_LENGTH} bytes, then lines of {@link #LINE_LENGTH} bytes (sku,
 * qty now, qty returned, qty first allocated).
 */
public final class OrderBook
{
    public static final int NOT_FOUND = -1;

    private static final int NEXT_NUMBER = 0;
    private static final int STATE = 4;
    private static final int ID_LENGTH = 8;
    private static final int CONTENT_LENGTH = 12;
    private static final int SHIPMENT_COUNT = 16;
    private static final int LINE_COUNT = 20;
    private static final int TOTAL_COST = 24;
    private static final int SERVICE = 32;
    private static final int CHANNEL = 36;
    private static final int ZIP = 40;
    private static final int MAX_TRANSIT = 44;
    private static final int LAT = 48;
    private static final int LON = 56;
    private static final int SHIP_COMPLETE = 64;
    private static final int FIRST_SHIPMENTS = 68;
    private static final int CREATED_SEQ = 72;
    private static final int EXPIRES_TS = 80;
    private static final int BACKORDERED = 88;
    private static final int TAG = 96;
    private static final int DAY = 104;
    public static final int HEADER_LENGTH = 112;

    private static final int S_LOCATION = 0;
    private static final int S_CARRIER = 4;
    private static final int S_ZONE = 8;
    private static final int S_TRANSIT = 12;
    private static final int S_COST = 16;
    private static final int S_LINE_START = 24;
    private static final int S_LINE_COUNT = 28;
    private static final int S_STATE = 32;
    private static final int S_SERVICE = 36;
    private static final int S_ALLOCATED_SEQ = 40;
    private static final int S_SHIPPED_SEQ = 48;
    public static final int SHIPMENT_LENGTH = 56;

    private static final int L_SKU = 0;
    private static final int L_QTY = 4;
    private static final int L_RETURNED = 8;
    private static final int L_FIRST_QTY = 12;
    public static final int LINE_LENGTH = 16;

    public static final int SHIPMENT_OPEN = 0;
    public static final int SHIPMENT_SHIPPED = 1;
    public static final int SHIPMENT_CANCELLED = 2;

    /** The records: pages that are never moved, so a growing book never stalls for a copy. */
    private PagedBuffer buffer;
    private final int preallocateBytes;
    /** Order id hash → newest entry with that hash (older ones chain through NEXT_NUMBER); grows a shard at a time. */
    private final ShardedIndex index;
    /** The last id {@link #find} hashed, and its hash: adding that id next (a new order) reuses the hash. */
    private String lastFoundId;
    private long lastFoundKey;
    private PagedInts recordOf = new PagedInts();
    private long limit = 8;
    private int count;
    /** Bytes of record copies that a re-route left behind. */
    private long deadBytes;
    /** Whether the records tile {@code [8, limit)} in number order, so the bytes are already a snapshot's. */
    private boolean packed = true;
    private long compactMinDeadBytes = 64L << 20;
    private int compactDeadPercent = 100;
    private long compactions;
    /**
     * A record's address is kept per entry as address / 8 in an int (records are 8-byte aligned), so the book holds
     * at most 16 GiB including dead copies: once it passes this mark the dead copies are compacted away whatever
     * their share (the engine keeps the live records well below it, see {@code order_book_max_mib}).
     */
    static final long COMPACT_ADDRESS_AT = 14L << 30;
    /** The highest record end the addresses allow (a page short of 16 GiB). */
    private static final long MAX_ADDRESS = (16L << 30) - (1 << 20);

    /**
     * @return the address of an entry's record ({@link #ARCHIVED_RECORD} for an archived entry).
     */
    private long record(final int no)
    {
        return (long)recordOf.get(no) << 3;
    }

    private void setRecord(final int no, final long rec)
    {
        recordOf.set(no, (int)(rec >>> 3));
    }

    /** recordOf value of an archived entry (records start at 8). */
    private static final int ARCHIVED_RECORD = 0;
    private int archived;
    // entries below the cursor were looked at by archiveFinished; those that were still open wait in the list
    private int archiveCursor;
    private int[] archiveLater = new int[16];
    private int archiveLaterCount;
    // the shipments by the location they ship from (or, with lineKeyStride set, each shipment line by (SKU,
    // location): key sku * stride + location), newest first, as linked entries of order number, shipment and line,
    // so that a count looks only at what is reserved where it counts. Entries whose shipment or entry is finished
    // are unlinked by the scan that meets them (finished is final), so a list holds what is open plus what finished
    // since the last scan. Derived: rebuilt after a snapshot load.
    private int lineKeyStride;
    private int[] atHead = new int[0];
    private final PagedInts atOrder = new PagedInts();
    private final PagedInts atShipment = new PagedInts();
    private final PagedInts atLine = new PagedInts();
    private final PagedInts atNext = new PagedInts();
    private int atCount;

    /**
     * @param pageBits        log2 of the record pages' size (e.g. 20: 1 MiB pages).
     * @param preallocateBytes record bytes whose pages are allocated now (zeroed up front rather than on the order
     *                        path).
     */
    public OrderBook(final int pageBits, final int expectedEntries, final int preallocateBytes)
    {
        buffer = new PagedBuffer(pageBits);
        this.preallocateBytes = Math.max(8, preallocateBytes);
        buffer.checkLimit(this.preallocateBytes);
        index = new ShardedIndex(expectedEntries, NOT_FOUND);
    }

    /**
     * Grows into pages from a reserve (zeroed ahead by another thread) from now on; null allocates them on the
     * calling thread.
     */
    public void pagesFrom(final PageReserve reserve)
    {
        buffer.pagesFrom(reserve);
    }

    /**
     * @return the reserve the book takes its pages from, or null.
     */
    public PageReserve pageReserve()
    {
        return buffer.pageReserve();
    }

    /**
     * Lists each shipment line under (SKU, location) rather than each shipment under its location; call before the
     * first entry is added.
     *
     * @param locationCount the network's locations (the key is {@code sku * locationCount + location}).
     */
    public void indexLinesBySkuAndLocation(final int locationCount)
    {
        this.lineKeyStride = locationCount;
    }

    /**
     * @return the key of (SKU, location) in a book that lists lines by it, or of a location in one that does not.
     */
    public int key(final int sku, final int loc)
    {
        return lineKeyStride == 0 ? loc : sku * lineKeyStride + loc;
    }

    private void link(final int key, final int no, final int shipment, final int line)
    {
        if (key >= atHead.length)
        {
            final int old = atHead.length;
            atHead = Arrays.copyOf(atHead, Math.max(16, Math.max(key + 1, old * 2)));
            Arrays.fill(atHead, old, atHead.length, -1);
        }
        final int e = atCount++;
        atOrder.set(e, no);
        atShipment.set(e, shipment);
        atLine.set(e, line);
        atNext.set(e, atHead[key]);
        atHead[key] = e;
    }

    /**
     * @return the first entry listed under a key (newest first), or -1.
     */
    public int first(final int key)
    {
        return key < atHead.length ? atHead[key] : -1;
    }

    /**
     * @return the entry after e, or -1.
     */
    public int next(final int e)
    {
        return atNext.get(e);
    }

    /**
     * Takes entry e, which follows {@code previous} (-1: e is the first), out of the key's list; for entries whose
     * shipment or entry has finished, which never opens again.
     */
    public void unlink(final int key, final int previous, final int e)
    {
        if (previous < 0)
        {
            atHead[key] = atNext.get(e);
        }
        else
        {
            atNext.set(previous, atNext.get(e));
        }
    }

    public int entryOrder(final int e)
    {
        return atOrder.get(e);
    }

    public int entryShipment(final int e)
    {
        return atShipment.get(e);
    }

    /** The entry's line (in a book that lists lines), else -1. */
    public int entryLine(final int e)
    {
        return atLine.get(e);
    }

    public static long hash(final CharSequence id)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = id.length(); i < n; i++)
        {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /**
     * @return {@link #hash} of the id stored in a record (ids are printable ASCII, one byte a character).
     */
    private long hashAt(final long rec)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = buffer.getInt(rec + ID_LENGTH); i < n; i++)
        {
            h ^= buffer.getByte(rec + HEADER_LENGTH + i) & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(final long hash)
    {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Reads the id index where each of the given id hashes ({@link #hash}) would be found, all in one pass: their
     * misses to memory overlap there, where {@link #find} of each in turn would stall its command on one. Changes
     * nothing.
     *
     * @return a value that depends on what was read (so the reads are not left out).
     */
    long prefetch(final long[] keys, final int count)
    {
        long read = 0;
        for (int i = 0; i < count; i++)
        {
            read += index.get(keys[i]);
        }
        return read;
    }

    /**
     * @return the entry's number, or {@link #NOT_FOUND}.
     */
    public int find(final CharSequence id)
    {
        final long key = hash(id);
        if (id instanceof String)
        {
            lastFoundId = (String)id;
            lastFoundKey = key;
        }
        int no = (int)index.get(key);
        while (no != NOT_FOUND)
        {
            final long rec = record(no);
            if (idEquals(rec, id))
            {
                return no;
            }
            no = buffer.getInt(rec + NEXT_NUMBER);
        }
        return NOT_FOUND;
    }

    private boolean idEquals(final long rec, final CharSequence id)
    {
        final int len = buffer.getInt(rec + ID_LENGTH);
        if (len != id.length())
        {
            return false;
        }
        final long base = rec + HEADER_LENGTH;
        for (int i = 0; i < len; i++)
        {
            if (buffer.getByte(base + i) != (byte)id.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    public boolean contentEquals(final int no, final DirectBuffer content, final int length)
    {
        final long rec = record(no);
        if (buffer.getInt(rec + CONTENT_LENGTH) != length)
        {
            return false;
        }
        final long base = rec + HEADER_LENGTH + buffer.getInt(rec + ID_LENGTH);
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(base + i) != content.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds an entry with the decision's top-level shipments.
     *
     * @return its number.
     */
    public int add(
        final CharSequence id,
        final DirectBuffer content,
        final int contentLength,
        final Decision d,
        final int channel,
        final int zip,
        final double lat,
        final double lon,
        final int maxTransitDays,
        final boolean shipComplete,
        final long createdSeq,
        final OrderState state)
    {
        final int idLength = id.length();
        final int shipments = d.topShipmentCount;
        final int lines = shipments == 0 ? 0 : d.shipLineStart[shipments - 1] + d.shipLineCount[shipments - 1] -
            d.shipLineStart[0];
        final int shipOffset = align8(HEADER_LENGTH + idLength + contentLength);
        final long rec = allocate(shipOffset + shipments * SHIPMENT_LENGTH + lines * LINE_LENGTH);
        final int no = count++;
        setRecord(no, rec);
        final long key = id == lastFoundId ? lastFoundKey : hash(id);
        buffer.putInt(rec + NEXT_NUMBER, (int)index.put(key, no)); // the previous newest entry of that hash

        buffer.putInt(rec + STATE, state.ordinal());
        buffer.putInt(rec + ID_LENGTH, idLength);
        buffer.putInt(rec + CONTENT_LENGTH, contentLength);
        buffer.putInt(rec + SHIPMENT_COUNT, 0);
        buffer.putInt(rec + LINE_COUNT, 0);
        buffer.putLong(rec + TOTAL_COST, d.totalCostCents);
        buffer.putInt(rec + SERVICE, d.service == null ? 0 : d.service.ordinal());
        buffer.putInt(rec + CHANNEL, channel);
        buffer.putInt(rec + ZIP, zip);
        buffer.putInt(rec + MAX_TRANSIT, maxTransitDays);
        buffer.putDouble(rec + LAT, lat);
        buffer.putDouble(rec + LON, lon);
        buffer.putInt(rec + SHIP_COMPLETE, shipComplete ? 1 : 0);
        buffer.putInt(rec + FIRST_SHIPMENTS, shipments);
        buffer.putLong(rec + CREATED_SEQ, createdSeq);
        buffer.putLong(rec + EXPIRES_TS, d.expiresTs);
        buffer.putLong(rec + BACKORDERED, 0);
        buffer.putLong(rec + TAG, 0);
        buffer.putLong(rec + DAY, 0);
        for (int i = 0; i < idLength; i++)
        {
            buffer.putByte(rec + HEADER_LENGTH + i, (byte)id.charAt(i));
        }
        buffer.putBytes(rec + HEADER_LENGTH + idLength, content, 0, contentLength);
        writeShipments(no, rec, d, 0, shipments, createdSeq);
        return no;
    }

    private long allocate(final int length)
    {
        final long rec = limit;
        if (rec + length > MAX_ADDRESS)
        {
            // the engine refuses new entries long before this (order_book_max_mib) and compaction keeps the dead
            // copies below it; reaching it is a bug, stopped here before any byte is written out of range
            throw new IllegalStateException("order book: its 16 GiB of record addresses are used up (" + liveBytes() +
                " live bytes, " + deadBytes + " dead)");
        }
        buffer.checkLimit(rec + length);
        limit = rec + align8(length);
        return rec;
    }

    /**
     * Writes shipments [from, to) of a decision after the record's current shipments; the record must have room.
     */
    private void writeShipments(final int no, final long rec, final Decision d, final int from, final int to,
        final long seq)
    {
        final int oldShipments = buffer.getInt(rec + SHIPMENT_COUNT);
        final int oldLines = buffer.getInt(rec + LINE_COUNT);
        final long shipBase = shipmentBase(rec);
        final int newShipments = oldShipments + (to - from);
        int line = oldLines;
        final long lineBase = shipBase + newShipments * SHIPMENT_LENGTH;
        for (int s = from; s < to; s++)
        {
            final long so = shipBase + (oldShipments + s - from) * SHIPMENT_LENGTH;
            buffer.putInt(so + S_LOCATION, d.shipLocation[s]);
            buffer.putInt(so + S_CARRIER, d.shipCarrier[s]);
            buffer.putInt(so + S_ZONE, d.shipZone[s]);
            buffer.putInt(so + S_TRANSIT, d.shipTransitDays[s]);
            buffer.putLong(so + S_COST, d.shipCostCents[s]);
            buffer.putInt(so + S_LINE_START, line);
            buffer.putInt(so + S_LINE_COUNT, d.shipLineCount[s]);
            buffer.putInt(so + S_STATE, SHIPMENT_OPEN);
            buffer.putInt(so + S_SERVICE, d.shipService[s] == null ? 0 : d.shipService[s].ordinal());
            buffer.putLong(so + S_ALLOCATED_SEQ, seq);
            buffer.putLong(so + S_SHIPPED_SEQ, 0);
            if (lineKeyStride == 0)
            {
                link(d.shipLocation[s], no, oldShipments + s - from, -1);
            }
            final int end = d.shipLineStart[s] + d.shipLineCount[s];
            for (int i = d.shipLineStart[s]; i < end; i++)
            {
                if (lineKeyStride != 0)
                {
                    link(key(d.lineSku[i], d.shipLocation[s]), no, oldShipments + s - from, line);
                }
                final long lo = lineBase + line * LINE_LENGTH;
                buffer.putInt(lo + L_SKU, d.lineSku[i]);
                buffer.putInt(lo + L_QTY, (int)d.lineQty[i]);
                buffer.putInt(lo + L_RETURNED, 0);
                buffer.putInt(lo + L_FIRST_QTY, (int)d.lineQty[i]);
                line++;
            }
        }
        buffer.putInt(rec + SHIPMENT_COUNT, newShipments);
        buffer.putInt(rec + LINE_COUNT, line);
    }

    /**
     * Adds shipments [from, to) of a decision to an entry (copying its record to the end of the buffer).
     */
    public void appendShipments(final int no, final Decision d, final int from, final int to, final long seq)
    {
        if (from == to)
        {
            return;
        }
        final long old = record(no);
        final int oldShipments = buffer.getInt(old + SHIPMENT_COUNT);
        final int oldLines = buffer.getInt(old + LINE_COUNT);
        int addLines = 0;
        for (int s = from; s < to; s++)
        {
            addLines += d.shipLineCount[s];
        }
        final int shipBase = (int)(shipmentBase(old) - old);
        final int newShipments = oldShipments + to - from;
        deadBytes += shipBase + oldShipments * SHIPMENT_LENGTH + oldLines * LINE_LENGTH;
        packed = false;
        final long rec = allocate(shipBase + newShipments * SHIPMENT_LENGTH + (oldLines + addLines) * LINE_LENGTH);
        // header, id, content and old shipments are copied as they are; old lines move behind the new shipments
        buffer.copy(rec, old, shipBase + oldShipments * SHIPMENT_LENGTH);
        buffer.copy(rec + shipBase + newShipments * SHIPMENT_LENGTH, old + shipBase + oldShipments * SHIPMENT_LENGTH,
            oldLines * LINE_LENGTH);
        setRecord(no, rec);
        writeShipments(no, rec, d, from, to, seq);
    }

    /**
     * Compacts when the dead space is at least the floor and at least the given share of the live records (64 MiB
     * and 100 % unless set): a re-route-heavy book never holds more dead bytes than live ones for long, and a book
     * that is rarely re-routed is never copied.
     */
    public void compactWhen(final long minDeadBytes, final int deadPercentOfLive)
    {
        this.compactMinDeadBytes = minDeadBytes;
        this.compactDeadPercent = deadPercentOfLive;
    }

    /**
     * Compacts if the dead space calls for it (see {@link #compactWhen}), or if the records reach
     * {@link #COMPACT_ADDRESS_AT} with 16 MiB or more of dead copies; call between commands.
     *
     * @return whether it compacted.
     */
    public boolean maybeCompact()
    {
        if (deadBytes == 0)
        {
            return false;
        }
        final boolean addressesShort = limit > COMPACT_ADDRESS_AT && deadBytes >= 16 << 20;
        if (!addressesShort && (deadBytes < compactMinDeadBytes ||
            deadBytes * 100L < (long)(limit - 8 - deadBytes) * compactDeadPercent))
        {
            return false;
        }
        compact();
        return true;
    }

    /**
     * Moves the live records, in number order, to fresh pages and frees the old ones. Costs one copy of the live
     * bytes; entry numbers, and so every index into the book, stay as they are.
     */
    public void compact()
    {
        final long live = limit - deadBytes;
        final PagedBuffer fresh = new PagedBuffer(buffer.pageBits());
        fresh.pagesFrom(buffer.pageReserve());
        fresh.checkLimit(Math.max(preallocateBytes, live));
        long to = 8;
        for (int no = 0; no < count; no++)
        {
            final long rec = record(no);
            if (rec == ARCHIVED_RECORD)
            {
                continue;
            }
            final int length = recordLength(rec);
            fresh.copyFrom(buffer, to, rec, length);
            setRecord(no, to);
            to += length;
        }
        buffer.free();
        buffer = fresh;
        limit = to;
        deadBytes = 0;
        packed = true;
        compactions++;
        relinkOpenShipments();
    }

    /**
     * Forgets every finished entry ({@link OrderState#isFinished}) created on or before {@code lastDay}: a later
     * command naming it finds nothing. Entries still open are looked at again on each call until they finish.
     * Deterministic: which entries go depends only on the entries.
     *
     * @return how many it archived.
     */
    public int archiveFinished(final long lastDay)
    {
        int n = 0;
        int kept = 0;
        for (int i = 0; i < archiveLaterCount; i++)
        {
            final int no = archiveLater[i];
            if (state(no).isFinished())
            {
                archive(no);
                n++;
            }
            else
            {
                archiveLater[kept++] = no;
            }
        }
        archiveLaterCount = kept;
        while (archiveCursor < count)
        {
            final int no = archiveCursor;
            if (record(no) != ARCHIVED_RECORD)
            {
                if (day(no) > lastDay)
                {
                    break;   // entries are numbered in creation order, so every later one is newer
                }
                if (state(no).isFinished())
                {
                    archive(no);
                    n++;
                }
                else
                {
                    if (archiveLaterCount == archiveLater.length)
                    {
                        archiveLater = Arrays.copyOf(archiveLater, archiveLaterCount * 2);
                    }
                    archiveLater[archiveLaterCount++] = no;
                }
            }
            archiveCursor++;
        }
        return n;
    }

    private void archive(final int no)
    {
        final long rec = record(no);
        final long key = hashAt(rec);
        final int next = buffer.getInt(rec + NEXT_NUMBER);
        int at = (int)index.get(key);
        if (at == no)
        {
            if (next == NOT_FOUND)
            {
                index.remove(key);
            }
            else
            {
                index.put(key, next);
            }
        }
        else
        {
            while (at != NOT_FOUND)
            {
                final long atRec = record(at);
                final int after = buffer.getInt(atRec + NEXT_NUMBER);
                if (after == no)
                {
                    buffer.putInt(atRec + NEXT_NUMBER, next);
                    break;
                }
                at = after;
            }
        }
        deadBytes += recordLength(rec);
        setRecord(no, ARCHIVED_RECORD);
        packed = false;
        archived++;
    }

    /** Entries archived so far. */
    public int archivedCount()
    {
        return archived;
    }

    private void relinkOpenShipments()
    {
        Arrays.fill(atHead, -1);
        atCount = 0;
        for (int no = 0; no < count; no++)
        {
            if (record(no) == ARCHIVED_RECORD)
            {
                continue;
            }
            for (int sh = 0, n = shipmentCount(no); sh < n; sh++)
            {
                if (shipmentState(no, sh) != SHIPMENT_OPEN)
                {
                    continue;   // finished for good: a scan would unlink it
                }
                final int loc = shipmentLocation(no, sh);
                if (lineKeyStride == 0)
                {
                    link(loc, no, sh, -1);
                    continue;
                }
                final int start = shipmentLineStart(no, sh);
                for (int i = start, end = start + shipmentLineCount(no, sh); i < end; i++)
                {
                    link(key(lineSku(no, i), loc), no, sh, i);
                }
            }
        }
    }

    /** Times this book compacted. */
    public long compactions()
    {
        return compactions;
    }

    /** Bytes of the live records, with the book's 8 leading bytes (what a snapshot writes and a compaction keeps). */
    public long liveBytes()
    {
        return (long)limit - deadBytes;
    }

    /** Bytes of dead record copies now held. */
    public long deadBytes()
    {
        return deadBytes;
    }

    private int recordLength(final long rec)
    {
        return (int)(shipmentBase(rec) - rec) + buffer.getInt(rec + SHIPMENT_COUNT) * SHIPMENT_LENGTH +
            buffer.getInt(rec + LINE_COUNT) * LINE_LENGTH;
    }

    private static int align8(final int v)
    {
        return (v + 7) & ~7;
    }

    private long shipmentBase(final long rec)
    {
        return rec + align8(HEADER_LENGTH + buffer.getInt(rec + ID_LENGTH) + buffer.getInt(rec + CONTENT_LENGTH));
    }

    private long shipmentOffset(final int no, final int s)
    {
        return shipmentBase(record(no)) + s * SHIPMENT_LENGTH;
    }

    private long lineOffset(final int no, final int line)
    {
        final long rec = record(no);
        return shipmentBase(rec) + buffer.getInt(rec + SHIPMENT_COUNT) * SHIPMENT_LENGTH + line * LINE_LENGTH;
    }

    public int count()
    {
        return count;
    }

    public String id(final int no)
    {
        final long rec = record(no);
        final int len = buffer.getInt(rec + ID_LENGTH);
        final StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++)
        {
            sb.append((char)buffer.getByte(rec + HEADER_LENGTH + i));
        }
        return sb.toString();
    }

    public OrderState state(final int no)
    {
        final long rec = record(no);
        return rec == ARCHIVED_RECORD ? OrderState.ARCHIVED : OrderState.get(buffer.getInt(rec + STATE));
    }

    public void state(final int no, final OrderState state)
    {
        buffer.putInt(record(no) + STATE, state.ordinal());
    }

    public int shipmentCount(final int no)
    {
        return buffer.getInt(record(no) + SHIPMENT_COUNT);
    }

    public int lineCount(final int no)
    {
        return buffer.getInt(record(no) + LINE_COUNT);
    }

    public long totalCostCents(final int no)
    {
        return buffer.getLong(record(no) + TOTAL_COST);
    }

    public Service service(final int no)
    {
        return Service.get(buffer.getInt(record(no) + SERVICE));
    }

    public int channel(final int no)
    {
        return buffer.getInt(record(no) + CHANNEL);
    }

    public int zip(final int no)
    {
        return buffer.getInt(record(no) + ZIP);
    }

    public double lat(final int no)
    {
        return buffer.getDouble(record(no) + LAT);
    }

    public double lon(final int no)
    {
        return buffer.getDouble(record(no) + LON);
    }

    public int maxTransitDays(final int no)
    {
        return buffer.getInt(record(no) + MAX_TRANSIT);
    }

    public boolean shipComplete(final int no)
    {
        return buffer.getInt(record(no) + SHIP_COMPLETE) != 0;
    }

    public long createdSeq(final int no)
    {
        return buffer.getLong(record(no) + CREATED_SEQ);
    }

    public long expiresTs(final int no)
    {
        return buffer.getLong(record(no) + EXPIRES_TS);
    }

    public long backordered(final int no)
    {
        return buffer.getLong(record(no) + BACKORDERED);
    }

    public void backordered(final int no, final long units)
    {
        buffer.putLong(record(no) + BACKORDERED, units);
    }

    /** A free 64-bit field for the owner (holds keep the customer key here). */
    public long tag(final int no)
    {
        return buffer.getLong(record(no) + TAG);
    }

    public void tag(final int no, final long value)
    {
        buffer.putLong(record(no) + TAG, value);
    }

    /** The business day the entry was created on. */
    public long day(final int no)
    {
        return buffer.getLong(record(no) + DAY);
    }

    public void day(final int no, final long day)
    {
        buffer.putLong(record(no) + DAY, day);
    }

    /**
     * @return whether the content's trailing {@code length} bytes equal the entry's (the merged lines).
     */
    public boolean contentTailEquals(final int no, final DirectBuffer content, final int contentLength,
        final int length)
    {
        final long rec = record(no);
        final int storedLength = buffer.getInt(rec + CONTENT_LENGTH);
        if (storedLength < length || contentLength < length)
        {
            return false;
        }
        final long base = rec + HEADER_LENGTH + buffer.getInt(rec + ID_LENGTH) + storedLength - length;
        final int other = contentLength - length;
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(base + i) != content.getByte(other + i))
            {
                return false;
            }
        }
        return true;
    }

    public int shipmentLocation(final int no, final int s)
    {
        return buffer.getInt(shipmentOffset(no, s) + S_LOCATION);
    }

    public int shipmentCarrier(final int no, final int s)
    {
        return buffer.getInt(shipmentOffset(no, s) + S_CARRIER);
    }

    public int shipmentZone(final int no, final int s)
    {
        return buffer.getInt(shipmentOffset(no, s) + S_ZONE);
    }

    public int shipmentTransitDays(final int no, final int s)
    {
        return buffer.getInt(shipmentOffset(no, s) + S_TRANSIT);
    }

    public long shipmentCostCents(final int no, final int s)
    {
        return buffer.getLong(shipmentOffset(no, s) + S_COST);
    }

    public int shipmentState(final int no, final int s)
    {
        return buffer.getInt(shipmentOffset(no, s) + S_STATE);
    }

    public void shipmentState(final int no, final int s, final int state, final long seq)
    {
        final long so = shipmentOffset(no, s);
        buffer.putInt(so + S_STATE, state);
        if (state == SHIPMENT_SHIPPED)
        {
            buffer.putLong(so + S_SHIPPED_SEQ, seq);
        }
    }

    public long shipmentAllocatedSeq(final int no, final int s)
    {
        return buffer.getLong(shipmentOffset(no, s) + S_ALLOCATED_SEQ);
    }

    public long shipmentShippedSeq(final int no, final int s)
    {
        return buffer.getLong(shipmentOffset(no, s) + S_SHIPPED_SEQ);
    }

    public int shipmentLineStart(final int no, final int s)
    {
        return buffer.getInt(shipmentOffset(no, s) + S_LINE_START);
    }

    public int shipmentLineCount(final int no, final int s)
    {
        return buffer.getInt(shipmentOffset(no, s) + S_LINE_COUNT);
    }

    public int lineSku(final int no, final int line)
    {
        return buffer.getInt(lineOffset(no, line) + L_SKU);
    }

    public int lineQty(final int no, final int line)
    {
        return buffer.getInt(lineOffset(no, line) + L_QTY);
    }

    public void lineQty(final int no, final int line, final int qty)
    {
        buffer.putInt(lineOffset(no, line) + L_QTY, qty);
    }

    public int lineReturned(final int no, final int line)
    {
        return buffer.getInt(lineOffset(no, line) + L_RETURNED);
    }

    public void lineReturned(final int no, final int line, final int qty)
    {
        buffer.putInt(lineOffset(no, line) + L_RETURNED, qty);
    }

    /**
     * Appends the entry's shipments [from, to) to a decision as it stands now (or, with {@code first}, the first
     * decision's quantities).
     */
    public void copyShipments(final int no, final int from, final int to, final boolean first, final Decision d)
    {
        for (int s = from; s < to; s++)
        {
            final long so = shipmentOffset(no, s);
            d.addShipment(buffer.getInt(so + S_LOCATION), buffer.getInt(so + S_CARRIER), buffer.getInt(so + S_ZONE),
                buffer.getInt(so + S_TRANSIT), buffer.getLong(so + S_COST), Service.get(buffer.getInt(so + S_SERVICE)));
            d.shipState[d.shipmentCount - 1] = first ? SHIPMENT_OPEN : buffer.getInt(so + S_STATE);
            d.shipAllocatedSeq[d.shipmentCount - 1] = buffer.getLong(so + S_ALLOCATED_SEQ);
            d.shipShippedSeq[d.shipmentCount - 1] = buffer.getLong(so + S_SHIPPED_SEQ);
            final int start = buffer.getInt(so + S_LINE_START);
            final int count = buffer.getInt(so + S_LINE_COUNT);
            for (int i = 0; i < count; i++)
            {
                final long lo = lineOffset(no, start + i);
                d.addLine(buffer.getInt(lo + L_SKU), buffer.getInt(lo + (first ? L_FIRST_QTY : L_QTY)));
            }
        }
    }

    /**
     * Fills a decision with the entry's first decision, as stored.
     */
    public void loadFirstDecision(final int no, final Decision d, final Status status)
    {
        final long rec = record(no);
        d.status = status;
        d.reason = Reason.NONE;
        d.totalCostCents = buffer.getLong(rec + TOTAL_COST);
        d.service = Service.get(buffer.getInt(rec + SERVICE));
        d.expiresTs = buffer.getLong(rec + EXPIRES_TS);
        d.shipmentCount = 0;
        d.lineCount = 0;
        d.groupCount = 0;
        copyShipments(no, 0, buffer.getInt(rec + FIRST_SHIPMENTS), true, d);
        d.endTopShipments();
    }

    /**
     * Writes the book with its records packed in number order (as {@link #compact} would leave them): dead copies
     * are not written, and the bytes depend only on the entries. The live length and the records' offsets are ints,
     * as they always were, while the live records fit 2 GiB; past that the length is written as -1 followed by the
     * length as a long, and the offsets as longs.
     */
    void writeTo(final java.io.DataOutput out) throws java.io.IOException
    {
        final long live = limit - deadBytes;
        final boolean wide = live > wideAbove;
        EngineSnapshot.writeLength(out, live, wide);
        out.writeInt(count);
        long packedOffset = 8;
        for (int i = 0; i < count; i++)
        {
            final long rec = record(i);
            final long offset = rec == ARCHIVED_RECORD ? ARCHIVED_RECORD : packedOffset;
            if (wide)
            {
                out.writeLong(offset);
            }
            else
            {
                out.writeInt((int)offset);
            }
            if (rec != ARCHIVED_RECORD)
            {
                packedOffset += recordLength(rec);
            }
        }
        final byte[] chunk = new byte[1 << 16];
        if (packed)
        {
            for (long off = 0; off < limit; off += chunk.length)
            {
                final int len = (int)Math.min(chunk.length, limit - off);
                buffer.getBytes(off, chunk, 0, len);
                out.write(chunk, 0, len);
            }
            return;
        }
        int used = 8;   // bytes [0, 8) are never written: zeros
        for (int no = 0; no < count; no++)
        {
            final long rec = record(no);
            final int length = rec == ARCHIVED_RECORD ? 0 : recordLength(rec);
            for (int done = 0; done < length; )
            {
                if (used == chunk.length)
                {
                    out.write(chunk, 0, used);
                    used = 0;
                }
                final int n = Math.min(length - done, chunk.length - used);
                buffer.getBytes(rec + done, chunk, used, n);
                used += n;
                done += n;
            }
        }
        out.write(chunk, 0, used);
    }

    /** Live bytes above which the book is written wide; a test lowers it to write small books wide. */
    static volatile long wideAbove = Integer.MAX_VALUE;

    void readFrom(final java.io.DataInput in) throws java.io.IOException
    {
        final int length = in.readInt();
        final boolean wide = length == EngineSnapshot.LONG_LENGTH;   // then long offsets too
        limit = wide ? in.readLong() : length;
        count = in.readInt();
        if (limit < 8 || limit > MAX_ADDRESS || count < 0)
        {
            throw new java.io.IOException("corrupt order book header");
        }
        recordOf = new PagedInts();
        for (int i = 0; i < count; i++)
        {
            final long offset = wide ? in.readLong() : in.readInt();
            if (offset < 0 || offset >= limit || (offset & 7) != 0)
            {
                throw new java.io.IOException("corrupt order book: entry " + i + " at offset " + offset);
            }
            setRecord(i, offset);
        }
        buffer.checkLimit(limit);
        final byte[] chunk = new byte[1 << 16];
        for (long off = 0; off < limit; off += chunk.length)
        {
            final int len = (int)Math.min(chunk.length, limit - off);
            in.readFully(chunk, 0, len);
            buffer.putBytes(off, chunk, 0, len);
        }
        long tiled = 8;
        packed = true;
        archived = 0;
        for (int no = 0; no < count; no++)
        {
            final long rec = record(no);
            if (rec == ARCHIVED_RECORD)
            {
                archived++;
                continue;
            }
            if (rec != tiled)
            {
                packed = false;
            }
            tiled += recordLength(rec);
        }
        deadBytes = limit - tiled;
        archiveCursor = 0;   // derived: the next archiveFinished looks at every entry once
        archiveLaterCount = 0;
        // the id index is rebuilt; chains keep their stored order because entries are re-linked oldest first
        index.clear();
        for (int no = 0; no < count; no++)
        {
            final long rec = record(no);
            if (rec != ARCHIVED_RECORD)
            {
                index.put(hashAt(rec), no);
            }
        }
        relinkOpenShipments();
    }

    public long limit()
    {
        return limit;
    }
}
