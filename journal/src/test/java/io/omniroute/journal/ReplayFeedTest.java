package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.Engine;
import io.omniroute.engine.json.CommandJsonDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayFeedTest
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

    private List<String> journalOf(final int seed, final int count)
    {
        final List<String> commands = new RandomCommands(seed, true).take(count);
        final JournalFixture f = JournalFixture.open(net, journal, 0);
        f.applyAll(commands, 25);
        f.close();
        return commands;
    }

    private static Journal open(final Path dir)
    {
        return Journal.open(new Journal.Context().dir(dir).readOnly(true));
    }

    /**
     * @param prefetch whether the feed takes the entries in groups and has an engine read ahead for them.
     */
    private ReplayFeed feed(final JournalReader r, final boolean prefetch)
    {
        final ReplayFeed feed = new ReplayFeed(r, net.network);
        return prefetch ? feed.prefetchFor(new Engine(net.network)) : feed;
    }

    /**
     * More entries than the feed has slots, so every slot goes round a few times: each arrives in order with its
     * journal's seq, index, result line and command, its names looked up in the network.
     */
    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {false, true})
    void shouldHandOverEveryEntryInOrderAsTheReaderReadsIt(final boolean prefetch)
    {
        final int count = ReplayFeed.SLOTS * 3 + 17;
        final List<String> commands = journalOf(11, count);
        final List<Long> indices = JournalFiles.entryIndices(journal);
        final List<String> results = JournalFiles.resultLines(journal);
        final CommandJsonDecoder json = new CommandJsonDecoder();
        final Command expected = new Command();
        try (Journal j = open(journal); JournalReader r = j.newReader(); ReplayFeed feed = feed(r, prefetch))
        {
            int n = 0;
            while (feed.next())
            {
                final ReplayFeed.Slot e = feed.entry();
                assertEquals(n + 1, e.seq());
                assertEquals(indices.get(n), e.index());
                assertEquals(results.get(n), e.resultLine());
                json.decode(commands.get(n), expected);
                CommandCodecTest.assertCommandEquals(expected, e.command(), commands.get(n));
                if (e.command().resolvedNetwork != null)
                {
                    assertSame(net.network, e.command().resolvedNetwork, "names looked up on the reader's thread");
                }
                final byte[] line = results.get(n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(e.resultEquals(line, line.length));
                line[line.length - 1] ^= 1;
                assertFalse(e.resultEquals(line, line.length));
                assertFalse(e.resultEquals(line, line.length - 1));
                n++;
            }
            assertEquals(count, n);
            assertNull(feed.tornTail());
            assertFalse(feed.next(), "stays at the end");
        }
    }

    /**
     * Damage in the middle reaches the replaying thread where it lies: every entry before it first, then the reader's
     * exception, as reading on one thread would have it.
     */
    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {false, true})
    void shouldThrowTheReadersExceptionAfterTheEntriesBeforeIt(final boolean prefetch)
    {
        journalOf(12, 300);
        JournalFiles.damageExcerpt(journal, JournalFiles.entryIndices(journal).get(150), 40);
        try (Journal j = open(journal); JournalReader r = j.newReader(); ReplayFeed feed = feed(r, prefetch))
        {
            for (int n = 1; n <= 150; n++)
            {
                assertTrue(feed.next());
                assertEquals(n, feed.entry().seq());
            }
            final JournalException ex = assertThrows(JournalException.class, feed::next);
            assertTrue(ex.getMessage().contains("damaged in the middle: 1 unusable excerpt(s) after seq 150"),
                ex.getMessage());
            assertFalse(feed.next(), "nothing after the failure");
        }
    }

    /**
     * Whatever stops the reader, pinning the network's names included (it runs on the reader's thread), reaches the
     * replaying thread as a throw from next(), never a wait for an entry that will not come.
     */
    @Test
    void shouldReportAReaderThatCannotStart()
    {
        journalOf(17, 10);
        try (Journal j = open(journal); JournalReader r = j.newReader())
        {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
            {
                try (ReplayFeed feed = new ReplayFeed(r, null))
                {
                    assertThrows(NullPointerException.class, feed::next);
                    assertFalse(feed.next());
                }
            });
        }
    }

    /**
     * A torn tail ends the feed cleanly and is described as the reader found it.
     */
    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {false, true})
    void shouldEndAtATornTailAndDescribeIt(final boolean prefetch)
    {
        journalOf(13, 400);
        final List<Long> indices = JournalFiles.entryIndices(journal);
        JournalFiles.damageExcerpt(journal, indices.get(399), 20);
        try (Journal j = open(journal); JournalReader r = j.newReader(); ReplayFeed feed = feed(r, prefetch))
        {
            long last = 0;
            while (feed.next())
            {
                last = feed.entry().seq();
            }
            assertEquals(399, last);
            assertEquals(1, feed.tornTail().badExcerpts());
            assertEquals(399, feed.tornTail().lastGoodSeq());
        }
    }

    /**
     * A replay that stops early (recovery at a divergence) closes the feed while its reader waits for free slots: the
     * reader thread stops, and the reader is the caller's again (Chronicle lets one thread use a tailer at a time).
     */
    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {false, true})
    void shouldStopTheReaderWhenClosedEarlyAndGiveTheReaderBack(final boolean prefetch)
    {
        journalOf(14, ReplayFeed.SLOTS * 2 + 5);
        try (Journal j = open(journal); JournalReader r = j.newReader())
        {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
            {
                final ReplayFeed feed = feed(r, prefetch); // with prefetch, slots held in the feed's own hands too
                assertTrue(feed.next());
                assertEquals(1, feed.entry().seq());
                while (feed.readAhead() < ReplayFeed.SLOTS - 1)
                {
                    Thread.sleep(1); // until the reader has filled every slot and waits for one
                }
                feed.close();
            });
            assertTrue(r.next(), "the reader goes on from where the feed's thread left it, on this thread");
            assertEquals(ReplayFeed.SLOTS + 1, r.entry().seq());
        }
    }
}
