package io.omniroute.gateway.wire;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Service;
import io.omniroute.gateway.wire.sbe.*;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes an engine {@link Command} (as a JSON Lines decoder filled it) as one framed wire message: the structured
 * SBE message of its type when that message carries every field the command has, else a {@link JsonCommandEncoder}
 * with the original JSON text, so that the server sees exactly what {@code simulate} would (bad lines, unusual fields
 * and all). Single-threaded.
 */
public final class CommandWireEncoder
{
    // fields a command may have set
    static final int F_ORDER_ID = 1;
    static final int F_HOLD_ID = 1 << 1;
    static final int F_CUSTOMER_ID = 1 << 2;
    static final int F_CHANNEL = 1 << 3;
    static final int F_ZIP = 1 << 4;
    static final int F_LAT_LON = 1 << 5;
    static final int F_SERVICE = 1 << 6;
    static final int F_SHIP_COMPLETE = 1 << 7;
    static final int F_MAX_TRANSIT = 1 << 8;
    static final int F_HOLD_SECONDS = 1 << 9;
    static final int F_SERVICES = 1 << 10;
    static final int F_LINES = 1 << 11;
    static final int F_LOCATION = 1 << 12;
    static final int F_SKU = 1 << 13;
    static final int F_QTY = 1 << 14;
    static final int F_ON_HAND = 1 << 15;
    static final int F_SAFETY = 1 << 16;
    static final int F_RESELLABLE = 1 << 17;
    static final int F_REASON = 1 << 18;

    private static final int ROUTED = F_CHANNEL | F_ZIP | F_LAT_LON | F_MAX_TRANSIT | F_LINES;
    private static final int[] ALLOWED = new int[CommandType.values().length];

    static
    {
        ALLOWED[CommandType.ORDER.ordinal()] = ROUTED | F_ORDER_ID | F_HOLD_ID | F_SERVICE | F_SHIP_COMPLETE;
        ALLOWED[CommandType.CANCEL.ordinal()] = F_ORDER_ID;
        ALLOWED[CommandType.SHIP.ordinal()] = F_ORDER_ID | F_LOCATION;
        ALLOWED[CommandType.PICK_SHORT.ordinal()] = F_ORDER_ID | F_LOCATION | F_SKU | F_QTY;
        ALLOWED[CommandType.RETURN.ordinal()] = F_ORDER_ID | F_LOCATION | F_SKU | F_QTY | F_RESELLABLE | F_REASON;
        ALLOWED[CommandType.STOCK.ordinal()] = F_SKU | F_LOCATION | F_ON_HAND | F_SAFETY;
        ALLOWED[CommandType.RECEIVE.ordinal()] = F_SKU | F_LOCATION | F_QTY;
        ALLOWED[CommandType.QUOTE.ordinal()] = ROUTED | F_SERVICES;
        ALLOWED[CommandType.HOLD.ordinal()] =
            ROUTED | F_HOLD_ID | F_SERVICE | F_SHIP_COMPLETE | F_HOLD_SECONDS | F_CUSTOMER_ID;
        ALLOWED[CommandType.RELEASE.ordinal()] = F_HOLD_ID;
        ALLOWED[CommandType.STATUS.ordinal()] = F_ORDER_ID;
    }

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderEncoder order = new OrderEncoder();
    private final CancelEncoder cancel = new CancelEncoder();
    private final ShipEncoder ship = new ShipEncoder();
    private final PickShortEncoder pickShort = new PickShortEncoder();
    private final ReturnEncoder returned = new ReturnEncoder();
    private final StockEncoder stock = new StockEncoder();
    private final ReceiveEncoder receive = new ReceiveEncoder();
    private final NewDayEncoder newDay = new NewDayEncoder();
    private final QuoteEncoder quote = new QuoteEncoder();
    private final HoldEncoder hold = new HoldEncoder();
    private final ReleaseEncoder release = new ReleaseEncoder();
    private final StatusEncoder status = new StatusEncoder();
    private final KpiEncoder kpi = new KpiEncoder();
    private final SnapshotEncoder snapshot = new SnapshotEncoder();
    private final JsonCommandEncoder jsonCommand = new JsonCommandEncoder();

