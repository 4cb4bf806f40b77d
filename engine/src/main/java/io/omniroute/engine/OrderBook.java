package io.omniroute.engine;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;

/**
 * Every allocated order with its shipments, as variable-length records appended to one off-heap buffer, indexed by
 * a 64-bit hash of the order id (collisions chained through the record). Owned by the engine thread.
 * <p>
 * Record layout (offsets in bytes): next record in chain (int), order state (int), id length (int), content length
 * (int), shipment count (int), line count (int), total cost cents (long), service (int), channel (int); then the id
 * bytes and the canonical content bytes (padded to 8); then shipments of {@link #SHIPMENT_LENGTH} bytes; then lines
 * of 8 bytes (sku index, qty).
 */
public final class OrderBook
{
    public static final int NOT_FOUND = -1;

    private static final int NEXT = 0;
    private static final int STATE = 4;
    private static final int ID_LENGTH = 8;
    private static final int CONTENT_LENGTH = 12;
    private static final int SHIPMENT_COUNT = 16;
    private static final int LINE_COUNT = 20;
    private static final int TOTAL_COST = 24;
    private static final int SERVICE = 32;
    private static final int CHANNEL = 36;
    private static final int HEADER_LENGTH = 40;

    private static final int S_LOCATION = 0;
    private static final int S_CARRIER = 4;
    private static final int S_ZONE = 8;
    private static final int S_TRANSIT = 12;
    private static final int S_COST = 16;
    private static final int S_LINE_START = 24;
    private static final int S_LINE_COUNT = 28;
    private static final int S_STATE = 32;
    public static final int SHIPMENT_LENGTH = 40;
    private static final int LINE_LENGTH = 8;

    public static final int SHIPMENT_OPEN = 0;
    public static final int SHIPMENT_SHIPPED = 1;
    public static final int SHIPMENT_CANCELLED = 2;

    private final ExpandableDirectByteBuffer buffer;
    private final Long2LongHashMap index;
    private int limit = 8; // offset 0 is never a record, so 0 can mean "none" in chains
    private int orderCount;

    public OrderBook(final int initialCapacityBytes, final int expectedOrders)
    {
        buffer = new ExpandableDirectByteBuffer(Math.max(1024, initialCapacityBytes));
        index = new Long2LongHashMap(Math.max(16, expectedOrders * 2), 0.65f, NOT_FOUND);
    }

