package io.omniroute.bench.gateway;

import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.sbe.LogonAckDecoder;
import io.omniroute.gateway.wire.sbe.LogonEncoder;
import io.omniroute.gateway.wire.sbe.MessageHeaderEncoder;
import io.omniroute.gateway.wire.sbe.ResultDecoder;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The load generator's connections: one thread, non-blocking sockets polled in a loop (no selector), pre-encoded
 * frames. When a pass over the sockets found nothing to send and nothing to read it yields: on a 2-core machine the
 * server's threads share its cores, and a pure spin would take a core from them. Open loop: frame {@code k} is due at
 * {@code start + k / rate} and its latency is measured from then (coordinated omission corrected), spread round-robin
 * over the connections. Closed loop: each connection keeps {@code window} requests in flight.
 */
final class LoadClient
{
    /** Result of a run. */
    static final class Run
    {
        final Histogram latencyNs = new Histogram(60_000_000_000L, 3);
        long completed;
        long rejected;
        long errors;
        long elapsedNs;

        double perSecond()
        {
            return elapsedNs <= 0 ? 0 : completed * 1e9 / elapsedNs;
        }

        /**
         * Runs one after another as one: histograms added, counts and time summed.
         */
        static Run merge(final Run into, final Run more)
        {
            if (into == null)
            {
                return more;
            }
            into.latencyNs.add(more.latencyNs);
            into.completed += more.completed;
            into.rejected += more.rejected;
            into.errors += more.errors;
            into.elapsedNs += more.elapsedNs;
            return into;
        }
    }

    private LoadClient()
    {
    }

