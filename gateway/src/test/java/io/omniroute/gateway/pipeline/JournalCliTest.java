package io.omniroute.gateway.pipeline;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.cli.ConsoleCapture;
import io.omniroute.journal.CommandCodec;
import io.omniroute.journal.Journal;
import io.omniroute.journal.RandomCommands;
import io.omniroute.journal.SnapshotStore;
import io.omniroute.journal.TestNetwork;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal side of the command line: {@code simulate --journal}, {@code replay}, {@code dump}.
 */
class JournalCliTest
{
    @TempDir
    Path tmp;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();
    private TestNetwork net;

    @BeforeEach
    void setUp()
    {
        net = TestNetwork.writeTo(tmp.resolve("network"));
    }

    private int cli(final String... args)
    {
        return console.run(args);
    }

    private Path commands(final String name, final List<String> lines) throws IOException
    {
        final Path p = tmp.resolve(name);
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }

    private String errText()
    {
        return console.err();
    }

    private String outText()
    {
        return console.out();
    }

    /**
     * A run that stopped part way (here: the file's first 1,700 commands journaled, as a kill or a full disk leaves
     * them) and is run again with {@code --resume}: the journaled commands are not applied again, their results come
     * from the journal, and --out equals one uninterrupted run's. Resuming a finished run changes nothing; resuming a
     * file the journal does not end with is refused; without --resume the file is applied after the last entry.
     */
    @Test
    void shouldResumeARunThatStoppedPartWayWithoutApplyingItsCommandsTwice() throws IOException
    {
        final List<String> all = new ArrayList<>(new RandomCommands(37, true).take(2500));
        all.add(1200, ""); // blank lines get no entry, and count for nothing on either side
        final Path file = commands("day.jsonl", all);
        final Path plain = tmp.resolve("plain.jsonl");
        final Path journal = tmp.resolve("journal");
        resumeAfterStop(all, 1701, "day", "after its first 1,700 commands");
        assertTrue(outText().contains("now at seq 2500"), outText());

        final Path again = tmp.resolve("again.jsonl");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", file.toString(), "--out",
            again.toString(), "--journal", journal.toString(), "--resume"), errText());
        assertTrue(outText().contains("now at seq 2500"), "a finished run resumed applies nothing: " + outText());
        assertEquals(Files.readString(plain), Files.readString(again));

        final Path other = commands("other.jsonl", all.subList(1800, 1900));
        assertEquals(2, cli("simulate", "--network", net.dir.toString(), "--commands", other.toString(), "--out",
            tmp.resolve("other-out.jsonl").toString(), "--journal", journal.toString(), "--resume"));
        assertTrue(errText().contains("--resume: journal " + journal + " does not end with the first commands of"),
            errText());
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", other.toString(), "--out",
            tmp.resolve("other-out.jsonl").toString(), "--journal", journal.toString(), "--quiet"), errText());
        assertEquals(0, cli("replay", "--journal", journal.toString(), "--network", net.dir.toString(), "--verify"),
            errText());
        assertTrue(outText().contains("replayed 2,600 entries"), outText());

        assertEquals(2, cli("simulate", "--network", net.dir.toString(), "--commands", file.toString(), "--out",
            tmp.resolve("no-journal.jsonl").toString(), "--resume"));
        assertTrue(errText().contains("need --journal"), errText());
    }

    /**
     * A file whose first command comes again (a new_day opening each day) and a run killed just after the second:
     * the journal ends with that new_day, which equals the file's first line too. The resume takes the longest prefix
     * the journal holds, not the last new_day alone (which applied the first day a second time).
     */
    @Test
    void shouldResumeAfterTheLongestJournaledPrefixWhenTheFirstCommandComesAgain() throws IOException
    {
        final String newDay = "{\"type\":\"new_day\"}";
        final List<String> all = new ArrayList<>();
        all.add(newDay);
        all.addAll(new RandomCommands(41, true).take(300));
        all.add(newDay);
        all.addAll(new RandomCommands(43, true).take(300));
        resumeAfterStop(all, 302, "days", "after its first 302 commands");
    }

    /**
     * The run of {@code stopped} (the first lines of {@code file}) stands for a run of {@code file} killed after them:
     * its record in the run log names {@code file}, as the killed run's did.
     */
    private static void asIfRunOf(final Path journal, final Path stopped, final Path file) throws IOException
    {
        final Path log = journal.resolve("simulate-runs.tsv");
        Files.writeString(log, Files.readString(log).replace("\t" + stopped.toRealPath() + "\n",
            "\t" + file.toRealPath() + "\n"));
    }

    /**
     * A file run twice on one journal whose second run stopped after its first line: the journal ends with the file's
     * first three lines too (from inside the first run), but the second run's start is written down, and the resume
     * goes on after its one line (found by the session's review: matching from the earliest entry took three).
     */
    @Test
    void shouldResumeTheRunThatStoppedWhenTheSameFileRanBeforeOnTheJournal() throws IOException
    {
        final List<String> week = List.of("{\"type\":\"new_day\"}", "{\"type\":\"kpi\"}", "{\"type\":\"new_day\"}",
            "{\"type\":\"kpi\"}");
        final Path file = commands("week.jsonl", week);
        final Path journal = tmp.resolve("journal-week");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", file.toString(), "--out",
            tmp.resolve("week-1.jsonl").toString(), "--journal", journal.toString(), "--quiet"), errText());
        final Path stopped = commands("week-stopped.jsonl", week.subList(0, 1));
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", stopped.toString(), "--out",
            tmp.resolve("week-2.jsonl").toString(), "--journal", journal.toString(), "--quiet"), errText());
        asIfRunOf(journal, stopped, file);
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", file.toString(), "--out",
            tmp.resolve("week-3.jsonl").toString(), "--journal", journal.toString(), "--resume"), errText());
        assertTrue(errText().contains("after its first 1 commands"), errText());
        assertTrue(outText().contains("now at seq 8"), outText());
    }

    /**
     * Runs {@code lines} once plainly ({@code plain.jsonl}, or {@code plain-NAME.jsonl}), journals its first
     * {@code stoppedAt} lines as a run stopped there would have, then runs the whole file with --resume on that
     * journal ({@code journal} or {@code journal-NAME}): the resume must say {@code expected} and give the plain
     * run's results.
     */
    private void resumeAfterStop(final List<String> lines, final int stoppedAt, final String name,
        final String expected) throws IOException
    {
        final String suffix = name.equals("day") ? "" : "-" + name;
        final Path file = commands(name + ".jsonl", lines);
        final Path stopped = commands("stopped" + suffix + ".jsonl", lines.subList(0, stoppedAt));
        final Path plain = tmp.resolve("plain" + suffix + ".jsonl");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", file.toString(), "--out",
            plain.toString(), "--quiet"), errText());
        final Path journal = tmp.resolve("journal" + suffix);
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", stopped.toString(), "--out",
            tmp.resolve("first" + suffix + ".jsonl").toString(), "--journal", journal.toString(), "--quiet"),
            errText());
        asIfRunOf(journal, stopped, file);
        final Path resumed = tmp.resolve("resumed" + suffix + ".jsonl");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", file.toString(), "--out",
            resumed.toString(), "--journal", journal.toString(), "--resume"), errText());
        assertTrue(errText().contains(expected), errText());
        assertEquals(Files.readString(plain), Files.readString(resumed), "as one uninterrupted run");
    }

    @Test
    void shouldJournalASimulateRunWhoseDumpEqualsItsResultsAndContinueOnTheSameJournal() throws IOException
    {
        final List<String> all = new RandomCommands(31, true).take(3000);
        final List<String> part1 = new ArrayList<>(all.subList(0, 1800));
        part1.add(900, "   "); // blank lines are skipped, as in the plain simulate
        final Path c1 = commands("c1.jsonl", part1);
        final Path c2 = commands("c2.jsonl", all.subList(1800, 3000));
        final Path call = commands("all.jsonl", all);
        final Path journal = tmp.resolve("journal");
        final Path plain = tmp.resolve("plain.jsonl");
        final Path plainEvents = tmp.resolve("plain-events.jsonl");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", call.toString(), "--out",
            plain.toString(), "--events", plainEvents.toString(), "--quiet"), errText());

        final Path r1 = tmp.resolve("r1.jsonl");
        final Path e1 = tmp.resolve("e1.jsonl");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", c1.toString(), "--out",
            r1.toString(), "--events", e1.toString(), "--journal", journal.toString(), "--snapshot-every", "500"),
            errText());
        assertTrue(outText().contains("fill rate"), outText());
        assertTrue(outText().contains("now at seq 1800"), outText());
        assertTrue(errText().contains("new journal"), errText());
        final Path r2 = tmp.resolve("r2.jsonl");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", c2.toString(), "--out",
            r2.toString(), "--journal", journal.toString(), "--durability", "sync", "--quiet"), errText());

        final List<String> expected = Files.readAllLines(plain);
        assertEquals(expected.subList(0, 1800), Files.readAllLines(r1));
        assertEquals(expected.subList(1800, 3000), Files.readAllLines(r2), "the second run continues the first");
        final List<String> plainEventLines = Files.readAllLines(plainEvents);
        final List<String> e1Lines = Files.readAllLines(e1);
        assertFalse(e1Lines.isEmpty());
        assertEquals(plainEventLines.subList(0, e1Lines.size()), e1Lines, "events per command, as simulate");

        final Path dumped = tmp.resolve("dump.jsonl");
        assertEquals(0, cli("dump", "--journal", journal.toString(), "--out", dumped.toString()), errText());
        assertEquals(Files.readString(plain), Files.readString(dumped), "dump of the journal = the results");

        assertEquals(0, cli("dump", "--journal", journal.toString(), "--entries"), errText());
        final String[] entries = outText().split("\n");
        assertEquals(3000, entries.length);
        assertTrue(entries[0].startsWith("{\"seq\":1,\"ingress_time_ns\":"), entries[0]);
        assertTrue(entries[0].contains(",\"command\":{"), entries[0]);
        assertTrue(entries[0].endsWith(",\"result\":" + expected.get(0) + "}"), entries[0]);

        final Path replayed = tmp.resolve("replayed.jsonl");
        assertEquals(0, cli("replay", "--journal", journal.toString(), "--network", net.dir.toString(), "--out",
            replayed.toString(), "--verify"), errText());
        assertTrue(outText().contains("replayed 3,000 entries in"), outText());
        assertTrue(outText().matches(
            "(?s).*events/s \\(after [0-9.]+ s opening the journal and building the engine\\).*"), outText());
        assertTrue(outText().contains("verified: all 3,000 decisions equal the journal"), outText());
        assertEquals(Files.readString(plain), Files.readString(replayed));

        final List<Path> snapshots = new SnapshotStore(journal.resolve(Journal.SNAPSHOT_DIR), 3).list();
        assertEquals(3000, SnapshotStore.seqOf(snapshots.get(0)), "a snapshot at the end of each run");
        assertEquals(0, cli("dump", "--snapshot", snapshots.get(0).toString(), "--network", net.dir.toString()),
            errText());
        final String[] snap = outText().split("\n");
        assertTrue(snap[0].contains("\"seq\":3000"), snap[0]);
        assertTrue(snap.length > 1 && snap[1].startsWith("{\"sku\":"), outText());
    }

    @Test
    void shouldExitThreeAndNameTheFirstDivergingSequence() throws IOException
    {
        final Path journal = tmp.resolve("journal");
        final Journal j = Journal.open(net.journalContext(journal));
        final Command c = new CommandJsonDecoder().decode(
            "{\"type\":\"receive\",\"sku\":\"SKU-1\",\"location_id\":\"L01-DC\",\"qty\":5}", new Command());
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer();
        final int length = new CommandCodec().encode(c, bytes, 0);
        final String[] results = { "{\"seq\":1,\"type\":\"receive\",\"status\":\"OK\"}",
            "{\"seq\":2,\"type\":\"receive\",\"status\":\"OK\"}", "{\"seq\":3,\"type\":\"receive\",\"status\":\"NO\"}",
            "{\"seq\":4,\"type\":\"receive\",\"status\":\"NO\"}" };
        for (int i = 0; i < results.length; i++)
        {
            final byte[] r = results[i].getBytes(StandardCharsets.UTF_8);
            j.append(i + 1, 0, CommandType.RECEIVE, Status.OK, Reason.NONE, 0, bytes, 0, length, new UnsafeBuffer(r),
                0, r.length);
        }
        j.close();
        assertEquals(3, cli("replay", "--journal", journal.toString(), "--network", net.dir.toString(), "--verify"));
        assertTrue(outText().contains("DIVERGED: 2 of 4 decisions differ from the journal; the first at seq 3:"),
            outText());
        assertEquals(0, cli("replay", "--journal", journal.toString(), "--network", net.dir.toString()),
            "without --verify a divergence is not an error");
    }

    @Test
    void shouldReportUserErrorsInOneLineWithExitTwo() throws IOException
    {
        final Path c = commands("c.jsonl", new RandomCommands(5, false).take(50));
        final Path journal = journaled(c);

        assertOneLineError(cli("replay", "--journal", tmp.resolve("nope").toString(), "--network",
            net.dir.toString()), "omniroute replay: journal " + tmp.resolve("nope") + ": not found");
        assertOneLineError(cli("dump", "--journal", tmp.resolve("nope").toString()),
            "omniroute dump: journal " + tmp.resolve("nope") + ": not found");

        final TestNetwork other = TestNetwork.writeTo(tmp.resolve("other"));
        Files.writeString(other.dir.resolve("policy.properties"), "split_penalty_cents=1\n");
        assertOneLineError(cli("replay", "--journal", journal.toString(), "--network", other.dir.toString()),
            "was written for another network");
        assertOneLineError(cli("simulate", "--network", other.dir.toString(), "--commands", c.toString(), "--out",
            tmp.resolve("r2.jsonl").toString(), "--journal", journal.toString()), "was written for another network");
        assertOneLineError(cli("simulate", "--network", net.dir.toString(), "--commands", c.toString(), "--out",
            tmp.resolve("r2.jsonl").toString(), "--journal", journal.toString(), "--durability", "maybe"),
            "--durability must be async or sync");
        assertOneLineError(cli("simulate", "--network", net.dir.toString(), "--commands", c.toString(), "--out",
            tmp.resolve("r2.jsonl").toString(), "--durability", "sync"), "need --journal");

        final Path snapshot = new SnapshotStore(journal.resolve(Journal.SNAPSHOT_DIR), 3).list().get(0);
        assertEquals(0, cli("dump", "--snapshot", snapshot.toString()), errText());
        try (RandomAccessFile raf = new RandomAccessFile(snapshot.toFile(), "rw"))
        {
            // a flipped byte in the body: without --network the body was not looked at (exit 0)
            raf.seek(raf.length() - 5);
            final int b = raf.read();
            raf.seek(raf.length() - 5);
            raf.write(~b);
        }
        assertOneLineError(cli("dump", "--snapshot", snapshot.toString()), "body checksum mismatch");
        try (RandomAccessFile raf = new RandomAccessFile(snapshot.toFile(), "rw"))
        {
            raf.seek(3);
            raf.write('X');
        }
        assertOneLineError(cli("dump", "--snapshot", snapshot.toString()), "not a snapshot file (bad magic)");
        assertOneLineError(cli("dump", "--snapshot", tmp.resolve("none.snap").toString()), "file not found");
        assertOneLineError(cli("dump", "--snapshot", tmp.toString()), "is a folder, not a file");

        // a corrupt snapshot is passed over: the journal has everything
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", c.toString(), "--out",
            tmp.resolve("r3.jsonl").toString(), "--journal", journal.toString(), "--quiet"), errText());
        assertTrue(errText().contains("warning: snapshot") && errText().contains("replaying the whole journal"),
            errText());
    }

    /**
     * A journaled run refused before it applies anything leaves an existing --out as it was (it used to be emptied
     * when --resume found nothing to resume after), and a disk too full for the first entry says to run again without
     * --resume, which then works (its advice to use --resume was refused: none of the file was journaled).
     */
    @Test
    void shouldKeepTheOutputOfARefusedRunAndAdviseWhatWorksAfterAFullDisk() throws IOException
    {
        final Path c = commands("c.jsonl", new RandomCommands(7, false).take(40));
        final Path other = commands("other.jsonl", new RandomCommands(8, false).take(10));
        final Path journal = journaled(c);
        final Path keep = tmp.resolve("keep.jsonl");
        Files.writeString(keep, "precious\n");
        assertEquals(2, cli("simulate", "--network", net.dir.toString(), "--commands", other.toString(), "--out",
            keep.toString(), "--journal", journal.toString(), "--resume", "--quiet"));
        assertTrue(errText().contains("does not end with the first commands"), errText());
        assertEquals("precious\n", Files.readString(keep), "the refused run left --out alone");

        final Path full = tmp.resolve("journal-full");
        System.setProperty(io.omniroute.journal.Journal.Context.MIN_FREE_PROP, Long.toString(Long.MAX_VALUE >> 21));
        try
        {
            assertEquals(2, cli("simulate", "--network", net.dir.toString(), "--commands", c.toString(), "--out",
                tmp.resolve("r-full.jsonl").toString(), "--journal", full.toString(), "--quiet"));
        }
        finally
        {
            System.clearProperty(io.omniroute.journal.Journal.Context.MIN_FREE_PROP);
        }
        assertTrue(errText().contains("run the same command again, without --resume"), errText());
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", c.toString(), "--out",
            tmp.resolve("r-again.jsonl").toString(), "--journal", full.toString(), "--quiet"), errText());
        assertEquals(Files.readString(tmp.resolve("r.jsonl")), Files.readString(tmp.resolve("r-again.jsonl")));
    }

    @Test
    void shouldNotBlameAFullDiskAloneForAQueueFileCutShort() throws IOException
    {
        final Path c = commands("c.jsonl", new RandomCommands(5, false).take(50));
        final Path journal = journaled(c);
        try (var files = Files.list(journal.resolve("queue")))
        {
            for (final Path cq4 : files.filter(p -> p.toString().endsWith(".cq4")).toList())
            {
                try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw"))
                {
                    raf.setLength(30_000); // a copy that stopped part way: reading maps past the end of the file
                }
            }
        }
        // was "... could not be written, most likely because its disk is full ...: free space and run again"
        // where the cut falls against Chronicle's index (it varies with the block size and with when the writer's
        // mapping was released) decides which of the two checks meets it first; both say the file was cut short
        final int rc = cli("dump", "--journal", journal.toString());
        final String e = errText().trim();
        assertTrue(e.contains("or one of its queue files is shorter than it was written (cut short by a copy or a " +
            "restore; restore it whole)") || e.contains("its queue holds no readable entry (queue/") &&
            e.contains(": 30,000 bytes): damaged or cut short"), e);
        assertOneLineError(rc, "cut short");
        assertFalse(e.contains("most likely because its disk is full"), e);
    }

    /**
     * A queue file cut to a few bytes, or a garbled metadata file, is reported in our words, naming the file and what
     * to do (it gave Chronicle's alone: "The first message should be the header, was he", "Unknown_0x0", a lock it
     * could not claim).
     */
    @Test
    void shouldSayAQueueCutToAFewBytesIsDamagedInItsOwnWords() throws IOException
    {
        final Path c = commands("c.jsonl", new RandomCommands(6, false).take(20));
        final Path journal = journaled(c);
        final Path cq4;
        try (var files = Files.list(journal.resolve("queue")))
        {
            cq4 = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        for (final long size : new long[] { 8, 64 })
        {
            try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw"))
            {
                raf.setLength(size);
            }
            assertOneLineError(cli("dump", "--journal", journal.toString()), "its queue cannot be read (queue/" +
                cq4.getFileName() + ": " + size + " bytes; Chronicle Queue says \"");
            assertTrue(errText().contains("): damaged or cut short. Restore the journal from a copy"), errText());
        }
    }

    /**
     * @return {@code tmp/journal}, holding a run of {@code commands} (its results in {@code tmp/r.jsonl}).
     */
    private Path journaled(final Path commands) throws IOException
    {
        final Path journal = tmp.resolve("journal");
        assertEquals(0, cli("simulate", "--network", net.dir.toString(), "--commands", commands.toString(), "--out",
            tmp.resolve("r.jsonl").toString(), "--journal", journal.toString(), "--quiet"), errText());
        return journal;
    }

    private void assertOneLineError(final int rc, final String expected)
    {
        final String e = errText().trim();
        assertEquals(2, rc, e);
        assertTrue(e.contains(expected), e);
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(e.contains("Exception"), e);
    }
}
