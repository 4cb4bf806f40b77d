package io.omniroute.gateway.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.omniroute.engine.Engine;
import io.omniroute.engine.PageReserve;
import io.omniroute.journal.JournalException;
import io.omniroute.journal.JournaledEngine;
import io.omniroute.journal.Recovery;
import io.omniroute.journal.SnapshotStore;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The single-writer pipeline of one process: producers → Disruptor ring of pre-allocated command slots → the engine
 * thread ({@link EngineAgent}: apply, write the decision into the slot, append to the Chronicle journal, flush per
 * batch) → results back to producers through the {@link ResultAdapter} once durable. Snapshots are copied on the
 * engine thread and written by a sleeping {@link SnapshotAgent}.
 * <p>
 * Threads: the engine thread (spins per the idle strategy; when it parks, publishing a command wakes it), the snapshot
 * writer (sleeps), the page thread (sleeps; keeps zeroed pages ready for the books to grow into, {@link PageReserve},
 * unless {@link Context#sparePages} is 0), and the caller's producer thread(s), which publish and poll results with
 * the same idle strategy: at most two spinning threads.
 * <p>
 * {@link #launch} recovers the engine from the journal first (newest valid snapshot + verified replay of the tail),
 * so the first new command continues the journal's sequence.
 */
public final class Pipeline implements AutoCloseable
{
    private final Context ctx;
    private final Recovery.Result recovery;
    private final RingBuffer<CommandSlot> ring;
    private final Sequence durable = new Sequence(-1);
    private final Sequence consumed = new Sequence(-1);
    private final JournaledEngine journaled;
    private final EngineAgent engineAgent;
    private final SnapshotAgent snapshotAgent;
    private final AgentRunner engineRunner;
    private final AgentRunner snapshotRunner;
    private final PageReserve pageReserve;
    private final AgentRunner pageRunner;
    private final CommandPublisher publisher;
    private final ResultAdapter results;
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private final AtomicLong errors = new AtomicLong();
    private boolean closed;

    private Pipeline(final Context ctx, final Recovery.Result recovery)
    {
        this.ctx = ctx;
        this.recovery = recovery;
        ring = RingBuffer.createSingleProducer(CommandSlot::new, ctx.ringSize(), new BusySpinWaitStrategy());
        final EventPoller<CommandSlot> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence(), consumed);
        snapshotAgent = new SnapshotAgent(new SnapshotStore(recovery.journal().snapshotDir(), ctx.keepSnapshots())
            .syncing(recovery.journal()),
            ctx.networkFingerprint(), ctx.clock(), ctx.warnings());
        journaled = new JournaledEngine(recovery.engine(), recovery.journal(), snapshotAgent, ctx.snapshotInterval(),
            ctx.eventsListener(), ctx.eventsPerCommand());
        // the read-ahead reads the commands the publisher decoded: none when the engine thread decodes them itself
        engineAgent = new EngineAgent(poller, ctx.prefetch() && ctx.publisherDecodes() ? ring : null, journaled,
            durable, ctx.maxBatch(), ctx.engineThreadListener(), ctx.decisionLatency());
        final ErrorHandler errorHandler = this::onError;
        final WakeableIdleStrategy engineIdle = IdleStrategies.engine(ctx.idleStrategy());
        final Sequence polled = poller.getSequence();
        engineIdle.workCheck(() -> ring.getCursor() != polled.get());
        engineRunner = new AgentRunner(engineIdle, errorHandler, null, engineAgent);
        snapshotRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), errorHandler, null, snapshotAgent);
        // the books' fresh pages zeroed and faulted in by a sleeping thread, not by the engine thread between commands
        // (its errors are warned about, not the pipeline's: without it the engine thread allocates, as it can)
        pageReserve = ctx.sparePages() > 0 ? PageReserve.forEngine(ctx.sparePages()) : null;
        pageRunner = pageReserve == null ? null :
            pageReserve.newRunner(t -> ctx.warnings().accept("page thread: " + t));
        recovery.engine().pagesFrom(pageReserve);
        publisher = new CommandPublisher(ring, ctx.clock(), engineIdle,
            ctx.publisherDecodes() ? recovery.engine().network() : null);
        results = new ResultAdapter(ring, durable, consumed);
    }

    /**
     * Recovers from the journal and starts the engine, snapshot and page threads.
     *
     * @throws JournalException when the journal cannot be used (another network, damaged, diverging, locked).
     */
    public static Pipeline launch(final Context ctx)
    {
        ctx.conclude();
        final Recovery.Result r = Recovery.recover(ctx.journalContext(), ctx.network(), ctx.networkFingerprint(),
            ctx.warnings(), ctx.sparePages());
        final Pipeline p;
        try
        {
            p = new Pipeline(ctx, r);
        }
        catch (final RuntimeException | Error ex)
        {
            r.journal().close(); // an OutOfMemoryError too (a large ring)
            throw ex;
        }
        r.journal().handOver(); // recovery appended on this thread; the engine thread appends from now on
        try
        {
            AgentRunner.startOnThread(p.snapshotRunner);
            if (p.pageRunner != null)
            {
                AgentRunner.startOnThread(p.pageRunner);
            }
            AgentRunner.startOnThread(p.engineRunner);
        }
        catch (final RuntimeException | Error ex)
        {
            // no thread left behind (a thread that cannot be created: out of memory or of processes)
            CloseHelper.quietCloseAll(p.engineRunner, p.pageRunner, p.snapshotRunner);
            r.journal().close();
            throw ex;
        }
        return p;
    }

    private void onError(final Throwable t)
    {
        errors.incrementAndGet();
        final Throwable cause = t instanceof AgentTerminationException && t.getCause() != null ? t.getCause() : t;
        if (!firstError.compareAndSet(null, cause))
        {
            ctx.warnings().accept("pipeline error: " + cause);
        }
    }

    /**
     * @return what recovery found and did.
     */
    public Recovery.Result recovery()
    {
        return recovery;
    }

    /**
     * The producing side's way in (one producing thread).
     */
    public CommandPublisher publisher()
    {
        return publisher;
    }

    /**
     * The producing side's way back (one polling thread).
     */
    public ResultAdapter results()
    {
        return results;
    }

    /**
     * @return a new instance of the configured idle strategy, for a producer's loop.
     */
    public IdleStrategy newIdleStrategy()
    {
        return IdleStrategies.named(ctx.idleStrategy());
    }

    /**
     * @return the first error of the engine or snapshot thread, or null (the page thread's errors are warnings: without
     * it the engine thread allocates its pages itself). After an engine error no further command
     * is applied.
     */
    public Throwable error()
    {
        return firstError.get();
    }

    public long errorCount()
    {
        return errors.get();
    }

    /**
     * @return the engine: only for reading after {@link #close()} (the engine thread owns it until then).
     */
    public Engine engine()
    {
        return journaled.engine();
    }

    /**
     * @return the sequence of the last durable command (any thread).
     */
    public long durableCount()
    {
        return durable.get() + 1;
    }

    /**
     * @return commands published and not yet durable.
     */
    public long inFlight()
    {
        return ring.getCursor() - durable.get();
    }

    /**
     * @return the page reserve the engine's books grow into, or null when the engine thread allocates their pages.
     */
    public PageReserve pageReserve()
    {
        return pageReserve;
    }

    public long snapshotsWritten()
    {
        return snapshotAgent.written();
    }

    /**
     * Stops: waits until every published command is applied and durable (not for results to be polled), stops the
     * engine thread, writes a snapshot at the last entry (when so configured), waits for the snapshot writer and
     * closes the journal. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final IdleStrategy idle = newIdleStrategy();
        final long deadline = System.nanoTime() + ctx.closeTimeoutNs();
        while (durable.get() < ring.getCursor() && engineAgent.failure() == null && !engineRunner.isClosed() &&
            System.nanoTime() < deadline)
        {
            idle.idle();
        }
        CloseHelper.close(engineRunner);
        CloseHelper.close(pageRunner); // after the engine thread, the reserve's one taker, has stopped
        recovery.journal().handOver(); // the engine thread has stopped: this thread finishes
        try
        {
            if (engineAgent.failure() == null && ctx.snapshotOnClose())
            {
                // the writer finishes the last periodic copy first, so the heap holds one copy of the state at a time
                while (!snapshotAgent.idle() && !snapshotRunner.isClosed() && System.nanoTime() < deadline)
                {
                    idle.idle();
                }
                journaled.snapshotNow();
            }
            journaled.endOfBatch();
        }
        finally
        {
            // the last snapshot of a state of a GB takes seconds to write and sync: AgentRunner's default close would
            // interrupt the writer after 5 s (and so lose the snapshot); it gets the close timeout instead
            snapshotRunner.close((int)Math.min(Integer.MAX_VALUE, Math.max(5_000, ctx.closeTimeoutNs() / 1_000_000)),
                t -> ctx.warnings().accept("the snapshot writer did not finish within the close timeout; " +
                "interrupting it (the next start replays from the previous snapshot)"));
            recovery.journal().close();
        }
    }
}
