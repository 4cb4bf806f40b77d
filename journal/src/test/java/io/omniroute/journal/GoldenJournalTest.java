package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.Engine;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.journal.sbe.JournalEntryDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the journal format: journals written by earlier versions (committed under {@code golden/vN}, never
 * rewritten; see {@link GoldenJournal}) must still be read, every entry, with the same commands and result lines.
 * <p>
 * And pins the decisions: today's engine, replaying the golden journal, must make every decision it holds again,
 * except the sequences listed in {@link #CHANGED_DECISIONS}. A change of routing behaviour (a SPEC reading changed
 * on purpose) lists the sequences it changes there and says why in docs/DECISIONS.md; any other difference is a
 * regression, and an operator's old journals would stop replaying (docs/OPERATIONS.md "Upgrades").
 */
class GoldenJournalTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = { "v1", "v2" })
    void shouldReadTheGoldenJournal(final String version) throws Exception
    {
        final Path golden = copy("golden/" + version);
        final List<String> commands = Files.readAllLines(golden.resolve("commands.jsonl"), StandardCharsets.UTF_8);
        final List<String> results = Files.readAllLines(golden.resolve("results.jsonl"), StandardCharsets.UTF_8);
        final String fingerprint = Files.readString(golden.resolve("fingerprint.txt")).trim();
        final TestNetwork net = TestNetwork.writeTo(tmp.resolve("network"));
        assertEquals(NetworkFingerprint.hex(net.fingerprint), fingerprint, "the golden journal's network changed");

        final CommandJsonDecoder json = new CommandJsonDecoder();
        final CommandCodec codec = new CommandCodec();
        final Command expected = new Command();
        final Command actual = new Command();
        try (Journal j = Journal.open(new Journal.Context().dir(golden.resolve("journal")).readOnly(true));
            JournalReader r = j.newReader())
        {
            assertEquals(fingerprint, NetworkFingerprint.hex(j.header().networkFingerprint()));
            assertEquals(net.network.skuCount(), j.header().skuCount());
            assertEquals("omniroute 0.1.0", j.header().writer());
            int n = 0;
            while (r.next())
            {
                final JournalEntry e = r.entry();
                assertEquals(n + 1, e.seq());
                assertEquals(results.get(n), e.resultLine(), "seq " + e.seq());
                json.decode(commands.get(n), expected);
                CommandCodecTest.assertCommandEquals(expected, e.decodeCommand(codec, actual), commands.get(n));
                assertEquals(expected.type, e.commandType());
                n++;
            }
            assertEquals(commands.size(), n);
            assertNull(r.tornTail());
        }
        assertTrue(JournalEntryDecoder.SCHEMA_VERSION >= 2);
        if (version.equals("v2"))
        {
            // written with small excerpts: most entries are in parts
            assertTrue(JournalFiles.excerptCount(golden.resolve("journal")) > commands.size() + 150L, "v2 has parts");
        }
    }

    /**
     * Sequences of the golden journals (v1 and v2 hold the same commands) whose decisions today's engine makes
     * differently, on purpose: none yet.
     */
    private static final Set<Long> CHANGED_DECISIONS = Set.of();

    @ParameterizedTest
    @ValueSource(strings = { "v1", "v2" })
    void todaysEngineMakesTheGoldenDecisionsAgain(final String version) throws Exception
    {
        final Path golden = copy("golden/" + version);
        final int entries = Files.readAllLines(golden.resolve("commands.jsonl"), StandardCharsets.UTF_8).size();
        final TestNetwork net = TestNetwork.writeTo(tmp.resolve("network"));
        final Replayer replayer = new Replayer(new Engine(net.network));
        final List<Long> changed = new ArrayList<>();
        try (Journal j = Journal.open(new Journal.Context().dir(golden.resolve("journal")).readOnly(true));
            JournalReader r = j.newReader();
            ReplayFeed feed = new ReplayFeed(r, net.network))
        {
            long n = 0;
            while (feed.next())
            {
                assertEquals(++n, feed.entry().seq());
                if (!replayer.apply(feed.entry()))
                {
                    changed.add(n);
                }
            }
            assertEquals(entries, n);
            assertNull(feed.tornTail());
        }
        assertEquals(CHANGED_DECISIONS, new TreeSet<>(changed),
            "sequences of the golden " + version + " journal decided differently by today's engine");
    }

    private Path copy(final String resource) throws IOException, URISyntaxException
    {
        final Path from = Paths.get(GoldenJournalTest.class.getResource(resource).toURI());
        final Path to = tmp.resolve("golden");
        try (Stream<Path> walk = Files.walk(from))
        {
            for (final Path p : (Iterable<Path>)walk::iterator)
            {
                final Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