    public static long hash(final CharSequence id)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = id.length(); i < n; i++)
        {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * @return the record of an order, or {@link #NOT_FOUND}.
     */
    public int find(final CharSequence orderId)
    {
        int rec = (int)index.get(hash(orderId));
        while (rec != NOT_FOUND && rec != 0)
        {
            if (idEquals(rec, orderId))
            {
                return rec;
            }
            rec = buffer.getInt(rec + NEXT);
        }
        return NOT_FOUND;
    }

    private boolean idEquals(final int rec, final CharSequence orderId)
    {
        final int len = buffer.getInt(rec + ID_LENGTH);
        if (len != orderId.length())
        {
            return false;
        }
        final int base = rec + HEADER_LENGTH;
        for (int i = 0; i < len; i++)
        {
            if (buffer.getByte(base + i) != (byte)orderId.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    public boolean contentEquals(final int rec, final DirectBuffer content, final int length)
    {
        if (buffer.getInt(rec + CONTENT_LENGTH) != length)
        {
            return false;
        }
        final int base = rec + HEADER_LENGTH + buffer.getInt(rec + ID_LENGTH);
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
     * Stores an allocated order with the shipments of a decision.
     *
     * @return the new record.
     */
    public int add(
        final CharSequence orderId,
        final DirectBuffer content,
        final int contentLength,
        final int service,
        final int channel,
        final Decision decision)
    {
        final int idLength = orderId.length();
        final int shipOffset = align8(HEADER_LENGTH + idLength + contentLength);
        final int lineOffset = shipOffset + decision.shipmentCount * SHIPMENT_LENGTH;
        final int length = lineOffset + decision.lineCount * LINE_LENGTH;
        final int rec = limit;
        buffer.checkLimit(rec + length);
        limit = rec + align8(length);

        final long key = hash(orderId);
        final int head = (int)index.get(key);
        buffer.putInt(rec + NEXT, head == NOT_FOUND ? 0 : head);
        index.put(key, rec);

        buffer.putInt(rec + STATE, OrderState.ALLOCATED.ordinal());
        buffer.putInt(rec + ID_LENGTH, idLength);
        buffer.putInt(rec + CONTENT_LENGTH, contentLength);
        buffer.putInt(rec + SHIPMENT_COUNT, decision.shipmentCount);
        buffer.putInt(rec + LINE_COUNT, decision.lineCount);
        buffer.putLong(rec + TOTAL_COST, decision.totalCostCents);
        buffer.putInt(rec + SERVICE, service);
        buffer.putInt(rec + CHANNEL, channel);
        for (int i = 0; i < idLength; i++)
        {
            buffer.putByte(rec + HEADER_LENGTH + i, (byte)orderId.charAt(i));
        }
        buffer.putBytes(rec + HEADER_LENGTH + idLength, content, 0, contentLength);
        for (int s = 0; s < decision.shipmentCount; s++)
        {
            final int so = rec + shipOffset + s * SHIPMENT_LENGTH;
            buffer.putInt(so + S_LOCATION, decision.shipLocation[s]);
            buffer.putInt(so + S_CARRIER, decision.shipCarrier[s]);
            buffer.putInt(so + S_ZONE, decision.shipZone[s]);
            buffer.putInt(so + S_TRANSIT, decision.shipTransitDays[s]);
            buffer.putLong(so + S_COST, decision.shipCostCents[s]);
            buffer.putInt(so + S_LINE_START, decision.shipLineStart[s]);
            buffer.putInt(so + S_LINE_COUNT, decision.shipLineCount[s]);
            buffer.putInt(so + S_STATE, SHIPMENT_OPEN);
        }
        for (int i = 0; i < decision.lineCount; i++)
        {
            final int lo = rec + lineOffset + i * LINE_LENGTH;
            buffer.putInt(lo, decision.lineSku[i]);
            buffer.putInt(lo + 4, (int)decision.lineQty[i]);
        }
        orderCount++;
        return rec;
    }

    private static int align8(final int v)
    {
        return (v + 7) & ~7;
    }

    private int shipmentOffset(final int rec, final int s)
    {
        return rec + align8(HEADER_LENGTH + buffer.getInt(rec + ID_LENGTH) + buffer.getInt(rec + CONTENT_LENGTH)) +
            s * SHIPMENT_LENGTH;
    }

    private int lineOffset(final int rec, final int line)
    {
        return shipmentOffset(rec, buffer.getInt(rec + SHIPMENT_COUNT)) + line * LINE_LENGTH;
    }

    public int orderCount()
    {
        return orderCount;
    }

    public OrderState state(final int rec)
    {
        return OrderState.get(buffer.getInt(rec + STATE));
    }

    public void state(final int rec, final OrderState state)
    {
        buffer.putInt(rec + STATE, state.ordinal());
    }

    public int shipmentCount(final int rec)
    {
        return buffer.getInt(rec + SHIPMENT_COUNT);
    }

    public long totalCostCents(final int rec)
    {
        return buffer.getLong(rec + TOTAL_COST);
    }

    public int service(final int rec)
    {
        return buffer.getInt(rec + SERVICE);
    }

    public int channel(final int rec)
    {
        return buffer.getInt(rec + CHANNEL);
    }

    public int shipmentLocation(final int rec, final int s)
    {
        return buffer.getInt(shipmentOffset(rec, s) + S_LOCATION);
    }

    public int shipmentState(final int rec, final int s)
    {
        return buffer.getInt(shipmentOffset(rec, s) + S_STATE);
    }

    public void shipmentState(final int rec, final int s, final int state)
    {
        buffer.putInt(shipmentOffset(rec, s) + S_STATE, state);
    }

    public int shipmentLineStart(final int rec, final int s)
    {
        return buffer.getInt(shipmentOffset(rec, s) + S_LINE_START);
    }

    public int shipmentLineCount(final int rec, final int s)
    {
        return buffer.getInt(shipmentOffset(rec, s) + S_LINE_COUNT);
    }

    public int lineSku(final int rec, final int line)
    {
        return buffer.getInt(lineOffset(rec, line));
    }

    public int lineQty(final int rec, final int line)
    {
        return buffer.getInt(lineOffset(rec, line) + 4);
    }

    /**
     * Fills a decision with the order's first decision, as stored.
     */
    public void loadDecision(final int rec, final Decision decision)
    {
        decision.status = Status.ALLOCATED;
        decision.reason = Reason.NONE;
        decision.totalCostCents = buffer.getLong(rec + TOTAL_COST);
        decision.service = Service.get(buffer.getInt(rec + SERVICE));
        decision.shipmentCount = 0;
        decision.lineCount = 0;
        final int shipments = buffer.getInt(rec + SHIPMENT_COUNT);
        for (int s = 0; s < shipments; s++)
        {
            final int so = shipmentOffset(rec, s);
            decision.addShipment(buffer.getInt(so + S_LOCATION), buffer.getInt(so + S_CARRIER),
                buffer.getInt(so + S_ZONE), buffer.getInt(so + S_TRANSIT), buffer.getLong(so + S_COST));
            final int start = buffer.getInt(so + S_LINE_START);
            final int count = buffer.getInt(so + S_LINE_COUNT);
            for (int i = 0; i < count; i++)
            {
                final int lo = lineOffset(rec, start + i);
                decision.addLine(buffer.getInt(lo), buffer.getInt(lo + 4));
            }
        }
    }

    /**
     * @return the raw buffer and its used length, for snapshots and state hashing.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int limit()
    {
        return limit;
    }
}