    /**
     * @return true when the structured message of the command's type carries everything the command holds.
     */
    public static boolean isStructured(final Command cmd)
    {
        if (cmd.invalidMessage != null || cmd.type == CommandType.UNKNOWN)
        {
            return false;
        }
        if ((fields(cmd) & ~ALLOWED[cmd.type.ordinal()]) != 0)
        {
            return false;
        }
        if ("".equals(cmd.zip) || "".equals(cmd.reason))
        {
            return false; // empty means absent on the wire
        }
        if (cmd.serviceName != null && Service.parse(cmd.serviceName) == null)
        {
            return false;
        }
        for (int i = 0; i < cmd.serviceCount; i++)
        {
            if (Service.parse(cmd.services[i]) == null)
            {
                return false;
            }
        }
        if (cmd.lineCount > MessageValidator.MAX_GROUP_COUNT)
        {
            return false;
        }
        return true;
    }

    static int fields(final Command cmd)
    {
        int f = 0;
        f |= cmd.orderId != null ? F_ORDER_ID : 0;
        f |= cmd.holdId != null ? F_HOLD_ID : 0;
        f |= cmd.customerId != null ? F_CUSTOMER_ID : 0;
        f |= cmd.channel != null ? F_CHANNEL : 0;
        f |= cmd.zip != null ? F_ZIP : 0;
        f |= !Double.isNaN(cmd.lat) || !Double.isNaN(cmd.lon) ? F_LAT_LON : 0;
        f |= cmd.serviceName != null ? F_SERVICE : 0;
        f |= cmd.shipComplete ? F_SHIP_COMPLETE : 0;
        f |= cmd.maxTransitDays != Command.ABSENT ? F_MAX_TRANSIT : 0;
        f |= cmd.holdSeconds != Command.ABSENT ? F_HOLD_SECONDS : 0;
        f |= cmd.serviceCount > 0 ? F_SERVICES : 0;
        f |= cmd.lineCount > 0 ? F_LINES : 0;
        f |= cmd.locationId != null ? F_LOCATION : 0;
        f |= cmd.sku != null ? F_SKU : 0;
        f |= cmd.qty != Command.ABSENT ? F_QTY : 0;
        f |= cmd.onHand != Command.ABSENT ? F_ON_HAND : 0;
        f |= cmd.safetyStock != Command.ABSENT ? F_SAFETY : 0;
        f |= cmd.resellablePresent || cmd.resellable ? F_RESELLABLE : 0;
        f |= cmd.reason != null ? F_REASON : 0;
        return f;
    }

    /**
     * Writes one frame (length prefix included) at {@code offset}: the structured message when
     * {@link #isStructured(Command)}, else a JSON command with {@code json[jsonOffset, +jsonLength)}.
     *
     * @return the frame's length in bytes, prefix included.
     */
    public int encode(final Command cmd, final long correlationId, final byte[] json, final int jsonOffset,
        final int jsonLength, final MutableDirectBuffer buffer, final int offset)
    {
        if (!isStructured(cmd))
        {
            return encodeJson(correlationId, Command.ABSENT, json, jsonOffset, jsonLength, buffer, offset);
        }
        return encodeStructured(cmd, correlationId, buffer, offset);
    }

    /**
     * Writes a JSON command frame.
     */
    public int encodeJson(final long correlationId, final long ts, final byte[] json, final int jsonOffset,
        final int jsonLength, final MutableDirectBuffer buffer, final int offset)
    {
        final int m = offset + Framing.LENGTH_FIELD_LENGTH;
        jsonCommand.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(ts)
            .putJson(json, jsonOffset, jsonLength);
        return frame(buffer, offset, MessageHeaderEncoder.ENCODED_LENGTH + jsonCommand.encodedLength());
    }

