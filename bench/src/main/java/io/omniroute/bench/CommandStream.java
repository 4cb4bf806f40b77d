package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.journal.CommandCodec;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo stream as binary commands (SBE {@code Command} messages, as the pipeline's ring and journal carry them), in
 * one of two mixes, endless and without repeats:
 * <ul>
 * <li>{@link Mix#ORDERS}: the demo stream as generated (orders, with its cancels, receipts and day changes);</li>
 * <li>{@link Mix#QUOTES10}: the same, with ten quotes before every order: a storefront asks far more often than it
 * orders (SPEC §5). The ten quotes are the carts (1–3 lines as in the demo, all services, with the lines' prices) of
 * the next ten orders of the stream, so each quote is a different cart, destination and channel.</li>
 * </ul>
 * Every order and hold id carries a fixed-width pass suffix ({@code ~p0000}) that is rewritten in place each time the
 * stream wraps, so the engine never sees a repeated id (a repeat would be the cheap "same content: first decision
 * again" path); cancels follow their orders' ids. Rewriting is a few bytes per command, once per pass.
 */
public final class CommandStream
{
    /** The command mixes. */
    public enum Mix
    {
        ORDERS("orders"), QUOTES10("quotes10");

        public final String label;

        Mix(final String label)
        {
            this.label = label;
        }

        public static Mix of(final String label)
        {
            for (final Mix m : values())
            {
                if (m.label.equals(label) || m.name().equalsIgnoreCase(label))
                {
                    return m;
                }
            }
            throw new IllegalArgumentException("mix must be orders or quotes10: " + label);
        }
    }

    public static final int QUOTES_PER_ORDER = 10;
    private static final String SUFFIX = "~p0000";
    private static final byte[] MARK = SUFFIX.getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> commands = new ArrayList<>();
    private final List<int[]> marks = new ArrayList<>();
    private final boolean[] order;
    private final long orders;
    private final long totalBytes;
    private int next;
    private int pass;

    /**
     * @param jsonLines the demo stream (JSON Lines).
     */
    public CommandStream(final byte[] jsonLines, final Mix mix)
    {
        final CommandJsonDecoder json = new CommandJsonDecoder();
        final CommandCodec codec = new CommandCodec();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final List<Command> decoded = new ArrayList<>();
        for (final String line : new String(jsonLines, StandardCharsets.UTF_8).split("\n"))
        {
            if (!line.isBlank())
            {
                decoded.add(json.decode(line, new Command()));
            }
        }
        final List<Command> quotes = new ArrayList<>();
        for (final Command c : decoded)
        {
            if (c.type == CommandType.ORDER && c.invalidMessage == null && c.zip != null)
            {
                quotes.add(quoteOf(c, json));
            }
        }
        final List<Boolean> isOrder = new ArrayList<>();
        int q = 0;
        long orderCount = 0;
        long bytes = 0;
        for (final Command c : decoded)
        {
            final boolean isAnOrder = c.type == CommandType.ORDER;
            if (isAnOrder && mix == Mix.QUOTES10 && !quotes.isEmpty())
            {
                for (int k = 0; k < QUOTES_PER_ORDER; k++)
                {
                    bytes += add(quotes.get(q), codec, buffer);
                    isOrder.add(false);
                    q = q + 1 == quotes.size() ? 0 : q + 1;
                }
            }
            if (c.orderId != null)
            {
                c.orderId = c.orderId + SUFFIX;
            }
            if (c.holdId != null)
            {
                c.holdId = c.holdId + SUFFIX;
            }
            bytes += add(c, codec, buffer);
            isOrder.add(isAnOrder);
            orderCount += isAnOrder ? 1 : 0;
        }
        order = new boolean[isOrder.size()];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = isOrder.get(i);
        }
        orders = orderCount;
        totalBytes = bytes;
    }

    private static Command quoteOf(final Command o, final CommandJsonDecoder json)
    {
        final StringBuilder s = new StringBuilder(256).append("{\"type\":\"quote\"");
        if (o.channel != null)
        {
            s.append(",\"channel\":\"").append(o.channel).append('"');
        }
        s.append(",\"zip\":\"").append(o.zip).append("\",\"lines\":[");
        for (int j = 0; j < o.lineCount; j++)
        {
            s.append(j == 0 ? "" : ",").append("{\"sku\":\"").append(o.lineSku[j]).append("\",\"qty\":")
                .append(o.lineQty[j]);
            if (o.lineUnitPriceCents[j] != Command.ABSENT)
            {
                s.append(",\"unit_price_cents\":").append(o.lineUnitPriceCents[j]);
            }
            s.append('}');
        }
        s.append(']');
        if (o.ts != Command.ABSENT)
        {
            s.append(",\"ts\":").append(o.ts);
        }
        final Command quote = json.decode(s.append('}').toString(), new Command());
        if (quote.type != CommandType.QUOTE || quote.invalidMessage != null)
        {
            throw new IllegalStateException("bad quote " + s + ": " + quote.invalidMessage);
        }
        return quote;
    }

    private int add(final Command c, final CommandCodec codec, final ExpandableArrayBuffer buffer)
    {
        final int n = codec.encode(c, buffer, 0);
        final byte[] b = new byte[n];
        buffer.getBytes(0, b);
        commands.add(b);
        marks.add(find(b));
        return n;
    }

    private static int[] find(final byte[] b)
    {
        int[] found = new int[0];
        outer:
        for (int i = 0; i + MARK.length <= b.length; i++)
        {
            for (int j = 0; j < MARK.length; j++)
            {
                if (b[i + j] != MARK[j])
                {
                    continue outer;
                }
            }
            found = java.util.Arrays.copyOf(found, found.length + 1);
            found[found.length - 1] = i + 2; // the four digits
        }
        return found;
    }

    /**
     * @return the next command's bytes (valid until the stream wraps back to it).
     */
    public byte[] next()
    {
        final byte[] c = commands.get(next);
        if (++next == commands.size())
        {
            next = 0;
            setPass(pass + 1);
        }
        return c;
    }

    /**
     * @return whether the command {@link #next()} returned last was an order.
     */
    public boolean lastWasOrder()
    {
        return order[next == 0 ? order.length - 1 : next - 1];
    }

    /**
     * Starts again from the first command of the first pass (the ids a fresh engine has not seen).
     */
    public void rewind()
    {
        next = 0;
        setPass(0);
    }

    private void setPass(final int p)
    {
        pass = p;
        final int v = p % 10_000;
        final byte d0 = (byte)('0' + v / 1000);
        final byte d1 = (byte)('0' + v / 100 % 10);
        final byte d2 = (byte)('0' + v / 10 % 10);
        final byte d3 = (byte)('0' + v % 10);
        for (int i = 0; i < commands.size(); i++)
        {
            final byte[] b = commands.get(i);
            for (final int at : marks.get(i))
            {
                b[at] = d0;
                b[at + 1] = d1;
                b[at + 2] = d2;
                b[at + 3] = d3;
            }
        }
    }

    /** @return commands in one pass. */
    public int size()
    {
        return commands.size();
    }

    /** @return orders in one pass. */
    public long ordersPerPass()
    {
        return orders;
    }

    /** @return the average command size in bytes. */
    public int averageBytes()
    {
        return (int)(totalBytes / Math.max(1, commands.size()));
    }

    public int pass()
    {
        return pass;
    }
}
