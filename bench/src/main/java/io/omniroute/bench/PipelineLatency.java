package io.omniroute.bench;

import io.omniroute.gateway.metrics.DecisionLatency;
import io.omniroute.gateway.pipeline.CommandSlot;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.pipeline.Pipeline;
import io.omniroute.gateway.pipeline.ResultAdapter;
import io.omniroute.journal.Durability;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency under load, open loop: commands of the demo stream are published on a fixed schedule (rate R), and each
 * result's latency is measured from the time its command was <em>due</em>, not sent (so a stall is charged to every
 * command that should have gone out during it: coordinated omission corrected). Prints HdrHistogram percentiles per
 * rate and durability, beside the same run's closed-loop maximum throughput (the baseline).
 * <p>
 * {@code java <jvm flags> -cp bench/target/benchmarks.jar io.omniroute.bench.PipelineLatency [seconds] [idle] [rates…]}
 * (idle: busy-spin, yielding, backoff (default), sleeping; backoff parks up to 1 ms when idle, which shows at low
 * rates).
 */
public final class PipelineLatency
{
    private PipelineLatency()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final String idle = args.length > 1 ? args[1] : "backoff";
        final List<Integer> rates = new ArrayList<>();
        for (int i = 2; i < args.length; i++)
        {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty())
        {
            rates.addAll(List.of(10_000, 50_000, 100_000));
        }
        final DemoFixture fixture = new DemoFixture(50_000);
        // ids never repeat (each pass rewrites their suffix), so every order is new and the books grow as in a day
        final CommandStream commands = new CommandStream(fixture.commands, CommandStream.Mix.ORDERS);
        System.out.printf(Locale.ROOT, "%d cores, idle %s, %d-command demo stream (ids unique in every pass), %d s per run, " +
            "%d spare book pages%n",
            Runtime.getRuntime().availableProcessors(), idle, commands.size(), seconds, new Context().sparePages());
        for (final Durability d : Durability.values())
        {
            run(fixture, commands, d, idle, 0, seconds); // warm-up, and the closed-loop baseline
            for (final int rate : rates)
            {
                run(fixture, commands, d, idle, rate, seconds);
            }
        }
        fixture.deleteFiles();
    }

    private static void run(final DemoFixture fixture, final CommandStream commands, final Durability durability,
        final String idleStrategy, final int rate, final int seconds) throws Exception
    {
        final Path journal = Files.createTempDirectory("omniroute-latency");
        final Histogram h = new Histogram(60_000_000_000L, 3);
        final long[] due = new long[1 << 16];
        final long[] received = new long[1];
        final ResultAdapter.ResultHandler onResult = (CommandSlot slot) ->
        {
            final long now = System.nanoTime();
            h.recordValue(Math.min(h.getHighestTrackableValue(), now - due[(int)(slot.correlationId() & 0xFFFF)]));
            received[0]++;
        };
        long sent = 0;
        commands.rewind();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final DecisionLatency engineTime = new DecisionLatency();
        try (Pipeline p = Pipeline.launch(new Context().network(fixture.network, fixture.dir.resolve("network"))
            .journalDir(journal).durability(durability).idleStrategy(idleStrategy).snapshotInterval(0).snapshotOnClose(false)
            .decisionLatency(engineTime).warnings(w -> { })))
        {
            final IdleStrategy idle = p.newIdleStrategy();
            final long start = System.nanoTime();
            final long end = start + seconds * 1_000_000_000L;
            final double intervalNs = rate == 0 ? 0 : 1e9 / rate;
            byte[] command = commands.next();
            while (System.nanoTime() < end && p.error() == null)
            {
                final long dueAt = rate == 0 ? System.nanoTime() : start + (long)(sent * intervalNs);
                if (System.nanoTime() < dueAt || sent - received[0] >= due.length - 1)
                {
                    idle.idle(p.results().poll(onResult, 1024));
                    continue;
                }
                due[(int)(sent & 0xFFFF)] = dueAt;
                view.wrap(command);
                if (p.publisher().offer(view, 0, command.length, sent))
                {
                    sent++;
                    command = commands.next();
                }
                p.results().poll(onResult, 1024);
            }
            while (received[0] < sent && p.error() == null)
            {
                idle.idle(p.results().poll(onResult, 1024));
            }
            final double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%-5s %-12s %,10.0f cmd/s  p50 %,8.1f us  p99 %,9.1f us  p99.9 %,9.1f us  " +
                "max %,9.1f us%n", durability.cliName(), rate == 0 ? "closed loop" : String.format("%,d/s", rate),
                sent / secs, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
            p.close();
            // the engine thread's own time per command (applying and journaling it), without the queueing before it
            final Histogram e = engineTime.snapshot();
            System.out.printf(Locale.ROOT, "%-18s engine thread per command: p50 %,8.1f us  p99 %,9.1f us  " +
                "p99.99 %,9.1f us  max %,9.1f us  (%,d over 1 ms)%n", "", e.getValueAtPercentile(50) / 1e3,
                e.getValueAtPercentile(99) / 1e3, e.getValueAtPercentile(99.99) / 1e3, e.getMaxValue() / 1e3,
                e.getCountBetweenValues(1_000_000, e.getMaxValue()));
        }
        PipelineBenchmark.deleteTree(journal);
    }
}
