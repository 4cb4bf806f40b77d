package io.omniroute.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.omniroute.bench.report.Svg.esc;
import static io.omniroute.bench.report.Svg.num;

/**
 * Renders summary.json as one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): the
 * headline ratios, the flash-sale comparison, routing quality, the JMH suite, the TCP gateway's section (pending
 * until summary.json carries its figures), and how every figure was measured. Tolerates missing sections.
 * <p>
 * {@code java -cp bench/target/benchmarks.jar io.omniroute.bench.report.ReportHtml bench-report/summary.json}
 * rebuilds index.html beside it.
 */
public final class ReportHtml
{
    private static final String CSS = "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;" +
        "max-width:1000px;margin:24px auto;padding:0 16px;color:#1f2328}h1{font-size:26px;margin-bottom:4px}" +
        "h2{border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:36px}table{border-collapse:collapse;" +
        "margin:10px 0;font-size:13px}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:right}" +
        "th{background:#f6f8fa}td:first-child,th:first-child{text-align:left}.cards{display:flex;flex-wrap:wrap;" +
        "gap:12px}.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:200px;flex:1}" +
        ".big{font-size:24px;font-weight:600}.ok{color:#1a7f37}.bad{color:#d1242f}.muted{color:#57606a}" +
        ".note{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px}" +
        "svg{display:block;margin:10px 0}svg .t{font-weight:600;font-size:13px}svg .l,svg .v,svg .x{font-size:11px;" +
        "fill:#1f2328}svg .g{stroke:#d0d7de;stroke-width:1}code{background:#f6f8fa;padding:1px 4px;border-radius:3px}";

    private final JsonNode s;
    private final StringBuilder h = new StringBuilder(64 * 1024);

    private ReportHtml(final JsonNode summary)
    {
        this.s = summary;
    }

    public static void main(final String[] args) throws IOException
    {
        final Path summary = Path.of(args.length > 0 ? args[0] : "bench-report/summary.json");
        write(new ObjectMapper().readTree(summary.toFile()), summary.resolveSibling("index.html"));
    }

    public static void write(final JsonNode summary, final Path html) throws IOException
    {
        Files.writeString(html, render(summary), StandardCharsets.UTF_8);
    }

    public static String render(final JsonNode summary)
    {
        return new ReportHtml(summary).page();
    }

