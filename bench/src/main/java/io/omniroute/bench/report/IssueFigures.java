package io.omniroute.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.bench.PipelineBenchmark;
import io.omniroute.bench.ReplayBenchmark;

/**
 * The figures the checkout (8) and pipeline/journal (4) issues ask for, derived from the JMH results of the same run
 * (summary.json {@code jmh}) in the issues' units, each beside its same-run baseline and target:
 * <ul>
 * <li>{@code checkout}: quotes/s of 1–3-line carts on the engine thread, all services and one service; target 2 M/s;</li>
 * <li>{@code pipeline}: per durability and command mix, commands/s, orders/s and the latency percentiles, the raw
 * Disruptor and raw Chronicle append in commands/s, and orders/s with 10 quotes per order ÷ orders alone; target
 * 1 M commands/s (async);</li>
 * <li>{@code replay}: events/s with every decision verified, beside read+decode only and (full runs) the same
 * replay on one thread; target 2 M/s.</li>
 * </ul>
 */
public final class IssueFigures
{
    public static final double QUOTE_TARGET = 2_000_000;
    public static final double PIPELINE_TARGET = 1_000_000;
    public static final double REPLAY_TARGET = 2_000_000;

    private IssueFigures()
    {
    }

    private static JsonNode find(final JsonNode jmh, final String cls, final String method, final String... params)
    {
        for (final JsonNode b : jmh.path("benchmarks"))
        {
            if (!cls.equals(b.path("class").asText()) || !method.equals(b.path("method").asText()))
            {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < params.length; i += 2)
            {
                all &= params[i + 1].equals(b.path("params").path(params[i]).asText());
            }
            if (all)
            {
                return b;
            }
        }
        return null;
    }

    /**
     * @return a checkout benchmark's result in a state; reports from before the state parameter hold the fresh
     * state's without it.
     */
    private static JsonNode checkout(final JsonNode jmh, final String method, final String state)
    {
        for (final JsonNode b : jmh.path("benchmarks"))
        {
            if ("CheckoutBenchmark".equals(b.path("class").asText()) && method.equals(b.path("method").asText()) &&
                state.equals(b.path("params").path("state").asText("fresh")))
            {
                return b;
            }
        }
        return null;
    }

    private static double perSecond(final JsonNode b, final double perOp)
    {
        return b == null ? Double.NaN : b.path("score").asDouble() * perOp;
    }

    private static void putNum(final ObjectNode o, final String field, final double v)
    {
        if (!Double.isNaN(v))
        {
            o.put(field, v);
        }
    }

