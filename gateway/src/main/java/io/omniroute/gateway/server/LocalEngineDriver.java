package io.omniroute.gateway.server;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.PageReserve;
import io.omniroute.gateway.metrics.DecisionLatency;
import io.omniroute.gateway.pipeline.WakeableIdleStrategy;
import io.omniroute.journal.CommandCodec;
import io.omniroute.journal.Durability;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournaledEngine;
import io.omniroute.journal.NetworkFingerprint;
import io.omniroute.journal.Recovery;
import io.omniroute.journal.ResultLineEncoder;
import io.omniroute.journal.SnapshotStore;
import io.omniroute.journal.StateBody;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the engine without the Disruptor pipeline, in one of two ways behind the same {@link EngineDriver} interface:
 * <ul>
 * <li><b>local</b>: one engine thread the gateway owns. The I/O thread writes each command (in the journal's binary
 * form) into a single-producer ring, the engine thread applies batches of them, appends each to the journal and, at
 * the end of the batch, makes the journal durable before any result of the batch is handed to the sink.</li>
 * <li><b>inline</b> ({@link Context#inline}): the I/O thread itself is the single writer. It applies each command as
 * it decodes it (no ring, no thread hand-off, no wake-up) and ends the batch in {@link #endOfBatch()}, which the
 * server calls once per pass of its event loop over the reads (group commit in {@code sync} mode). The lowest round
 * trip; the I/O thread then also carries the engine's work, so the peak is one core's.</li>
 * </ul>
 * On start it recovers from the journal (newest snapshot + replay) before anything is accepted. Without a journal
 * directory it runs in memory only ("durable" then means "applied").
 */
public final class LocalEngineDriver implements EngineDriver
{
    private static final int MSG_COMMAND = 1;
    private static final int RECORD_HEADER = 16; // [long tag][long ingressTimeNs]
    private static final int BATCH_LIMIT = 256;

    /** Settings. */
    public static final class Context
    {
        Network network;
        Path networkDir;
        Path journalDir;
        Durability durability = Durability.ASYNC;
        String idleStrategy = "backoff";
        boolean inline;
        int ringBytes = 8 * 1024 * 1024;
        long snapshotInterval;
        PrintStream log = System.err;
        ErrorCounter errors;
        DecisionLatency decisionLatency;
        int sparePages = PageReserve.DEFAULT_SPARE_PAGES;

        /**
         * Book pages a sleeping thread keeps zeroed ahead of the engine's need, per page size ({@link PageReserve});
         * 0: the engine allocates them on its own thread.
         */
        public Context sparePages(final int pages)
        {
            this.sparePages = PageReserve.checkSparePages(pages);
            return this;
        }

        /**
         * Where the engine thread records its time per command (apply, result line and journal append), for the
         * metrics endpoint; null (the default) times nothing.
         */
        public Context decisionLatency(final DecisionLatency latency)
        {
            this.decisionLatency = latency;
            return this;
        }

        public Context network(final Network network, final Path networkDir)
        {
            this.network = network;
            this.networkDir = networkDir;
            return this;
        }

        /** The journal directory, or null to run in memory. */
        public Context journal(final Path dir, final Durability durability)
        {
            this.journalDir = dir;
            this.durability = durability;
            return this;
        }

        public Context idleStrategy(final String name)
        {
            this.idleStrategy = name;
            return this;
        }

        /**
         * Applies commands on the calling (I/O) thread instead of an engine thread of its own.
         */
        public Context inline(final boolean inline)
        {
            this.inline = inline;
            return this;
        }

        public Context ringBytes(final int bytes)
        {
            this.ringBytes = bytes;
            return this;
        }

        /** Commands between periodic snapshots; 0 = only on snapshot commands and at shutdown. */
        public Context snapshotInterval(final long commands)
        {
            this.snapshotInterval = commands;
            return this;
        }

        public Context log(final PrintStream log)
        {
            this.log = log;
            return this;
        }

        public Context errors(final ErrorCounter errors)
        {
            this.errors = errors;
            return this;
        }
    }

    private final Context ctx;
    private final OneToOneRingBuffer ring;
    private final WakeableIdleStrategy idle;
    private final AtomicLong lastSeq = new AtomicLong();
    // producer side (I/O thread)
    private final CommandCodec producerCodec = new CommandCodec();
    private final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(4096);
    // engine side
    private Engine engine;
    private Journal journal;
    private JournaledEngine journaled;
    private long fingerprint;
    private ExecutorService snapshotWriter;
    private AgentRunner runner;
    private AgentRunner pageRunner;
    private volatile boolean closing;
    private String recovered = "in memory (no journal)";
    // inline mode: the I/O thread's engine work
    private EngineAgent inlineAgent;
    private boolean batchOpen;
    private volatile Throwable failure;

    public LocalEngineDriver(final Context ctx)
    {
        if (Integer.bitCount(ctx.ringBytes) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ctx.ringBytes);
        }
        this.ctx = ctx;
        if (ctx.errors == null)
        {
            ctx.errors = new ErrorCounter(ctx.log);
        }
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect((ctx.inline ? 4096 : ctx.ringBytes) + RingBufferDescriptor.TRAILER_LENGTH)));
        // (inline: the ring is never used; a token one keeps the field and the idle strategy's work check simple)
        this.idle = WakeableIdleStrategy.parse(ctx.idleStrategy);
        this.idle.workCheck(() -> ring.producerPosition() != ring.consumerPosition());
    }

    /**
     * @return the engine (after {@link #start}); only the engine thread may touch it while running.
     */
    public Engine engine()
    {
        return engine;
    }

    @Override
    public void start(final ResultSink sink)
    {
        if (ctx.inline)
        {
            inlineAgent = new EngineAgent(sink);
            open(sink);
            if (journal != null)
            {
                journal.handOver(); // recovery appended on this thread; the I/O thread appends from now on
            }
            return;
        }
        final EngineAgent agent = new EngineAgent(sink);
        runner = new AgentRunner(idle, t ->
        {
            if (t != agent.startFailure)
            {
                ctx.errors.onError(t); // a failed start is reported by start() to its caller, in one line
            }
        }, null, agent);
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread t = new Thread(r, "omniroute-engine");
            t.setDaemon(true);
            return t;
        });
        try
        {
            agent.started.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (agent.startFailure != null)
        {
            runner.close();
            runner = null;
            stopPageReserve();
            if (agent.startFailure instanceof RuntimeException)
            {
                throw (RuntimeException)agent.startFailure;
            }
            throw new IllegalStateException(agent.startFailure);
        }
    }

    /**
     * On the engine thread (Chronicle's appender belongs to the thread that opens it): recover, or start empty.
     */
    private void open(final ResultSink sink)
    {
        if (ctx.journalDir != null)
        {
            fingerprint = NetworkFingerprint.of(ctx.networkDir);
            final Journal.Context jc = new Journal.Context().dir(ctx.journalDir).durability(ctx.durability)
                .network(fingerprint, ctx.network.skuCount(), ctx.network.locationCount(),
                    ctx.networkDir.getFileName() == null ? "" : ctx.networkDir.getFileName().toString());
            final Recovery.Result r = Recovery.recover(jc, ctx.network, fingerprint,
                w -> ctx.log.println("omniroute: journal: " + w), ctx.sparePages);
            engine = r.engine();
            journal = r.journal();
            recovered = r.describe() + ", durability " + ctx.durability.cliName();
            final SnapshotStore store = new SnapshotStore(journal.snapshotDir(), Recovery.DEFAULT_KEEP_SNAPSHOTS)
                .syncing(journal);
            snapshotWriter = Executors.newSingleThreadExecutor(r2 ->
            {
                final Thread t = new Thread(r2, "omniroute-snapshots");
                t.setDaemon(true);
                return t;
            });
            // only the newest copy matters: one taken while an older one still waits replaces it, so copies of a
            // large state never pile up behind the disk (as the pipeline's SnapshotAgent does)
            final JournaledEngine.SnapshotSink snapshots = new JournaledEngine.SnapshotSink()
            {
                @Override
                public void onSnapshot(final long seq, final long index, final StateBody body)
                {
                    if (pendingSnapshot.getAndSet(new PendingSnapshot(seq, index, body)) == null)
                    {
                        snapshotWriter.execute(() -> writePendingSnapshot(store));
                    }
                }

                @Override
                public void onSnapshotSkipped(final long seq, final String reason)
                {
                    ctx.log.println("omniroute: journal: snapshot at seq " + seq + " skipped: " + reason);
                }
            };
            journaled = new JournaledEngine(engine, journal, snapshots, ctx.snapshotInterval,
                (e, events) -> sink.onEvents(events), false);
        }
        else
        {
            engine = new Engine(ctx.network);
            engine.enableEvents();
        }
        // the books' fresh pages zeroed and faulted in by a sleeping thread, not between two commands here
        pageRunner = PageReserve.startFor(engine, ctx.sparePages, ctx.errors::onError);
        lastSeq.set(engine.lastSeq());
        sink.onStart(engine);
    }

    /**
     * @return the page reserve the engine's books grow into, or null.
     */
    public PageReserve pageReserve()
    {
        return engine == null ? null : engine.pageReserve();
    }

    /** After the engine has stopped (the reserve's one taker). */
    private void stopPageReserve()
    {
        CloseHelper.close(pageRunner);
        pageRunner = null;
    }

    private record PendingSnapshot(long seq, long index, StateBody body)
    {
    }

    private final java.util.concurrent.atomic.AtomicReference<PendingSnapshot> pendingSnapshot =
        new java.util.concurrent.atomic.AtomicReference<>();

    private void writePendingSnapshot(final SnapshotStore store)
    {
        final PendingSnapshot p = pendingSnapshot.getAndSet(null);
        if (p != null)
        {
            writeSnapshot(store, p.seq(), p.index(), p.body());
        }
    }

    private void writeSnapshot(final SnapshotStore store, final long seq, final long index, final StateBody body)
    {
        try
        {
            store.write(seq, index, fingerprint, System.currentTimeMillis(), body);
        }
        catch (final IOException | RuntimeException | Error ex)   // counted, not the writer thread's silent end
        {
            ctx.errors.onError(ex);
        }
    }

    @Override
    public boolean offer(final Command command, final long tag, final long ingressTimeNs)
    {
        if (closing)
        {
            return false;
        }
        final int length = producerCodec.encode(command, encoded, 0);
        if (inlineAgent != null)
        {
            inlineAgent.apply(tag, ingressTimeNs, encoded, 0, length);
            batchOpen = true;
            return true;
        }
        final int index = ring.tryClaim(MSG_COMMAND, RECORD_HEADER + length);
        if (index < 0)
        {
            return false;
        }
        final org.agrona.concurrent.AtomicBuffer buffer = ring.buffer();
        buffer.putLong(index, tag);
        buffer.putLong(index + 8, ingressTimeNs);
        buffer.putBytes(index + RECORD_HEADER, encoded, 0, length);
        ring.commit(index);
        idle.wake();
        return true;
    }

    /**
     * @return the journal (tests: to break it), or null in memory.
     */
    Journal journal()
    {
        return journal;
    }

    /**
     * Inline mode: makes the commands applied since the last call durable and hands their results over.
     */
    @Override
    public void endOfBatch()
    {
        if (batchOpen)
        {
            batchOpen = false;
            try
            {
                inlineAgent.endOfBatch();
            }
            catch (final RuntimeException ex)
            {
                stop(ex); // the journal could not be made durable: nothing of this batch is acknowledged
            }
        }
    }

    /**
     * Takes no more commands after a failure; the server sees {@link #failure()} and closes its
     * sessions, and a restart recovers from what the journal holds.
     */
    private void stop(final Throwable cause)
    {
        failure = cause;
        closing = true;
    }

    @Override
    public boolean endsBatchesOnIoThread()
    {
        return ctx.inline;
    }

    @Override
    public Throwable failure()
    {
        return failure;
    }

    @Override
    public long lastSeq()
    {
        return lastSeq.get();
    }

    @Override
    public String describe()
    {
        return recovered + (ctx.inline ? "; engine on the I/O thread (inline)" :
            "; engine thread idle: " + idle.alias());
    }

    @Override
    public void close()
    {
        closing = true;
        if (inlineAgent != null)
        {
            // the server has stopped offering (its I/O thread ran the task that said so, after every batch end it
            // had scheduled), so the engine's state is quiet and visible here
            if (journal != null)
            {
                journal.handOver();
            }
            try
            {
                if (failure == null)
                {
                    endOfBatch();
                    inlineAgent.onClose();
                }
            }
            finally
            {
                inlineAgent = null;
                stopPageReserve();
                stopSnapshotWriter();
            }
            return;
        }
        if (runner == null)
        {
            return;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ring.producerPosition() != ring.consumerPosition() && System.nanoTime() < deadline &&
            !runner.isClosed())
        {
            idle.wake();
            Thread.yield();
        }
        try
        {
            runner.close(); // the agent's onClose snapshots and closes the journal on the engine thread
        }
        finally
        {
            runner = null;
            stopPageReserve();
            stopSnapshotWriter();
        }
    }

    private void stopSnapshotWriter()
    {
        if (snapshotWriter != null)
        {
            snapshotWriter.shutdown();
            try
            {
                if (!snapshotWriter.awaitTermination(60, TimeUnit.SECONDS))
                {
                    ctx.log.println("omniroute: snapshot still being written after 60 s; the journal has everything");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The engine thread's work: apply the commands in the ring in batches. */
    private final class EngineAgent implements Agent, MessageHandler
    {
        private final ResultSink sink;
        private final CommandCodec codec = new CommandCodec();
        private final Command command = new Command();
        private final Decision decision = new Decision();
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        volatile Throwable startFailure;

        EngineAgent(final ResultSink sink)
        {
            this.sink = sink;
        }

        @Override
        public void onStart()
        {
            try
            {
                open(sink);
            }
            catch (final Throwable t)
            {
                startFailure = t;
                throw t;
            }
            finally
            {
                started.countDown();
            }
        }

        @Override
        public void onClose()
        {
            if (startFailure != null)
            {
                return;
            }
            doWork(); // whatever arrived last
            if (journaled != null)
            {
                journaled.snapshotNow();
                journaled.endOfBatch();
                sink.onDurable();
                journal.close();
            }
        }

        @Override
        public int doWork()
        {
            final int n = ring.read(this, BATCH_LIMIT);
            if (n > 0)
            {
                endOfBatch();
            }
            return n;
        }

        void endOfBatch()
        {
            if (journaled != null)
            {
                journaled.endOfBatch(); // durable per the mode, then the batch's events
            }
            else
            {
                sink.onEvents(engine.endOfBatch());
            }
            lastSeq.lazySet(engine.lastSeq());
            sink.onDurable();
        }

        @Override
        public void onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
            final int length)
        {
            apply(buffer.getLong(index), buffer.getLong(index + 8), buffer, index + RECORD_HEADER,
                length - RECORD_HEADER);
        }

        void apply(final long tag, final long ingressTimeNs, final DirectBuffer buffer, final int offset,
            final int length)
        {
            try
            {
                final DecisionLatency latency = ctx.decisionLatency;
                final long startNs = latency != null ? System.nanoTime() : 0;
                final Decision d = journaled != null ? journaled.apply(buffer, offset, length, ingressTimeNs) :
                    engine.apply(codec.decode(buffer, offset, length, command), decision);
                if (latency != null)
                {
                    latency.record(System.nanoTime() - startNs);
                }
                if (journaled != null)
                {
                    final ResultLineEncoder line = journaled.resultLine();
                    sink.onResult(tag, d, line.buffer(), 0, line.length());
                }
                else
                {
                    sink.onResult(tag, d, null, 0, 0);
                }
            }
            catch (final RuntimeException ex)
            {
                ctx.errors.onError(ex);
                sink.onFailure(tag, "the engine could not apply or journal this command: " + ex);
                // as the pipeline does, in both modes: the engine may be half-way through the command, or ahead of a
                // journal that refused it (every later append would fail, and a snapshot would outrun the journal)
                stop(ex);
            }
        }

        @Override
        public String roleName()
        {
            return "omniroute-engine";
        }
    }
}
