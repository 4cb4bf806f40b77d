package io.omniroute.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssueFiguresTest
{
    private static JsonNode sample() throws Exception
    {
        try (InputStream in = IssueFiguresTest.class.getResourceAsStream("sample-summary.json"))
        {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void derivesTheIssuesFiguresFromTheJmhResults() throws Exception
    {
        final ObjectNode f = IssueFigures.derive(sample().path("jmh"));

        assertEquals(241831.5, f.path("checkout").path("quotes_per_s_all_services").asDouble(), 0.1);
        assertEquals(120915.7, f.path("checkout").path("quotes_per_s_all_services_midday").asDouble(), 0.1);
        assertFalse(f.path("checkout").path("target_met").asBoolean());
        final JsonNode runs = f.path("pipeline").path("runs");
        assertEquals(4, runs.size());
        final JsonNode asyncOrders = runs.get(0);
        assertEquals("async", asyncOrders.path("durability").asText());
        assertEquals(87378.3, asyncOrders.path("commands_per_s").asDouble(), 0.1);
        assertEquals(84754.5, asyncOrders.path("orders_per_s").asDouble(), 0.1);
        assertEquals(3_270_000, asyncOrders.path("raw_disruptor_per_s").asDouble(), 1);
        assertEquals(1_349_000, asyncOrders.path("raw_chronicle_append_per_s").asDouble(), 1);
        assertEquals(450_000, asyncOrders.path("engine_alone_per_s").asDouble(), 1);
        assertEquals(87378.3 / 450_000, asyncOrders.path("engine_alone_share").asDouble(), 1e-6);
        assertEquals(20807679, asyncOrders.path("latency_ns").path("p50").asLong());
        assertFalse(asyncOrders.path("target_met").asBoolean());
        final JsonNode mix = f.path("pipeline").path("mix_ratios");
        assertEquals(2, mix.size());
        assertEquals(4473.7 / 84754.5, mix.get(0).path("orders_ratio").asDouble(), 1e-6);
        assertEquals(16.0 * 10310, f.path("replay").path("events_per_s").asDouble(), 0.1);
        assertEquals(25.0 * 10310, f.path("replay").path("engine_events_per_s").asDouble(), 0.1);
        assertEquals(12.0 * 10310, f.path("replay").path("one_thread_events_per_s").asDouble(), 0.1);
    }

    @Test
    void aBaselineWithFewerParametersPairsWithEverySubjectItCovers() throws Exception
    {
        final List<ObjectNode> all = new ArrayList<>();
        for (final JsonNode b : sample().path("jmh").path("benchmarks"))
        {
            if ("PipelineBenchmark".equals(b.path("class").asText()))
            {
                all.add((ObjectNode)b);
            }
        }
        final ArrayNode pairs = JmhSuite.pairs(all);

        assertEquals(12, pairs.size(), "4 pipeline runs x 3 baselines (raw Disruptor, raw Chronicle, engine only)");
        for (final JsonNode p : pairs)
        {
            assertTrue(p.path("cost_ratio").asDouble() > 1);
        }
    }
}
