package io.omniroute.gateway.server;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.metrics.DecisionLatency;
import io.omniroute.journal.Durability;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inline driver applies on the caller's thread, releases results only at the end of a batch, and stops taking
 * commands after one it could not journal.
 */
class InlineDriverTest
{
    @TempDir
    Path tmp;

    private static final class Recorder implements ResultSink
    {
        final List<String> results = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        int durable;

        @Override
        public void onStart(final Engine engine)
        {
        }

        @Override
        public void onResult(final long tag, final Decision decision, final DirectBuffer line, final int lineOffset,
            final int lineLength)
        {
            // in memory (no journal) there is no result line: the sink encodes the decision itself
            results.add(tag + " " + (line == null ? "{\"seq\":" + decision.seq + ",…" :
                line.getStringWithoutLengthUtf8(lineOffset, lineLength)));
        }

        @Override
        public void onFailure(final long tag, final String message)
        {
            failures.add(tag + " " + message);
        }

        @Override
        public void onEvents(final EngineEvents events)
        {
        }

        @Override
        public void onDurable()
        {
            durable++;
        }
    }

    private static Command order(final String id)
    {
        final Command c = new Command();
        new CommandJsonDecoder().decode("{\"type\":\"order\",\"order_id\":\"" + id + "\",\"channel\":\"web\"," +
            "\"zip\":\"46725\",\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"SKU-1\",\"qty\":1}]}", c);
        return c;
    }

