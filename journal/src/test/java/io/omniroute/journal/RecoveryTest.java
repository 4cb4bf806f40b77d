package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.PageReserve;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import io.omniroute.engine.json.CommandJsonDecoder;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.io.AbstractCloseable;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTest
{
    @TempDir
    Path tmp;

    private TestNetwork net;
    private Path journal;

    @BeforeEach
    void setUp()
    {
        net = TestNetwork.writeTo(tmp.resolve("network"));
        journal = tmp.resolve("journal");
    }

    private Recovery.Result recover(final List<String> warnings)
    {
        return Recovery.recover(net.journalContext(journal), net.network, net.fingerprint, warnings::add);
    }

    /**
     * A tail long enough to grow the order book is replayed into pages a sleeping thread zeroed ahead, as the
     * pipeline's engine thread grows into them (a fresh page cost the replaying thread about 3 ms, every few thousand
     * orders), and recovers the same state as without; the reserve is closed when recovery returns, its spares freed.
     */
    @ParameterizedTest(name = "spare pages {0}")
    @ValueSource(ints = { 0, 4 })
    void shouldReplayTheTailIntoPagesMadeAhead(final int sparePages)
    {
        final JournalFixture f = JournalFixture.open(net, journal, 0)
            .applyAll(new RandomCommands(41, false).take(12_000), 64);
        final long hash = EngineSnapshot.stateHash(f.journaled().engine());
        f.close();
        final Recovery.Result r = Recovery.recover(net.journalContext(journal), net.network, net.fingerprint, null,
            sparePages);
        try
        {
            assertEquals(12_000, r.replayed());
            assertEquals(hash, EngineSnapshot.stateHash(r.engine()));
            final long bookBytes = r.engine().orders().limit();
            assertTrue(bookBytes > Engine.ORDER_PAGE_BYTES, "the book did not grow: " + bookBytes);
            final PageReserve reserve = r.engine().pageReserve();
            if (sparePages == 0)
            {
                assertNull(reserve);
            }
            else
            {
                assertTrue(reserve.takenReady() > 0, "no page came from the reserve");
                assertEquals(0, reserve.readyPages(), "closing frees the spare pages");
            }
        }
        finally
        {
            r.journal().close();
        }
    }

    /**
     * An entry of 20 MB (the result of a stock count that re-routes some 300 K orders) is written and read back:
     * Chronicle's default block size held entries of 16 MiB at most and refused it after the engine had applied the
     * command, which stopped the engine.
     */
    @Test
    void shouldJournalAnEntryOfTwentyMegabytes() throws IOException
    {
        final Recovery.Result r = recover(new ArrayList<>());
        final byte[] line = new byte[20 << 20];
        java.util.Arrays.fill(line, (byte)'x');
        final org.agrona.concurrent.UnsafeBuffer command = JournalFiles.encodedCommand("{\"type\":\"new_day\"}");
        final int commandLength = command.capacity();
        r.journal().append(1, 0, io.omniroute.engine.CommandType.NEW_DAY, io.omniroute.engine.Status.OK,
            io.omniroute.engine.Reason.NONE, 0, command, 0, commandLength, new org.agrona.concurrent.UnsafeBuffer(line),
            0, line.length);
        r.journal().close();
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
            JournalReader reader = j.newReader())
        {
            assertTrue(reader.next());
            assertEquals(line.length, reader.entry().result().capacity());
            assertEquals('x', reader.entry().result().getByte(line.length - 1));
        }
    }

    /**
     * An entry of megabytes must fit above the reserve on its own: the space check came once every 8 MiB, which an
     * entry of up to 16 MiB could not overrun by much, but entries may now be 64 MiB (review of session 11).
     */
    @Test
    void shouldRefuseALargeEntryThatWouldEatIntoTheReserve() throws IOException
    {
        Files.createDirectories(journal);
        final long free = Files.getFileStore(journal).getUsableSpace();
        final Journal j = Journal.open(net.journalContext(journal).minFreeBytes(free - (10 << 20)));
        final org.agrona.concurrent.UnsafeBuffer command = JournalFiles.encodedCommand("{\"type\":\"new_day\"}");
        final int commandLength = command.capacity();
        final org.agrona.concurrent.UnsafeBuffer small = new org.agrona.concurrent.UnsafeBuffer(new byte[100]);
        try
        {
            j.append(1, 0, io.omniroute.engine.CommandType.NEW_DAY, io.omniroute.engine.Status.OK,
                io.omniroute.engine.Reason.NONE, 0, command, 0, commandLength, small, 0, 100);
            final org.agrona.concurrent.UnsafeBuffer big = new org.agrona.concurrent.UnsafeBuffer(new byte[20 << 20]);
            final JournalException ex = assertThrows(JournalException.class, () -> j.append(2, 0,
                io.omniroute.engine.CommandType.NEW_DAY, io.omniroute.engine.Status.OK, io.omniroute.engine.Reason.NONE,
                0, command, 0, commandLength, big, 0, big.capacity()));
            assertTrue(ex.getMessage().contains("plus the 20 MiB of the entry") &&
                ex.getMessage().contains("stopped before entry seq 2"), ex.getMessage());
        }
        finally
        {
            j.close();
        }
    }

    @Test
    void shouldRefuseAQueueWhoseHeaderCannotBeReadRatherThanStartANewJournalOverIt() throws IOException
    {
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(new RandomCommands(5, false).take(50), 10);
        f.close();
        final Path cycle;
        try (var files = Files.list(journal.resolve(Journal.QUEUE_DIR)))
        {
            cycle = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        // a journal copied part way: the cycle file cut inside Chronicle's index, before the first entry
        try (RandomAccessFile raf = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            raf.setLength(30_000);
        }
        final JournalException ex = assertThrows(JournalException.class, () -> recover(new ArrayList<>()));
        assertEquals("journal " + journal + ": its queue holds no readable entry (queue/" + cycle.getFileName() +
            ": 30,000 bytes): damaged or cut short. Restore the journal from a copy; to start afresh instead, move " +
            journal + " away", ex.getMessage());
        // before: "new journal", a header written over it, and neither the old entries nor the new ones readable
        final JournalException readOnly = assertThrows(JournalException.class,
            () -> Journal.open(new Journal.Context().dir(journal).readOnly(true)));
        assertTrue(readOnly.getMessage().contains("its queue holds no readable entry"), readOnly.getMessage());
    }

    /**
     * An open that fails part way closes the Chronicle queue it built: one left open was closed by Chronicle's
     * finalizer at some later collection, which logged a warning and a stack trace on stderr into whatever ran then
     * (a CLI test that expects one line of error). Here the header of a new journal cannot be written (its clock
     * fails), and a queue file cut short faults while its header is read (an InternalError, which the open let
     * through without closing the queue); where a cut falls against Chronicle's index decides whether the fault
     * surfaces or Chronicle swallows it, so it is opened a few times.
     */
    @Test
    void shouldCloseTheQueueWhenAnOpenFailsPartWay() throws IOException
    {
        final Journal.Context failingClock = net.journalContext(journal).epochClock(() ->
        {
            throw new IllegalStateException("no clock");
        });
        assertNoChronicleResourceLeftOpen(() ->
            assertThrows(JournalException.class, () -> Journal.open(failingClock)).getMessage(), trace -> false);
        assertFalse(Files.exists(journal.resolve(Journal.QUEUE_DIR)), "no journal was put in place");

        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(new RandomCommands(5, false).take(50), 10);
        f.close();
        try (var files = Files.list(journal.resolve(Journal.QUEUE_DIR)))
        {
            for (final Path cq4 : files.filter(p -> p.toString().endsWith(".cq4")).toList())
            {
                try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw"))
                {
                    raf.setLength(30_000);
                }
            }
        }
        // when the cut file faults inside Chronicle's tailer constructor (interpreted or cold code; compiled code meets
        // it later), the stores and mappings that constructor took are Chronicle's to release: no tailer came back to
        // be closed, and closing the queue does not release them. What the journal built itself must be closed.
        assertNoChronicleResourceLeftOpen(() ->
        {
            final StringBuilder failures = new StringBuilder();
            for (int i = 0; i < 5; i++)
            {
                try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true)))
                {
                    failures.append("opened; ");
                }
                catch (final JournalException | InternalError ex)
                {
                    failures.append(ex.getClass().getSimpleName()).append("; ");
                }
            }
            return failures.toString();
        }, trace -> trace.contains(".createTailer("));
    }

    /**
     * Runs {@code action} with Chronicle's closeable tracing on and fails, naming where each was made, when it leaves
     * a Chronicle resource open.
     */
    private static void assertNoChronicleResourceLeftOpen(
        final java.util.function.Supplier<String> action, final java.util.function.Predicate<String> tolerated)
    {
        final boolean tracing = Jvm.isResourceTracing();
        Jvm.setResourceTracing(true);
        AbstractCloseable.enableCloseableTracing();
        try
        {
            final String what = action.get();
            try
            {
                AbstractCloseable.assertCloseablesClosed();
            }
            catch (final AssertionError ex)
            {
                final StringBuilder open = new StringBuilder("left open after " + what + ":");
                int untolerated = 0;
                for (final Throwable t : ex.getSuppressed())
                {
                    final java.io.StringWriter trace = new java.io.StringWriter();
                    t.printStackTrace(new java.io.PrintWriter(trace));
                    if (!tolerated.test(trace.toString()))
                    {
                        untolerated++;
                        open.append('\n').append(trace);
                    }
                }
                if (untolerated > 0 || ex.getSuppressed().length == 0)
                {
                    throw new AssertionError(open.toString(), ex);
                }
            }
        }
        finally
        {
            AbstractCloseable.disableCloseableTracing();
            Jvm.setResourceTracing(tracing);
        }
    }

    @Test
    void shouldCreateAJournalAgainAfterAProcessDiedCreatingIt() throws IOException
    {
        // a process killed while creating leaves queue.new (the header not yet written, or written and not moved)
        final Path leftover = journal.resolve(Journal.QUEUE_DIR + ".new");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("metadata.cq4t"), new byte[4096]);
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(new RandomCommands(6, false).take(20), 10);
        f.close();
        assertFalse(Files.exists(leftover));
        final Recovery.Result r = recover(new ArrayList<>());
        assertEquals(20, r.engine().lastSeq());
        r.journal().close();

        // a --journal folder whose queue/ holds someone else's files is not touched
        final Path other = tmp.resolve("other-journal");
        Files.createDirectories(other.resolve(Journal.QUEUE_DIR));
        Files.writeString(other.resolve(Journal.QUEUE_DIR).resolve("notes.txt"), "mine");
        final JournalException ex = assertThrows(JournalException.class,
            () -> Recovery.recover(net.journalContext(other), net.network, net.fingerprint, null));
        assertTrue(ex.getMessage().contains("holds notes.txt, which is not a journal's"), ex.getMessage());
        assertEquals("mine", Files.readString(other.resolve(Journal.QUEUE_DIR).resolve("notes.txt")));
    }

    /** A snapshot sink that notes the sequences handed to it and is idle as told. */
    private static JournaledEngine.SnapshotSink recordingSink(final List<Long> seqs,
        final java.util.function.BooleanSupplier idle)
    {
        return recordingSink(seqs, idle, new ArrayList<>());
    }

    /** As above, and notes each snapshot skipped as "seq: reason". */
    private static JournaledEngine.SnapshotSink recordingSink(final List<Long> seqs,
        final java.util.function.BooleanSupplier idle, final List<String> skipped)
    {
        return new JournaledEngine.SnapshotSink()
        {
            @Override
            public void onSnapshot(final long seq, final long journalIndex, final StateBody body)
            {
                seqs.add(seq);
            }

            @Override
            public void onSnapshotSkipped(final long seq, final String reason)
            {
                skipped.add(seq + ": " + reason);
            }

            @Override
            public boolean idle()
            {
                return idle.getAsBoolean();
            }
        };
    }

    @Test
    void shouldTakeAPeriodicSnapshotOnlyOnceTheWriterHasFinishedTheLast()
    {
        // a writer still busy with the last copy: the periodic snapshot waits (one copy of the state on the heap at
        // a time); a snapshot command does not wait
        final List<Long> seqs = new ArrayList<>();
        final boolean[] busy = { false };
        final Recovery.Result r = recover(new ArrayList<>());
        final JournaledEngine je = new JournaledEngine(r.engine(), r.journal(), recordingSink(seqs, () -> !busy[0]),
            10, null, false);
        final JournalFixture f = new JournalFixture(je);
        final List<String> commands = new RandomCommands(3, false).take(40);
        for (int i = 0; i < 40; i++)
        {
            busy[0] = i >= 12 && i < 25;   // commands 13..25 (seq) find the writer busy
            f.apply(commands.get(i));
            je.endOfBatch();
        }
        f.close();
        assertEquals(List.of(10L, 26L, 36L), seqs, "the one due at 20 waits for the writer until seq 26");

        final Recovery.Result r2 = recover(new ArrayList<>());
        final JournaledEngine je2 = new JournaledEngine(r2.engine(), r2.journal(), recordingSink(seqs, () -> false),
            0, null, false);
        seqs.clear();
        new JournalFixture(je2).apply("{\"type\":\"snapshot\"}");
        je2.endOfBatch();
        je2.journal().close();
        assertEquals(List.of(41L), seqs, "a snapshot command is taken whatever the writer does");
    }

    @Test
    void aSnapshotTheHeapCannotHoldIsSkippedWithAWarningAndTheEngineGoesOn()
    {
        // the state of a big network is GBs: a copy the heap cannot hold must not stop the engine thread
        final List<Long> seqs = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final Recovery.Result r = recover(new ArrayList<>());
        final JournaledEngine je = new JournaledEngine(r.engine(), r.journal(), recordingSink(seqs, () -> true,
            skipped), 10, null, false);
        final JournalFixture f = new JournalFixture(je);
        final List<String> commands = new RandomCommands(4, false).take(30);
        final java.util.function.LongFunction<StateBody> bodies = JournaledEngine.newBody;
        try
        {
            for (int i = 0; i < 30; i++)
            {
                JournaledEngine.newBody = i < 15 ? size -> { throw new OutOfMemoryError("Java heap space"); } : bodies;
                f.apply(commands.get(i));
                je.endOfBatch();
            }
        }
        finally
        {
            JournaledEngine.newBody = bodies;
        }
        f.close();
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("10: the heap (at most "), skipped.get(0));
        assertTrue(skipped.get(0).contains("cannot hold a copy of the state"), skipped.get(0));
        assertEquals(1, je.snapshotsSkipped());
        final io.omniroute.engine.LiveKpis kpis = je.engine().liveKpis();
        assertEquals(1, kpis.get(io.omniroute.engine.LiveKpis.Counter.SNAPSHOTS_SKIPPED));
        assertEquals(2, kpis.get(io.omniroute.engine.LiveKpis.Counter.SNAPSHOTS_TAKEN));
        assertTrue(kpis.get(io.omniroute.engine.LiveKpis.Counter.SNAPSHOT_LAST_BYTES) > 0);
        assertEquals(List.of(20L, 30L), seqs, "the next ones are taken as due");
        assertEquals(new DirectRun(net.network).applyAll(commands).results, f.results, "every command decided");
    }

    @Test
    void aSkippedSnapshotIsTakenAgainAtShutdownAtTheSameSeq()
    {
        // the periodic snapshot at seq 10 finds the heap full (the writer still holds the last copy) and no command
        // comes after; at shutdown, with the writer idle, snapshotNow must try again rather than take the skip for a
        // snapshot (found by the session 8 review: a restart would have replayed from the older snapshot)
        final List<Long> seqs = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final Recovery.Result r = recover(new ArrayList<>());
        final JournaledEngine je = new JournaledEngine(r.engine(), r.journal(), recordingSink(seqs, () -> true,
            skipped), 10, null, false);
        final JournalFixture f = new JournalFixture(je);
        final java.util.function.LongFunction<StateBody> bodies = JournaledEngine.newBody;
        try
        {
            JournaledEngine.newBody = size -> { throw new OutOfMemoryError("Java heap space"); };
            for (final String c : new RandomCommands(4, false).take(10))
            {
                f.apply(c);
                je.endOfBatch();
            }
            assertFalse(je.snapshotNow(), "still no room: nothing taken, and it says so");
        }
        finally
        {
            JournaledEngine.newBody = bodies;
        }
        assertEquals(2, skipped.size(), skipped.toString());
        assertTrue(skipped.stream().allMatch(w -> w.startsWith("10: the heap")), skipped.toString());
        assertTrue(je.snapshotNow(), "taken once the heap has room");
        je.endOfBatch();
        f.close();
        assertEquals(List.of(10L), seqs);
    }

    @Test
    void shouldJournalEveryCommandWithTheResultOfADirectRun()
    {
        final List<String> commands = new RandomCommands(1, true).take(3000);
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(commands, 37);
        f.close();
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results, f.results);

        final CommandJsonDecoder json = new CommandJsonDecoder();
        final CommandCodec codec = new CommandCodec();
        final Command expected = new Command();
        final Command actual = new Command();
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
            JournalReader r = j.newReader())
        {
            assertEquals(net.fingerprint, j.header().networkFingerprint());
            assertEquals(net.network.skuCount(), j.header().skuCount());
            int n = 0;
            while (r.next())
            {
                final JournalEntry e = r.entry();
                assertEquals(n + 1, e.seq());
                assertEquals(direct.results.get(n), e.resultLine());
                json.decode(commands.get(n), expected);
                CommandCodecTest.assertCommandEquals(expected, e.decodeCommand(codec, actual), commands.get(n));
                assertEquals(expected.type, e.commandType());
                n++;
            }
            assertEquals(commands.size(), n);
            assertNull(r.tornTail());
        }
    }

    @Test
    void shouldRecoverFromTheNewestSnapshotAndTheTailAndCarryOn()
    {
        final List<String> commands = new RandomCommands(2, true).take(4000);
        final JournalFixture first = JournalFixture.open(net, journal, 700);
        first.applyAll(commands.subList(0, 2500), 50);
        first.close();

        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(List.of(), warnings);
        assertEquals(2500, r.lastSeq());
        assertTrue(r.snapshotSeq() > 1000, r.describe());
        assertEquals(2500 - r.snapshotSeq(), r.replayed());
        final DirectRun direct = new DirectRun(net.network).applyAll(commands.subList(0, 2500));
        assertEquals(direct.stateHash(), EngineSnapshot.stateHash(r.engine()));
        r.journal().close();

        final JournalFixture second = JournalFixture.open(net, journal, 700);
        second.applyAll(commands.subList(2500, 4000), 50);
        second.close();
        direct.applyAll(commands.subList(2500, 4000));
        assertEquals(direct.results.subList(2500, 4000), second.results);
        assertEquals(direct.results, JournalFiles.resultLines(journal));
    }

    @Test
    void shouldFallBackToOlderSnapshotsAndThenTheWholeJournalWhenSnapshotsAreCorrupt() throws IOException
    {
        final List<String> commands = new RandomCommands(3, false).take(2000);
        final JournalFixture f = JournalFixture.open(net, journal, 400);
        f.applyAll(commands, 20);
        f.close();
        final long expected = new DirectRun(net.network).applyAll(commands).stateHash();
        final List<Path> snapshots = new SnapshotStore(journal.resolve(Journal.SNAPSHOT_DIR), 3).list();
        assertEquals(3, snapshots.size(), "the newest three are kept");

        flipByte(snapshots.get(0), Files.size(snapshots.get(0)) - 10); // body
        List<String> warnings = new ArrayList<>();
        Recovery.Result r = recover(warnings);
        assertEquals(SnapshotStore.seqOf(snapshots.get(1)), r.snapshotSeq());
        assertEquals(expected, EngineSnapshot.stateHash(r.engine()));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("body checksum mismatch"), warnings.get(0));
        r.journal().close();

        try (RandomAccessFile raf = new RandomAccessFile(snapshots.get(1).toFile(), "rw"))
        {
            raf.setLength(raf.length() / 2); // torn
        }
        flipByte(snapshots.get(2), 20); // header
        warnings = new ArrayList<>();
        r = recover(warnings);
        assertEquals(0, r.snapshotSeq());
        assertEquals(2000, r.replayed());
        assertEquals(expected, EngineSnapshot.stateHash(r.engine()));
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.get(3).contains("replaying the whole journal"), warnings.toString());
        r.journal().close();
    }

    @Test
    void shouldCutACorruptTailWithAWarningAndCarryOnAfterIt()
    {
        final List<String> commands = new RandomCommands(4, false).take(1500);
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(commands.subList(0, 1000), 10);
        f.close();
        final List<Long> indices = JournalFiles.entryIndices(journal);
        JournalFiles.damageExcerpt(journal, indices.get(998), 30);
        JournalFiles.damageExcerpt(journal, indices.get(999), 12);

        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(998, r.lastSeq());
        assertNotNull(r.cut());
        assertEquals(2, r.cut().badExcerpts());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("cut a torn tail: 2 unusable excerpts after seq 998 (checksum mismatch)"),
            warnings.get(0));
        final DirectRun direct = new DirectRun(net.network).applyAll(commands.subList(0, 998));
        assertEquals(direct.stateHash(), EngineSnapshot.stateHash(r.engine()));
        r.journal().close();

        final JournalFixture after = JournalFixture.open(net, journal, 0);
        after.applyAll(commands.subList(1000, 1500), 10);
        after.close();
        direct.applyAll(commands.subList(1000, 1500));
        assertEquals(direct.results.subList(998, 1498), after.results);
        assertEquals(direct.results, JournalFiles.resultLines(journal), "the cut excerpts are skipped");

        final List<String> again = new ArrayList<>();
        final Recovery.Result r2 = recover(again);
        assertEquals(List.of(), again, "a tail cut once stays cut");
        assertEquals(1498, r2.lastSeq());
        r2.journal().close();
    }

    /**
     * A snapshot is written only once its entry is in the journal, so a journal that ends before a snapshot's seq has
     * lost entries that were decided and acknowledged (cut short, or an older copy put back): recovery refuses, and
     * cuts nothing, rather than roll back and decide those sequences again (it used to warn, fall back to an older
     * snapshot, cut the tail and carry on from seq 50).
     */
    @Test
    void shouldRefuseAJournalThatEndsBeforeItsNewestSnapshot() throws IOException
    {
        final JournalFixture f = JournalFixture.open(net, journal, 20);
        f.applyAll(new RandomCommands(15, false).take(100), 10);
        f.close();
        final List<Long> indices = JournalFiles.entryIndices(journal);
        for (int i = 49; i < 100; i++)
        {
            JournalFiles.damageExcerpt(journal, indices.get(i), 30);
        }
        final List<String> before = listQueue();
        final List<String> warnings = new ArrayList<>();
        final JournalException ex = assertThrows(JournalException.class, () -> recover(warnings));
        assertTrue(ex.getMessage().contains(" ends at seq 49, but snapshot ") &&
            ex.getMessage().contains(SnapshotStore.fileName(100)) &&
            ex.getMessage().contains("holds the state at seq 100: entries decided and acknowledged are missing"),
            ex.getMessage());
        assertEquals(before, listQueue(), "nothing cut or appended (Chronicle's metadata file aside)");
        assertTrue(warnings.stream().noneMatch(w -> w.contains("passed over") || w.contains("older snapshot")),
            "no warning reads as if the start went on before the refusal: " + warnings);
    }

    /**
     * A snapshot left inside a tail that an earlier recovery cut (a build before this check did not move it aside) is
     * stale, not a sign of loss: the entries after the cut decided those sequences again, and recovery passes it over
     * as before.
     */
    @Test
    void shouldPassOverAStaleSnapshotInsideATailCutBefore() throws IOException
    {
        final List<String> commands = new RandomCommands(18, false).take(120);
        final JournalFixture f = JournalFixture.open(net, journal, 20);
        f.applyAll(commands.subList(0, 100), 10);
        f.close();
        final List<Long> indices = JournalFiles.entryIndices(journal);
        for (int i = 89; i < 100; i++)
        {
            JournalFiles.damageExcerpt(journal, indices.get(i), 30);
        }
        // the tail is cut with the newest snapshot out of the way, as a build without this check did with it there
        final Path snapshots = journal.resolve(Journal.SNAPSHOT_DIR);
        final Path newest = snapshots.resolve(SnapshotStore.fileName(100));
        final Path aside = tmp.resolve("aside.snap");
        Files.move(newest, aside);
        final List<String> warnings = new ArrayList<>();
        final Recovery.Result cut = recover(warnings);
        assertEquals(89, cut.lastSeq());
        cut.journal().close();
        final JournalFixture after = JournalFixture.open(net, journal, 0);
        after.applyAll(commands.subList(100, 106), 10);
        after.close();
        Files.move(aside, newest);

        warnings.clear();
        final Recovery.Result r = recover(warnings);
        assertEquals(95, r.lastSeq(), "seq 90-95 decided again after the cut");
        assertTrue(warnings.stream().anyMatch(w -> w.contains(SnapshotStore.fileName(100)) &&
            w.contains("has no matching journal entry; passed over as stale")), warnings.toString());
        r.journal().close();
    }

    private List<String> listQueue() throws IOException
    {
        final List<String> out = new ArrayList<>();
        try (var files = Files.list(journal.resolve("queue")))
        {
            for (final Path p : files.filter(q -> q.toString().endsWith(".cq4")).sorted().toList())
            {
                out.add(p.getFileName() + ":" + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    void shouldRefuseAJournalDamagedInTheMiddle()
    {
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(new RandomCommands(5, false).take(300), 10);
        f.close();
        JournalFiles.damageExcerpt(journal, JournalFiles.entryIndices(journal).get(150), 40);
        final JournalException ex = assertThrows(JournalException.class, () -> recover(new ArrayList<>()));
        assertTrue(ex.getMessage().contains("damaged in the middle: 1 unusable excerpt(s) after seq 150"),
            ex.getMessage());
    }

    /**
     * A snapshot that would eat into the room the journal keeps free is not written, and leaves nothing behind (a
     * part-written file would only take that room); the journal's own snapshots are unaffected.
     */
    @Test
    void shouldNotWriteASnapshotIntoTheJournalsFreeSpaceReserve() throws IOException
    {
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(new RandomCommands(9, false).take(20), 10);
        f.close();
        final Path dir = journal.resolve(Journal.SNAPSHOT_DIR);
        final SnapshotStore full = new SnapshotStore(dir, 3, Long.MAX_VALUE / 4);
        final byte[] body = new byte[4096];
        final SnapshotStore.NoRoom ex = assertThrows(SnapshotStore.NoRoom.class,
            () -> full.write(20, 0, net.fingerprint, 0, body, body.length));
        assertTrue(ex.getMessage().startsWith("not written: it needs 0 MiB and the disk has "), ex.getMessage());
        assertTrue(ex.getMessage().contains("MiB free, of which the journal keeps"), ex.getMessage());
        try (var files = Files.list(dir))
        {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(SnapshotStore.fileName(20))),
                "no snapshot and no temporary file");
        }
    }

    /**
     * @return the length of a receive command encoded into {@code bytes} as the journal holds commands.
     */
    private static int encodeReceive(final ExpandableArrayBuffer bytes)
    {
        final Command c = new CommandJsonDecoder().decode(
            "{\"type\":\"receive\",\"sku\":\"SKU-1\",\"location_id\":\"L01-DC\",\"qty\":5}", new Command());
        return new CommandCodec().encode(c, bytes, 0);
    }

    @Test
    void shouldStopWhenAReplayedDecisionDiffersFromTheJournal()
    {
        final Journal j = Journal.open(net.journalContext(journal));
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer();
        final int length = encodeReceive(bytes);
        final byte[] good = "{\"seq\":1,\"type\":\"receive\",\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        final byte[] bad = "{\"seq\":2,\"type\":\"receive\",\"status\":\"REJECTED\"}".getBytes(StandardCharsets.UTF_8);
        j.append(1, 0, CommandType.RECEIVE, Status.OK, Reason.NONE, 0, bytes, 0, length, new UnsafeBuffer(good), 0,
            good.length);
        j.append(2, 0, CommandType.RECEIVE, Status.OK, Reason.NONE, 0, bytes, 0, length, new UnsafeBuffer(bad), 0,
            bad.length);
        j.close();
        final JournalException ex = assertThrows(JournalException.class, () -> recover(new ArrayList<>()));
        assertTrue(ex.getMessage().contains("seq 2: the replayed decision differs from the journal"), ex.getMessage());
        assertTrue(ex.getMessage().contains("\"status\":\"REJECTED\""), ex.getMessage());
    }

    /**
     * A journal whose disk has less free space than it keeps in reserve refuses the append before writing anything
     * (a write into a memory-mapped page a full disk cannot back would tear the entry, and the fault reaches the
     * writing thread only after it went on); what it held before is intact and recovers.
     */
    @Test
    void shouldRefuseToAppendBelowItsFreeSpaceReserveAndKeepWhatItHeld()
    {
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        final List<String> commands = new RandomCommands(8, false).take(50);
        f.applyAll(commands, 10);
        f.close();

        final Journal full = Journal.open(net.journalContext(journal).minFreeBytes(Long.MAX_VALUE));
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer();
        final int length = encodeReceive(bytes);
        final byte[] line = "{\"seq\":51,\"type\":\"receive\",\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        final JournalException ex = assertThrows(JournalException.class, () -> full.append(51, 0,
            CommandType.RECEIVE, Status.OK, Reason.NONE, 0, bytes, 0, length, new UnsafeBuffer(line), 0, line.length));
        assertTrue(ex.getMessage().contains("MiB left on its disk, below the"), ex.getMessage());
        assertTrue(ex.getMessage().contains("stopped before entry seq 51"), ex.getMessage());
        full.close();

        final Recovery.Result r = recover(new ArrayList<>());
        assertEquals(50, r.engine().lastSeq(), "every entry before the refusal, none after");
        r.journal().close();
    }

    /**
     * An append refused after the engine applied the command leaves the engine a command ahead of its journal: a
     * snapshot then (the shutdown's) would hold a state the journal cannot reach, and recovery would refuse the
     * journal for ending before it. None is taken, and the journal recovers as it is.
     */
    @Test
    void shouldTakeNoSnapshotOfAnEngineAheadOfItsJournal()
    {
        final List<String> commands = new RandomCommands(16, false).take(21);
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(commands.subList(0, 20), 10);
        f.close();

        final JournalFixture full = JournalFixture.open(net, net.journalContext(journal).minFreeBytes(Long.MAX_VALUE),
            0);
        final JournaledEngine je = full.journaled();
        assertThrows(JournalException.class, () -> full.apply(commands.get(20)), "the disk is below the reserve");
        assertEquals(21, je.engine().lastSeq(), "the engine applied it");
        assertEquals(20, je.journal().lastSeq(), "the journal refused it");
        assertFalse(je.snapshotNow(), "no snapshot of a state the journal cannot reach");
        je.endOfBatch();
        je.journal().close();

        final List<String> warnings = new ArrayList<>();
        final Recovery.Result again = recover(warnings);
        assertEquals(List.of(), warnings);
        assertEquals(20, again.lastSeq());
        again.journal().close();
    }

    /**
     * A store that syncs its journal forces the queue's files to disk, from the writer's thread, before it writes
     * the snapshot (async durability included; not provable here without a power cut, but the path runs).
     */
    @Test
    void shouldForceTheJournalsFilesBeforeWritingASnapshot() throws IOException
    {
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(new RandomCommands(19, false).take(10), 10);
        final Journal j = f.journaled().journal();
        final byte[] body = new byte[64];
        final Path written = new SnapshotStore(j.snapshotDir(), 3, 0).syncing(j)
            .write(10, j.lastIndex(), net.fingerprint, 0, body, body.length);
        assertTrue(Files.size(written) > body.length);
        f.close();
    }

    @Test
    void shouldRefuseAnotherNetworksJournalAndASecondWriter() throws IOException
    {
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(new RandomCommands(6, false).take(10), 10);

        final JournalException busy = assertThrows(JournalException.class, () -> recover(new ArrayList<>()));
        assertTrue(busy.getMessage().endsWith("is in use by another process"), busy.getMessage());
        f.close();

        final TestNetwork other = TestNetwork.writeTo(tmp.resolve("other"));
        Files.writeString(other.dir.resolve("policy.properties"), "split_penalty_cents=99\n");
        final TestNetwork changed = TestNetwork.load(other.dir);
        final JournalException ex = assertThrows(JournalException.class, () -> Recovery.recover(
            changed.journalContext(journal), changed.network, changed.fingerprint, null));
        assertTrue(ex.getMessage().contains("was written for another network"), ex.getMessage());
    }

    @Test
    void shouldNoticeAWriteTornByACrashedProcessAndCarryOn() throws Exception
    {
        final Process p = new ProcessBuilder(JournalFiles.javaCommand(TornWriterMain.class, net.dir.toString(),
            journal.toString(), "200")).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("torn"), out);

        final List<String> commands = new RandomCommands(7, false).take(260);
        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(200, r.lastSeq());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("found an incomplete write of 13 bytes after seq 200"), warnings.get(0));
        final DirectRun direct = new DirectRun(net.network).applyAll(commands.subList(0, 200));
        assertEquals(direct.stateHash(), EngineSnapshot.stateHash(r.engine()));
        r.journal().close();

        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(commands.subList(200, 260), 7);
        f.close();
        direct.applyAll(commands.subList(200, 260));
        assertEquals(direct.results, JournalFiles.resultLines(journal));
        final List<String> again = new ArrayList<>();
        recover(again).journal().close();
        assertEquals(List.of(), again);
    }

    @Test
    void shouldStartANewJournalAndReportNothingToRecover()
    {
        final Recovery.Result r = recover(new ArrayList<>());
        assertEquals(0, r.lastSeq());
        assertEquals("new journal " + journal, r.describe());
        r.journal().close();
        assertTrue(Journal.exists(journal));
        assertFalse(Journal.exists(tmp.resolve("nowhere")));
        assertThrows(JournalException.class,
            () -> Journal.open(new Journal.Context().dir(tmp.resolve("nowhere")).readOnly(true)));
    }

    private static void flipByte(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int b = raf.read();
            raf.seek(position);
            raf.write(~b);
        }
    }
}
