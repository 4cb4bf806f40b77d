package io.omniroute.engine.json;

import com.fasterxml.jackson.core.io.SerializedString;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.OrderBook;
import io.omniroute.engine.OrderState;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;

import java.util.Arrays;

/**
 * Writes the result line of a common decision straight into a byte array: exactly the bytes
 * {@link ResultJsonEncoder} makes through Jackson, at a fraction of the cost. The engine thread writes one line per
 * command into the journal (and the gateway's result), so this is on the hot path; a streaming JSON generator spends
 * most of its time checking the state of the document it is writing, which is fixed here.
 * <p>
 * It covers orders, holds, quotes, cancels, ships, receipts, counts, returns, pick shorts, statuses and the other
 * fixed-shape results. It declines (returns -1) where the general encoder must answer: results with a message
 * (INVALID rejects), the KPI report, unknown command types, and ids with characters JSON must escape or that are
 * not printable ASCII. Names from the network are escaped once, by Jackson, when the writer is made.
 */
public final class ResultLineWriter
{
    /** The length {@link #write} returns when the general encoder must write this decision. */
    public static final int DECLINED = -1;

    private static final byte[] SHIPMENT_OPEN = quoted("OPEN");
    private static final byte[][] SHIPMENT_STATES = { SHIPMENT_OPEN, quoted("SHIPPED"), quoted("CANCELLED") };
    private static final byte[][] TYPES = new byte[CommandType.values().length][];
    private static final byte[][] STATUSES = quotedNames(Status.values());
    private static final byte[][] REASONS = quotedNames(Reason.values());
    private static final byte[][] SERVICES = quotedNames(io.omniroute.engine.Service.values());
    private static final byte[][] ORDER_STATES = quotedNames(OrderState.values());

    static
    {
        for (final CommandType t : CommandType.values())
        {
            TYPES[t.ordinal()] = t.jsonName() == null ? null : quoted(t.jsonName());
        }
    }

    private final Engine engine;
    private final byte[][] locationIds;
    private final byte[][] skus;
    private final byte[][] carriers;
    private byte[] bytes = new byte[4096];
    private int pos;

    public ResultLineWriter(final Engine engine)
    {
        this.engine = engine;
        final Network network = engine.network();
        locationIds = new byte[network.locationCount()][];
        for (int i = 0; i < locationIds.length; i++)
        {
            locationIds[i] = quoted(network.locationId(i));
        }
        skus = new byte[network.skuCount()][];
        for (int i = 0; i < skus.length; i++)
        {
            skus[i] = quoted(network.sku(i));
        }
        carriers = new byte[network.rates().carrierCount()][];
        for (int i = 0; i < carriers.length; i++)
        {
            carriers[i] = quoted(network.rates().carrierName(i));
        }
    }

    /** A text as Jackson writes a string value: escaped UTF-8 between quotes. */
    private static byte[] quoted(final String text)
    {
        final byte[] inner = new SerializedString(text).asQuotedUTF8();
        final byte[] out = new byte[inner.length + 2];
        out[0] = '"';
        System.arraycopy(inner, 0, out, 1, inner.length);
        out[out.length - 1] = '"';
        return out;
    }

