package io.omniroute.journal;

import io.omniroute.engine.EngineSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An entry longer than one excerpt may be (Chronicle refuses an excerpt over a quarter of its block size: 64 MiB by
 * default, the result of a stock count that re-routes a million orders) is journaled in parts and read back whole,
 * and a crash or a damaged disk in the middle of its parts is cut like any torn tail. It used to stop the engine.
 * Here excerpts are made small, so that ordinary entries come in parts.
 */
class EntryPartsTest
{
    private static final int SMALL = TornWriterMain.PARTS_MAX_EXCERPT;

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

    private Journal.Context context()
    {
        return net.journalContext(journal).maxExcerptBytes(SMALL);
    }

    private Recovery.Result recover(final List<String> warnings)
    {
        return Recovery.recover(context(), net.network, net.fingerprint, warnings::add);
    }

    /**
     * Recovers once more: a tail cut once stays cut, nothing to warn about.
     */
    private void assertRecoversQuietlyTo(final long lastSeq)
    {
        final List<String> again = new ArrayList<>();
        final Recovery.Result r = recover(again);
        assertEquals(List.of(), again, "a tail cut once stays cut");
        assertEquals(lastSeq, r.lastSeq());
        r.journal().close();
    }

    @Test
    void shouldKeepExcerptsWithinAQuarterOfTheBlockLessAMargin()
    {
        assertEquals((64 << 20) - (64 << 10), new Journal.Context().blockSize(256L << 20).maxExcerptBytes());
        assertEquals((64 << 10) - (16 << 10), new Journal.Context().blockSize(256L << 10).maxExcerptBytes());
        assertEquals(SMALL, new Journal.Context().blockSize(256L << 20).maxExcerptBytes(SMALL).maxExcerptBytes());
        assertEquals((64 << 10) - (16 << 10),
            new Journal.Context().blockSize(256L << 10).maxExcerptBytes(1 << 20).maxExcerptBytes(), "capped");
    }

