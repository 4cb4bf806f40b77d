package io.omniroute.gateway.pipeline;

import io.omniroute.journal.JournaledEngine;
import io.omniroute.journal.SnapshotStore;
import io.omniroute.journal.StateBody;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the engine's state copies to snapshot files off the engine thread: the engine thread only copies its
 * state into an array and leaves it here. Only the newest copy matters: one left while an older one still waits
 * replaces it (counted as superseded), so the engine never waits for the disk. Runs on a sleeping idle strategy: it
 * must not compete with the two spinning threads.
 */
final class SnapshotAgent implements Agent, JournaledEngine.SnapshotSink
{
    private record Task(long seq, long journalIndex, StateBody body)
    {
    }

    private final AtomicReference<Task> pending = new AtomicReference<>();
    private final SnapshotStore store;
    private final long fingerprint;
    private final EpochNanoClock clock;
    private final java.util.function.Consumer<String> warnings;
    private volatile boolean writing;
    private volatile long written;
    private volatile long superseded;
    private volatile long lastWrittenSeq;

    SnapshotAgent(final SnapshotStore store, final long fingerprint, final EpochNanoClock clock,
        final java.util.function.Consumer<String> warnings)
    {
        this.store = store;
        this.fingerprint = fingerprint;
        this.clock = clock;
        this.warnings = warnings;
    }

    /**
     * On the engine thread (or the closing thread once the engine thread has stopped).
     */
    @Override
    public void onSnapshot(final long seq, final long journalIndex, final StateBody body)
    {
        if (pending.getAndSet(new Task(seq, journalIndex, body)) != null)
        {
            superseded++;
        }
    }

    @Override
    public void onSnapshotSkipped(final long seq, final String reason)
    {
        warnings.accept("snapshot at seq " + seq + " skipped: " + reason + "; the journal goes on, and a restart " +
            "replays from the previous snapshot");
    }

    @Override
    public int doWork()
    {
        if (pending.get() == null)
        {
            return 0;
        }
        writing = true;   // before the copy leaves pending: idle() never sees neither
        try
        {
            final Task t = pending.getAndSet(null);
            if (t == null)
            {
                return 0;
            }
            write(t);
            return 1;
        }
        finally
        {
            writing = false;
        }
    }

    /**
     * @return whether no copy waits and none is being written (the engine's periodic snapshots wait for it, so the
     * heap holds one copy of the state at a time).
     */
    @Override
    public boolean idle()
    {
        return pending.get() == null && !writing;
    }

    private void write(final Task t)
    {
        try
        {
            store.write(t.seq, t.journalIndex, fingerprint, clock.nanoTime() / 1_000_000, t.body);
            lastWrittenSeq = t.seq;
            written++;
        }
        catch (final SnapshotStore.NoRoom ex)
        {
            // a snapshot only shortens recovery: the engine and its journal go on while the journal has its room
            warnings.accept("snapshot at seq " + t.seq + " " + ex.getMessage() + "; the journal goes on, and a " +
                "restart replays from the previous snapshot");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot at seq " + t.seq + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes the copy still waiting, if any.
     */
    @Override
    public void onClose()
    {
        final Task t = pending.getAndSet(null);
        if (t != null)
        {
            write(t);
        }
    }

    long superseded()
    {
        return superseded;
    }

    long written()
    {
        return written;
    }

    long lastWrittenSeq()
    {
        return lastWrittenSeq;
    }

    @Override
    public String roleName()
    {
        return "omniroute-snapshots";
    }
}
