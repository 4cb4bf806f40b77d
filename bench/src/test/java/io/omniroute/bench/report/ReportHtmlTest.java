package io.omniroute.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportHtmlTest
{
    @TempDir
    Path dir;

    private static JsonNode sample() throws Exception
    {
        try (InputStream in = ReportHtmlTest.class.getResourceAsStream("sample-summary.json"))
        {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void shouldBuildASelfContainedPageFromASampleSummary() throws Exception
    {
        final Path html = dir.resolve("index.html");
        ReportHtml.write(sample(), html);
        final String page = Files.readString(html);

        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.endsWith("</html>\n"));
        assertTrue(page.contains("<svg"), "charts are inline SVG");
        assertFalse(page.contains("<script"), "no scripts");
        assertFalse(page.contains("src="), "nothing loaded from elsewhere");
        assertFalse(page.contains("href="), "no external stylesheets or links");
        assertTrue(page.contains("Redis + Lua"));
        assertTrue(page.contains("PostgreSQL"));
        assertTrue(page.contains("source-priority greedy"));
        assertTrue(page.contains("hindsight lower bound"));
        assertTrue(page.contains("DecisionBenchmark.route"));
        assertTrue(page.contains("TCP gateway: pending"));
        assertEquals(page.split("<svg", -1).length - 1, page.split("</svg>", -1).length - 1);
    }

    @Test
    void shouldShowCheckoutPipelineReplayAndRecoveryBesideTheirBaselines() throws Exception
    {
        final String page = ReportHtml.render(sample());

        assertTrue(page.contains("Quotes on the engine thread"));
        assertTrue(page.contains("241,832/s"), "quotes/s, all services");
        assertTrue(page.contains("695,878/s"), "one-service baseline");
        assertTrue(page.contains("Pipeline: publisher → ring → engine → journal"));
        assertTrue(page.contains("quotes10"));
        assertTrue(page.contains("4,474"), "orders/s with 10 quotes per order");
        assertTrue(page.contains("84,755"), "orders/s, orders alone");
        assertTrue(page.contains("20,808"), "p50 µs of async orders");
        assertTrue(page.contains("3,270,000"), "raw Disruptor commands/s");
        assertTrue(page.contains("1,349,000"), "raw Chronicle append commands/s");
        assertTrue(page.contains("450,000"), "the engine alone, commands/s");
        assertTrue(page.contains("19 %"), "async orders' share of the engine alone");
        assertTrue(page.contains("257,750/s"), "replay's read + decode + engine events/s");
        assertTrue(page.contains("Replay"));
        assertTrue(page.contains("164,960/s"), "replay events/s = ops/s x entries");
        assertTrue(page.contains("Recovery"));
        assertTrue(page.contains("Scaled down for the quick run"));
        assertTrue(page.contains("4.20 s"));
        assertTrue(page.contains("target not met"));
        assertEquals(page.split("<svg", -1).length - 1, page.split("</svg>", -1).length - 1);
    }

    @Test
    void shouldShowTheTcpGatewayFiguresOnceTheSummaryHasThem() throws Exception
    {
        final com.fasterxml.jackson.databind.node.ObjectNode s = (com.fasterxml.jackson.databind.node.ObjectNode)sample();
        final com.fasterxml.jackson.databind.node.ObjectNode t = s.putObject("tcp_gateway");
        t.put("description", "over TCP on 127.0.0.1");
        t.putArray("runs").add(s.path("flash_sale").path("runs").get(0).deepCopy());

        final String page = ReportHtml.render(s);

        assertFalse(page.contains("TCP gateway: pending"));
        assertTrue(page.contains("over TCP on 127.0.0.1"));
    }

    @Test
    void shouldRenderAnEmptySummaryWithoutFailing()
    {
        final String page = ReportHtml.render(new ObjectMapper().createObjectNode());

        assertTrue(page.contains("Not run."));
        assertTrue(page.contains("TCP gateway: pending"));
    }
}
