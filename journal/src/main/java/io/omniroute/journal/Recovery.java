package io.omniroute.journal;

import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.PageReserve;
import org.agrona.concurrent.AgentRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Brings an engine back to the last entry of its journal: the newest usable snapshot, then a replay of the journal
 * after it in which every regenerated decision must equal the journaled one. A snapshot that fails any check is
 * passed over for an older one (and, when none is usable, the whole journal is replayed); a torn or corrupt tail is
 * cut with a warning; a divergence or damage in the middle of the journal stops recovery with a
 * {@link JournalException}. A new journal directory is created with its header.
 */
public final class Recovery
{
    /** Snapshots kept by default. */
    public static final int DEFAULT_KEEP_SNAPSHOTS = 3;

    /**
     * What recovery did, and the engine and journal to carry on with (the caller owns both).
     *
     * @param engine       the recovered engine.
     * @param journal      the journal, open for appending after the last entry.
     * @param lastSeq      the last journaled sequence (0 for a new journal).
     * @param lastIndex    the Chronicle index of that entry (-1 when none).
     * @param snapshotSeq  the sequence of the snapshot started from (0 when none).
     * @param snapshotFile the snapshot started from, or null.
     * @param replayed     entries replayed after the snapshot.
     * @param cut          the tail that was cut, or null.
     * @param elapsedNs    time taken.
     * @param warnings     what was passed over or cut, one line each.
     */
    public record Result(Engine engine, Journal journal, long lastSeq, long lastIndex, long snapshotSeq,
        Path snapshotFile, long replayed, TornTail cut, long elapsedNs, List<String> warnings)
    {
        public String describe()
        {
            if (lastSeq == 0)
            {
                return "new journal " + journal.dir();
            }
            return "journal " + journal.dir() + ": recovered to seq " + lastSeq + " from " +
                (snapshotFile == null ? "the start" : "snapshot at seq " + snapshotSeq) + " + " + replayed +
                " replayed entr" + (replayed == 1 ? "y" : "ies") + " in " + (elapsedNs / 1_000_000) + " ms";
        }
    }

    private Recovery()
    {
    }

    /**
     * @param journalContext the journal to open (directory, durability, network fingerprint).
     * @param network        the network the journal belongs to.
     * @param warn           told each warning as it happens (may be null).
     */
    public static Result recover(final Journal.Context journalContext, final Network network, final long fingerprint,
        final Consumer<String> warn)
    {
        return recover(journalContext, network, fingerprint, warn, PageReserve.DEFAULT_SPARE_PAGES);
    }

    /**
     * @param sparePages the order books' pages a sleeping thread keeps zeroed ahead of the replay's need
     *                   ({@link PageReserve}; 0: the replaying thread allocates them): a long tail grows the books by
     *                   a page every few thousand orders past what the engine allocated at start.
     */
    public static Result recover(final Journal.Context journalContext, final Network network, final long fingerprint,
        final Consumer<String> warn, final int sparePages)
    {
        final long start = System.nanoTime();
        // the page thread's errors are warnings too
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        final Consumer<String> warning = w ->
        {
            warnings.add(w);
            if (warn != null)
            {
                warn.accept(w);
            }
        };
        final Journal journal = Journal.open(journalContext);
        try
        {
            return recover(journal, network, fingerprint, warning, warnings, start, sparePages);
        }
        catch (final RuntimeException | Error ex)
        {
            // an Error too (a queue file cut short under its mapping faults as an InternalError while it is replayed):
            // the journal's queue and lock are not left for a finalizer
            journal.close();
            throw ex;
        }
    }

