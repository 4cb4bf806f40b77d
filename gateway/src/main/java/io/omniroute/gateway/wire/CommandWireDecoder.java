package io.omniroute.gateway.wire;

import io.omniroute.engine.AsciiId;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Service;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.wire.sbe.*;
import io.omniroute.journal.StringCache;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes one command message of the wire schema (already checked by {@link MessageValidator}) into a reusable
 * engine {@link Command}. Field rules and messages mirror {@link CommandJsonDecoder}, so the same command gives the
 * same result whether it came as JSON Lines or as SBE; a bad field sets {@link Command#invalidMessage} and the engine
 * rejects the command as INVALID. Short repeated texts come from a {@link StringCache}; order, hold and customer ids
 * are new strings. Single-threaded (the gateway's I/O thread).
 */
public final class CommandWireDecoder
{
    private static final Service[] SERVICES = Service.values();

    private final OrderDecoder order = new OrderDecoder();
    private final CancelDecoder cancel = new CancelDecoder();
    private final ShipDecoder ship = new ShipDecoder();
    private final PickShortDecoder pickShort = new PickShortDecoder();
    private final ReturnDecoder returned = new ReturnDecoder();
    private final StockDecoder stock = new StockDecoder();
    private final ReceiveDecoder receive = new ReceiveDecoder();
    private final NewDayDecoder newDay = new NewDayDecoder();
    private final QuoteDecoder quote = new QuoteDecoder();
    private final HoldDecoder hold = new HoldDecoder();
    private final ReleaseDecoder release = new ReleaseDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final KpiDecoder kpi = new KpiDecoder();
    private final SnapshotDecoder snapshot = new SnapshotDecoder();
    private final JsonCommandDecoder jsonCommand = new JsonCommandDecoder();
    private final CommandJsonDecoder json = new CommandJsonDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final StringCache cache;
    private byte[] jsonScratch = new byte[4096];
    private long correlationId;

    public CommandWireDecoder()
    {
        this(new StringCache(1 << 14));
    }

    public CommandWireDecoder(final StringCache cache)
    {
        this.cache = cache;
    }

    /**
     * Pins the network's names in the text cache (see {@code NetworkNames}): decoding them then never allocates and
     * gives the network's own instances.
     */
    public CommandWireDecoder pinNames(final io.omniroute.engine.Network network)
    {
        io.omniroute.journal.NetworkNames.pin(cache, network);
        return this;
    }

    /**
     * @return true for the templates that carry an engine command.
     */
    public static boolean isCommand(final int templateId)
    {
        return templateId >= OrderDecoder.TEMPLATE_ID && templateId <= JsonCommandDecoder.TEMPLATE_ID;
    }

    /**
     * The command type a command template carries; {@link CommandType#UNKNOWN} for a JSON command (known only once
     * decoded).
     */
    public static CommandType typeOf(final int templateId)
    {
        switch (templateId)
        {
            case OrderDecoder.TEMPLATE_ID: return CommandType.ORDER;
            case CancelDecoder.TEMPLATE_ID: return CommandType.CANCEL;
            case ShipDecoder.TEMPLATE_ID: return CommandType.SHIP;
            case PickShortDecoder.TEMPLATE_ID: return CommandType.PICK_SHORT;
            case ReturnDecoder.TEMPLATE_ID: return CommandType.RETURN;
            case StockDecoder.TEMPLATE_ID: return CommandType.STOCK;
            case ReceiveDecoder.TEMPLATE_ID: return CommandType.RECEIVE;
            case NewDayDecoder.TEMPLATE_ID: return CommandType.NEW_DAY;
            case QuoteDecoder.TEMPLATE_ID: return CommandType.QUOTE;
            case HoldDecoder.TEMPLATE_ID: return CommandType.HOLD;
            case ReleaseDecoder.TEMPLATE_ID: return CommandType.RELEASE;
            case StatusDecoder.TEMPLATE_ID: return CommandType.STATUS;
            case KpiDecoder.TEMPLATE_ID: return CommandType.KPI;
            case SnapshotDecoder.TEMPLATE_ID: return CommandType.SNAPSHOT;
            default: return CommandType.UNKNOWN;
        }
    }

    /**
     * The correlation id of a command message, read from the start of its block (every command has it first).
     */
    public static long correlationId(final DirectBuffer buffer, final int messageOffset)
    {
        return buffer.getLong(messageOffset + MessageHeaderDecoder.ENCODED_LENGTH, Framing.BYTE_ORDER);
    }

    /**
     * @return the correlation id of the last decoded command.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * Decodes the validated command message at {@code offset} (its SBE header first) into {@code cmd}.
     */
    public Command decode(final DirectBuffer buffer, final int offset, final int length, final int templateId,
        final int blockLength, final int version, final Command cmd)
    {
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        cmd.reset();
        switch (templateId)
        {
            case OrderDecoder.TEMPLATE_ID:
                decodeOrder(buffer, body, blockLength, version, cmd);
                break;
            case CancelDecoder.TEMPLATE_ID:
            {
                final CancelDecoder d = cancel.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.CANCEL, d.correlationId(), d.ts());
                d.wrapOrderId(view);
                cmd.orderId = id(cmd, "order_id", Command.MAX_ORDER_ID_LENGTH, cmd.orderIdText);
                break;
            }
            case ShipDecoder.TEMPLATE_ID:
            {
                final ShipDecoder d = ship.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.SHIP, d.correlationId(), d.ts());
                d.wrapOrderId(view);
                cmd.orderId = id(cmd, "order_id", Command.MAX_ORDER_ID_LENGTH, cmd.orderIdText);
                d.wrapLocationId(view);
                cmd.locationId = id(cmd, "location_id", true, Command.MAX_LOCATION_ID_LENGTH);
                break;
            }
            case PickShortDecoder.TEMPLATE_ID:
            {
                final PickShortDecoder d = pickShort.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.PICK_SHORT, d.correlationId(), d.ts());
                cmd.qty = d.qty();
                d.wrapOrderId(view);
                cmd.orderId = id(cmd, "order_id", Command.MAX_ORDER_ID_LENGTH, cmd.orderIdText);
                d.wrapLocationId(view);
                cmd.locationId = id(cmd, "location_id", true, Command.MAX_LOCATION_ID_LENGTH);
                d.wrapSku(view);
                cmd.sku = id(cmd, "sku", true, Command.MAX_SKU_LENGTH);
                break;
            }
            case ReturnDecoder.TEMPLATE_ID:
            {
                final ReturnDecoder d = returned.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.RETURN, d.correlationId(), d.ts());
                cmd.qty = d.qty();
                final short resellable = d.resellableRaw();
                if (resellable != BooleanType.NULL_VAL.value())
                {
                    cmd.resellablePresent = true;
                    cmd.resellable = bool(cmd, "resellable", resellable);
                }
                d.wrapOrderId(view);
                cmd.orderId = id(cmd, "order_id", Command.MAX_ORDER_ID_LENGTH, cmd.orderIdText);
                d.wrapLocationId(view);
                cmd.locationId = id(cmd, "location_id", true, Command.MAX_LOCATION_ID_LENGTH);
                d.wrapSku(view);
                cmd.sku = id(cmd, "sku", true, Command.MAX_SKU_LENGTH);
                d.wrapReason(view);
                cmd.reason = text(cmd, "reason", 64);
                break;
            }
            case StockDecoder.TEMPLATE_ID:
            {
                final StockDecoder d = stock.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.STOCK, d.correlationId(), d.ts());
                cmd.onHand = d.onHand();
                cmd.safetyStock = d.safetyStock();
                d.wrapSku(view);
                cmd.sku = id(cmd, "sku", true, Command.MAX_SKU_LENGTH);
                d.wrapLocationId(view);
                cmd.locationId = id(cmd, "location_id", true, Command.MAX_LOCATION_ID_LENGTH);
                break;
            }
            case ReceiveDecoder.TEMPLATE_ID:
            {
                final ReceiveDecoder d = receive.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.RECEIVE, d.correlationId(), d.ts());
                cmd.qty = d.qty();
                d.wrapSku(view);
                cmd.sku = id(cmd, "sku", true, Command.MAX_SKU_LENGTH);
                d.wrapLocationId(view);
                cmd.locationId = id(cmd, "location_id", true, Command.MAX_LOCATION_ID_LENGTH);
                break;
            }
            case NewDayDecoder.TEMPLATE_ID:
            {
                final NewDayDecoder d = newDay.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.NEW_DAY, d.correlationId(), d.ts());
                break;
            }
            case QuoteDecoder.TEMPLATE_ID:
                decodeQuote(buffer, body, blockLength, version, cmd);
                break;
            case HoldDecoder.TEMPLATE_ID:
                decodeHold(buffer, body, blockLength, version, cmd);
                break;
            case ReleaseDecoder.TEMPLATE_ID:
            {
                final ReleaseDecoder d = release.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.RELEASE, d.correlationId(), d.ts());
                d.wrapHoldId(view);
                cmd.holdId = id(cmd, "hold_id", Command.MAX_ID_LENGTH, cmd.holdIdText);
                break;
            }
            case StatusDecoder.TEMPLATE_ID:
            {
                final StatusDecoder d = status.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.STATUS, d.correlationId(), d.ts());
                d.wrapOrderId(view);
                cmd.orderId = id(cmd, "order_id", Command.MAX_ORDER_ID_LENGTH, cmd.orderIdText);
                break;
            }
            case KpiDecoder.TEMPLATE_ID:
            {
                final KpiDecoder d = kpi.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.KPI, d.correlationId(), d.ts());
                break;
            }
            case SnapshotDecoder.TEMPLATE_ID:
            {
                final SnapshotDecoder d = snapshot.wrap(buffer, body, blockLength, version);
                begin(cmd, CommandType.SNAPSHOT, d.correlationId(), d.ts());
                break;
            }
            case JsonCommandDecoder.TEMPLATE_ID:
                decodeJson(buffer, body, blockLength, version, cmd);
                break;
            default:
                correlationId = 0;
                cmd.invalidMessage = "template " + templateId + " is not a command";
                break;
        }
        return cmd;
    }

    private void begin(final Command cmd, final CommandType type, final long correlationId, final long ts)
    {
        this.correlationId = correlationId;
        cmd.type = type;
        cmd.typeName = type.jsonName();
        cmd.ts = ts;
    }

    private void decodeOrder(final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final Command cmd)
    {
        final OrderDecoder d = order.wrap(buffer, body, blockLength, version);
        begin(cmd, CommandType.ORDER, d.correlationId(), d.ts());
        cmd.serviceName = service(cmd, d.serviceRaw());
        cmd.shipComplete = bool(cmd, "ship_complete", d.shipCompleteRaw());
        cmd.maxTransitDays = d.maxTransitDays();
        cmd.lat = coordinate(cmd, "lat", d.lat(), -90, 90);
        cmd.lon = coordinate(cmd, "lon", d.lon(), -180, 180);
        for (final OrderDecoder.LinesDecoder line : d.lines())
        {
            final long qty = line.qty();
            final long unitPrice = line.unitPriceCents();
            line.wrapSku(view);
            addLine(cmd, id(cmd, "lines[].sku", true, Command.MAX_SKU_LENGTH), qty, unitPrice);
        }
        d.wrapOrderId(view);
        cmd.orderId = id(cmd, "order_id", Command.MAX_ORDER_ID_LENGTH, cmd.orderIdText);
        d.wrapChannel(view);
        cmd.channel = id(cmd, "channel", true, Command.MAX_ID_LENGTH);
        d.wrapZip(view);
        cmd.zip = text(cmd, "zip", 16);
        d.wrapHoldId(view);
        cmd.holdId = id(cmd, "hold_id", Command.MAX_ID_LENGTH, cmd.holdIdText);
    }

    private void decodeQuote(final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final Command cmd)
    {
        final QuoteDecoder d = quote.wrap(buffer, body, blockLength, version);
        begin(cmd, CommandType.QUOTE, d.correlationId(), d.ts());
        final short bits = d.services().getRaw();
        if ((bits & ~0b111) != 0)
        {
            fail(cmd, "field 'services': unknown service bits " + (bits & 0xFF));
        }
        if ((bits & 0b111) != 0)
        {
            if (cmd.services == null)
            {
                cmd.services = new String[8];
            }
            for (final Service s : SERVICES)
            {
                if ((bits & s.bit()) != 0)
                {
                    cmd.services[cmd.serviceCount++] = s.name();
                }
            }
        }
        cmd.maxTransitDays = d.maxTransitDays();
        cmd.lat = coordinate(cmd, "lat", d.lat(), -90, 90);
        cmd.lon = coordinate(cmd, "lon", d.lon(), -180, 180);
        for (final QuoteDecoder.LinesDecoder line : d.lines())
        {
            final long qty = line.qty();
            final long unitPrice = line.unitPriceCents();
            line.wrapSku(view);
            addLine(cmd, id(cmd, "lines[].sku", true, Command.MAX_SKU_LENGTH), qty, unitPrice);
        }
        d.wrapChannel(view);
        cmd.channel = id(cmd, "channel", true, Command.MAX_ID_LENGTH);
        d.wrapZip(view);
        cmd.zip = text(cmd, "zip", 16);
    }

    private void decodeHold(final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final Command cmd)
    {
        final HoldDecoder d = hold.wrap(buffer, body, blockLength, version);
        begin(cmd, CommandType.HOLD, d.correlationId(), d.ts());
        cmd.serviceName = service(cmd, d.serviceRaw());
        cmd.shipComplete = bool(cmd, "ship_complete", d.shipCompleteRaw());
        cmd.maxTransitDays = d.maxTransitDays();
        cmd.holdSeconds = d.holdSeconds();
        cmd.lat = coordinate(cmd, "lat", d.lat(), -90, 90);
        cmd.lon = coordinate(cmd, "lon", d.lon(), -180, 180);
        for (final HoldDecoder.LinesDecoder line : d.lines())
        {
            final long qty = line.qty();
            final long unitPrice = line.unitPriceCents();
            line.wrapSku(view);
            addLine(cmd, id(cmd, "lines[].sku", true, Command.MAX_SKU_LENGTH), qty, unitPrice);
        }
        d.wrapHoldId(view);
        cmd.holdId = id(cmd, "hold_id", Command.MAX_ID_LENGTH, cmd.holdIdText);
        d.wrapChannel(view);
        cmd.channel = id(cmd, "channel", true, Command.MAX_ID_LENGTH);
        d.wrapZip(view);
        cmd.zip = text(cmd, "zip", 16);
        d.wrapCustomerId(view);
        cmd.customerId = id(cmd, "customer_id", Command.MAX_ID_LENGTH, cmd.customerIdText);
    }

    private void decodeJson(final DirectBuffer buffer, final int body, final int blockLength, final int version,
        final Command cmd)
    {
        final JsonCommandDecoder d = jsonCommand.wrap(buffer, body, blockLength, version);
        final long correlation = d.correlationId();
        final long ts = d.ts();
        d.wrapJson(view);
        final int length = view.capacity();
        final byte[] bytes;
        final int offset;
        if (view.byteArray() != null)
        {
            bytes = view.byteArray();
            offset = (int)view.wrapAdjustment();
        }
        else
        {
            if (jsonScratch.length < length)
            {
                jsonScratch = new byte[Math.max(length, jsonScratch.length * 2)];
            }
            view.getBytes(0, jsonScratch, 0, length);
            bytes = jsonScratch;
            offset = 0;
        }
        json.decode(bytes, offset, length, cmd);
        correlationId = correlation;
        if (ts != JsonCommandDecoder.tsNullValue())
        {
            cmd.ts = ts;
        }
    }

    private static void addLine(final Command cmd, final String sku, final long qty, final long unitPrice)
    {
        if (!cmd.addLine(sku, qty, unitPrice))
        {
            fail(cmd, "field 'lines': more than " + Command.MAX_RAW_LINES + " lines");
        }
    }

    private static void fail(final Command cmd, final String message)
    {
        if (cmd.invalidMessage == null)
        {
            cmd.invalidMessage = message;
        }
    }

    private static String service(final Command cmd, final short raw)
    {
        if (raw == ServiceCode.NULL_VAL.value())
        {
            return null;
        }
        if (raw >= 0 && raw < SERVICES.length)
        {
            return SERVICES[raw].name();
        }
        fail(cmd, "field 'service': unknown service code " + raw);
        return null;
    }

    private static boolean bool(final Command cmd, final String name, final short raw)
    {
        if (raw == BooleanType.TRUE.value())
        {
            return true;
        }
        if (raw != BooleanType.FALSE.value())
        {
            fail(cmd, "field '" + name + "': expected true or false");
        }
        return false;
    }

    private static double coordinate(final Command cmd, final String name, final double value, final double min,
        final double max)
    {
        if (Double.isNaN(value))
        {
            return Double.NaN;
        }
        if (!(value >= min && value <= max))
        {
            fail(cmd, "field '" + name + "': must be in [" + min + ", " + max + "]");
            return Double.NaN;
        }
        return value;
    }

    /**
     * An identifier in {@link #view}: empty = absent; printable ASCII, at most {@code maxLength} characters (SPEC's
     * lengths for order ids, SKUs and location ids; {@link Command#MAX_ID_LENGTH} for the rest).
     */
    private String id(final Command cmd, final String name, final boolean cached, final int maxLength)
    {
        if (!validId(cmd, name, maxLength))
        {
            return null;
        }
        final int length = view.capacity();
        if (length > Command.MAX_KEPT_TEXT)
        {
            return Command.kept(cache.uncached(view, 0, length));
        }
        return cached ? cache.get(view, 0, length) : cache.uncached(view, 0, length);
    }

    /**
     * An id that names something new with each command (an order, a hold, a customer): held in the command's own
     * reusable text instead of a new string (see {@link AsciiId}).
     */
    private CharSequence id(final Command cmd, final String name, final int maxLength, final AsciiId reuse)
    {
        if (!validId(cmd, name, maxLength))
        {
            return null;
        }
        final int length = view.capacity();
        if (reuse.set(view, 0, length))
        {
            return reuse;
        }
        return Command.kept(cache.uncached(view, 0, length));
    }

    /**
     * @return whether {@link #view} holds an id (empty = absent; not printable ASCII fails the command); one longer
     * than {@code maxLength} fails the command but is still taken, for the reject to name it.
     */
    private boolean validId(final Command cmd, final String name, final int maxLength)
    {
        final int length = view.capacity();
        if (length == 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final byte c = view.getByte(i);
            if (c < 0x20 || c > 0x7E)
            {
                fail(cmd, "field '" + name + "': must be printable ASCII");
                return false;
            }
        }
        if (length > maxLength)
        {
            fail(cmd, "field '" + name + "': longer than " + maxLength + " characters");
        }
        return true;
    }

    /**
     * Free text in {@link #view}: empty = absent; UTF-8, at most {@code maxLength} characters.
     */
    private String text(final Command cmd, final String name, final int maxLength)
    {
        final int length = view.capacity();
        if (length == 0)
        {
            return null;
        }
        if (length > Command.MAX_KEPT_TEXT * 4)
        {
            // (UTF-8: at most 4 bytes a character) far past any limit: not decoded whole
            fail(cmd, "field '" + name + "': longer than " + maxLength + " characters");
            return Command.kept(cache.uncached(view, 0, Command.MAX_KEPT_TEXT * 4));
        }
        final String s = cache.get(view, 0, length);
        if (s.length() > maxLength)
        {
            fail(cmd, "field '" + name + "': longer than " + maxLength + " characters");
            return Command.kept(s);
        }
        return s;
    }
}
