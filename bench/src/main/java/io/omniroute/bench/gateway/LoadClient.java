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
 * frames. Open loop: frame {@code k} is due at {@code start + k / rate} and its latency is measured from then
 * (coordinated omission corrected). Closed loop: each connection keeps {@code window} requests in flight.
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
            return completed * 1e9 / elapsedNs;
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
     * One connection, open loop at {@code rate}/s over frames {@code [first, first + count)}, frame {@code k} due at
     * {@code start + (k - first) / rate}.
     */
    static Run openLoop(final SocketChannel ch, final OrderFrames frames, final int first, final int count,
        final long rate, final boolean results) throws IOException
    {
        final int warmup = 0;
        final Run run = new Run();
        final UnsafeBuffer src = new UnsafeBuffer(frames.bytes);
        final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
        final ByteBuffer in = ByteBuffer.allocateDirect(8 << 20).order(ByteOrder.LITTLE_ENDIAN);
        final UnsafeBuffer inView = new UnsafeBuffer(in);
        final double intervalNs = 1e9 / rate;
        final long start = System.nanoTime() + 1_000_000;
        int next = 0;
        int received = 0;
        long measuredFrom = 0;
        while (received < count)
        {
            final long now = System.nanoTime();
            while (next < count && start + (long)(next * intervalNs) <= now &&
                out.remaining() >= frames.length[first + next])
            {
                out.put(frames.bytes, frames.offset[first + next], frames.length[first + next]);
                next++;
            }
            if (out.position() > 0)
            {
                out.flip();
                ch.write(out);
                out.compact();
            }
            if (ch.read(in) < 0)
            {
                throw new IOException("server closed the connection after " + received + " results");
            }
            final long readAt = System.nanoTime();
            int pos = 0;
            final int end = in.position();
            while (end - pos >= 4)
            {
                final int length = inView.getInt(pos, Framing.BYTE_ORDER);
                if (end - pos - 4 < length)
                {
                    break;
                }
                final int template = inView.getShort(pos + 6, Framing.BYTE_ORDER) & 0xFFFF;
                if (template == ResultDecoder.TEMPLATE_ID || !results)
                {
                    final long k = OrderFrames.correlationId(inView, pos) - first;
                    if (results && inView.getByte(pos + 4 + 8 + 17) == 2)
                    {
                        run.rejected++;
                    }
                    if (k >= warmup)
                    {
                        if (measuredFrom == 0)
                        {
                            measuredFrom = start + (long)(k * intervalNs);
                        }
                        run.latencyNs.recordValue(Math.max(1, readAt - (start + (long)(k * intervalNs))));
                        run.completed++;
                    }
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
                in.flip();
                in.position(pos);
                in.compact();
            }
        }
        run.elapsedNs = System.nanoTime() - measuredFrom;
        return run;
    }

    /**
     * {@code channels.length} connections, each keeping {@code window} frames in flight, for {@code seconds}
     * (after one second of warm-up).
     */
    static Run closedLoop(final SocketChannel[] channels, final OrderFrames frames, final int window,
        final int seconds, final boolean wrap) throws IOException
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
        final long measureFrom = begin + 1_000_000_000L;
        final long until = measureFrom + seconds * 1_000_000_000L;
        long completedAtStart = -1;
        long completed = 0;
        while (true)
        {
            final long now = System.nanoTime();
            if (completedAtStart < 0 && now >= measureFrom)
            {
                completedAtStart = completed;
            }
            if (now >= until)
            {
                break;
            }
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
                if (ch.read(b) < 0)
                {
                    throw new IOException("server closed connection " + c);
                }
                int pos = 0;
                final int end = b.position();
                while (end - pos >= 4)
                {
                    final int length = view[c].getInt(pos, Framing.BYTE_ORDER);
                    if (end - pos - 4 < length)
                    {
                        break;
                    }
                    if ((view[c].getShort(pos + 6, Framing.BYTE_ORDER) & 0xFFFF) != 3)
                    {
                        inFlight[c]--;
                        completed++;
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
            if (next >= frames.count)
            {
                throw new IllegalStateException("ran out of pre-encoded frames; give more");
            }
        }
        run.completed = completed - completedAtStart;
        run.elapsedNs = until - measureFrom;
        return run;
    }
}
