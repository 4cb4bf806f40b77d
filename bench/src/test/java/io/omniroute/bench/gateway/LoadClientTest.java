package io.omniroute.bench.gateway;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadClientTest
{
    @TempDir
    Path dir;

    private OrderFrames frames;

    @BeforeEach
    void setUp() throws Exception
    {
        final GatewayTestData data = new GatewayTestData(dir);
        frames = new OrderFrames(data.network, data.lines, 3_000, "t-");
    }

    @Test
    void shouldScheduleFrameKAtStartPlusKOverRate()
    {
        final LoadClient.Schedule s = new LoadClient.Schedule(1_000, 4);
        assertEquals(1_000, s.dueNs(0));
        assertEquals(1_000 + 250_000_000L, s.dueNs(1));
        assertEquals(1_000 + 2_500_000_000L, s.dueNs(10));
        assertEquals(1_000 + 1_000_000_000_000L, new LoadClient.Schedule(1_000, 100_000).dueNs(100_000_000));
        assertThrows(IllegalArgumentException.class, () -> new LoadClient.Schedule(0, 0));
    }

    @Test
    void shouldNumberFramesByCorrelationIdAndGiveRepeatedOrdersFreshIds()
    {
        assertEquals(3_000, frames.count);
        assertTrue(frames.orders > 2_500, "orders: " + frames.orders);
        final org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(frames.bytes);
        for (final int i : new int[] { 0, 1, 20, 21, 2_999 })
        {
            assertEquals(i, OrderFrames.correlationId(b, frames.offset[i]));
        }
    }

    @Test
    void shouldAnswerEveryScheduledFrameOnceAtTheOfferedRate() throws Exception
    {
        try (BusyPollEchoServer echo = new BusyPollEchoServer())
        {
            final SocketChannel[] ch = { LoadClient.connect(echo.port(), false), LoadClient.connect(echo.port(), false) };
            final LoadClient.Run run = LoadClient.openLoop(ch, frames, 1_000, 2_000, 20_000, false);

            assertEquals(2_000, run.completed);
            assertEquals(2_000, run.latencyNs.getTotalCount());
            assertEquals(0, run.errors);
            // 2,000 frames at 20,000/s cannot finish in less than 0.1 s
            assertTrue(run.elapsedNs >= 99_000_000L, "elapsed " + run.elapsedNs);
            assertTrue(run.perSecond() <= 20_500, "achieved " + run.perSecond());
        }
    }

    @Test
    void shouldChargeAStallToEveryFrameItHeldBackNotOnlyToTheFirst() throws Exception
    {
        // an echo that sits 80 ms on its first read: frames due during the stall wait for it too
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Thread t = new Thread(() -> stallingEcho(server, 80));
            t.setDaemon(true);
            t.start();
            final SocketChannel ch = LoadClient.connect(server.getLocalPort(), false);
            final LoadClient.Run run = LoadClient.openLoop(new SocketChannel[] { ch }, frames, 0, 500, 10_000, false);

            assertEquals(500, run.completed);
            final Histogram h = run.latencyNs;
            assertTrue(h.getMaxValue() >= TimeUnit.MILLISECONDS.toNanos(70), "max " + h.getMaxValue());
            // frames 0..299 were due at 0..30 ms and all answered after 80 ms: at least 50 ms each. A client timing
            // from when it managed to send (coordinated omission) would see one slow answer and then fast ones.
            final long slow = h.getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(45), h.getHighestTrackableValue());
            assertTrue(slow >= 300, "answers over 45 ms: " + slow);
            assertTrue(h.getValueAtPercentile(50) >= TimeUnit.MILLISECONDS.toNanos(20), "p50 " +
                h.getValueAtPercentile(50));
            ch.close();
        }
    }

    @Test
    void shouldCountClosedLoopAnswersOnlyInTheMeasuredWindow() throws Exception
    {
        try (BusyPollEchoServer echo = new BusyPollEchoServer())
        {
            final SocketChannel[] ch = { LoadClient.connect(echo.port(), false), LoadClient.connect(echo.port(), false) };
            final LoadClient.Run run = LoadClient.closedLoop(ch, frames, 4, 0.1, 0.3, true);

            assertEquals(300_000_000L, run.elapsedNs);
            assertTrue(run.completed > 0);
            assertEquals(0, run.errors);
        }
    }

    @Test
    void shouldMergeRunsAsOne()
    {
        final LoadClient.Run a = new LoadClient.Run();
        a.latencyNs.recordValue(1_000);
        a.completed = 1;
        a.elapsedNs = 1_000_000_000L;
        final LoadClient.Run b = new LoadClient.Run();
        b.latencyNs.recordValue(3_000);
        b.completed = 3;
        b.rejected = 1;
        b.elapsedNs = 1_000_000_000L;

        assertEquals(a, LoadClient.Run.merge(null, a));
        final LoadClient.Run m = LoadClient.Run.merge(a, b);
        assertEquals(2, m.latencyNs.getTotalCount());
        assertEquals(4, m.completed);
        assertEquals(1, m.rejected);
        assertEquals(2.0, m.perSecond(), 1e-9);
    }

    private static void stallingEcho(final ServerSocket server, final long stallMs)
    {
        try (Socket s = server.accept())
        {
            s.setTcpNoDelay(true);
            final InputStream in = s.getInputStream();
            final OutputStream out = s.getOutputStream();
            final byte[] buf = new byte[1 << 16];
            boolean first = true;
            int n;
            while ((n = in.read(buf)) > 0)
            {
                if (first)
                {
                    Thread.sleep(stallMs);
                    first = false;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        }
        catch (final IOException | InterruptedException ignored)
        {
            // the test is over
        }
    }
}
