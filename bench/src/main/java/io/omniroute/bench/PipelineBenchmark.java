package io.omniroute.bench;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.PageReserve;
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
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline end to end in one process: an in-process publisher → Disruptor ring → engine thread → Chronicle journal
 * → durable results back to the publisher ({@link #BATCH} commands per op), for each command {@link CommandStream.Mix}
 * (the demo stream as generated, "orders", or with ten quotes before every order, "quotes10") and each durability
 * (async: page cache; sync: msync per batch, group commit). The secondary results {@code commands} and {@code orders}
 * are commands/s and orders/s. Order ids never repeat ({@link CommandStream}), so every order is routed afresh; each
 * iteration starts a fresh pipeline and engine.
 * <p>
 * The publisher is closed-loop (it publishes as fast as the ring takes commands), so this measures throughput; the
 * per-command latency (publish → durable result, HdrHistogram over the measured iterations) is that of a saturated
 * pipeline, ring queueing included. It is printed and, when {@code -Domniroute.bench.extras=DIR} is set (the bench
 * report sets it), written to {@code DIR/<class>.<method>-<params>.json} for the report.
 * <p>
 * Baselines in the same run, same batch and payload sizes: {@link #rawDisruptor} (the ring hand-off alone: publish the
 * binary command, a consumer thread copies it out), {@link #rawChronicleAppend} (appending frames of the journal
 * entry's average size to a Chronicle queue, one thread) and {@link #engineOnly} (the single writer's own work on the
 * same commands, no ring, no journal: the ceiling of any single-writer pipeline). Idle strategy and core count are printed with the figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class PipelineBenchmark extends ChronicleFork
{
    public static final int BATCH = 10_000;
    /**
     * Demo orders in the stream (about 2 % more commands with the cancels, receipts and day changes);
     * {@code -Domniroute.bench.pipelineOrders=N} changes it (the quick bench run uses 20,000).
     */
    private static final int STREAM = Integer.getInteger("omniroute.bench.pipelineOrders", 100_000);

    /**
     * The demo network and stream, shared by the three benchmarks.
     */
    @State(Scope.Benchmark)
    public static class Commands
    {
        @Param({ "backoff" })
        public String idle;

        DemoFixture fixture;
        Path work;
        int averageEntryBytes;

        @Setup(Level.Trial)
        public void setUp() throws Exception
        {
            fixture = new DemoFixture(STREAM);
            work = Files.createTempDirectory("omniroute-pipeline-bench");
            final CommandStream orders = new CommandStream(fixture.commands, CommandStream.Mix.ORDERS);
            // a journal entry is the command plus a result line (~2x the command in the demo stream) and ~40 bytes
            averageEntryBytes = 3 * orders.averageBytes() + 40;
            System.out.printf("%n%d commands, %d cores, idle strategy %s, avg entry ~%d bytes%n", orders.size(),
                Runtime.getRuntime().availableProcessors(), idle, averageEntryBytes);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            deleteTree(work);
            fixture.deleteFiles();
        }
    }

    /**
     * Commands/s and orders/s of the pipeline benchmark (JMH secondary results).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates
    {
        public long commands;
        public long orders;

        @Setup(Level.Iteration)
        public void reset()
        {
            commands = 0;
            orders = 0;
        }
    }

    /**
     * A pipeline with a journal per the durability parameter, new for each iteration, fed with the mix.
     */
    @State(Scope.Benchmark)
    public static class PipelineState
    {
        @Param({ "orders", "quotes10" })
        public String mix;

        @Param({ "async", "sync" })
        public String durability;

        CommandStream stream;
        Pipeline pipeline;
        Histogram latency;
        Histogram measured;
        boolean measuring;
        long received;
        final ResultAdapter.ResultHandler onResult = this::onResult;
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        IdleStrategy idle;

        @Setup(Level.Trial)
        public void setUpTrial(final Commands c)
        {
            stream = new CommandStream(c.fixture.commands, CommandStream.Mix.of(mix));
            measured = new Histogram(60_000_000_000L, 3);
            System.out.printf("%nmix %s: %d commands, %d orders per pass; durability %s%n", mix, stream.size(),
                stream.ordersPerPass(), durability);
        }

        @Setup(Level.Iteration)
        public void setUp(final Commands c, final IterationParams iteration) throws IOException
        {
            final Path journal = Files.createTempDirectory(c.work, "journal");
            pipeline = Pipeline.launch(new Context().network(c.fixture.network, c.fixture.dir.resolve("network"))
                .journalDir(journal).durability(Durability.valueOf(durability.toUpperCase(java.util.Locale.ROOT)))
                .idleStrategy(c.idle).snapshotInterval(0).snapshotOnClose(false).clock(System::nanoTime)
                .warnings(w -> { }));
            latency = new Histogram(60_000_000_000L, 3);
            idle = pipeline.newIdleStrategy();
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            stream.rewind();
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
                "p99.9 %,d  max %,d (%,d commands, %d passes)%n", latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                latency.getTotalCount(), stream.pass() + 1);
            if (measuring)
            {
                measured.add(latency);
            }
            deleteTree(c.work);
            Files.createDirectories(c.work);
        }

        @TearDown(Level.Trial)
        public void tearDownTrial(final BenchmarkParams params) throws IOException
        {
            final String line = String.format(java.util.Locale.ROOT, "{\"latency_ns\":{\"p50\":%d,\"p90\":%d," +
                "\"p99\":%d,\"p99_9\":%d,\"max\":%d,\"count\":%d},\"latency_kind\":\"closed loop, saturated: " +
                "publish to durable result, ring queueing included\",\"commands_per_pass\":%d," +
                "\"orders_per_pass\":%d}", measured.getValueAtPercentile(50), measured.getValueAtPercentile(90),
                measured.getValueAtPercentile(99), measured.getValueAtPercentile(99.9), measured.getMaxValue(),
                measured.getTotalCount(), stream.size(), stream.ordersPerPass());
            System.out.println("\nmeasured " + line);
            writeExtras(params, line);
        }
    }

    /**
     * Writes a benchmark's extra figures (JSON) where the bench report collects them, when it asked for them.
     */
    static void writeExtras(final BenchmarkParams params, final String json) throws IOException
    {
        final String dir = System.getProperty("omniroute.bench.extras");
        if (dir == null)
        {
            return;
        }
        final java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        for (final String k : params.getParamsKeys())
        {
            sorted.put(k, params.getParam(k));
        }
        final String name = params.getBenchmark().replace("io.omniroute.bench.", "");
        final Path file = Path.of(dir).resolve(extrasFileName(name, sorted));
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    /**
     * @param benchmark class.method (simple class name).
     * @return the extras file name of a benchmark with these parameters.
     */
    public static String extrasFileName(final String benchmark, final java.util.SortedMap<String, String> params)
    {
        final StringBuilder b = new StringBuilder(benchmark);
        params.forEach((k, v) -> b.append('-').append(k).append('=').append(v));
        return b.append(".json").toString().replaceAll("[^A-Za-z0-9._=-]", "_");
    }

    /**
     * A bare Disruptor ring with a consumer thread polling it with the same idle strategy.
     */
    @State(Scope.Benchmark)
    public static class DisruptorState
    {
        CommandStream stream;
        RingBuffer<RawEvent> ring;
        EventPoller<RawEvent> poller;
        Thread consumer;
        volatile boolean running;
        IdleStrategy idle;

        @Setup(Level.Iteration)
        public void setUp(final Commands c)
        {
            if (stream == null)
            {
                stream = new CommandStream(c.fixture.commands, CommandStream.Mix.ORDERS);
            }
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

    /**
     * The engine thread's own work on the same commands, with no ring and no journal: a fresh engine each iteration,
     * its books growing into pages a sleeping thread made ahead, as in the pipeline.
     */
    @State(Scope.Benchmark)
    public static class EngineAloneState
    {
        CommandStream stream;
        Engine engine;
        final CommandCodec codec = new CommandCodec();
        final Command[] window = new Command[Engine.PREFETCH_AHEAD];
        final Decision decision = new Decision();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        AgentRunner pages;

        {
            for (int k = 0; k < window.length; k++)
            {
                window[k] = new Command();
            }
        }

        @Setup(Level.Iteration)
        public void setUp(final Commands c)
        {
            if (stream == null)
            {
                stream = new CommandStream(c.fixture.commands, CommandStream.Mix.ORDERS);
                codec.pinNames(c.fixture.network);
            }
            stream.rewind();
            engine = new Engine(c.fixture.network);
            // as the pipeline's engine thread, the books grow into pages a sleeping thread zeroed ahead
            pages = PageReserve.startFor(engine, PageReserve.DEFAULT_SPARE_PAGES, Throwable::printStackTrace);
        }

        @TearDown(Level.Iteration)
        public void tearDown()
        {
            CloseHelper.close(pages);
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
    public long pipeline(final PipelineState s, final Rates rates)
    {
        final Pipeline p = s.pipeline;
        final CommandStream stream = s.stream;
        final long target = s.received + BATCH;
        long orders = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final byte[] cmd = stream.next();
            orders += stream.lastWasOrder() ? 1 : 0;
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
        rates.commands += BATCH;
        rates.orders += orders;
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
    public long rawDisruptor(final DisruptorState s)
    {
        final RingBuffer<RawEvent> ring = s.ring;
        long last = -1;
        for (int i = 0; i < BATCH; i++)
        {
            final byte[] cmd = s.stream.next();
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
     * Ceiling of a single writer: {@link #BATCH} of the same commands decoded from their ring bytes and applied by the
     * engine on the benchmark thread (what the engine thread does per command, minus the result line, the journal
     * and the hand-offs). As on the engine thread, the commands come {@link Engine#PREFETCH_AHEAD} at a time and the
     * engine reads ahead for their ids ({@link Engine#prefetch}) before applying them. No pipeline can pass the rate
     * of its one writer's own work.
     */
    @Benchmark
    public long engineOnly(final EngineAloneState s)
    {
        long seq = 0;
        final Command[] window = s.window;
        for (int i = 0; i < BATCH; i += window.length)
        {
            final int n = Math.min(window.length, BATCH - i);
            for (int k = 0; k < n; k++)
            {
                final byte[] cmd = s.stream.next();
                s.view.wrap(cmd);
                s.codec.decode(s.view, 0, cmd.length, window[k]);
                s.engine.expect(window[k]);
            }
            s.engine.prefetch();
            for (int k = 0; k < n; k++)
            {
                seq = s.engine.apply(window[k], s.decision).seq;
            }
        }
        return seq;
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
