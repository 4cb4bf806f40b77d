package io.omniroute.gateway.pipeline;

import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.gateway.metrics.DecisionLatency;
import io.omniroute.journal.DirectRun;
import io.omniroute.journal.Durability;
import io.omniroute.journal.JournalFiles;
import io.omniroute.journal.RandomCommands;
import io.omniroute.journal.SnapshotStore;
import io.omniroute.journal.TestNetwork;
import io.omniroute.journal.Journal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest
{
    @TempDir
    Path tmp;

    private TestNetwork net;

    @BeforeEach
    void setUp()
    {
        net = TestNetwork.writeTo(tmp.resolve("network"));
    }

    private Context context(final Path journal)
    {
        return new Context().network(net.network, net.dir).journalDir(journal);
    }

    @ParameterizedTest(name = "seed {0}, ring {1}, idle {2}, {3}, max batch {4}, publisher decodes {5}, prefetch {6}")
    @CsvSource({
        "11, 4096, backoff, async, 256, true, true",
        "12, 8, busy-spin, async, 3, true, true",
        "13, 64, yielding, sync, 32, false, true",
        "14, 2, sleeping, async, 1, true, true",
        "15, 16, backoff, async, 8, false, false",
        "16, 32, backoff, async, 256, true, false" })
    void shouldGiveTheResultsOfTheEngineItselfOnSeededRandomStreams(final long seed, final int ring,
        final String idle, final String durability, final int maxBatch, final boolean publisherDecodes,
        final boolean prefetch)
    {
        final List<String> commands = new RandomCommands(seed, true).take(durability.equals("sync") ? 1500 : 4000);
        final Path journal = tmp.resolve("journal");
        final List<String> results;
        final long hash;
        try (Pipeline p = Pipeline.launch(context(journal).ringSize(ring).idleStrategy(idle)
            .durability(Durability.parse(durability)).maxBatch(maxBatch).snapshotInterval(997)
            .publisherDecodes(publisherDecodes).prefetch(prefetch)))
        {
            results = PipelineHarness.run(p, commands, null);
            p.close();
            assertNull(p.error());
            hash = EngineSnapshot.stateHash(p.engine());
            final long readAhead = p.engine().idsReadAhead();
            if (prefetch && publisherDecodes)
            {
                assertTrue(readAhead > commands.size() / 10, "ids read ahead: " + readAhead);
            }
            else
            {
                assertEquals(0, readAhead, "nothing read ahead");
            }
        }
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results, results, "seed " + seed);
        assertEquals(direct.stateHash(), hash, "seed " + seed);
        assertEquals(direct.results, JournalFiles.resultLines(journal), "the journal holds what was acknowledged");
        assertTrue(new SnapshotStore(journal.resolve(Journal.SNAPSHOT_DIR), 3).list().size() > 0);
    }

    /**
     * The order book grows past its first page into pages the page thread made ahead ({@link
     * io.omniroute.engine.PageReserve}); decisions and state are as without the page thread.
     */
    @ParameterizedTest(name = "spare pages {0}")
    @CsvSource({ "0", "4" })
    void shouldGrowTheBooksIntoPagesMadeAheadWithTheSameResults(final int sparePages)
    {
        final List<String> commands = new RandomCommands(41, true).take(12_000);
        final List<String> results;
        final long hash;
        try (Pipeline p = Pipeline.launch(context(tmp.resolve("journal")).sparePages(sparePages)))
        {
            results = PipelineHarness.run(p, commands, null);
            p.close();
            assertNull(p.error());
            hash = EngineSnapshot.stateHash(p.engine());
            final long bookBytes = p.engine().orders().limit();
            assertTrue(bookBytes > Engine.ORDER_PAGE_BYTES, "the book did not grow: " + bookBytes);
            if (sparePages == 0)
            {
                assertNull(p.pageReserve());
            }
            else
            {
                assertTrue(p.pageReserve().takenReady() > 0, "no page came from the reserve");
                assertEquals(0, p.pageReserve().readyPages(), "closing frees the spare pages");
            }
        }
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results, results);
        assertEquals(direct.stateHash(), hash);
    }

    /** serve --metrics-port: the engine thread times every command it applies. */
    @Test
    void shouldTimeEveryCommandWhenAskedTo()
    {
        final List<String> commands = new RandomCommands(31, true).take(700);
        final DecisionLatency latency = new DecisionLatency();
        try (Pipeline p = Pipeline.launch(context(tmp.resolve("journal")).decisionLatency(latency)))
        {
            PipelineHarness.run(p, commands, null);
            p.close();
            assertNull(p.error());
        }
        assertEquals(commands.size(), latency.snapshot().getTotalCount());
    }

    @Test
    void shouldContinueAfterTheLastEntryWhenLaunchedAgainOnTheSameJournal()
    {
        final List<String> commands = new RandomCommands(21, true).take(3000);
        final Path journal = tmp.resolve("journal");
        final List<String> first;
        try (Pipeline p = Pipeline.launch(context(journal).snapshotInterval(0)))
        {
            first = PipelineHarness.run(p, commands.subList(0, 1200), null);
        }
        final List<String> warnings = new ArrayList<>();
        final List<String> second;
        try (Pipeline p = Pipeline.launch(context(journal).snapshotInterval(0).warnings(warnings::add)))
        {
            assertEquals(1200, p.recovery().lastSeq());
            assertEquals(1200, p.recovery().snapshotSeq(), "a snapshot is written at close");
            assertEquals(0, p.recovery().replayed());
            second = PipelineHarness.run(p, commands.subList(1200, 3000), null);
        }
        assertEquals(List.of(), warnings);
        final DirectRun direct = new DirectRun(net.network).applyAll(commands);
        assertEquals(direct.results.subList(0, 1200), first);
        assertEquals(direct.results.subList(1200, 3000), second);
        assertEquals(direct.results, JournalFiles.resultLines(journal));
    }
}
