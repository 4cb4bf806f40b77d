package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import io.omniroute.engine.EngineSnapshot;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The engine thread's work on one binary command: decode it, apply it, write the result line, append command and
 * decision to the journal; and at the end of a batch, flush the journal and hand over the snapshots taken in the
 * batch. Single-threaded: everything here runs on the engine's thread. The pipeline drives it from its ring; tests
 * and tools drive it directly.
 * <p>
 * A snapshot is taken after a {@code snapshot} command and every {@code snapshotInterval} commands: the engine's
 * state is copied into a byte array right after the command (that copy is the only pause), and the array is handed
 * to the {@link SnapshotSink} at the end of the batch, after the journal covering it is flushed, so a snapshot file
 * never runs ahead of its journal.
 */
public final class JournaledEngine
{
    /**
     * Receives the state copies to write (on the engine thread; it must not block long).
     */
    @FunctionalInterface
    public interface SnapshotSink
    {
        void onSnapshot(long seq, long journalIndex, StateBody body);

        /**
         * A snapshot that could not be copied (the heap cannot hold a copy of the state): nothing was taken, the
         * engine goes on, and a restart replays from the previous snapshot.
         */
        default void onSnapshotSkipped(final long seq, final String reason)
        {
        }

        /**
         * @return whether the sink has written every copy handed to it; a periodic snapshot waits for it, so at most
         * one copy of the state is on the heap besides the one being written (a state of a GB would need two).
         */
        default boolean idle()
        {
            return true;
        }
    }

    /**
     * Receives the engine's availability and reorder events (on the engine thread), valid during the call.
     */
    @FunctionalInterface
    public interface EventsListener
    {
        void onEvents(Engine engine, EngineEvents events);
    }

    private final Engine engine;
    private final Journal journal;
    private final SnapshotSink snapshotSink;
    private final EventsListener eventsListener;
    private final boolean eventsPerCommand;
    private final long snapshotInterval;
    private final CommandCodec codec = new CommandCodec();
    private final Command command = new Command();
    private Command lastCommand = command;
    private final Decision decision = new Decision();
    private final ResultLineEncoder lines;

    private long commandsSinceSnapshot;
    private long pendingSeq = -1;
    private long pendingIndex;
    private StateBody pendingBody;
    /** Makes a snapshot's copy; a test stands a heap that cannot hold one in for it. */
    static volatile java.util.function.LongFunction<StateBody> newBody = StateBody::new;
    private long snapshotsTaken;
    private long snapshotsSkipped;
    private long lastBodyLength = 1 << 16;

    /**
     * @param snapshotInterval commands between periodic snapshots; 0 = only on {@code snapshot} commands.
     * @param eventsListener   null when nobody listens (events are then not computed).
     * @param eventsPerCommand flush events after every command (as {@code simulate} does) instead of per batch.
     */
    public JournaledEngine(final Engine engine, final Journal journal, final SnapshotSink snapshotSink,
        final long snapshotInterval, final EventsListener eventsListener, final boolean eventsPerCommand)
    {
        this.engine = engine;
        this.journal = journal;
        this.snapshotSink = snapshotSink;
        this.snapshotInterval = snapshotInterval;
        this.eventsListener = eventsListener;
        this.eventsPerCommand = eventsPerCommand;
        this.lines = new ResultLineEncoder(engine);
        codec.pinNames(engine.network());
        if (eventsListener != null)
        {
            engine.enableEvents();
        }
    }

    public Engine engine()
    {
        return engine;
    }

    public Journal journal()
    {
        return journal;
    }

    /**
     * Applies one command given as an SBE {@code Command} message and journals it.
     *
     * @return the decision (valid until the next call); its result line is {@link #resultLine()}.
     */
    public Decision apply(final DirectBuffer commandBytes, final int offset, final int length,
        final long ingressTimeNs)
    {
        return apply(codec.decode(commandBytes, offset, length, command), commandBytes, offset, length, ingressTimeNs);
    }

    /**
     * As {@link #apply(DirectBuffer, int, int, long)}, with the command already decoded from those bytes (by a
     * {@link CommandCodec} with the network's names pinned, e.g. on the producer's thread): only the bytes are
     * journaled, so the decoded form must be exactly what decoding them gives.
     */
    public Decision apply(final Command decoded, final DirectBuffer commandBytes, final int offset, final int length,
        final long ingressTimeNs)
    {
        lastCommand = decoded;
        engine.apply(decoded, decision);
        final int lineLength = lines.encode(decision);
        final long index = journal.append(decision.seq, ingressTimeNs, decoded.type, decision.status,
            decision.reason, decision.totalCostCents, commandBytes, offset, length, lines.buffer(), 0, lineLength);
        if (eventsPerCommand)
        {
            flushEvents();
        }
        commandsSinceSnapshot++;
        // a periodic one comes at the first command after the interval at which the writer has finished the last
        if (decision.type == CommandType.SNAPSHOT || (snapshotInterval > 0 &&
            commandsSinceSnapshot >= snapshotInterval && pendingSeq < 0 && (snapshotSink == null || snapshotSink.idle())))
        {
            takeSnapshot(index);
        }
        return decision;
    }