    /**
     * @param jmh summary.json's {@code jmh} node (may be missing).
     */
    public static ObjectNode derive(final JsonNode jmh)
    {
        final ObjectNode out = JsonNodeFactory.instance.objectNode();
        final JsonNode all = checkout(jmh, "quoteAllServices", "fresh");
        final JsonNode one = checkout(jmh, "baselineQuoteStandardOnly", "fresh");
        final JsonNode allMidday = checkout(jmh, "quoteAllServices", "midday");
        if (all != null || one != null)
        {
            final ObjectNode c = out.putObject("checkout");
            c.put("description", "quotes of 1–3-line demo carts applied on one thread (the engine), commands " +
                "decoded beforehand");
            putNum(c, "quotes_per_s_all_services", perSecond(all, 1));
            putNum(c, "quotes_per_s_one_service", perSecond(one, 1));
            putNum(c, "cost_ratio", perSecond(one, 1) / perSecond(all, 1));
            // the same carts quoted half a demo day later: stock scattered, capacity partly used
            putNum(c, "quotes_per_s_all_services_midday", perSecond(allMidday, 1));
            c.put("target_per_s", QUOTE_TARGET);
            if (all != null)
            {
                c.put("target_met", perSecond(all, 1) >= QUOTE_TARGET);
            }
        }

        final ArrayNode runs = JsonNodeFactory.instance.arrayNode();
        for (final JsonNode b : jmh.path("benchmarks"))
        {
            if (!"PipelineBenchmark".equals(b.path("class").asText()) || !"pipeline".equals(b.path("method").asText()))
            {
                continue;
            }
            final JsonNode p = b.path("params");
            final ObjectNode r = runs.addObject();
            r.put("durability", p.path("durability").asText("async")).put("mix", p.path("mix").asText("orders"))
                .put("idle", p.path("idle").asText());
            final double commands = b.path("secondary").path("commands").has("score") ?
                b.path("secondary").path("commands").path("score").asDouble() : perSecond(b, PipelineBenchmark.BATCH);
            putNum(r, "commands_per_s", commands);
            if (b.path("secondary").path("orders").has("score"))
            {
                r.put("orders_per_s", b.path("secondary").path("orders").path("score").asDouble());
            }
            final JsonNode lat = b.path("extra").path("latency_ns");
            if (lat.isObject())
            {
                r.set("latency_ns", lat.deepCopy());
                r.put("latency_kind", b.path("extra").path("latency_kind").asText());
            }
            final JsonNode disruptor = find(jmh, "PipelineBenchmark", "rawDisruptor", "idle", p.path("idle").asText());
            final JsonNode chronicle = find(jmh, "PipelineBenchmark", "rawChronicleAppend", "idle",
                p.path("idle").asText());
            putNum(r, "raw_disruptor_per_s", perSecond(disruptor, PipelineBenchmark.BATCH));
            putNum(r, "raw_chronicle_append_per_s", perSecond(chronicle, PipelineBenchmark.BATCH));
            putNum(r, "raw_disruptor_cost_ratio", perSecond(disruptor, PipelineBenchmark.BATCH) / commands);
            putNum(r, "raw_chronicle_cost_ratio", perSecond(chronicle, PipelineBenchmark.BATCH) / commands);
            final JsonNode alone = find(jmh, "PipelineBenchmark", "engineOnly", "idle", p.path("idle").asText());
            if (alone != null)
            {
                putNum(r, "engine_alone_per_s", perSecond(alone, PipelineBenchmark.BATCH));
                putNum(r, "engine_alone_share", commands / perSecond(alone, PipelineBenchmark.BATCH));
            }
            if ("async".equals(r.path("durability").asText()))
            {
                r.put("target_per_s", PIPELINE_TARGET).put("target_met", commands >= PIPELINE_TARGET);
            }
        }
        if (runs.size() > 0)
        {
            final ObjectNode p = out.putObject("pipeline");
            p.put("description", "in-process publisher → Disruptor ring → engine thread → Chronicle journal → durable " +
                "result, closed loop; quotes10 = the demo stream with 10 quotes before every order");
            p.set("runs", runs);
            final ArrayNode mixes = p.putArray("mix_ratios");
            for (final JsonNode r : runs)
            {
                if (!"quotes10".equals(r.path("mix").asText()))
                {
                    continue;
                }
                for (final JsonNode o : runs)
                {
                    if ("orders".equals(o.path("mix").asText()) &&
                        o.path("durability").equals(r.path("durability")) && o.path("idle").equals(r.path("idle")))
                    {
                        mixes.addObject().put("durability", r.path("durability").asText())
                            .put("orders_per_s_orders_only", o.path("orders_per_s").asDouble())
                            .put("orders_per_s_quotes10", r.path("orders_per_s").asDouble())
                            .put("commands_per_s_orders_only", o.path("commands_per_s").asDouble())
                            .put("commands_per_s_quotes10", r.path("commands_per_s").asDouble())
                            .put("orders_ratio", r.path("orders_per_s").asDouble() /
                                o.path("orders_per_s").asDouble());
                    }
                }
            }
        }

        final JsonNode replay = find(jmh, "ReplayBenchmark", "replayVerified");
        final JsonNode read = find(jmh, "ReplayBenchmark", "readAndDecodeOnly");
        final JsonNode unverified = find(jmh, "ReplayBenchmark", "readDecodeApplyOnly");
        final JsonNode oneThread = find(jmh, "ReplayBenchmark", "replayVerifiedOneThread");
        if (replay != null)
        {
            final double entries = replay.path("extra").path("entries").asDouble(ReplayBenchmark.COMMANDS);
            final ObjectNode r = out.putObject("replay");
            r.put("entries", entries);
            r.put("description", "a " + (long)entries + "-entry journal of the demo stream re-run through a " +
                "fresh engine, every decision compared byte for byte");
            putNum(r, "events_per_s", perSecond(replay, entries));
            putNum(r, "read_decode_events_per_s", perSecond(read, entries));
            putNum(r, "cost_ratio", perSecond(read, 1) / perSecond(replay, 1));
            if (unverified != null)
            {
                putNum(r, "engine_events_per_s", perSecond(unverified, entries));
            }
            if (oneThread != null)
            {
                putNum(r, "one_thread_events_per_s", perSecond(oneThread, entries));
            }
            r.put("target_per_s", REPLAY_TARGET)
                .put("target_met", perSecond(replay, entries) >= REPLAY_TARGET);
        }
        return out;
    }
}