    private static byte[][] quotedNames(final Enum<?>[] values)
    {
        final byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = quoted(values[i].name());
        }
        return out;
    }

    /**
     * @return the bytes of the last line written, {@code [0, length)}.
     */
    public byte[] array()
    {
        return bytes;
    }

    /**
     * Writes the decision's result line (no newline).
     *
     * @return its length in {@link #array()}, or {@link #DECLINED}.
     */
    public int write(final Decision d)
    {
        if (d.type == CommandType.UNKNOWN || TYPES[d.type.ordinal()] == null || d.message != null ||
            d.type == CommandType.KPI && d.status == Status.OK)
        {
            return DECLINED;
        }
        pos = 0;
        field(SEQ, d.seq);
        raw(TYPE);
        raw(TYPES[d.type.ordinal()]);
        if (d.orderId != null)
        {
            raw(ORDER_ID);
            if (!text(d.orderId))
            {
                return DECLINED;
            }
        }
        if (d.holdId != null && (d.type == CommandType.HOLD || d.type == CommandType.RELEASE))
        {
            raw(HOLD_ID);
            if (!text(d.holdId))
            {
                return DECLINED;
            }
        }
        raw(STATUS);
        raw(STATUSES[d.status.ordinal()]);
        if (d.reason != Reason.NONE)
        {
            raw(REASON);
            raw(REASONS[d.reason.ordinal()]);
        }
        if (d.orderState != null)
        {
            raw(ORDER_STATE);
            raw(ORDER_STATES[d.orderState.ordinal()]);
        }
        if (d.status == Status.BACKORDERED || (d.orderState != null && d.backorderedUnits > 0))
        {
            field(BACKORDERED, d.backorderedUnits);
        }
        if (d.expiresTs != Long.MIN_VALUE && d.status == Status.HELD)
        {
            field(EXPIRES, d.expiresTs);
        }
        if (d.status == Status.ALLOCATED || d.status == Status.HELD || d.topShipmentCount > 0)
        {
            field(TOTAL_COST, d.totalCostCents);
            raw(SHIPMENTS);
            shipments(d, 0, d.topShipmentCount, d.type == CommandType.STATUS);
            put((byte)']');
        }
        if (d.groupCount > 0 && !groups(d))
        {
            return DECLINED;
        }
        put((byte)'}');
        return pos;
    }

    private void shipments(final Decision d, final int from, final int to, final boolean withState)
    {
        for (int s = from; s < to; s++)
        {
            raw(s == from ? SHIP_FIRST : SHIP_NEXT);
            raw(locationIds[d.shipLocation[s]]);
            raw(CARRIER);
            raw(carriers[d.shipCarrier[s]]);
            raw(SERVICE);
            raw(SERVICES[d.shipService[s].ordinal()]);
            field(ZONE, d.shipZone[s]);
            field(TRANSIT_DAYS, d.shipTransitDays[s]);
            field(COST, d.shipCostCents[s]);
            if (withState)
            {
                raw(STATUS);
                raw(SHIPMENT_STATES[d.shipState[s]]);
                field(ALLOCATED_SEQ, d.shipAllocatedSeq[s]);
                if (d.shipState[s] == OrderBook.SHIPMENT_SHIPPED)
                {
                    field(SHIPPED_SEQ, d.shipShippedSeq[s]);
                }
            }
            raw(LINES);
            final int start = d.shipLineStart[s];
            final int end = start + d.shipLineCount[s];
            for (int i = start; i < end; i++)
            {
                raw(i == start ? LINE_FIRST : LINE_NEXT);
                raw(skus[d.lineSku[i]]);
                field(QTY, d.lineQty[i]);
                put((byte)'}');
            }
            put((byte)']');
            put((byte)'}');
        }
    }

    private boolean groups(final Decision d)
    {
        final boolean quote = d.groupKind[0] == Decision.GROUP_QUOTE_OPTION;
        raw(quote ? OPTIONS : ORDERS);
        for (int k = 0; k < d.groupCount; k++)
        {
            if (k > 0)
            {
                put((byte)',');
            }
            if (quote)
            {
                raw(GROUP_SERVICE);
                raw(SERVICES[d.groupService[k].ordinal()]);
            }
            else
            {
                raw(GROUP_ORDER_ID);
                if (!text(engine.orders().id(d.groupOrder[k])))
                {
                    return false;
                }
            }
            raw(STATUS);
            raw(STATUSES[d.groupStatus[k].ordinal()]);
            if (d.groupReason[k] != Reason.NONE)
            {
                raw(REASON);
                raw(REASONS[d.groupReason[k].ordinal()]);
            }
            if (quote && d.groupStatus[k] == Status.OK)
            {
                field(COST, d.groupCostCents[k]);
                field(TRANSIT_DAYS, d.groupTransitDays[k]);
                field(SHIP_PRICE, d.groupShipPriceCents[k]);
            }
            if (!quote && d.groupBackordered[k] > 0)
            {
                field(BACKORDERED, d.groupBackordered[k]);
            }
            if (d.groupShipCount[k] > 0)
            {
                raw(SHIPMENTS);
                shipments(d, d.groupShipStart[k], d.groupShipStart[k] + d.groupShipCount[k], false);
                put((byte)']');
            }
            put((byte)'}');
        }
        put((byte)']');
        return true;
    }

    /**
     * Writes a user's text as a JSON string when it is printable ASCII without quote or backslash (what Jackson
     * writes unchanged).
     *
     * @return false when it is not (the general encoder then writes the line).
     */
    private boolean text(final CharSequence s)
    {
        final int n = s.length();
        ensure(n + 2);
        final byte[] b = bytes;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
            {
                return false;
            }
            b[p++] = (byte)c;
        }
        b[p++] = '"';
        pos = p;
        return true;
    }

    private void field(final byte[] name, final long value)
    {
        raw(name);
        number(value);
    }

    private void number(final long value)
    {
        ensure(20);
        long v = value;
        if (v < 0)
        {
            if (v == Long.MIN_VALUE)
            {
                raw(LONG_MIN);
                return;
            }
            bytes[pos++] = '-';
            v = -v;
        }
        final int digits = digits(v);
        int p = pos + digits;
        pos = p;
        do
        {
            bytes[--p] = (byte)('0' + (int)(v % 10));
            v /= 10;
        }
        while (v != 0);
    }

    private static int digits(final long v)
    {
        int d = 1;
        for (long t = v; t >= 10; t /= 10)
        {
            d++;
        }
        return d;
    }

    private void raw(final byte[] chunk)
    {
        ensure(chunk.length);
        System.arraycopy(chunk, 0, bytes, pos, chunk.length);
        pos += chunk.length;
    }

    private void put(final byte b)
    {
        ensure(1);
        bytes[pos++] = b;
    }

    private void ensure(final int more)
    {
        if (pos + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, pos + more));
        }
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static final byte[] SEQ = ascii("{\"seq\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] ORDER_ID = ascii(",\"order_id\":");
    private static final byte[] HOLD_ID = ascii(",\"hold_id\":");
    private static final byte[] STATUS = ascii(",\"status\":");
    private static final byte[] REASON = ascii(",\"reason\":");
    private static final byte[] ORDER_STATE = ascii(",\"order_state\":");
    private static final byte[] BACKORDERED = ascii(",\"backordered_qty\":");
    private static final byte[] EXPIRES = ascii(",\"expires_ts\":");
    private static final byte[] TOTAL_COST = ascii(",\"total_cost_cents\":");
    private static final byte[] SHIPMENTS = ascii(",\"shipments\":[");
    private static final byte[] SHIP_FIRST = ascii("{\"location_id\":");
    private static final byte[] SHIP_NEXT = ascii(",{\"location_id\":");
    private static final byte[] CARRIER = ascii(",\"carrier\":");
    private static final byte[] SERVICE = ascii(",\"service\":");
    private static final byte[] ZONE = ascii(",\"zone\":");
    private static final byte[] TRANSIT_DAYS = ascii(",\"transit_days\":");
    private static final byte[] COST = ascii(",\"cost_cents\":");
    private static final byte[] ALLOCATED_SEQ = ascii(",\"allocated_seq\":");
    private static final byte[] SHIPPED_SEQ = ascii(",\"shipped_seq\":");
    private static final byte[] LINES = ascii(",\"lines\":[");
    private static final byte[] LINE_FIRST = ascii("{\"sku\":");
    private static final byte[] LINE_NEXT = ascii(",{\"sku\":");
    private static final byte[] QTY = ascii(",\"qty\":");
    private static final byte[] OPTIONS = ascii(",\"options\":[");
    private static final byte[] ORDERS = ascii(",\"orders\":[");
    private static final byte[] GROUP_SERVICE = ascii("{\"service\":");
    private static final byte[] GROUP_ORDER_ID = ascii("{\"order_id\":");
    private static final byte[] SHIP_PRICE = ascii(",\"ship_price_cents\":");
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));
}