    public Decision lastDecision()
    {
        return decision;
    }

    public Command lastCommand()
    {
        return lastCommand;
    }

    /**
     * @return the encoder holding the last result line.
     */
    public ResultLineEncoder resultLine()
    {
        return lines;
    }

    /**
     * Copies the engine's state now (after the command with {@code journalIndex}); written after the batch's flush.
     */
    private boolean takeSnapshot(final long journalIndex)
    {
        commandsSinceSnapshot = 0;
        flushEvents();
        // room for the state's growth since the last copy, so the chunks are neither grown (a doubling copy of a
        // state of 100 MB and more) nor copied again to trim them: the sink gets them as they are
        final StateBody out;
        final long copyStart = System.nanoTime();   // how long the engine thread pauses, for the metrics only
        try
        {
            out = newBody.apply(
                Math.max(EngineSnapshot.estimateBytes(engine), lastBodyLength + (lastBodyLength >> 3) + 4096));
            EngineSnapshot.write(engine, out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final OutOfMemoryError ex)
        {
            // a copy of a state of GBs that the heap cannot hold: the one allocation failed, nothing else changed;
            // the engine goes on without this snapshot rather than stopping
            snapshotsSkipped++;
            if (snapshotSink != null)
            {
                final Runtime rt = Runtime.getRuntime();
                snapshotSink.onSnapshotSkipped(engine.lastSeq(), String.format(java.util.Locale.ROOT,
                    "the heap (at most %,d MiB) cannot hold a copy of the state (about %,d MiB); raise -Xmx " +
                    "(OMNIROUTE_JAVA_OPTS)", rt.maxMemory() >> 20, EngineSnapshot.estimateBytes(engine) >> 20));
            }
            // nothing is recorded as taken at this seq: a later snapshotNow (the shutdown's, once the writer has let
            // the last copy go) tries again
            engine.liveKpis().publishSnapshot(snapshotsTaken, snapshotsSkipped, 0, System.nanoTime() - copyStart);
            return false;
        }
        handOverSnapshot();
        pendingSeq = engine.lastSeq();
        pendingIndex = journalIndex;
        pendingBody = out;
        lastBodyLength = out.length();
        snapshotsTaken++;
        engine.liveKpis().publishSnapshot(snapshotsTaken, snapshotsSkipped, out.length(),
            System.nanoTime() - copyStart);
        return true;
    }

    /**
     * Takes a snapshot at the last journaled entry now, unless one was taken there already (e.g. at shutdown, with
     * the engine stopped); written by the next {@link #endOfBatch()}.
     *
     * @return whether one was taken.
     */
    public boolean snapshotNow()
    {
        final long seq = engine.lastSeq();
        if (seq == 0 || seq == pendingSeq || seq == lastSnapshotSeq || seq != journal.lastSeq())
        {
            // (an engine ahead of its journal: the last command's append failed, and the state holds a command the
            // journal does not; a snapshot of it would outrun the journal)
            return false;
        }
        return takeSnapshot(journal.lastIndex());
    }

    private long lastSnapshotSeq = -1;

    /**
     * Ends a batch: makes its entries durable, emits its events, then hands over the snapshot taken in it.
     */
    public void endOfBatch()
    {
        journal.flush();
        flushEvents();
        handOverSnapshot();
    }

    private void handOverSnapshot()
    {
        if (pendingSeq >= 0)
        {
            if (snapshotSink != null)
            {
                journal.flush();   // (the writer forces the journal's files before it writes the snapshot)
                snapshotSink.onSnapshot(pendingSeq, pendingIndex, pendingBody);
            }
            lastSnapshotSeq = pendingSeq;
            pendingSeq = -1;
            pendingBody = null;
        }
    }

    private void flushEvents()
    {
        final EngineEvents events = engine.endOfBatch();
        if (eventsListener != null && events.count() > 0)
        {
            eventsListener.onEvents(engine, events);
        }
    }

    public long snapshotsTaken()
    {
        return snapshotsTaken;
    }

    /**
     * @return snapshots not taken because the heap could not hold a copy of the state.
     */
    public long snapshotsSkipped()
    {
        return snapshotsSkipped;
    }
}