    private String page()
    {
        h.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>OmniRoute benchmark report</title>")
            .append("<meta name='viewport' content='width=device-width,initial-scale=1'><style>").append(CSS)
            .append("</style></head><body>");
        header();
        headline();
        flashSale();
        tcpGateway();
        quality();
        pipelineAndCheckout();
        jmh();
        method();
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String text(final JsonNode n, final String field, final String dflt)
    {
        final JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    private static double dbl(final JsonNode n, final String field)
    {
        final JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static String pct(final double v)
    {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", v);
    }

    private static String times(final double v)
    {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%s×", num(v));
    }

    private static String met(final JsonNode n, final String field)
    {
        final JsonNode v = n.get(field);
        if (v == null)
        {
            return "";
        }
        return v.asBoolean() ? " <span class='ok'>target met</span>" : " <span class='bad'>target not met</span>";
    }

    private void header()
    {
        final JsonNode m = s.path("machine");
        final JsonNode j = s.path("jvm");
        h.append("<h1>OmniRoute benchmark report</h1><p class='muted'>")
            .append(esc(text(s, "generated", "?"))).append(" · ").append(esc(text(s, "mode", "?"))).append(" run · ")
            .append(esc(text(m, "cores", "?"))).append(" cores (").append(esc(text(m, "cpu", "?"))).append("), ")
            .append(esc(text(m, "memory_gb", "?"))).append(" GiB · ").append(esc(text(m, "os", "?"))).append(" · ")
            .append(esc(text(j, "vm", "?"))).append(' ').append(esc(text(j, "version", "?"))).append("</p>");
        final double load = dbl(m, "load_average_start");
        final double busy = dbl(m, "cpu_busy_pct_before_flash_sale");
        if (!Double.isNaN(busy) && busy > 25)
        {
            h.append("<p class='note'>Other work kept the cores ").append(num(busy)).append(" % busy just before the " +
                "flash sale was measured: absolute figures are low and tails long. Ratios compare systems measured " +
                "side by side in the same run.</p>");
        }
        else if (Double.isNaN(busy) && !Double.isNaN(load) && load > 0.5 * Math.max(1, dbl(m, "cores")))
        {
            h.append("<p class='note'>The machine was busy when this run started (load average ")
                .append(num(load)).append(" on ").append(esc(text(m, "cores", "?")))
                .append(" cores, ").append(num(dbl(m, "load_average_end"))).append(" at the end): other work " +
                    "shared the cores, so absolute figures are low and tails long. The ratios compare systems " +
                    "measured side by side in the same run.</p>");
        }
    }

    private void headline()
    {
        h.append("<h2>Headline</h2><div class='cards'>");
        for (final JsonNode r : s.path("flash_sale").path("ratios"))
        {
            h.append("<div class='card'><div class='muted'>Orders/s, OmniRoute ÷ ").append(esc(text(r, "peer", "?")))
                .append("</div><div class='big'>").append(times(dbl(r, "throughput_ratio"))).append("</div>")
                .append("target ≥ ").append(num(dbl(r, "throughput_target"))).append("×")
                .append(met(r, "throughput_target_met")).append("</div>");
        }
        final JsonNode fs = s.path("flash_sale");
        if (fs.has("oversold_positions"))
        {
            final long oversold = fs.get("oversold_positions").asLong();
            h.append("<div class='card'><div class='muted'>Oversold (SKU, location) positions, all systems</div>")
                .append("<div class='big ").append(oversold == 0 ? "ok" : "bad").append("'>").append(oversold)
                .append("</div>must be 0</div>");
        }
        for (final JsonNode c : s.path("routing_quality").path("comparisons"))
        {
            h.append("<div class='card'><div class='muted'>Shipping cost per order vs ").append(esc(text(c, "vs", "?")))
                .append("</div><div class='big'>").append(pct(-dbl(c, "cost_per_order_saving_pct")))
                .append("</div>target ≤ −15 %").append(met(c, "cost_target_met")).append("<br>extra shipments ")
                .append(pct(-dbl(c, "fewer_extra_shipments_pct"))).append(" (target ≤ −40 %)")
                .append(met(c, "extra_shipments_target_met")).append("</div>");
        }
        final JsonNode b = s.path("routing_quality").path("hindsight_bound");
        if (b.has("omniroute_gap_pct"))
        {
            h.append("<div class='card'><div class='muted'>OmniRoute above the hindsight lower bound</div>")
                .append("<div class='big'>").append(pct(dbl(b, "omniroute_gap_pct"))).append("</div>")
                .append("at most this much could be saved knowing the whole day in advance</div>");
        }
        h.append("</div>");
    }

    private static double[][] curve(final JsonNode run)
    {
        final List<double[]> pts = new ArrayList<>();
        for (final JsonNode p : run.path("percentile_curve_us"))
        {
            pts.add(new double[] { p.get(0).asDouble(), p.get(1).asDouble() });
        }
        return pts.toArray(new double[0][]);
    }

    private void runsTable(final JsonNode runs)
    {
        h.append("<table><tr><th>system</th><th>load</th><th>orders</th><th>orders/s</th><th>allocated</th>")
            .append("<th>rejected (sold out)</th><th>errors</th><th>p50 µs</th><th>p90 µs</th><th>p99 µs</th>")
            .append("<th>p99.9 µs</th><th>max µs</th><th>oversold</th></tr>");
        for (final JsonNode r : runs)
        {
            final JsonNode l = r.path("latency_us");
            final String mode = "max".equals(text(r, "mode", "")) ? "max (closed loop, " + text(r, "clients", "?") +
                " clients)" : "open loop " + num(dbl(r, "offered_per_s")) + "/s" +
                (r.path("kept_up").asBoolean(true) ? "" : " (fell behind)");
            final long oversold = r.path("oversold_positions").asLong();
            h.append("<tr><td>").append(esc(text(r, "system", "?"))).append("</td><td>").append(esc(mode))
                .append("</td><td>").append(num(dbl(r, "completed"))).append("</td><td>")
                .append(num(dbl(r, "throughput_per_s"))).append("</td><td>").append(num(dbl(r, "allocated")))
                .append("</td><td>").append(num(dbl(r, "rejected"))).append("</td><td>").append(num(dbl(r, "errors")))
                .append("</td><td>").append(num(dbl(l, "p50"))).append("</td><td>").append(num(dbl(l, "p90")))
                .append("</td><td>").append(num(dbl(l, "p99"))).append("</td><td>").append(num(dbl(l, "p99_9")))
                .append("</td><td>").append(num(dbl(l, "max"))).append("</td><td class='")
                .append(oversold == 0 ? "ok" : "bad").append("'>").append(oversold).append("</td></tr>");
            final JsonNode late = r.path("load_thread_lateness_us");
            if (!late.isMissingNode())
            {
                // the machine's own scheduling delay of the thread that sends: no figure above can be told apart
                // from it below these
                h.append("<tr class='muted'><td colspan='7'>↳ the load thread's own lateness sending those orders ")
                    .append("(the machine's scheduling floor, charged to every order it delays)</td><td>")
                    .append(num(dbl(late, "p50"))).append("</td><td>").append(num(dbl(late, "p90")))
                    .append("</td><td>").append(num(dbl(late, "p99"))).append("</td><td>")
                    .append(num(dbl(late, "p99_9"))).append("</td><td>").append(num(dbl(late, "max")))
                    .append("</td><td></td></tr>");
            }
        }
        h.append("</table>");
    }

    private void flashSale()
    {
        final JsonNode fs = s.path("flash_sale");
        h.append("<h2>Flash sale: OmniRoute against Redis + Lua and PostgreSQL</h2>");
        if (fs.isMissingNode())
        {
            h.append("<p class='muted'>Not run.</p>");
            return;
        }
        h.append("<p>").append(esc(text(fs.path("workload"), "description", ""))).append(".</p>");
        final double busyMax = dbl(fs, "cpu_busy_pct_before_max_runs");
        final double busyOpen = dbl(fs, "cpu_busy_pct_before_omniroute_open_loop");
        if (busyMax > 25 || busyOpen > 25)
        {
            h.append("<p class='note'>Other work on the machine: the cores were ").append(num(busyMax))
                .append(" % busy before the maximum-throughput runs and ").append(num(busyOpen))
                .append(" % before OmniRoute's open-loop runs (the bench waits for them to quiet down, then measures " +
                    "anyway). OmniRoute's two spinning threads lose their cores to it first: expect long tails.</p>");
        }
        h.append("<ul>");
        for (final Iterator<Map.Entry<String, JsonNode>> it = fs.path("systems").fields(); it.hasNext(); )
        {
            final JsonNode sys = it.next().getValue();
            h.append("<li><b>").append(esc(text(sys, "name", "?"))).append("</b>: ")
                .append(sys.path("available").asBoolean() ? esc(text(sys, "description", "")) :
                    "<span class='bad'>not measured: " + esc(text(sys, "reason", "?")) + "</span>").append("</li>");
        }
        h.append("</ul>");
        final List<String> labels = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<String> series = new ArrayList<>();
        final List<double[][]> curves = new ArrayList<>();
        final double common = dbl(fs, "common_rate_per_s");
        for (final JsonNode r : fs.path("runs"))
        {
            if ("max".equals(text(r, "mode", "")))
            {
                labels.add(text(r, "system", "?"));
                values.add(dbl(r, "throughput_per_s"));
            }
            else if (dbl(r, "offered_per_s") == common)
            {
                series.add(text(r, "system", "?"));
                curves.add(curve(r));
            }
        }
        h.append(Svg.bars("Maximum throughput, orders/s (closed loop, same machine, same run)", labels, values,
            "orders/s", true));
        if (!curves.isEmpty())
        {
            h.append(Svg.percentileLines("Latency by percentile, all at " + num(common) +
                " orders/s offered (open loop, coordinated omission corrected)", series, curves));
        }
        runsTable(fs.path("runs"));
        if (fs.path("ratios").size() > 0)
        {
            h.append("<table><tr><th>OmniRoute ÷ peer</th><th>orders/s</th><th>target</th><th>latency p50</th>")
                .append("<th>latency p99</th><th>latency p99.9</th></tr>");
            for (final JsonNode r : fs.path("ratios"))
            {
                h.append("<tr><td>").append(esc(text(r, "peer", "?"))).append("</td><td>")
                    .append(times(dbl(r, "throughput_ratio"))).append("</td><td>≥ ")
                    .append(num(dbl(r, "throughput_target"))).append("×").append(met(r, "throughput_target_met"))
                    .append("</td><td>").append(lat(dbl(r, "latency_ratio_p50"))).append("</td><td>")
                    .append(lat(dbl(r, "latency_ratio_p99"))).append("</td><td>")
                    .append(lat(dbl(r, "latency_ratio_p99_9"))).append("</td></tr>");
            }
            h.append("</table><p class='muted'>Latency ratios compare each peer's percentile with OmniRoute's at the " +
                "same offered load (peer ÷ OmniRoute: how many times longer the peer takes).</p>");
        }
    }

    private static String lat(final double v)
    {
        return Double.isNaN(v) ? "–" : num(v) + "× longer";
    }

    private void tcpGateway()
    {
        final JsonNode t = s.path("tcp_gateway");
        h.append("<h2>TCP gateway</h2>");
        if (t.path("runs").size() == 0)
        {
            h.append("<p class='note'><b>TCP gateway: pending.</b> The flash-sale figures above drive OmniRoute in " +
                "process (one engine thread fed by a queue). When the gateway's load generator writes its figures " +
                "into summary.json (<code>tcp_gateway.runs</code>, the same fields as the flash-sale runs; the bench " +
                "merges <code>bench-report/tcp-gateway.json</code> when it exists), they appear here.</p>");
            return;
        }
        h.append("<p>").append(esc(text(t, "description", ""))).append("</p>");
        final JsonNode rtt = t.path("round_trip_one_client");
        final JsonNode load = t.path("open_loop");
        final JsonNode peak = t.path("peak");
        if (!rtt.isMissingNode() || !load.isMissingNode() || !peak.isMissingNode())
        {
            h.append("<div class='cards'>");
            if (!rtt.isMissingNode())
            {
                h.append("<div class='card'><div class='muted'>Round trip p50, 1 client, open loop ")
                    .append(num(dbl(rtt, "offered_per_s"))).append("/s</div><div class='big'>")
                    .append(num(dbl(rtt, "gateway_p50_us"))).append(" µs</div>echo ")
                    .append(num(dbl(rtt, "echo_p50_us"))).append(" µs (gateway ÷ echo ")
                    .append(times(dbl(rtt, "ratio_p50"))).append(")<br>target ≤ ")
                    .append(num(dbl(rtt, "target_p50_us"))).append(" µs").append(met(rtt, "target_met"))
                    .append("</div>");
            }
            if (!load.isMissingNode())
            {
                h.append("<div class='card'><div class='muted'>p99.9 at ").append(num(dbl(load, "offered_per_s")))
                    .append(" orders/s offered (open loop, ").append(esc(text(load, "connections", "?")))
                    .append(" connection(s))</div><div class='big'>").append(num(dbl(load, "gateway_p99_9_us")))
                    .append(" µs</div>echo ").append(num(dbl(load, "echo_p99_9_us"))).append(" µs (gateway ÷ echo ")
                    .append(times(dbl(load, "ratio_p99_9"))).append(")");
                if (load.has("platform_p99_9_us"))
                {
                    h.append("; platform floor ").append(num(dbl(load, "platform_p99_9_us")))
                        .append(" µs (a thread doing nothing, same rate)");
                }
                h.append("; achieved ")
                    .append(num(dbl(load, "achieved_per_s"))).append("/s")
                    .append(load.path("kept_up").asBoolean(true) ? "" : " <span class='bad'>fell behind</span>")
                    .append("<br>target ≤ ").append(num(dbl(load, "target_p99_9_us"))).append(" µs")
                    .append(met(load, "target_met")).append("</div>");
            }
            final JsonNode alt = t.path("alternate_driver");
            if (!alt.isMissingNode())
            {
                h.append("<div class='card'><div class='muted'>").append(esc(text(alt, "driver", "?")))
                    .append(" driver: round trip p50</div><div class='big'>").append(num(dbl(alt, "rtt_p50_us")))
                    .append(" µs</div>gateway ÷ echo ").append(times(dbl(alt, "rtt_ratio_p50")))
                    .append(met(alt, "rtt_target_met")).append("<br>p99.9 at ").append(num(dbl(load, "offered_per_s")))
                    .append("/s: ").append(num(dbl(alt, "load_p99_9_us"))).append(" µs")
                    .append(met(alt, "load_target_met")).append("; peak ")
                    .append(num(dbl(alt, "peak_orders_per_s"))).append("/s<br><span class='muted'>")
                    .append(esc(text(alt, "description", ""))).append("</span></div>");
            }
            if (!peak.isMissingNode())
            {
                h.append("<div class='card'><div class='muted'>Peak orders/s, ").append(esc(text(peak, "connections",
                    "?"))).append(" connections × ").append(esc(text(peak, "window", "?")))
                    .append(" in flight</div><div class='big'>").append(num(dbl(peak, "gateway_orders_per_s")))
                    .append("</div>echo ").append(num(dbl(peak, "echo_messages_per_s")))
                    .append(" messages/s (gateway ÷ echo ").append(times(dbl(peak, "ratio"))).append(")</div>");
            }
            h.append("</div>");
        }
        final List<String> series = new ArrayList<>();
        final List<double[][]> curves = new ArrayList<>();
        for (final JsonNode r : t.path("runs"))
        {
            if ("open".equals(text(r, "mode", "")) && r.has("percentile_curve_us"))
            {
                series.add(text(r, "system", "?") + " @ " + num(dbl(r, "offered_per_s")) + "/s");
                curves.add(curve(r));
            }
        }
        if (!curves.isEmpty())
        {
            h.append(Svg.percentileLines("TCP round trip by percentile, open loop (coordinated omission corrected)",
                series, curves));
        }
        h.append("<table><tr><th>system</th><th>load</th><th>engine idle</th><th>answers</th><th>per s</th>")
            .append("<th>rejected by the engine</th><th>errors</th><th>p50 µs</th><th>p90 µs</th><th>p99 µs</th>")
            .append("<th>p99.9 µs</th><th>max µs</th></tr>");
        for (final JsonNode r : t.path("runs"))
        {
            final JsonNode l = r.path("latency_us");
            final String mode = "max".equals(text(r, "mode", "")) ? "closed loop, " + text(r, "connections",
                text(r, "clients", "?")) + " connections × " + text(r, "window", "?") + " in flight" :
                "open loop " + num(dbl(r, "offered_per_s")) + "/s, " + text(r, "connections", text(r, "clients", "?")) +
                    " connection(s)" + (r.path("kept_up").asBoolean(true) ? "" : " (fell behind)");
            h.append("<tr><td>").append(esc(text(r, "system", "?"))).append("</td><td>").append(esc(mode))
                .append("</td><td>").append(esc(text(r, "idle_strategy", "?"))).append("</td><td>")
                .append(num(dbl(r, "completed"))).append("</td><td>").append(num(dbl(r, "throughput_per_s")))
                .append("</td><td>").append(num(dbl(r, "rejected"))).append("</td><td>").append(num(dbl(r, "errors")))
                .append("</td><td>").append(num(dbl(l, "p50"))).append("</td><td>").append(num(dbl(l, "p90")))
                .append("</td><td>").append(num(dbl(l, "p99"))).append("</td><td>").append(num(dbl(l, "p99_9")))
                .append("</td><td>").append(num(dbl(l, "max"))).append("</td></tr>");
        }
        h.append("</table><ul class='muted'>");
        for (final String field : new String[] { "engine_idle", "io_thread", "driver", "durability", "load_generator",
            "latency_method", "rounds_method", "server" })
        {
            if (t.has(field))
            {
                h.append("<li>").append(esc(field.replace('_', ' '))).append(": ").append(esc(text(t, field, "")))
                    .append("</li>");
            }
        }
        if (t.path("cpu_busy_pct_before").size() > 0)
        {
            h.append("<li>cores busy with other work before each phase (%): ")
                .append(esc(t.path("cpu_busy_pct_before").toString())).append("</li>");
        }
        h.append("</ul>");
    }

    private void quality()
    {
        final JsonNode q = s.path("routing_quality");
        h.append("<h2>Routing quality on a peak day</h2>");
        if (q.isMissingNode())
        {
            h.append("<p class='muted'>Not run.</p>");
            return;
        }
        if (q.path("engine_defects").asLong() > 0)
        {
            h.append("<p class='note bad'><b>Engine defects in this run:</b> ").append(num(dbl(q, "engine_defects")))
                .append(" OmniRoute decisions broke SPEC (an exception, or an allocation not shipping exactly the " +
                    "order's lines), so OmniRoute's figures below are not trustworthy. First: <code>")
                .append(esc(text(q, "first_engine_defect", ""))).append("</code></p>");
        }
        final JsonNode day = q.path("day");
        h.append("<p>").append(num(dbl(day, "orders"))).append(" orders, ").append(num(dbl(day, "locations")))
            .append(" locations, ").append(num(dbl(day, "skus"))).append(" SKUs, split penalty ")
            .append(num(dbl(day, "split_penalty_cents") / 100)).append(" $: ").append(esc(text(day, "description", "")))
            .append(". Engine total vs the shared cost function: ").append(num(dbl(q, "engine_cost_mismatches")))
            .append(" mismatches.</p>");
        h.append("<table><tr><th>policy</th><th>filled</th><th>cost / order $</th><th>cost on the ")
            .append(num(dbl(q, "common_orders"))).append(" orders all filled $</th><th>shipments / order</th>")
            .append("<th>extra shipments</th><th>split rate</th><th>average zone</th><th>capacity use</th>")
            .append("<th>locations at capacity</th></tr>");
        final List<String> names = new ArrayList<>();
        final List<Double> cost = new ArrayList<>();
        final List<Double> ships = new ArrayList<>();
        final List<Double> split = new ArrayList<>();
        final List<Double> zone = new ArrayList<>();
        for (final JsonNode p : q.path("policies"))
        {
            names.add(text(p, "name", "?"));
            cost.add(dbl(p, "cost_per_order_cents") / 100);
            ships.add(dbl(p, "shipments_per_order"));
            split.add(100 * dbl(p, "split_rate"));
            zone.add(dbl(p, "average_zone"));
            h.append("<tr><td>").append(esc(text(p, "name", "?"))).append("</td><td>")
                .append(pct(100 * dbl(p, "fill_rate"))).append("</td><td>")
                .append(num(dbl(p, "cost_per_order_cents") / 100)).append("</td><td>")
                .append(num(dbl(p, "common_orders_cost_cents") / 100)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.3f", dbl(p, "shipments_per_order"))).append("</td><td>")
                .append(num(dbl(p, "extra_shipments"))).append("</td><td>").append(pct(100 * dbl(p, "split_rate")))
                .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", dbl(p, "average_zone")))
                .append("</td><td>").append(pct(100 * dbl(p, "capacity_use"))).append("</td><td>")
                .append(num(dbl(p, "locations_at_capacity"))).append("</td></tr>");
        }
        h.append("</table>");
        final JsonNode b = q.path("hindsight_bound");
        if (b.has("bound_cents"))
        {
            names.add("hindsight lower bound");
            cost.add(dbl(b, "bound_cents") / 100 / Math.max(1, dbl(b, "orders") + dbl(b,
                "split_only_orders_counted_zero")));
        }
        h.append(Svg.bars("Shipping cost per filled order ($, SPEC §2 cost)", names, cost, "$", false));
        final List<String> policyNames = names.subList(0, ships.size());
        h.append(Svg.bars("Shipments per order", policyNames, ships, "", false));
        h.append(Svg.bars("Orders split into several shipments (%)", policyNames, split, "%", false));
        h.append(Svg.bars("Average zone of a shipment", policyNames, zone, "", false));
        capacityChart(q);
        h.append("<table><tr><th>OmniRoute vs</th><th>cost per order</th><th>on orders all filled</th>")
            .append("<th>extra shipments per order</th><th>fill rate</th></tr>");
        for (final JsonNode c : q.path("comparisons"))
        {
            h.append("<tr><td>").append(esc(text(c, "vs", "?"))).append("</td><td>")
                .append(pct(-dbl(c, "cost_per_order_saving_pct"))).append(met(c, "cost_target_met"))
                .append("</td><td>").append(pct(-dbl(c, "common_orders_saving_pct"))).append("</td><td>")
                .append(pct(-dbl(c, "fewer_extra_shipments_pct"))).append(met(c, "extra_shipments_target_met"))
                .append("</td><td>").append(String.format(Locale.ROOT, "%+.2f pts", dbl(c, "fill_rate_difference_pts")))
                .append("</td></tr>");
        }
        h.append("</table>");
        if (b.has("bound_cents"))
        {
            h.append("<p><b>Hindsight lower bound</b> (").append(esc(text(b, "solver", ""))).append("): ")
                .append(esc(text(b, "description", ""))).append(". LP: ").append(num(dbl(b, "columns")))
                .append(" columns, ").append(num(dbl(b, "rows"))).append(" rows, ").append(esc(text(b, "lp_state", "?")))
                .append(" in ").append(num(dbl(b, "solve_ms") / 1000)).append(" s; LP bound $")
                .append(num(dbl(b, "lp_bound_cents") / 100)).append(", per-order bound $")
                .append(num(dbl(b, "per_order_bound_cents") / 100)).append(", OmniRoute $")
                .append(num(dbl(b, "omniroute_cost_cents") / 100)).append(" (").append(pct(dbl(b, "omniroute_gap_pct")))
                .append(" above the bound); ").append(num(dbl(b, "split_only_orders_counted_zero")))
                .append(" orders that only a quantity split could ship count 0.</p>");
        }
    }

    private void capacityChart(final JsonNode q)
    {
        final List<String> locs = new ArrayList<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = q.path("capacity").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt() > 0)
            {
                locs.add(e.getKey());
            }
        }
        if (locs.isEmpty())
        {
            return;
        }
        final List<String> series = new ArrayList<>();
        final JsonNode policies = q.path("policies");
        final double[][] v = new double[policies.size()][locs.size()];
        for (int p = 0; p < policies.size(); p++)
        {
            series.add(text(policies.get(p), "name", "?"));
            for (int l = 0; l < locs.size(); l++)
            {
                v[p][l] = 100 * policies.get(p).path("shipments_by_location").path(locs.get(l)).asDouble() /
                    q.path("capacity").path(locs.get(l)).asDouble();
            }
        }
        h.append(Svg.groupedBars("Capacity used at capacity-limited locations (% of the day's shipments)", locs, series,
            v, "% of capacity"));
    }

    private static String perS(final double v)
    {
        return Double.isNaN(v) ? "–" : num(v) + "/s";
    }

    private static String us(final JsonNode latencyNs, final String field)
    {
        final double v = dbl(latencyNs, field);
        return Double.isNaN(v) ? "–" : num(v / 1000);
    }

    /**
     * Checkout quotes (issue 8), the pipeline with its command mixes and durabilities, replay (issue 4) and recovery,
     * each beside its same-run baseline and its target.
     */
    private void pipelineAndCheckout()
    {
        final JsonNode f = s.has("issue_figures") ? s.get("issue_figures") : IssueFigures.derive(s.path("jmh"));
        final JsonNode rec = s.path("recovery");
        h.append("<h2>Checkout quotes, pipeline, journal and recovery</h2>");
        if (!f.has("checkout") && !f.has("pipeline") && !f.has("replay") && rec.isMissingNode())
        {
            h.append("<p class='muted'>Not run.</p>");
            return;
        }
        final JsonNode c = f.path("checkout");
        if (c.isObject())
        {
            h.append("<h3>Quotes on the engine thread</h3><p>").append(esc(text(c, "description", "")))
                .append(".</p><table><tr><th>quote</th><th>quotes/s</th><th>baseline: one service (STANDARD)</th>")
                .append("<th>× baseline</th><th>target</th></tr><tr><td>all services</td><td>")
                .append(perS(dbl(c, "quotes_per_s_all_services"))).append("</td><td>")
                .append(perS(dbl(c, "quotes_per_s_one_service"))).append("</td><td>").append(num(dbl(c, "cost_ratio")))
                .append("</td><td>≥ ").append(num(dbl(c, "target_per_s"))).append("/s").append(met(c, "target_met"))
                .append("</td></tr>");
            if (c.has("quotes_per_s_all_services_midday"))
            {
                h.append("<tr><td>all services, half a demo day in (stock scattered)</td><td>")
                    .append(perS(dbl(c, "quotes_per_s_all_services_midday"))).append("</td><td>—</td><td>—</td>")
                    .append("<td>—</td></tr>");
            }
            h.append("</table>");
        }
        final JsonNode p = f.path("pipeline");
        if (p.isObject())
        {
            h.append("<h3>Pipeline: publisher → ring → engine → journal</h3><p>").append(esc(text(p, "description", "")))
                .append(". Latency: ").append(esc(text(p.path("runs").path(0), "latency_kind", "closed loop")))
                .append(".</p><table><tr><th>durability</th><th>mix</th><th>commands/s</th><th>orders/s</th>")
                .append("<th>p50 µs</th><th>p99 µs</th><th>p99.9 µs</th><th>raw Disruptor /s</th><th>× raw Disruptor</th>")
                .append("<th>raw Chronicle append /s</th><th>× raw Chronicle</th><th>engine alone /s</th>")
                .append("<th>share of engine alone</th><th>target</th></tr>");
            final java.util.List<String> labels = new ArrayList<>();
            final java.util.List<Double> values = new ArrayList<>();
            for (final JsonNode r : p.path("runs"))
            {
                final JsonNode l = r.path("latency_ns");
                h.append("<tr><td>").append(esc(text(r, "durability", "?"))).append("</td><td>")
                    .append(esc(text(r, "mix", "?"))).append("</td><td>").append(num(dbl(r, "commands_per_s")))
                    .append("</td><td>").append(num(dbl(r, "orders_per_s"))).append("</td><td>").append(us(l, "p50"))
                    .append("</td><td>").append(us(l, "p99")).append("</td><td>").append(us(l, "p99_9"))
                    .append("</td><td>").append(num(dbl(r, "raw_disruptor_per_s"))).append("</td><td>")
                    .append(num(dbl(r, "raw_disruptor_cost_ratio"))).append("</td><td>")
                    .append(num(dbl(r, "raw_chronicle_append_per_s"))).append("</td><td>")
                    .append(num(dbl(r, "raw_chronicle_cost_ratio"))).append("</td><td>")
                    .append(num(dbl(r, "engine_alone_per_s"))).append("</td><td>")
                    .append(r.has("engine_alone_share") ? Math.round(100 * dbl(r, "engine_alone_share")) + " %" : "")
                    .append("</td><td>")
                    .append(r.has("target_per_s") ? "≥ " + num(dbl(r, "target_per_s")) + " commands/s" +
                        met(r, "target_met") : "").append("</td></tr>");
                labels.add(text(r, "durability", "?") + " " + text(r, "mix", "?"));
                values.add(dbl(r, "commands_per_s"));
            }
            h.append("</table>");
            if (p.path("mix_ratios").size() > 0)
            {
                h.append("<table><tr><th>durability</th><th>orders/s, orders alone</th><th>orders/s, 10 quotes per " +
                    "order</th><th>ratio</th><th>commands/s, orders alone</th><th>commands/s, 10:1</th></tr>");
                for (final JsonNode m : p.path("mix_ratios"))
                {
                    h.append("<tr><td>").append(esc(text(m, "durability", "?"))).append("</td><td>")
                        .append(num(dbl(m, "orders_per_s_orders_only"))).append("</td><td>")
                        .append(num(dbl(m, "orders_per_s_quotes10"))).append("</td><td>")
                        .append(num(dbl(m, "orders_ratio"))).append("</td><td>")
                        .append(num(dbl(m, "commands_per_s_orders_only"))).append("</td><td>")
                        .append(num(dbl(m, "commands_per_s_quotes10"))).append("</td></tr>");
                }
                h.append("</table>");
            }
            final JsonNode first = p.path("runs").path(0);
            if (first.has("raw_disruptor_per_s"))
            {
                labels.add("raw Disruptor");
                values.add(dbl(first, "raw_disruptor_per_s"));
            }
            if (first.has("raw_chronicle_append_per_s"))
            {
                labels.add("raw Chronicle append");
                values.add(dbl(first, "raw_chronicle_append_per_s"));
            }
            if (first.has("engine_alone_per_s"))
            {
                labels.add("engine alone (no ring, no journal)");
                values.add(dbl(first, "engine_alone_per_s"));
            }
            h.append(Svg.bars("Pipeline commands/s beside the raw Disruptor, Chronicle append and the engine alone " +
                "(same run)", labels,
                values, "commands/s", true));
        }
        final JsonNode r = f.path("replay");
        if (r.isObject())
        {
            h.append("<h3>Replay</h3><p>").append(esc(text(r, "description", ""))).append(".</p>")
                .append("<table><tr><th>replay, verified</th><th>baseline: read + decode only</th><th>× baseline</th>")
                .append("<th>read + decode + engine, unverified</th><th>verified on one thread</th>")
                .append("<th>target</th></tr><tr><td>").append(perS(dbl(r, "events_per_s"))).append("</td><td>")
                .append(perS(dbl(r, "read_decode_events_per_s"))).append("</td><td>").append(num(dbl(r, "cost_ratio")))
                .append("</td><td>").append(r.has("engine_events_per_s") ? perS(dbl(r, "engine_events_per_s")) : "")
                .append("</td><td>")
                .append(r.has("one_thread_events_per_s") ? perS(dbl(r, "one_thread_events_per_s")) : "not run")
                .append("</td><td>≥ ").append(num(dbl(r, "target_per_s"))).append(" events/s")
                .append(met(r, "target_met")).append("</td></tr></table>");
        }
        h.append("<h3>Recovery</h3>");
        if (rec.isMissingNode())
        {
            h.append("<p class='muted'>Not run.</p>");
        }
        else if (rec.has("failed"))
        {
            h.append("<p class='bad'>failed: ").append(esc(text(rec, "failed", ""))).append("</p>");
        }
        else
        {
            h.append("<p>A journal of ").append(num(dbl(rec, "events"))).append(" entries (")
                .append(esc(text(rec, "mix", ""))).append("; ").append(num(dbl(rec, "orders"))).append(" orders, ")
                .append(num(dbl(rec, "journal_bytes") / (1 << 20))).append(" MiB), written through the pipeline in ")
                .append(num(dbl(rec, "build_seconds"))).append(" s, with a snapshot (")
                .append(num(dbl(rec, "snapshot_bytes") / (1 << 20))).append(" MiB) at entry ")
                .append(num(dbl(rec, "snapshot_at_entry"))).append("; recovered as a restart does it: newest snapshot, " +
                    "checked and restored, then the tail replayed with every decision verified. JVM: ")
                .append(esc(text(rec, "jvm", ""))).append("; page cache: ").append(esc(text(rec, "page_cache", "")))
                .append(".</p>");
            if (rec.path("scaled_down").asBoolean())
            {
                h.append("<p class='note'>Scaled down for the quick run: ").append(num(dbl(rec, "events")))
                    .append(" entries instead of the target's 10 M (the full run writes 10 M).</p>");
            }
            h.append("<table><tr><th>recovery</th><th>events/s</th><th>snapshot load</th><th>tail replayed</th>")
                .append("<th>replay events/s</th><th>baseline: raw Chronicle read of the journal</th>")
                .append("<th>× baseline</th><th>state hash</th><th>target</th></tr><tr><td>")
                .append(num(dbl(rec, "recovery_seconds"))).append(" s</td><td>")
                .append(num(dbl(rec, "recovery_events_per_s"))).append("</td><td>")
                .append(num(dbl(rec, "snapshot_load_seconds"))).append(" s</td><td>")
                .append(num(dbl(rec, "replayed"))).append(" in ").append(num(dbl(rec, "replay_seconds")))
                .append(" s</td><td>").append(num(dbl(rec, "replay_events_per_s"))).append("</td><td>")
                .append(num(dbl(rec, "raw_read_seconds"))).append(" s (").append(perS(dbl(rec, "raw_read_events_per_s")))
                .append(")</td><td>").append(num(dbl(rec, "cost_ratio"))).append("</td><td class='")
                .append(rec.path("verified").asBoolean() ? "ok'>equal" : "bad'>DIFFERENT").append("</td><td>10 M " +
                    "entries in ≤ 10 s").append(met(rec, "target_met")).append("</td></tr></table>");
        }
    }

    private void jmh()
    {
        final JsonNode j = s.path("jmh");
        h.append("<h2>Micro-benchmarks (JMH)</h2>");
        if (j.isMissingNode())
        {
            h.append("<p class='muted'>Not run.</p>");
            return;
        }
        h.append("<p>").append(num(dbl(j, "forks"))).append(" fork each, ").append(num(dbl(j, "warmup_iterations")))
            .append(" warm-up and ").append(num(dbl(j, "measurement_iterations"))).append(" measured iterations of ")
            .append(num(dbl(j, "iteration_seconds"))).append(" s; ").append(esc(text(j, "idle_strategy", "")))
            .append(". Each result beside its baseline from the same run: the ratio is how many times the baseline's " +
                "cost the benchmark's is.</p>");
        decisionChart(j);
        h.append("<table><tr><th>benchmark</th><th>parameters</th><th>score</th><th>baseline</th>")
            .append("<th>baseline score</th><th>× baseline</th></tr>");
        for (final JsonNode p : j.path("pairs"))
        {
            h.append("<tr><td>").append(esc(text(p, "class", "") + "." + text(p, "subject", ""))).append("</td><td>")
                .append(esc(text(p, "params", ""))).append("</td><td>").append(num(dbl(p, "subject_score"))).append(' ')
                .append(esc(text(p, "unit", ""))).append("</td><td>").append(esc(text(p, "baseline", "")))
                .append("</td><td>").append(num(dbl(p, "baseline_score"))).append("</td><td>")
                .append(num(dbl(p, "cost_ratio"))).append("</td></tr>");
        }
        h.append("</table><details><summary>All JMH results</summary><table><tr><th>benchmark</th><th>parameters</th>")
            .append("<th>mode</th><th>score</th><th>±</th><th>unit</th></tr>");
        for (final JsonNode b : j.path("benchmarks"))
        {
            h.append("<tr><td>").append(esc(text(b, "class", "") + "." + text(b, "method", ""))).append("</td><td>")
                .append(esc(b.path("params").toString())).append("</td><td>").append(esc(text(b, "mode", "")))
                .append("</td><td>").append(num(dbl(b, "score"))).append("</td><td>").append(num(dbl(b, "error")))
                .append("</td><td>").append(esc(text(b, "unit", ""))).append("</td></tr>");
        }
        h.append("</table></details>");
        for (final JsonNode f : j.path("failed"))
        {
            h.append("<p class='bad'>failed: ").append(esc(f.asText())).append("</p>");
        }
    }

    private void decisionChart(final JsonNode j)
    {
        final List<String> lines = new ArrayList<>();
        final List<String> sizes = new ArrayList<>();
        for (final JsonNode b : j.path("benchmarks"))
        {
            if ("DecisionBenchmark".equals(text(b, "class", "")) && "route".equals(text(b, "method", "")))
            {
                final String l = text(b.path("params"), "lines", "?");
                final String n = text(b.path("params"), "locations", "?");
                if (!lines.contains(l))
                {
                    lines.add(l);
                }
                if (!sizes.contains(n))
                {
                    sizes.add(n);
                }
            }
        }
        if (lines.isEmpty())
        {
            return;
        }
        lines.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        final List<String> series = new ArrayList<>();
        final double[][] v = new double[sizes.size()][lines.size()];
        for (int n = 0; n < sizes.size(); n++)
        {
            series.add(sizes.get(n) + " locations");
            for (final JsonNode b : j.path("benchmarks"))
            {
                if ("DecisionBenchmark".equals(text(b, "class", "")) && "route".equals(text(b, "method", "")) &&
                    sizes.get(n).equals(text(b.path("params"), "locations", "")))
                {
                    v[n][lines.indexOf(text(b.path("params"), "lines", ""))] = dbl(b, "score");
                }
            }
        }
        final List<String> cats = new ArrayList<>();
        for (final String l : lines)
        {
            cats.add(l + (l.equals("1") ? " line" : " lines"));
        }
        h.append(Svg.groupedBars("Routing decision, mean ns per order, by lines and network size", cats, series, v,
            "ns"));
    }

    private void method()
    {
        h.append("<h2>How these figures were measured</h2><ul>");
        for (final Iterator<Map.Entry<String, JsonNode>> it = s.path("idle_strategies").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            h.append("<li>Idle strategy, ").append(esc(e.getKey().replace('_', ' '))).append(": ")
                .append(esc(e.getValue().asText())).append("</li>");
        }
        for (final JsonNode n : s.path("notes"))
        {
            h.append("<li>").append(esc(n.asText())).append("</li>");
        }
        h.append("</ul><p class='muted'>Every figure is in <code>summary.json</code> beside this page. JVM flags: ")
            .append(esc(s.path("jvm").path("flags").toString())).append("</p>");
    }
}
