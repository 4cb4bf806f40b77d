package io.omniroute.bench.gateway;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.wire.CommandWireEncoder;
import io.omniroute.gateway.wire.Framing;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Pre-encoded command frames for the load generator: the demo day's stream, each order given a fresh id, framed as
 * the Java client frames them, with correlation id = index. Encoding happens before the clock starts.
 */
final class OrderFrames
{
    final byte[] bytes;
    final int[] offset;
    final int[] length;
    final int count;
    /** How many of the frames are orders (the rest: cancels, receipts, new days). */
    final int orders;

    /**
     * @param lines the demo day's command stream (orders, cancels, nightly receipts, new days), repeated as often as
     *              needed with order ids made unique per repetition, so stock is replenished as on a real day.
     */
    OrderFrames(final Network network, final List<String> lines, final int count, final String idPrefix)
    {
        this(day(network, lines), count, idPrefix);
    }

    /**
     * The day's commands that travel as structured SBE messages and that this engine build applies.
     */
    static List<Command> day(final Network network, final List<String> lines)
    {
        final CommandJsonDecoder json = new CommandJsonDecoder();
        final List<Command> day = new ArrayList<>();
        final Engine probe = new Engine(network);
        final Decision d = new Decision();
        for (final String line : lines)
        {
            final Command c = json.decode(line, new Command());
            if (c.type == CommandType.UNKNOWN || !CommandWireEncoder.isStructured(c))
            {
                continue;
            }
            try
            {
                probe.apply(c, d); // skip the rare order this engine build cannot route (reported separately)
            }
            catch (final RuntimeException ex)
            {
                continue;
            }
            c.ts = Command.ABSENT;
            day.add(c);
        }
        return day;
    }

    OrderFrames(final List<Command> day, final int count, final String idPrefix)
    {
        final CommandWireEncoder encoder = new CommandWireEncoder();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(count * 160);
        this.offset = new int[count];
        this.length = new int[count];
        this.count = count;
        int orders = 0;
        int pos = 0;
        for (int i = 0; i < count; i++)
        {
            final Command c = day.get(i % day.size());
            final CharSequence originalId = c.orderId;
            if (originalId != null)
            {
                c.orderId = idPrefix + (i / day.size()) + "-" + originalId;
            }
            orders += c.type == CommandType.ORDER ? 1 : 0;
            offset[i] = pos;
            length[i] = encoder.encodeStructured(c, i, buffer, pos);
            c.orderId = originalId;
            pos += length[i];
        }
        this.orders = orders;
        bytes = new byte[pos];
        buffer.getBytes(0, bytes);
    }

    static long correlationId(final UnsafeBuffer frames, final int frameOffset)
    {
        return frames.getLong(frameOffset + Framing.LENGTH_FIELD_LENGTH + 8, Framing.BYTE_ORDER);
    }
}