    /**
     * Writes the structured message of a command that {@link #isStructured(Command)}.
     */
    public int encodeStructured(final Command cmd, final long correlationId, final MutableDirectBuffer buffer,
        final int offset)
    {
        final int m = offset + Framing.LENGTH_FIELD_LENGTH;
        final int length;
        switch (cmd.type)
        {
            case ORDER:
            {
                final OrderEncoder e = order.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId)
                    .ts(cmd.ts).service(service(cmd.serviceName)).shipComplete(bool(cmd.shipComplete))
                    .maxTransitDays(cmd.maxTransitDays).lat(cmd.lat).lon(cmd.lon);
                final OrderEncoder.LinesEncoder lines = e.linesCount(cmd.lineCount);
                for (int i = 0; i < cmd.lineCount; i++)
                {
                    lines.next().qty(cmd.lineQty[i]).unitPriceCents(cmd.lineUnitPriceCents[i]).sku(str(cmd.lineSku[i]));
                }
                e.orderId(str(cmd.orderId)).channel(str(cmd.channel)).zip(str(cmd.zip)).holdId(str(cmd.holdId));
                length = e.encodedLength();
                break;
            }
            case CANCEL:
                length = cancel.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .orderId(str(cmd.orderId)).encodedLength();
                break;
            case SHIP:
                length = ship.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .orderId(str(cmd.orderId)).locationId(str(cmd.locationId)).encodedLength();
                break;
            case PICK_SHORT:
                length = pickShort.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .qty(cmd.qty).orderId(str(cmd.orderId)).locationId(str(cmd.locationId)).sku(str(cmd.sku))
                    .encodedLength();
                break;
            case RETURN:
                length = returned.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .qty(cmd.qty).resellable(cmd.resellablePresent ? bool(cmd.resellable) : BooleanType.NULL_VAL)
                    .orderId(str(cmd.orderId)).locationId(str(cmd.locationId)).sku(str(cmd.sku))
                    .reason(str(cmd.reason)).encodedLength();
                break;
            case STOCK:
                length = stock.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .onHand(cmd.onHand).safetyStock(cmd.safetyStock).sku(str(cmd.sku))
                    .locationId(str(cmd.locationId)).encodedLength();
                break;
            case RECEIVE:
                length = receive.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .qty(cmd.qty).sku(str(cmd.sku)).locationId(str(cmd.locationId)).encodedLength();
                break;
            case NEW_DAY:
                length = newDay.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .encodedLength();
                break;
            case QUOTE:
            {
                final QuoteEncoder e = quote.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId)
                    .ts(cmd.ts);
                int bits = 0;
                for (int i = 0; i < cmd.serviceCount; i++)
                {
                    bits |= Service.parse(cmd.services[i]).bit();
                }
                e.services().clear().standard((bits & Service.STANDARD.bit()) != 0)
                    .expedited((bits & Service.EXPEDITED.bit()) != 0).sameDay((bits & Service.SAME_DAY.bit()) != 0);
                e.maxTransitDays(cmd.maxTransitDays).lat(cmd.lat).lon(cmd.lon);
                final QuoteEncoder.LinesEncoder lines = e.linesCount(cmd.lineCount);
                for (int i = 0; i < cmd.lineCount; i++)
                {
                    lines.next().qty(cmd.lineQty[i]).unitPriceCents(cmd.lineUnitPriceCents[i]).sku(str(cmd.lineSku[i]));
                }
                e.channel(str(cmd.channel)).zip(str(cmd.zip));
                length = e.encodedLength();
                break;
            }
            case HOLD:
            {
                final HoldEncoder e = hold.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId)
                    .ts(cmd.ts).service(service(cmd.serviceName)).shipComplete(bool(cmd.shipComplete))
                    .maxTransitDays(cmd.maxTransitDays).holdSeconds(cmd.holdSeconds).lat(cmd.lat).lon(cmd.lon);
                final HoldEncoder.LinesEncoder lines = e.linesCount(cmd.lineCount);
                for (int i = 0; i < cmd.lineCount; i++)
                {
                    lines.next().qty(cmd.lineQty[i]).unitPriceCents(cmd.lineUnitPriceCents[i]).sku(str(cmd.lineSku[i]));
                }
                e.holdId(str(cmd.holdId)).channel(str(cmd.channel)).zip(str(cmd.zip)).customerId(str(cmd.customerId));
                length = e.encodedLength();
                break;
            }
            case RELEASE:
                length = release.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .holdId(str(cmd.holdId)).encodedLength();
                break;
            case STATUS:
                length = status.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .orderId(str(cmd.orderId)).encodedLength();
                break;
            case KPI:
                length = kpi.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .encodedLength();
                break;
            case SNAPSHOT:
                length = snapshot.wrapAndApplyHeader(buffer, m, header).correlationId(correlationId).ts(cmd.ts)
                    .encodedLength();
                break;
            default:
                throw new IllegalArgumentException("not a structured command: " + cmd.type);
        }
        return frame(buffer, offset, MessageHeaderEncoder.ENCODED_LENGTH + length);
    }

    private static int frame(final MutableDirectBuffer buffer, final int offset, final int messageLength)
    {
        Framing.writeLength(buffer, offset, messageLength);
        return Framing.LENGTH_FIELD_LENGTH + messageLength;
    }

    private static String str(final String s)
    {
        return s == null ? "" : s;
    }

    private static String str(final CharSequence s)
    {
        return s == null ? "" : s.toString();
    }

    private static BooleanType bool(final boolean b)
    {
        return b ? BooleanType.TRUE : BooleanType.FALSE;
    }

    private static ServiceCode service(final String name)
    {
        final Service s = Service.parse(name);
        return s == null ? ServiceCode.NULL_VAL : ServiceCode.get((short)s.ordinal());
    }
}
