package io.omniroute.bench;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.omniroute.engine.Command;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.pipeline.CommandSlot;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.pipeline.IdleStrategies;
import io.omniroute.gateway.pipeline.Pipeline;
import io.omniroute.gateway.pipeline.ResultAdapter;
import io.omniroute.journal.CommandCodec;
import io.omniroute.journal.Durability;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline end to end in one process: an in-process publisher → Disruptor ring → engine thread → Chronicle journal
 * (async) → durable results back to the publisher, over the demo stream ({@link #BATCH} commands per op; commands/s =
 * ops/s × BATCH). The publisher is closed-loop (it publishes as fast as the ring takes commands), so this measures
 * throughput; the per-command latency (publish → durable result, HdrHistogram) printed at the end of each iteration is
 * that of a saturated pipeline, queueing included.
 * <p>
 * Baselines in the same run, same batch and payload sizes: {@link #rawDisruptor} (the ring hand-off alone: publish the
 * binary command, a consumer thread copies it out) and {@link #rawChronicleAppend} (appending frames of the journal
 * entry's average size to a Chronicle queue, one thread). Idle strategy and core count are printed with the figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true" })
public class PipelineBenchmark
{
    public static final int BATCH = 10_000;
    private static final int STREAM = 50_000;

    /**
     * The demo stream as binary commands, shared by the three benchmarks.
     */
    @State(Scope.Benchmark)
    public static class Commands
    {
        @Param({ "backoff" })
        public String idle;

        DemoFixture fixture;
        Path work;
        final List<byte[]> commands = new ArrayList<>();
        int next;
        int averageEntryBytes;

        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            fixture = new DemoFixture(STREAM);
            work = Files.createTempDirectory("omniroute-pipeline-bench");
            final CommandJsonDecoder json = new CommandJsonDecoder();
            final CommandCodec codec = new CommandCodec();
            final Command cmd = new Command();
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
            long total = 0;
            for (final String line : new String(fixture.commands, StandardCharsets.UTF_8).split("\n"))
            {
                if (line.isBlank())
                {
                    continue;
                }
                json.decode(line, cmd);
                final int n = codec.encode(cmd, buffer, 0);
                final byte[] b = new byte[n];
                buffer.getBytes(0, b);
                commands.add(b);
                total += n;
            }
            // a journal entry is the command plus a result line (~2x the command in the demo stream) and ~40 bytes
            averageEntryBytes = (int)(3 * total / commands.size()) + 40;
            System.out.printf("%n%d commands, %d cores, idle strategy %s, avg entry ~%d bytes%n", commands.size(),
                Runtime.getRuntime().availableProcessors(), idle, averageEntryBytes);
        }

        byte[] next()
        {
            final byte[] c = commands.get(next);
            next = next + 1 == commands.size() ? 0 : next + 1;
            return c;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            deleteTree(work);
            fixture.deleteFiles();
        }
    }

    /**
     * A pipeline with an async journal, new for each iteration.
     */
    @State(Scope.Benchmark)
    public static class PipelineState
    {
        Pipeline pipeline;
        Histogram latency;
        long received;
        final ResultAdapter.ResultHandler onResult = this::onResult;
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        IdleStrategy idle;

        @Setup(Level.Iteration)
        public void setUp(final Commands c) throws IOException
        {
            final Path journal = Files.createTempDirectory(c.work, "journal");
            pipeline = Pipeline.launch(new Context().network(c.fixture.network, c.fixture.dir.resolve("network"))
                .journalDir(journal).durability(Durability.ASYNC).idleStrategy(c.idle).snapshotInterval(0)
                .snapshotOnClose(false).clock(System::nanoTime).warnings(w -> { }));
            latency = new Histogram(60_000_000_000L, 3);
            idle = pipeline.newIdleStrategy();
            c.next = 0;
        }

        private void onResult(final CommandSlot slot)
        {
            latency.recordValue(Math.min(latency.getHighestTrackableValue(), System.nanoTime() - slot.ingressTimeNs()));
            received++;
        }

        @TearDown(Level.Iteration)
        public void tearDown(final Commands c) throws IOException
        {
            pipeline.close();
            System.out.printf("%npipeline latency publish->durable result (ns, closed loop): p50 %,d  p99 %,d  " +
                "p99.9 %,d  max %,d (%,d commands)%n", latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                latency.getTotalCount());
            deleteTree(c.work);
            Files.createDirectories(c.work);
        }
    }

    /**
     * A bare Disruptor ring with a consumer thread polling it with the same idle strategy.
     */
    @State(Scope.Benchmark)
    public static class DisruptorState
    {
        RingBuffer<RawEvent> ring;
        EventPoller<RawEvent> poller;
        Thread consumer;
        volatile boolean running;
        IdleStrategy idle;

        @Setup(Level.Iteration)
        public void setUp(final Commands c)
        {
            ring = RingBuffer.createSingleProducer(RawEvent::new, 4096, new BusySpinWaitStrategy());
            poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            running = true;
            idle = IdleStrategies.named(c.idle);
            final byte[] sink = new byte[4096];
            final EventPoller.Handler<RawEvent> copyOut = (e, seq, end) ->
            {
                System.arraycopy(e.bytes, 0, sink, 0, e.length);
                return true;
            };
            final IdleStrategy consumerIdle = IdleStrategies.named(c.idle);
            consumer = new Thread(() ->
            {
                while (running)
                {
                    try
                    {
                        consumerIdle.idle(poller.poll(copyOut) == EventPoller.PollState.PROCESSING ? 1 : 0);
                    }
                    catch (final Exception ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                }
            }, "raw-disruptor-consumer");
            consumer.start();
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws InterruptedException
        {
            running = false;
            consumer.join();
        }
    }

    /**
     * A bare Chronicle queue (same roll cycle as the journal).
     */
    @State(Scope.Benchmark)
    public static class ChronicleState
    {
        SingleChronicleQueue queue;
        ExcerptAppender appender;
        byte[] frame;

        @Setup(Level.Iteration)
        public void setUp(final Commands c) throws IOException
        {
            queue = SingleChronicleQueueBuilder.binary(Files.createTempDirectory(c.work, "raw").toFile())
                .rollCycle(LargeRollCycles.HUGE_DAILY).build();
            appender = queue.createAppender();
            frame = new byte[c.averageEntryBytes];
        }

        @TearDown(Level.Iteration)
        public void tearDown(final Commands c) throws IOException
        {
            appender.close();
            queue.close();
            deleteTree(c.work);
            Files.createDirectories(c.work);
        }
    }

    /** A raw Disruptor event: the binary command bytes. */
    static final class RawEvent
    {
        final byte[] bytes = new byte[4096];
        int length;
    }

    /**
     * {@link #BATCH} commands through ring, engine and journal; returns when all their results are back durable.
     */
    @Benchmark
    public long pipelineAsyncJournal(final Commands c, final PipelineState s)
    {
        final Pipeline p = s.pipeline;
        final long target = s.received + BATCH;
        for (int i = 0; i < BATCH; i++)
        {
            final byte[] cmd = c.next();
            s.view.wrap(cmd);
            while (!p.publisher().offer(s.view, 0, cmd.length, i))
            {
                s.idle.idle(p.results().poll(s.onResult, 1024));
                failIfStopped(p);
            }
            p.results().poll(s.onResult, 1024);
        }
        while (s.received < target)
        {
            s.idle.idle(p.results().poll(s.onResult, 1024));
            failIfStopped(p);
        }
        return s.received;
    }

    private static void failIfStopped(final Pipeline p)
    {
        if (p.error() != null)
        {
            throw new IllegalStateException("the engine stopped", p.error());
        }
    }

    /**
     * Baseline: the same commands handed through a bare Disruptor ring to a consumer thread that copies them out.
     */
    @Benchmark
    public long rawDisruptor(final Commands c, final DisruptorState s)
    {
        final RingBuffer<RawEvent> ring = s.ring;
        long last = -1;
        for (int i = 0; i < BATCH; i++)
        {
            final byte[] cmd = c.next();
            while (!ring.hasAvailableCapacity(1))
            {
                s.idle.idle();
            }
            last = ring.next();
            final RawEvent e = ring.get(last);
            System.arraycopy(cmd, 0, e.bytes, 0, cmd.length);
            e.length = cmd.length;
            ring.publish(last);
        }
        final Sequence consumed = s.poller.getSequence();
        while (consumed.get() < last)
        {
            s.idle.idle();
        }
        return last;
    }

    /**
     * Baseline: appending {@link #BATCH} frames of the average journal entry's size to a Chronicle queue.
     */
    @Benchmark
    public long rawChronicleAppend(final ChronicleState s)
    {
        for (int i = 0; i < BATCH; i++)
        {
            try (DocumentContext dc = s.appender.writingDocument())
            {
                dc.wire().bytes().write(s.frame, 0, s.frame.length);
            }
        }
        return s.appender.lastIndexAppended();
    }

    static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (var walk = Files.walk(dir))
        {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
