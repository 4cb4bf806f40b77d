package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.pipeline.CommandSlot;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.pipeline.Pipeline;
import io.omniroute.gateway.pipeline.ResultAdapter;
import io.omniroute.journal.Durability;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;

import java.nio.charset.StandardCharsets;
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
        final List<Command> commands = new ArrayList<>();
        final CommandJsonDecoder json = new CommandJsonDecoder();
        for (final String line : new String(fixture.commands, StandardCharsets.UTF_8).split("\n"))
        {
            if (!line.isBlank())
            {
                commands.add(json.decode(line, new Command()));
            }
        }
        System.out.printf(Locale.ROOT, "%d cores, idle %s, %d-command demo stream, %d s per run%n",
            Runtime.getRuntime().availableProcessors(), idle, commands.size(), seconds);
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

    private static void run(final DemoFixture fixture, final List<Command> commands, final Durability durability,
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
        try (Pipeline p = Pipeline.launch(new Context().network(fixture.network, fixture.dir.resolve("network"))
            .journalDir(journal).durability(durability).idleStrategy(idleStrategy).snapshotInterval(0).snapshotOnClose(false)
            .warnings(w -> { })))
        {
            final IdleStrategy idle = p.newIdleStrategy();
            final long start = System.nanoTime();
            final long end = start + seconds * 1_000_000_000L;
            final double intervalNs = rate == 0 ? 0 : 1e9 / rate;
            int next = 0;
            while (System.nanoTime() < end && p.error() == null)
            {
                final long dueAt = rate == 0 ? System.nanoTime() : start + (long)(sent * intervalNs);
                if (System.nanoTime() < dueAt || sent - received[0] >= due.length - 1)
                {
                    idle.idle(p.results().poll(onResult, 1024));
                    continue;
                }
                due[(int)(sent & 0xFFFF)] = dueAt;
                if (p.publisher().offer(commands.get(next), sent))
                {
                    sent++;
                    next = next + 1 == commands.size() ? 0 : next + 1;
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
        }
        PipelineBenchmark.deleteTree(journal);
    }
}
