package io.omniroute.gateway.metrics;

import io.omniroute.engine.Engine;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest
{
    @Test
    void shouldServeLiveKpisAndLatencyOnLoopback() throws Exception
    {
        final Path ex = Paths.get(getClass().getResource("/examples/basic/commands.jsonl").toURI()).getParent();
        final Engine engine = new Engine(NetworkLoader.load(ex.resolve("network")));
        final DecisionLatency latency = new DecisionLatency();
        try (InputStream in = Files.newInputStream(ex.resolve("commands.jsonl")))
        {
            new Simulator(engine).run(in, java.io.OutputStream.nullOutputStream(), null);
        }
        engine.endOfBatch();
        engine.liveKpis().publishSnapshot(2, 1, 12_345, 1_500_000_000L);
        latency.record(1_500);
        latency.record(2_500);
        final io.omniroute.gateway.server.GatewayCounters gateway = new io.omniroute.gateway.server.GatewayCounters();
        gateway.add(io.omniroute.gateway.server.GatewayCounters.Counter.BAD_FRAMES, 7);
        gateway.add(io.omniroute.gateway.server.GatewayCounters.Counter.SESSIONS_ACTIVE, 2);
        try (MetricsServer server = MetricsServer.start(0, engine.liveKpis(), engine.network(), latency,
            ex.resolve("network"), gateway))
        {
            final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            final String body = r.body();
            assertTrue(body.contains("omniroute_orders_total 43.0"),
                body);
            assertTrue(body.contains("omniroute_rejects_total{reason=\"NO_SERVICE\"} 3.0"), body);
            assertTrue(body.contains("omniroute_location_shipments_total{location_id=\"L04-DC\"}"), body);
            assertTrue(body.contains("omniroute_decision_latency_seconds{quantile=\"0.5\"}"), body);
            final long live = engine.orders().liveBytes();
            assertTrue(live > 8, "the example's orders are in the book");
            assertTrue(body.contains("omniroute_order_book_bytes{kind=\"live\"} " + (double)live), body);
            assertTrue(body.contains("omniroute_order_book_bytes{kind=\"dead\"} 0.0"), body);
            assertTrue(body.contains("omniroute_order_book_bytes{kind=\"max\"} " +
                (double)(Engine.DEFAULT_BOOK_MAX_MIB << 20)), body);
            assertTrue(body.contains("omniroute_order_book_compactions_total 0.0"), body);
            assertTrue(body.contains("omniroute_snapshots_total 2.0"), body);
            assertTrue(body.contains("omniroute_gateway_bad_frames_total 7.0"), body);
            assertTrue(body.contains("omniroute_gateway_logon_failures_total 0.0"), body);
            assertTrue(body.contains("omniroute_gateway_sessions_active 2.0"), body);
            assertTrue(body.contains("omniroute_snapshots_skipped_total 1.0"), body);
            assertTrue(body.contains("omniroute_snapshot_last_bytes 12345.0"), body);
            assertTrue(body.contains("omniroute_snapshot_last_copy_seconds 1.5"), body);
            final java.util.regex.Matcher free =
                java.util.regex.Pattern.compile("omniroute_journal_disk_free_bytes ([0-9.E]+)").matcher(body);
            assertTrue(free.find(), body);
            assertTrue(Double.parseDouble(free.group(1)) > 0, "the disk's free space: " + free.group(1));
        }
    }
}