    @Test
    void shouldApplyInlineReleaseAtBatchEndAndStopAfterAJournalFailure() throws Exception
    {
        final Path network = TestGateway.basicNetwork();
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final LocalEngineDriver driver = new LocalEngineDriver(new LocalEngineDriver.Context()
            .network(NetworkLoader.load(network), network).journal(tmp.resolve("journal"), Durability.ASYNC)
            .inline(true).log(new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertTrue(driver.endsBatchesOnIoThread());
        final Recorder sink = new Recorder();
        driver.start(sink);

        assertTrue(driver.offer(order("o-1"), 1, 0));
        assertTrue(driver.offer(order("o-2"), 2, 0));
        assertEquals(2, sink.results.size(), "applied at once, on this thread");
        assertTrue(sink.results.get(0).startsWith("1 {\"seq\":1,"), sink.results.get(0));
        assertEquals(0, sink.durable, "nothing released before the batch ends");
        driver.endOfBatch();
        assertEquals(1, sink.durable);
        assertEquals(2, driver.lastSeq());
        driver.endOfBatch();
        assertEquals(1, sink.durable, "an empty batch releases nothing");

        driver.journal().close(); // the disk goes away
        assertTrue(driver.offer(order("o-3"), 3, 0));
        assertEquals(1, sink.failures.size());
        assertTrue(sink.failures.get(0).startsWith("3 the engine could not apply or journal this command"));
        assertNotNull(driver.failure(), "the server sees the failure and closes its sessions");
        assertFalse(driver.offer(order("o-4"), 4, 0), "it takes no more commands");
        driver.close();
    }

    /** serve --metrics-port: the engine thread times every command it applies, whichever driver applies it. */
    @Test
    void shouldTimeEveryCommandForTheMetricsEndpoint() throws Exception
    {
        final Path network = TestGateway.basicNetwork();
        for (final boolean inline : new boolean[] { true, false })
        {
            final DecisionLatency latency = new DecisionLatency();
            final LocalEngineDriver driver = new LocalEngineDriver(new LocalEngineDriver.Context()
                .network(NetworkLoader.load(network), network)
                .journal(tmp.resolve("journal-" + inline), Durability.ASYNC).inline(inline).decisionLatency(latency)
                .log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            final Recorder sink = new Recorder();
            driver.start(sink);
            for (int i = 1; i <= 5; i++)
            {
                assertTrue(driver.offer(order("o-" + i), i, 0));
            }
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (driver.lastSeq() < 5 && System.nanoTime() < deadline)
            {
                driver.endOfBatch();
                Thread.sleep(1);
            }
            assertEquals(5, driver.lastSeq());
            assertEquals(5, latency.snapshot().getTotalCount(), inline ? "inline" : "local engine thread");
            driver.close();
        }
    }

    @Test
    void shouldReportNoFailureWhileHealthy() throws Exception
    {
        final Path network = TestGateway.basicNetwork();
        final LocalEngineDriver driver = new LocalEngineDriver(new LocalEngineDriver.Context()
            .network(NetworkLoader.load(network), network).inline(true));
        driver.start(new Recorder());
        assertTrue(driver.offer(order("o-1"), 1, 0));
        driver.endOfBatch();
        assertNull(driver.failure());
        assertEquals(1, driver.lastSeq());
        driver.close();
    }

    /**
     * The books' spare pages are made by a page thread that lives as long as the driver's engine, and the order book
     * grows into them.
     */
    @Test
    void shouldGrowTheBooksIntoSparePagesAndStopThePageThreadOnClose() throws Exception
    {
        final Path network = tmp.resolve("deep-stock");
        java.nio.file.Files.createDirectories(network);
        java.nio.file.Files.writeString(network.resolve("locations.csv"), "location_id,type,lat,lon," +
            "handling_cost_cents,daily_capacity,services,same_day_radius_km\nDC1,DC,41.0,-85.0,150,-1,STANDARD,0\n");
        java.nio.file.Files.writeString(network.resolve("rates.csv"),
            "carrier,service,zone,max_weight_g,price_cents,transit_days\nUPS,STANDARD,1,10000,500,3\n" +
            "UPS,STANDARD,2,10000,600,4\n");
        java.nio.file.Files.writeString(network.resolve("skus.csv"), "sku,weight_g,lead_time_days\nSKU-1,100,3\n");
        java.nio.file.Files.writeString(network.resolve("stock.csv"),
            "sku,location_id,on_hand,safety_stock\nSKU-1,DC1,100000000,0\n");
        java.nio.file.Files.writeString(network.resolve("zips.csv"), "zip,lat,lon\n46725,41.15,-85.45\n");
        for (final boolean inline : new boolean[] { true, false })
        {
            final java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
            final LocalEngineDriver driver = new LocalEngineDriver(new LocalEngineDriver.Context()
                .network(NetworkLoader.load(network), network)
                .journal(tmp.resolve("journal-pages-" + inline), Durability.ASYNC).inline(inline).sparePages(2)
                .log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            driver.start(new Recorder());
            final Thread pageThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("omniroute-pages") && !before.contains(t)).findFirst().orElseThrow();
            final int orders = 7_000; // about 1.5 MB of records: past the book's first 1 MiB page
            for (int i = 1; i <= orders; i++)
            {
                while (!driver.offer(order("o-" + i), i, 0))
                {
                    driver.endOfBatch();
                    Thread.yield();
                }
                if (i % 64 == 0)
                {
                    driver.endOfBatch();
                }
            }
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (driver.lastSeq() < orders && System.nanoTime() < deadline)
            {
                driver.endOfBatch();
                Thread.sleep(1);
            }
            assertEquals(orders, driver.lastSeq());
            assertTrue(driver.pageReserve().takenReady() > 0, (inline ? "inline" : "local engine thread") +
                ": no page from the reserve (fresh: " + driver.pageReserve().takenFresh() + ")");
            assertTrue(pageThread.isAlive());
            driver.close();
            assertEquals(0, driver.pageReserve().readyPages(), "freed at close");
            assertFalse(pageThread.isAlive(), inline ? "inline" : "local engine thread");
        }
        final LocalEngineDriver none = new LocalEngineDriver(new LocalEngineDriver.Context()
            .network(NetworkLoader.load(network), network).inline(true).sparePages(0));
        none.start(new Recorder());
        assertNull(none.pageReserve());
        none.close();
    }
}
