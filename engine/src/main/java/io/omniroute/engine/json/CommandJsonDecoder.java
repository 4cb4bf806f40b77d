package io.omniroute.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;

import java.io.IOException;

/**
 * Decodes one JSON Lines command into a reusable {@link Command}. Never throws for bad input: a malformed line or a
 * field of the wrong type leaves {@link Command#invalidMessage} naming the field, and the engine rejects it.
 */
public final class CommandJsonDecoder
{
    private final JsonFactory factory;

    public CommandJsonDecoder()
    {
        this(fastFactory());
    }

    /**
     * A factory tuned for many small documents: no source kept for error locations (our messages name the field).
     */
    public static JsonFactory fastFactory()
    {
        return JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    }

    public CommandJsonDecoder(final JsonFactory factory)
    {
        this.factory = factory;
    }

    /**
     * @return a line that stands for one the reader could not take (JsonLinesReader: longer than it reads): a NUL,
     * which no JSON starts with, then why, in ASCII; it decodes as an INVALID command with that message. Only this
     * one form is read so (see {@link #replacedWhy}): any other line starting with NUL is malformed JSON as before,
     * so no input can put a message of its choosing into a result.
     */
    public static byte[] replaced(final String why)
    {
        final byte[] ascii = why.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final byte[] line = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, line, 1, ascii.length);
        return line;
    }

    private static final java.util.regex.Pattern REPLACED = java.util.regex.Pattern.compile(
        "line [0-9]{1,19} is longer than [0-9]{1,10} bytes \\([0-9]{1,19} bytes(, to the end of the stream)?\\); skipped");

    /**
     * @return the reason a {@link #replaced} line gives, or null when the bytes are not one.
     */
    private static String replacedWhy(final byte[] bytes, final int offset, final int length)
    {
        if (length < 2 || length > 160 || bytes[offset] != 0)
        {
            return null;
        }
        final String why = new String(bytes, offset + 1, length - 1, java.nio.charset.StandardCharsets.US_ASCII);
        return REPLACED.matcher(why).matches() ? why : null;
    }

    /**
     * @return the command, filled; its invalidMessage is set when the line is bad.
     */
    public Command decode(final byte[] bytes, final int offset, final int length, final Command cmd)
    {
        cmd.reset();
        final String replacedWhy = replacedWhy(bytes, offset, length);
        if (replacedWhy != null)
        {
            fail(cmd, replacedWhy);
            return cmd;
        }
        try (JsonParser p = factory.createParser(bytes, offset, length))
        {
            decodeSafely(p, cmd);
        }
        catch (final IOException ex)
        {
            fail(cmd, "malformed JSON: " + ex.getMessage());
        }
        return cmd;
    }

    public Command decode(final String line, final Command cmd)
    {
        cmd.reset();
        try (JsonParser p = factory.createParser(line))
        {
            decodeSafely(p, cmd);
        }
        catch (final IOException ex)
        {
            fail(cmd, "malformed JSON: " + ex.getMessage());
        }
        return cmd;
    }

    private void decodeSafely(final JsonParser p, final Command cmd)
    {
        try
        {
            decode(p, cmd);
        }
        catch (final JsonParseException ex)
        {
            fail(cmd, "malformed JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(cmd, "malformed JSON: " + ex.getMessage());
        }
    }

    private static void fail(final Command cmd, final String message)
    {
        if (cmd.invalidMessage == null)
        {
            cmd.invalidMessage = plain(message);
        }
    }

    /**
     * @return the message without the JSON parser's advice to its programmers ("enable `JsonReadFeature…` to allow",
     * "from `StreamReadConstraints…`"), which a user sending commands can do nothing with.
     */
    static String plain(final String message)
    {
        if (message == null || message.indexOf('`') < 0)
        {
            return message;
        }
        return message.replaceAll(": enable `[A-Za-z_.]+` to allow", "")
            .replaceAll(", from `[A-Za-z_.()]+`", "")
            .replaceAll(" \\(`[A-Za-z_.()]+`\\)", "");
    }

    private void decode(final JsonParser p, final Command cmd) throws IOException
    {
        if (p.nextToken() != JsonToken.START_OBJECT)
        {
            fail(cmd, "a command must be a JSON object");
            return;
        }
        JsonToken t;
        long seen = 0;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME)
        {
            final String name = p.currentName();
            final JsonToken v = p.nextToken();
            seen = once(seen, FIELDS, name, "", cmd);
            field(p, name, v, cmd);
        }
        if (t != JsonToken.END_OBJECT)
        {
            fail(cmd, "malformed JSON object");
            return;
        }
        if (p.nextToken() != null)
        {
            fail(cmd, "unexpected content after the JSON object");
        }
        if (cmd.typeName == null)
        {
            fail(cmd, "field 'type': missing");
        }
        else if (cmd.type == CommandType.UNKNOWN)
        {
            fail(cmd, "field 'type': unknown command type '" + cmd.typeName + "'");
        }
    }

    /** The fields a command may give once (their position is their bit in {@link #once}'s mask). */
    private static final String[] FIELDS = { "type", "order_id", "hold_id", "customer_id", "channel", "zip", "lat",
        "lon", "service", "ship_complete", "resellable", "max_transit_days", "hold_seconds", "ts", "location_id",
        "sku", "qty", "on_hand", "safety_stock", "reason", "lines", "services" };
    private static final String[] LINE_FIELDS = { "sku", "qty", "unit_price_cents" };

    /**
     * Notes a known field; one given twice makes the command INVALID ("{"order_id":"a","order_id":"b"}" would
     * otherwise be order b, and a second "type" could turn an order into a cancel). Unknown fields are not noted.
     *
     * @return the mask of the fields seen so far.
     */
    private static long once(final long seen, final String[] fields, final String name, final String prefix,
        final Command cmd)
    {
        for (int i = 0; i < fields.length; i++)
        {
            if (fields[i].equals(name))
            {
                final long bit = 1L << i;
                if ((seen & bit) != 0)
                {
                    fail(cmd, "field '" + prefix + name + "': given twice");
                }
                return seen | bit;
            }
        }
        return seen;
    }

    private void field(final JsonParser p, final String name, final JsonToken v, final Command cmd) throws IOException
    {
        switch (name)
        {
            case "type":
                cmd.typeName = text(p, v, cmd, name, 32);
                if (cmd.typeName != null)
                {
                    cmd.type = CommandType.parse(cmd.typeName);
                }
                break;
            case "order_id":
                cmd.orderId = id(p, v, cmd, name, Command.MAX_ORDER_ID_LENGTH);
                break;
            case "hold_id":
                cmd.holdId = id(p, v, cmd, name, Command.MAX_ID_LENGTH);
                break;
            case "customer_id":
                cmd.customerId = id(p, v, cmd, name, Command.MAX_ID_LENGTH);
                break;
            case "channel":
                cmd.channel = id(p, v, cmd, name, Command.MAX_ID_LENGTH);
                break;
            case "zip":
                cmd.zip = text(p, v, cmd, name, 16);
                break;
            case "lat":
                cmd.lat = number(p, v, cmd, name, -90, 90);
                break;
            case "lon":
                cmd.lon = number(p, v, cmd, name, -180, 180);
                break;
            case "service":
                cmd.serviceName = text(p, v, cmd, name, 32);
                break;
            case "ship_complete":
                cmd.shipComplete = bool(p, v, cmd, name);
                break;
            case "resellable":
                cmd.resellable = bool(p, v, cmd, name);
                cmd.resellablePresent = true;
                break;
            case "max_transit_days":
                cmd.maxTransitDays = whole(p, v, cmd, name);
                break;
            case "hold_seconds":
                cmd.holdSeconds = whole(p, v, cmd, name);
                break;
            case "ts":
                cmd.ts = whole(p, v, cmd, name);
                break;
            case "location_id":
                cmd.locationId = id(p, v, cmd, name, Command.MAX_LOCATION_ID_LENGTH);
                break;
            case "sku":
                cmd.sku = id(p, v, cmd, name, Command.MAX_SKU_LENGTH);
                break;
            case "qty":
                cmd.qty = whole(p, v, cmd, name);
                break;
            case "on_hand":
                cmd.onHand = whole(p, v, cmd, name);
                break;
            case "safety_stock":
                cmd.safetyStock = whole(p, v, cmd, name);
                break;
            case "reason":
                cmd.reason = text(p, v, cmd, name, 64);
                break;
            case "lines":
                lines(p, v, cmd);
                break;
            case "services":
                services(p, v, cmd);
                break;
            default:
                p.skipChildren(); // unknown fields are ignored, so newer clients can add fields
                break;
        }
    }

    private void lines(final JsonParser p, final JsonToken v, final Command cmd) throws IOException
    {
        if (v != JsonToken.START_ARRAY)
        {
            fail(cmd, "field 'lines': expected an array");
            p.skipChildren();
            return;
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY)
        {
            if (t != JsonToken.START_OBJECT)
            {
                fail(cmd, "field 'lines[]': expected an object");
                p.skipChildren();
                continue;
            }
            String sku = null;
            long qty = Command.ABSENT;
            long unitPrice = Command.ABSENT;
            long seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                final JsonToken lv = p.nextToken();
                seen = once(seen, LINE_FIELDS, name, "lines[].", cmd);
                switch (name)
                {
                    case "sku":
                        sku = id(p, lv, cmd, "lines[].sku", Command.MAX_SKU_LENGTH);
                        break;
                    case "qty":
                        qty = whole(p, lv, cmd, "lines[].qty");
                        break;
                    case "unit_price_cents":
                        unitPrice = whole(p, lv, cmd, "lines[].unit_price_cents");
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            if (!cmd.addLine(sku, qty, unitPrice))
            {
                fail(cmd, "field 'lines': more than " + Command.MAX_RAW_LINES + " lines");
            }
        }
    }

    private void services(final JsonParser p, final JsonToken v, final Command cmd) throws IOException
    {
        if (v != JsonToken.START_ARRAY)
        {
            fail(cmd, "field 'services': expected an array of service names");
            p.skipChildren();
            return;
        }
        if (cmd.services == null)
        {
            cmd.services = new String[8];
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY)
        {
            final String s = text(p, t, cmd, "services[]", 32);
            if (s != null)
            {
                if (cmd.serviceCount == cmd.services.length)
                {
                    fail(cmd, "field 'services': too many entries");
                    continue;
                }
                cmd.services[cmd.serviceCount++] = s;
            }
        }
    }

    private static String text(final JsonParser p, final JsonToken v, final Command cmd, final String name,
        final int maxLength) throws IOException
    {
        if (v != JsonToken.VALUE_STRING)
        {
            if (v != JsonToken.VALUE_NULL)
            {
                fail(cmd, "field '" + name + "': expected a string");
            }
            p.skipChildren();
            return null;
        }
        final String s = p.getText();
        if (s.length() > maxLength)
        {
            fail(cmd, "field '" + name + "': longer than " + maxLength + " characters");
            return Command.kept(s);
        }
        return s;
    }

    private static String id(final JsonParser p, final JsonToken v, final Command cmd, final String name,
        final int maxLength) throws IOException
    {
        final String s = text(p, v, cmd, name, maxLength);
        if (s == null)
        {
            return null;
        }
        if (s.isEmpty())
        {
            fail(cmd, "field '" + name + "': must not be empty");
            return null;
        }
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                fail(cmd, "field '" + name + "': must be printable ASCII");
                return null;
            }
        }
        return s;
    }

    private static long whole(final JsonParser p, final JsonToken v, final Command cmd, final String name)
        throws IOException
    {
        if (v != JsonToken.VALUE_NUMBER_INT)
        {
            fail(cmd, "field '" + name + "': expected a whole number");
            p.skipChildren();
            return Command.ABSENT;
        }
        if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG)
        {
            fail(cmd, "field '" + name + "': number out of range");
            return Command.ABSENT;
        }
        final long value = p.getLongValue();
        if (value == Command.ABSENT)
        {
            fail(cmd, "field '" + name + "': number out of range");
        }
        return value;
    }

    private static double number(final JsonParser p, final JsonToken v, final Command cmd, final String name,
        final double min, final double max) throws IOException
    {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT)
        {
            fail(cmd, "field '" + name + "': expected a number");
            p.skipChildren();
            return Double.NaN;
        }
        final double d = p.getDoubleValue();
        if (!(d >= min && d <= max))
        {
            fail(cmd, "field '" + name + "': must be in [" + min + ", " + max + "]");
            return Double.NaN;
        }
        return d;
    }

    private static boolean bool(final JsonParser p, final JsonToken v, final Command cmd, final String name)
        throws IOException
    {
        if (v == JsonToken.VALUE_TRUE)
        {
            return true;
        }
        if (v != JsonToken.VALUE_FALSE)
        {
            fail(cmd, "field '" + name + "': expected true or false");
            p.skipChildren();
        }
        return false;
    }
}