    private static Result recover(final Journal journal, final Network network, final long fingerprint,
        final Consumer<String> warning, final List<String> warnings, final long start, final int sparePages)
    {
        final SnapshotStore store = new SnapshotStore(journal.snapshotDir(), DEFAULT_KEEP_SNAPSHOTS);
        Engine engine = null;
        JournalReader reader = null;
        SnapshotStore.Loaded from = null;
        long lastIndex = -1;
        long unmatchedSeq = -1;   // the newest snapshot whose entry the journal lacks
        long unmatchedIndex = -1;
        Path unmatched = null;
        final List<String> passedOver = new ArrayList<>();
        final List<Path> snapshots = store.list();
        for (final Path file : snapshots)
        {
            final SnapshotStore.Loaded loaded;
            try
            {
                loaded = SnapshotStore.read(file, network, fingerprint);
            }
            catch (final JournalException ex)
            {
                warning.accept(ex.getMessage() + "; trying an older snapshot");
                continue;
            }
            final JournalReader r = journal.newReader();
            final long seq = loaded.header().seq();
            String missing = null;
            try
            {
                if (!r.seek(loaded.header().journalIndex()) || !r.next() || r.entry().seq() != seq ||
                    r.entry().index() != loaded.header().journalIndex())
                {
                    missing = "has no matching journal entry";
                }
            }
            catch (final JournalException ex)
            {
                missing = "cannot be matched with the journal (" + ex.getMessage() + ")";
            }
            catch (final RuntimeException | Error ex)
            {
                r.close();
                throw ex;
            }
            if (missing != null)
            {
                if (seq > unmatchedSeq)
                {
                    unmatchedSeq = seq;
                    unmatchedIndex = loaded.header().journalIndex();
                    unmatched = file;
                }
                r.close();
                // said once recovery knows what follows: a start that goes on passed it over (it lies in a tail an
                // earlier recovery cut); otherwise the refusal below explains, and a "trying an older one" here would
                // read as if the start went on
                passedOver.add("snapshot " + file + " at seq " + seq + " " + missing);
                continue;
            }
            from = loaded;
            engine = loaded.engine();
            reader = r;
            lastIndex = r.entry().index();
            break;
        }
        if (engine == null)
        {
            if (!snapshots.isEmpty())
            {
                warning.accept("no usable snapshot in " + store.dir() + "; replaying the whole journal");
            }
            engine = new Engine(network);
            reader = journal.newReader();
        }
        final Replayer replayer = new Replayer(engine);
        try (JournalReader r = reader)
        {
            final TornTail torn;
            try (ReplayFeed feed = new ReplayFeed(r, engine.network()).prefetchFor(engine);
                AgentRunner pages = PageReserve.startFor(engine, sparePages, t -> warning.accept("page thread: " + t)))
            {
                while (feed.next())
                {
                    final ReplayFeed.Slot entry = feed.entry();
                    if (!replayer.apply(entry))
                    {
                        throw new JournalException("journal " + journal.dir() + ": " + replayer.divergence(entry) +
                            (passedOver.isEmpty() ? "" : " (replayed from an older snapshot: " +
                            String.join("; ", passedOver) + ")"));
                    }
                    lastIndex = entry.index();
                }
                torn = feed.tornTail();
            }
            // a snapshot is written only once its entry is in the journal: a journal that ends before one lost
            // entries it held (one inside a tail an earlier recovery cut is stale, not a loss: passed over as before)
            if (engine.lastSeq() < unmatchedSeq && !r.voided(unmatchedIndex))
            {
                throw new JournalException("journal " + journal.dir() + " ends at seq " + engine.lastSeq() +
                    ", but snapshot " + unmatched + " holds the state at seq " + unmatchedSeq + ": entries decided " +
                    "and acknowledged are missing from the journal (its files cut short, or restored from an older " +
                    "copy). Not starting, so that those sequences are not decided again: put the journal's missing " +
                    "files back, or move the snapshots past seq " + engine.lastSeq() + " out of " + store.dir() +
                    " to go on from the journal as it is");
            }
            for (final String snapshot : passedOver)
            {
                warning.accept(snapshot + "; passed over as stale (it lies in a tail an earlier recovery cut, or " +
                    "comes from another copy of this journal)");
            }
            engine.endOfBatch();
            if (torn != null && torn.region() != null)
            {
                // an incomplete write alone, or the part an entry in parts was being written in when its process died
                if (torn.incompleteWrite())
                {
                    warning.accept("journal " + journal.dir() + ": found " + torn.describe() + "; it was never " +
                        "acknowledged and is erased");
                }
                try
                {
                    IncompleteWrite.erase(torn.region());
                }
                catch (final java.io.IOException ex)
                {
                    throw new JournalException("journal " + journal.dir() + ": cannot erase an incomplete write: " +
                        ex.getMessage(), ex);
                }
            }
            if (torn != null && !torn.incompleteWrite())
            {
                warning.accept("journal " + journal.dir() + ": cut a torn tail: " + torn.describe());
                journal.cutTail(torn);
            }
            journal.resume(engine.lastSeq(), lastIndex);
            return new Result(engine, journal, engine.lastSeq(), lastIndex, from == null ? 0 : from.header().seq(),
                from == null ? null : from.file(), replayer.replayed(), torn, System.nanoTime() - start,
                List.copyOf(warnings));
        }
    }
}