    static SocketChannel connect(final int port, final boolean logon) throws IOException
    {
        final SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (logon)
        {
            final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocate(256));
            final LogonEncoder e = new LogonEncoder().wrapAndApplyHeader(b, 4, new MessageHeaderEncoder())
                .correlationId(0).heartbeatIntervalMs(60_000).clientId("bench").secret("");
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
            Framing.writeLength(b, 0, length);
            final ByteBuffer out = ByteBuffer.wrap(b.byteArray(), 0, length + 4);
            while (out.hasRemaining())
            {
                ch.write(out);
            }
            final ByteBuffer in = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, in);
            final ByteBuffer msg = ByteBuffer.allocate(in.getInt(0)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, msg);
            if ((msg.getShort(2) & 0xFFFF) != LogonAckDecoder.TEMPLATE_ID)
            {
                throw new IOException("logon refused");
            }
        }
        ch.configureBlocking(false);
        return ch;
    }

    private static void readFully(final SocketChannel ch, final ByteBuffer b) throws IOException
    {
        while (b.hasRemaining())
        {
            if (ch.read(b) < 0)
            {
                throw new IOException("closed");
            }
        }
    }

    /**
     * The open-loop schedule: frame {@code k} (counted from the first measured frame) is due at
     * {@code start + k * 1e9 / rate} ns, whatever happened to the frames before it.
     */
    static final class Schedule
    {
        final long startNs;
        final double intervalNs;

        Schedule(final long startNs, final long rate)
        {
            if (rate <= 0)
            {
                throw new IllegalArgumentException("rate must be positive: " + rate);
            }
            this.startNs = startNs;
            this.intervalNs = 1e9 / rate;
        }

        long dueNs(final long k)
        {
            return startNs + (long)(k * intervalNs);
        }
    }

    /**
     * Open loop at {@code rate}/s over frames {@code [first, first + count)}, frame {@code first + k} due at
     * {@code start + k / rate} and sent on connection {@code k % channels.length}; its latency runs from when it was
     * due to when its answer was read (coordinated omission corrected: a stall is charged to every frame it held
     * back, not only to the one that met it).
     *
     * @param results true for the gateway (answers are Result frames; other frames but heartbeats are errors),
     *                false for the echo (every frame comes back).
     */
    static Run openLoop(final SocketChannel[] channels, final OrderFrames frames, final int first, final int count,
        final long rate, final boolean results) throws IOException
    {
        final Run run = new Run();
        final int n = channels.length;
        final ByteBuffer[] out = new ByteBuffer[n];
        final ByteBuffer[] in = new ByteBuffer[n];
        final UnsafeBuffer[] view = new UnsafeBuffer[n];
        for (int c = 0; c < n; c++)
        {
            out[c] = ByteBuffer.allocateDirect(1 << 20);
            in[c] = ByteBuffer.allocateDirect(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
            view[c] = new UnsafeBuffer(in[c]);
        }
        final Schedule schedule = new Schedule(System.nanoTime() + 1_000_000, rate);
        int next = 0;
        int received = 0;
        while (received < count)
        {
            final long now = System.nanoTime();
            final int nextBefore = next;
            int bytesRead = 0;
            while (next < count && schedule.dueNs(next) <= now)
            {
                final ByteBuffer o = out[next % n];
                if (o.remaining() < frames.length[first + next])
                {
                    break; // the server pushes back: the frame stays due and its latency grows
                }
                o.put(frames.bytes, frames.offset[first + next], frames.length[first + next]);
                next++;
            }
            for (int c = 0; c < n; c++)
            {
                final ByteBuffer o = out[c];
                if (o.position() > 0)
                {
                    o.flip();
                    channels[c].write(o);
                    o.compact();
                }
                final ByteBuffer b = in[c];
                final int got = channels[c].read(b);
                if (got < 0)
                {
                    throw new IOException("server closed connection " + c + " after " + received + " answers");
                }
                bytesRead += got;
                final long readAt = System.nanoTime();
                int pos = 0;
                final int end = b.position();
                final UnsafeBuffer v = view[c];
                while (end - pos >= 4)
                {
                    final int length = v.getInt(pos, Framing.BYTE_ORDER);
                    if (end - pos - 4 < length)
                    {
                        break;
                    }
                    final int template = v.getShort(pos + 6, Framing.BYTE_ORDER) & 0xFFFF;
                    if (template == ResultDecoder.TEMPLATE_ID || !results)
                    {
                        final long k = OrderFrames.correlationId(v, pos) - first;
                        if (results && v.getByte(pos + 4 + 8 + 17) == 2)
                        {
                            run.rejected++;
                        }
                        run.latencyNs.recordValue(Math.min(run.latencyNs.getHighestTrackableValue(),
                            Math.max(1, readAt - schedule.dueNs(k))));
                        run.completed++;
                        received++;
                    }
                    else if (template != 3) // not a heartbeat: a gateway error
                    {
                        run.errors++;
                        received++;
                    }
                    pos += 4 + length;
                }
                if (pos > 0)
                {
                    b.flip();
                    b.position(pos);
                    b.compact();
                }
            }
            if (next == nextBefore && bytesRead == 0)
            {
                Thread.yield(); // nothing due, nothing back: let a server thread that shares this core run
            }
        }
        run.elapsedNs = System.nanoTime() - schedule.startNs;
        return run;
    }

    /**
     * {@code channels.length} connections, each keeping {@code window} frames in flight, for {@code seconds}
     * after {@code warmupSeconds} of warm-up. Counts answers (no latency: a closed loop measures throughput).
     */
    static Run closedLoop(final SocketChannel[] channels, final OrderFrames frames, final int window,
        final double warmupSeconds, final double seconds, final boolean wrap) throws IOException
    {
        final Run run = new Run();
        final int n = channels.length;
        final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
        final ByteBuffer[] in = new ByteBuffer[n];
        final UnsafeBuffer[] view = new UnsafeBuffer[n];
        final int[] inFlight = new int[n];
        for (int c = 0; c < n; c++)
        {
            in[c] = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            view[c] = new UnsafeBuffer(in[c]);
        }
        int next = 0;
        final long begin = System.nanoTime();
        final long measureFrom = begin + (long)(warmupSeconds * 1e9);
        final long until = measureFrom + (long)(seconds * 1e9);
        long completedAtStart = -1;
        long rejectedAtStart = 0;
        long completed = 0;
        long rejected = 0;
        while (true)
        {
            final long now = System.nanoTime();
            if (completedAtStart < 0 && now >= measureFrom)
            {
                completedAtStart = completed;
                rejectedAtStart = rejected;
            }
            if (now >= until)
            {
                break;
            }
            long bytesRead = 0;
            for (int c = 0; c < n; c++)
            {
                final SocketChannel ch = channels[c];
                out.clear();
                while (inFlight[c] < window && next < frames.count)
                {
                    out.put(frames.bytes, frames.offset[next], frames.length[next]);
                    next++;
                    inFlight[c]++;
                    if (wrap && next == frames.count)
                    {
                        next = 0; // the echo does not care that a frame comes again
                    }
                }
                if (out.position() > 0)
                {
                    out.flip();
                    while (out.hasRemaining())
                    {
                        ch.write(out);
                    }
                }
                final ByteBuffer b = in[c];
                final int got = ch.read(b);
                if (got < 0)
                {
                    throw new IOException("server closed connection " + c);
                }
                bytesRead += got;
                int pos = 0;
                final int end = b.position();
                while (end - pos >= 4)
                {
                    final int length = view[c].getInt(pos, Framing.BYTE_ORDER);
                    if (end - pos - 4 < length)
                    {
                        break;
                    }
                    final int template = view[c].getShort(pos + 6, Framing.BYTE_ORDER) & 0xFFFF;
                    if (template != 3)
                    {
                        inFlight[c]--;
                        completed++;
                        if (!wrap && template == ResultDecoder.TEMPLATE_ID && view[c].getByte(pos + 4 + 8 + 17) == 2)
                        {
                            rejected++;
                        }
                        else if (!wrap && template != ResultDecoder.TEMPLATE_ID)
                        {
                            run.errors++;
                        }
                    }
                    pos += 4 + length;
                }
                if (pos > 0)
                {
                    b.flip();
                    b.position(pos);
                    b.compact();
                }
            }
            if (bytesRead == 0)
            {
                Thread.yield(); // every window full and nothing back: let a server thread run
            }
            if (next >= frames.count)
            {
                throw new IllegalStateException("ran out of pre-encoded frames; give more");
            }
        }
        run.completed = completed - Math.max(0, completedAtStart);
        run.rejected = rejected - rejectedAtStart;
        run.elapsedNs = until - measureFrom;
        return run;
    }
}