    /**
     * At the default block size an excerpt holds 64 MiB less 64 KiB; an entry of 80 MiB (a stock count re-routing
     * some 1.2 million orders) goes in two parts and comes back byte for byte.
     */
    @Test
    void shouldJournalAnEntryOfEightyMegabytesAtTheDefaultBlockSize()
    {
        final Recovery.Result r = Recovery.recover(net.journalContext(journal), net.network, net.fingerprint, null);
        final byte[] line = new byte[80 << 20];
        for (int i = 0; i < line.length; i++)
        {
            line[i] = (byte)('a' + i % 26);
        }
        final org.agrona.concurrent.UnsafeBuffer command = JournalFiles.encodedCommand("{\"type\":\"new_day\"}");
        final int commandLength = command.capacity();
        final org.agrona.concurrent.UnsafeBuffer small = new org.agrona.concurrent.UnsafeBuffer(new byte[]{ '{', '}' });
        r.journal().append(1, 0, io.omniroute.engine.CommandType.NEW_DAY, io.omniroute.engine.Status.OK,
            io.omniroute.engine.Reason.NONE, 0, command, 0, commandLength, small, 0, 2);
        r.journal().append(2, 0, io.omniroute.engine.CommandType.NEW_DAY, io.omniroute.engine.Status.OK,
            io.omniroute.engine.Reason.NONE, 0, command, 0, commandLength, new org.agrona.concurrent.UnsafeBuffer(line),
            0, line.length);
        r.journal().append(3, 0, io.omniroute.engine.CommandType.NEW_DAY, io.omniroute.engine.Status.OK,
            io.omniroute.engine.Reason.NONE, 0, command, 0, commandLength, small, 0, 2);
        r.journal().close();
        assertEquals(1 + 1 + 2 + 1, JournalFiles.excerptCount(journal), "header, entry, two parts, entry");
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
            JournalReader reader = j.newReader())
        {
            assertTrue(reader.next());
            assertEquals(1, reader.entry().seq());
            assertTrue(reader.next());
            assertEquals(2, reader.entry().seq());
            final byte[] back = new byte[reader.entry().result().capacity()];
            reader.entry().result().getBytes(0, back);
            assertTrue(java.util.Arrays.equals(line, back), "the 80 MiB result, byte for byte");
            assertTrue(reader.next());
            assertEquals(3, reader.entry().seq());
            assertTrue(!reader.next() && reader.tornTail() == null);
        }
    }

    /**
     * Entries whose message is one byte short of, exactly, and one byte over what one excerpt carries, and the same
     * around two parts: each comes back byte for byte, in the number of excerpts the arithmetic says.
     */
    @Test
    void shouldSplitExactlyAtTheExcerptBoundary()
    {
        final Recovery.Result r = recover(new ArrayList<>());
        final org.agrona.concurrent.UnsafeBuffer command = JournalFiles.encodedCommand("{\"type\":\"kpi\"}");
        final int commandLength = command.capacity();
        // what one excerpt carries of a JournalEntry message, and that message's length with a result of n bytes
        final int carried = SMALL - JournalFrame.HEADER_LENGTH - 8 -
            io.omniroute.journal.sbe.EntryPartEncoder.BLOCK_LENGTH -
            io.omniroute.journal.sbe.EntryPartEncoder.bytesHeaderLength();
        final int overhead = 8 + io.omniroute.journal.sbe.JournalEntryEncoder.BLOCK_LENGTH +
            io.omniroute.journal.sbe.JournalEntryEncoder.commandHeaderLength() + commandLength +
            io.omniroute.journal.sbe.JournalEntryEncoder.resultHeaderLength();
        final int[] messageLengths = { carried - 1, carried, carried + 1, 2 * carried, 2 * carried + 1 };
        final int[] expectedExcerpts = { 1, 1, 2, 2, 3 };
        final List<byte[]> lines = new ArrayList<>();
        for (int k = 0; k < messageLengths.length; k++)
        {
            final byte[] line = new byte[messageLengths[k] - overhead];
            for (int i = 0; i < line.length; i++)
            {
                line[i] = (byte)('0' + (i + k) % 10);
            }
            lines.add(line);
            r.journal().append(k + 1, 0, io.omniroute.engine.CommandType.KPI, io.omniroute.engine.Status.OK,
                io.omniroute.engine.Reason.NONE, 0, command, 0, commandLength,
                new org.agrona.concurrent.UnsafeBuffer(line), 0, line.length);
        }
        r.journal().close();
        final List<Long> indices = JournalFiles.entryIndices(journal);
        for (int k = 0; k + 1 < indices.size(); k++)
        {
            assertEquals(expectedExcerpts[k], indices.get(k + 1) - indices.get(k), "excerpts of entry " + (k + 1));
        }
        assertEquals(1 + java.util.Arrays.stream(expectedExcerpts).sum(), JournalFiles.excerptCount(journal));
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
            JournalReader reader = j.newReader())
        {
            for (int k = 0; k < lines.size(); k++)
            {
                assertTrue(reader.next());
                final byte[] back = new byte[reader.entry().result().capacity()];
                reader.entry().result().getBytes(0, back);
                assertTrue(java.util.Arrays.equals(lines.get(k), back), "entry " + (k + 1));
            }
            assertTrue(!reader.next() && reader.tornTail() == null);
        }
    }

    @Test
    void shouldJournalLongEntriesInPartsAndReadThemBackWhole()
    {
        final List<String> commands = new RandomCommands(11, false).take(600);
        final JournalFixture f = JournalFixture.open(net, context(), 0);
        f.applyAll(commands, 10);
        f.close();
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results, f.results);
        assertEquals(direct.results, JournalFiles.resultLines(journal));

        final List<Long> indices = JournalFiles.entryIndices(journal);
        long split = 0;
        for (int k = 0; k + 1 < indices.size(); k++)
        {
            split += indices.get(k + 1) - indices.get(k) > 1 ? 1 : 0;
        }
        assertTrue(split >= 50, split + " of 600 entries came in parts");
        assertTrue(JournalFiles.excerptCount(journal) >= 1 + 600 + split, "excerpts");
        // an entry's index is its first part's: seeking there reads the whole entry
        try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
            JournalReader r = j.newReader())
        {
            for (int k = indices.size() - 1; k >= 0; k = k == 0 ? -1 : Math.max(0, k - 7))
            {
                assertTrue(r.seek(indices.get(k)));
                assertTrue(r.next());
                assertEquals(k + 1, r.entry().seq());
                assertEquals(indices.get(k), r.entry().index());
                assertEquals(direct.results.get(k), r.entry().resultLine());
            }
        }

        // recovery replays every entry, parts put together, and checks each decision against the journaled one
        final List<String> warnings = new ArrayList<>();
        final Recovery.Result again = recover(warnings);
        assertEquals(List.of(), warnings);
        assertEquals(600, again.lastSeq());
        assertEquals(direct.stateHash(), EngineSnapshot.stateHash(again.engine()));
        again.journal().close();
    }

    @Test
    void shouldRecoverFromSnapshotsTakenAtEntriesInParts()
    {
        final List<String> commands = new RandomCommands(12, false).take(700);
        final JournalFixture f = JournalFixture.open(net, context(), 23);
        f.applyAll(commands.subList(0, 500), 9);
        f.close();
        final JournalFixture after = JournalFixture.open(net, context(), 23);
        after.applyAll(commands.subList(500, 700), 9);
        after.close();
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results.subList(500, 700), after.results);

        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(List.of(), warnings);
        assertTrue(r.snapshotSeq() > 0, "recovered from a snapshot");
        assertEquals(700, r.lastSeq());
        assertEquals(direct.stateHash(), EngineSnapshot.stateHash(r.engine()));
        r.journal().close();
    }

    @Test
    void shouldCutAnEntryWhoseLastPartsWereNeverWrittenAndDecideItAgain()
    {
        final List<String> commands = new RandomCommands(13, false).take(300);
        final JournalFixture f = JournalFixture.open(net, context(), 0);
        f.applyAll(commands.subList(0, 200), 10);
        f.close();
        JournalFiles.appendEntryParts(journal, 201, 3, 2);

        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(200, r.lastSeq());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cut a torn tail: 2 unusable excerpts after seq 200 (entry seq 201 has " +
            "2 of its 3 parts: left by a process that died writing it, or one still writing)"), warnings.get(0));
        r.journal().close();

        final JournalFixture after = JournalFixture.open(net, context(), 0);
        after.applyAll(commands.subList(200, 300), 10);
        after.close();
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results, JournalFiles.resultLines(journal), "the cut parts are skipped");
        assertRecoversQuietlyTo(300);
    }

    @Test
    void shouldCutTheWholeEntryWhenOneOfItsPartsIsDamaged()
    {
        final List<String> commands = new ArrayList<>(new RandomCommands(14, false).take(299));
        commands.add("{\"type\":\"kpi\"}"); // a long result: several parts
        final JournalFixture f = JournalFixture.open(net, context(), 0);
        f.applyAll(commands, 10);
        f.close();
        final List<Long> indices = JournalFiles.entryIndices(journal);
        final long first = indices.get(299);
        final long parts = JournalFiles.excerptCount(journal) - (first - indices.get(0)) - 1;
        assertTrue(parts >= 3, "the last entry's parts: " + parts);
        JournalFiles.damageExcerpt(journal, first + 1, 30);

        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(299, r.lastSeq());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cut a torn tail: " + parts + " unusable excerpts after seq 299 (part 1 " +
            "of the " + parts + " of entry seq 300: checksum mismatch)"), warnings.get(0));
        final DirectRun direct = new DirectRun(net.network).applyAll(commands.subList(0, 299));
        assertEquals(direct.stateHash(), EngineSnapshot.stateHash(r.engine()));
        r.journal().close();
        assertRecoversQuietlyTo(299);
    }

    /**
     * Damage in two places of the tail — an entry, then a part of the entry in parts after it — is one torn tail, cut
     * from the first: a later part of that entry must not be taken for a break in the parts (review of session 14:
     * it was, and recovery refused the journal with a message that named no damage).
     */
    @Test
    void shouldCutATailDamagedInTwoPlacesIncludingAPart()
    {
        final List<String> commands = tailOfShortThenLong(false);
        final List<Long> indices = JournalFiles.entryIndices(journal);
        final long parts = JournalFiles.excerptCount(journal) - (indices.get(201) - indices.get(0)) - 1;
        assertEquals(1, indices.get(201) - indices.get(200), "entry 201 is one excerpt");
        assertTrue(parts >= 3, "entry 202's parts: " + parts);
        JournalFiles.damageExcerpt(journal, indices.get(200), 20);
        JournalFiles.damageExcerpt(journal, indices.get(201) + 1, 30);

        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(200, r.lastSeq());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cut a torn tail: " + (1 + parts) + " unusable excerpts after seq 200 " +
            "(checksum mismatch)"), warnings.get(0));
        assertEquals(new DirectRun(net.network).applyAll(commands.subList(0, 200)).stateHash(),
            EngineSnapshot.stateHash(r.engine()));
        r.journal().close();
    }

    @Test
    void shouldRefuseAsDamagedInTheMiddleADamagedPartFollowedByAValidEntry()
    {
        tailOfShortThenLong(true);
        final List<Long> indices = JournalFiles.entryIndices(journal);
        JournalFiles.damageExcerpt(journal, indices.get(200), 20);
        JournalFiles.damageExcerpt(journal, indices.get(201) + 1, 30);

        final JournalException ex = assertThrows(JournalException.class, () -> recover(new ArrayList<>()));
        assertTrue(ex.getMessage().contains("damaged in the middle") && ex.getMessage().contains("after seq 200"),
            ex.getMessage());
    }

    /**
     * Journals 200 random commands, a new day (a short entry, seq 201), the KPIs (a long one in parts, seq 202) and,
     * with {@code more}, another new day (seq 203).
     */
    private List<String> tailOfShortThenLong(final boolean more)
    {
        final List<String> commands = new ArrayList<>(new RandomCommands(17, false).take(200));
        commands.add("{\"type\":\"new_day\"}");
        commands.add("{\"type\":\"kpi\"}");
        if (more)
        {
            commands.add("{\"type\":\"new_day\"}");
        }
        final JournalFixture f = JournalFixture.open(net, context(), 0);
        f.applyAll(commands, 10);
        f.close();
        return commands;
    }

    @Test
    void shouldRefuseAJournalWithADamagedPartBeforeValidEntries()
    {
        final List<String> commands = new ArrayList<>(new RandomCommands(15, false).take(100));
        commands.add("{\"type\":\"kpi\"}");
        commands.addAll(new RandomCommands(16, false).take(50));
        final JournalFixture f = JournalFixture.open(net, context(), 0);
        f.applyAll(commands, 10);
        f.close();
        JournalFiles.damageExcerpt(journal, JournalFiles.entryIndices(journal).get(100) + 1, 30);

        final JournalException ex = assertThrows(JournalException.class, () -> recover(new ArrayList<>()));
        assertTrue(ex.getMessage().contains("damaged in the middle") && ex.getMessage().contains("after seq 100"),
            ex.getMessage());
    }

    @Test
    void shouldCutThePartsAndEraseTheIncompleteWriteOfAProcessKilledMidEntry() throws Exception
    {
        final Process p = new ProcessBuilder(JournalFiles.javaCommand(TornWriterMain.class, net.dir.toString(),
            journal.toString(), "150", "parts")).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("torn"), out);

        final List<String> commands = new RandomCommands(7, false).take(200);
        final List<String> warnings = new ArrayList<>();
        final Recovery.Result r = recover(warnings);
        assertEquals(150, r.lastSeq());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("cut a torn tail: 2 unusable excerpts after seq 150 (entry seq 151 has " +
            "2 of its 3 parts and an incomplete write: left by a process that died writing it, or one still writing)"), warnings.get(0));
        r.journal().close();

        final JournalFixture f = JournalFixture.open(net, context(), 0);
        f.applyAll(commands.subList(150, 200), 7);
        f.close();
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results, JournalFiles.resultLines(journal));
        assertRecoversQuietlyTo(200);
    }
}
