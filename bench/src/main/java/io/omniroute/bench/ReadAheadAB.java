package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.journal.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The A/B that decided the engine's read-ahead ({@link Engine#prefetch}), kept so it can be run again: one JVM, one
 * engine, the demo stream's orders (ids never repeating across passes, so the order-id index grows as a day's does),
 * decoded 16 commands at a time with their names looked up (as the pipeline's publisher hands them over), then applied
 * with or without reading ahead first; passes alternate in an ABBA pattern and each is timed by the thread's CPU time.
 * On this shared 2-core machine two JVMs of one build differ by up to 30 %, so variants are compared inside one JVM.
 * <pre>
 * java -Xmx6g -Domniroute.orderbook.bytes=1073741824 -cp bench/target/benchmarks.jar io.omniroute.bench.ReadAheadAB [orders] [blocks]
 * </pre>
 * (and the Chronicle flags of the launcher, which the demo fixture's network loading does not need).
 */
public final class ReadAheadAB
{
    private final DemoFixture fixture;
    private final CommandStream stream;
    private final CommandCodec codec = new CommandCodec();
    private final Engine engine;
    private final Command[] window = new Command[Engine.PREFETCH_AHEAD];
    private final Decision decision = new Decision();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public ReadAheadAB(final int orders) throws Exception
    {
        fixture = new DemoFixture(orders);
        stream = new CommandStream(fixture.commands, CommandStream.Mix.ORDERS);
        codec.pinNames(fixture.network);
        engine = new Engine(fixture.network);
        for (int k = 0; k < window.length; k++)
        {
            window[k] = new Command();
        }
    }

    /**
     * One pass over the stream.
     *
     * @return CPU nanoseconds a command.
     */
    public double pass(final boolean readAhead)
    {
        final int n = stream.size();
        final long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i += window.length)
        {
            final int w = Math.min(window.length, n - i);
            for (int k = 0; k < w; k++)
            {
                final byte[] bytes = stream.next();
                view.wrap(bytes);
                codec.decode(view, 0, bytes.length, window[k]).resolveNames(fixture.network);
            }
            if (readAhead)
            {
                for (int k = 0; k < w; k++)
                {
                    engine.expect(window[k]);
                }
                engine.prefetch();
            }
            for (int k = 0; k < w; k++)
            {
                engine.apply(window[k], decision);
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / (double)n;
    }

    /**
     * Runs {@code blocks} ABBA blocks (two passes each way) after two warm-up blocks.
     *
     * @return each block's ratio, read-ahead passes' time over plain passes' time.
     */
    public double[] run(final int blocks, final boolean print)
    {
        final List<Double> ratios = new ArrayList<>();
        for (int b = -2; b < blocks; b++)
        {
            final boolean firstAhead = (b & 1) == 0;
            final double p1 = pass(firstAhead);
            final double p2 = pass(!firstAhead);
            final double p3 = pass(!firstAhead);
            final double p4 = pass(firstAhead);
            final double ahead = firstAhead ? p1 + p4 : p2 + p3;
            final double plain = firstAhead ? p2 + p3 : p1 + p4;
            if (print)
            {
                System.out.printf(Locale.ROOT, "%s block %d: read-ahead %.0f, plain %.0f ns a command, ratio %.3f%n",
                    b < 0 ? "warm-up" : "", b, ahead / 2, plain / 2, ahead / plain);
            }
            if (b >= 0)
            {
                ratios.add(ahead / plain);
            }
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public void close() throws Exception
    {
        fixture.deleteFiles();
    }

    public static void main(final String[] args) throws Exception
    {
        final int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        final ReadAheadAB ab = new ReadAheadAB(orders);
        try
        {
            final double[] r = ab.run(blocks, true);
            final double[] sorted = r.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "read-ahead / plain over %d blocks: median %.3f, %d of %d faster%n",
                r.length, sorted[sorted.length / 2], Arrays.stream(r).filter(x -> x < 1).count(), r.length);
        }
        finally
        {
            ab.close();
        }
    }
}
