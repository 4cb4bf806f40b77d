package io.omniroute.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.bench.report.Progress;
import io.omniroute.bench.report.ReportHtml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewaySuiteTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMeasureTheRealGatewayBesideTheEchoOnATinyRunAndReportEveryFigure() throws Exception
    {
        final GatewayTestData data = new GatewayTestData(dir);
        final GatewaySuite.Settings s = new GatewaySuite.Settings();
        s.seconds = 0.2;
        s.warmupSeconds = 0.1;
        s.rttRate = 1_000;
        s.loadRate = 4_000;
        s.loadConnections = 2;
        s.peakConnections = 3;
        s.window = 2;
        s.peakWarmupSeconds = 0.1;
        s.rounds = 2;
        s.jitWarmupSeconds = 0.2;
        s.workDir = dir.resolve("work");
        s.alternateDriver = "inline";
        s.alternateIoBusySpin = true;
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final GatewaySuite suite = new GatewaySuite(s, new PrintStream(printed, true, StandardCharsets.UTF_8),
            Progress.silent());

        final GatewaySuite.Result r = suite.run(data.network, data.networkDir, data.lines);

        // every scheduled command answered, in both rounds, by the engine (not refused by the gateway)
        assertEquals(2 * 200, r.gatewayRtt.completed);
        assertEquals(2 * 200, r.echoRtt.completed);
        assertEquals(2 * 800, r.gatewayLoad.completed);
        assertEquals(2 * 800, r.gatewayLoad.latencyNs.getTotalCount());
        // the platform floor served the same schedule: every due request once
        assertEquals(2 * 800, r.platformLoad.completed);
        assertEquals(2 * 800, r.platformLoad.latencyNs.getTotalCount());
        assertEquals(0, r.gatewayRtt.errors + r.gatewayLoad.errors + r.gatewayPeak.errors);
        assertTrue(r.gatewayPeak.completed > 0 && r.echoPeak.completed > 0);
        // the inline driver beside it, on the same frames
        assertEquals(2 * 200, r.altRtt.completed);
        assertEquals(2 * 800, r.altLoad.completed);
        assertEquals(0, r.altRtt.errors + r.altLoad.errors + r.altPeak.errors);
        assertTrue(r.altPeak.completed > 0);
        assertEquals(2, r.perRound.size());
        assertEquals(6, r.busyBefore.size());

        suite.print(r);
        final String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("raw busy-poll TCP echo"));
        assertTrue(text.contains("target ≤ 25 µs"));

        final ObjectNode json = suite.toJson(r);
        assertEquals("measured", json.path("status").asText());
        assertEquals("backoff", json.path("engine_idle").asText());
        assertEquals(9, json.path("runs").size());
        assertEquals("inline", json.path("alternate_driver").path("driver").asText());
        assertTrue(json.path("alternate_driver").path("io_thread").asText().contains("busy-polling"));
        assertTrue(json.path("alternate_driver").path("rtt_p50_us").asDouble() > 0);
        final JsonNode rtt = json.path("round_trip_one_client");
        assertEquals(1, rtt.path("connections").asInt());
        assertEquals(1_000, rtt.path("offered_per_s").asLong());
        assertEquals(GatewaySuite.TARGET_RTT_P50_US, rtt.path("target_p50_us").asDouble());
        assertEquals(rtt.path("gateway_p50_us").asDouble() <= 25, rtt.path("target_met").asBoolean());
        assertEquals(rtt.path("gateway_p50_us").asDouble() / rtt.path("echo_p50_us").asDouble(),
            rtt.path("ratio_p50").asDouble(), 0.01 * rtt.path("ratio_p50").asDouble());
        assertEquals(GatewaySuite.TARGET_LOAD_P99_9_US, json.path("open_loop").path("target_p99_9_us").asDouble());
        assertEquals(2, json.path("open_loop").path("connections").asInt());
        assertTrue(json.path("open_loop").has("platform_p99_9_us"));
        assertTrue(json.path("per_round").get(1).has("load_platform_p99_9_us"));
        assertTrue(text.contains("platform floor (no I/O)"));
        assertEquals(3, json.path("peak").path("connections").asInt());
        for (final JsonNode run : json.path("runs"))
        {
            if ("open".equals(run.path("mode").asText()))
            {
                assertTrue(run.path("latency_us").path("p50").asDouble() > 0);
                assertEquals(12, run.path("percentile_curve_us").size());
            }
        }

        final ObjectNode summary = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        summary.set("tcp_gateway", json);
        final String page = ReportHtml.render(summary);
        assertFalse(page.contains("TCP gateway: pending"));
        assertTrue(page.contains("Round trip p50, 1 client"));
        assertTrue(page.contains("target ≤ 250 µs"));
        assertTrue(page.contains("platform floor"));
        assertTrue(page.contains("3 connections × 2 in flight"));
        assertTrue(page.contains("inline driver: round trip p50"));
    }
}
