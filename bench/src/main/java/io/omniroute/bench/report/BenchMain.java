package io.omniroute.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.bench.flash.FlashSaleSuite;
import io.omniroute.bench.gateway.GatewaySuite;
import io.omniroute.bench.quality.QualitySuite;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.gateway.demo.DemoGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code bench/run [--quick]}: the whole benchmark — demo data on real US geography, the flash sale against Redis
 * and PostgreSQL, routing quality against the greedy policies and the hindsight bound, the JMH suite — written to
 * {@code bench-report/summary.json} (every figure, machine, JVM, idle strategies, date) and
 * {@code bench-report/index.html}. Progress goes to stderr.
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final BenchConfig config;
        try
        {
            config = new BenchConfig().parse(args).conclude();
            if (config.help)
            {
                System.out.println(BenchConfig.USAGE);
                return;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench: " + ex.getMessage());
            System.exit(2);
            return;
        }
        final double loadAtStart = MachineInfo.loadAverage();
        final Progress progress = new Progress(System.err, 7);
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode summary = mapper.createObjectNode();
        summary.put("schema", 1)
            .put("generated", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
            .put("mode", config.quick ? "quick" : "full");
        Files.createDirectories(config.outDir);
        Files.createDirectories(config.workDir);
        final Path json = config.outDir.resolve("summary.json");
        final JsonNode previous = config.onlyGateway && Files.exists(json) ? mapper.readTree(json.toFile()) : null;

        progress.phase("demo data: " + config.demoOrders + " orders on real US geography (seed " + config.seed + ")");
        final Path demo = config.workDir.resolve("demo");
        new DemoGenerator(config.seed, config.demoOrders, 300).writeTo(demo);
        final Path qualityDemo = config.qualityDemoOrders == config.demoOrders ? demo :
            config.workDir.resolve("demo-quality");
        if (qualityDemo != demo)
        {
            new DemoGenerator(config.seed, config.qualityDemoOrders, 300).writeTo(qualityDemo);
        }

        progress.phase("flash sale: OmniRoute in process, Redis + Lua, PostgreSQL");
        if (config.flash)
        {
            summary.put("cpu_busy_pct_before_flash_sale", MachineInfo.cpuBusyPercent(1000));
            summary.set("flash_sale", new FlashSaleSuite(config, demo, progress).run());
        }
        progress.phase("routing quality: OmniRoute, source-priority greedy, distance greedy, hindsight LP");
        if (config.quality)
        {
            summary.set("routing_quality", QualitySuite.run(qualityDemo, config.qualityDemoOrders,
                config.lpTimeLimitMillis, progress));
        }
        progress.phase("JMH suite (forked JVMs)");
        if (config.jmh)
        {
            summary.set("jmh", new JmhSuite(config, progress).run());
        }

        progress.phase("recovery: " + config.recoveryEvents + "-entry journal, snapshot at 90 %, cold recovery");
        if (config.recovery)
        {
            try
            {
                final ObjectNode rec = io.omniroute.bench.recovery.RecoverySuite.run(demo, config.recoveryEvents,
                    config.recoveryRepeats, true, progress::step);
                rec.put("scaled_down", config.recoveryEvents < 10_000_000L);
                summary.set("recovery", rec);
            }
            catch (final Exception | AssertionError | LinkageError ex)
            {
                // a failed run is reported, not fatal: the rest of the report is still written
                progress.step("recovery failed: " + ex);
                summary.putObject("recovery").put("failed", ex.toString());
            }
        }

        progress.phase("TCP gateway: round trip of one client, open loop at 100,000/s, peak with 64 connections, " +
            "each beside a busy-poll TCP echo");
        final Path gatewayFigures = config.outDir.resolve("tcp-gateway.json");
        if (config.gateway)
        {
            // a day long enough that the measured seconds stay mostly within it: repeating a short day runs the
            // stock down (its nightly receipts do not cover the repeats), and rejects are cheaper than allocations
            final Path gatewayDemo = config.workDir.resolve("demo-gateway");
            progress.step("demo day for the gateway: " + config.gatewayDemoOrders + " orders");
            new DemoGenerator(config.seed, config.gatewayDemoOrders, 300).writeTo(gatewayDemo);
            final ObjectNode gateway = runGateway(config, gatewayDemo, progress);
            mapper.writerWithDefaultPrettyPrinter().writeValue(gatewayFigures.toFile(), gateway);
            summary.set("tcp_gateway", gateway);
        }
        else
        {
            summary.set("tcp_gateway", tcpGateway(mapper, gatewayFigures));
        }

        progress.phase("report");
        if (summary.has("jmh"))
        {
            summary.set("issue_figures", IssueFigures.derive(summary.get("jmh")));
        }
        summary.set("machine", MachineInfo.machine(loadAtStart));
        if (summary.has("cpu_busy_pct_before_flash_sale"))
        {
            ((ObjectNode)summary.get("machine")).put("cpu_busy_pct_before_flash_sale",
                summary.remove("cpu_busy_pct_before_flash_sale").asDouble());
        }
        summary.set("jvm", MachineInfo.jvm());
        summary.putObject("idle_strategies")
            .put("omniroute_flash_sale", config.idleStrategy + " on the engine thread and on the load thread (the " +
                "only two spinning threads of the run)")
            .put("peer_clients", "sleeping (20 µs park) between orders; clients block on their sockets")
            .put("routing_quality", "none: one thread, no waiting")
            .put("jmh", "the JMH harness thread; no benchmark spins except PipelineBenchmark, per its idle parameter")
            .put("recovery", "backoff on the publisher and engine threads while the journal is written; recovery " +
                "itself runs on one thread")
            .put("tcp_gateway", "engine thread " + config.gatewayIdle + " (woken on publish when parked); Netty " +
                "epoll I/O thread blocking in epoll_wait; the load generator busy-polls its sockets (yielding when a " +
                "pass finds nothing to do); the echo " +
                "baseline busy-polls (never at the same time as the gateway); the inline driver's runs have no engine " +
                "thread and a busy-polling I/O thread: at most two spinning threads");
        final ObjectNode cfg = summary.putObject("config");
        cfg.put("seed", config.seed).put("clients", config.clients).put("demo_orders", config.demoOrders)
            .put("quality_demo_orders", config.qualityDemoOrders).put("gateway_demo_orders", config.gatewayDemoOrders)
            .put("flash_max_seconds", config.flashMaxSeconds)
            .put("flash_open_seconds", config.flashOpenSeconds).put("postgres_synchronous_commit",
                config.pgSynchronousCommit);
        final ArrayNode notes = summary.putArray("notes");
        notes.add("Throughput: closed loop, " + config.clients + " clients each waiting for its answer before the " +
            "next order (OmniRoute: " + config.clients + " orders in flight on the queue).");
        notes.add("Latency: open loop at a fixed rate; each order's latency runs from when it was due, so stalls are " +
            "charged to every order they delay (coordinated omission corrected); HdrHistogram, 3 significant digits.");
        notes.add("OmniRoute runs in process with no journal and no network; Redis runs without persistence; " +
            "PostgreSQL with synchronous_commit=" + config.pgSynchronousCommit + " and fsync on. All servers listen " +
            "on 127.0.0.1 only and share the machine's cores with the clients.");
        notes.add("Oversell audit: for every (SKU, location), the units allocated (from the clients' answers and " +
            "from each store's own records) never exceed the opening stock.");
        notes.add("Routing quality: every policy's plans are costed by one function (SPEC §2), with the same stock, " +
            "capacity, service, radius, channel and rate rules.");
        notes.add("TCP gateway: over 127.0.0.1 with the real server (Netty, SBE frames, sessions, Disruptor pipeline, " +
            "async Chronicle journal: a result leaves only once its entry is in the page cache); each figure beside " +
            "a raw busy-poll TCP echo measured in the same run with the same frames, in interleaved rounds.");
        if (previous != null)
        {
            // --only-gateway: the other sections are the last full run's
            for (final String field : new String[] {
                "flash_sale", "routing_quality", "jmh", "recovery", "issue_figures" })
            {
                if (previous.has(field))
                {
                    summary.set(field, previous.get(field));
                }
            }
            summary.put("mode", config.quick ? "quick (TCP gateway only; other sections from " +
                text(previous, "generated") + ")" : "full (TCP gateway only; other sections from " +
                text(previous, "generated") + ")");
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), summary);
        ReportHtml.write(summary, config.outDir.resolve("index.html"));
        deleteWork(config.workDir);
        progress.step("wrote " + json + " and " + config.outDir.resolve("index.html") + " in " +
            progress.elapsedSeconds() + " s");
    }

    private static String text(final JsonNode n, final String field)
    {
        return n.path(field).asText("?");
    }

    private static ObjectNode runGateway(final BenchConfig config, final Path demo, final Progress progress)
        throws Exception
    {
        final GatewaySuite.Settings s = new GatewaySuite.Settings();
        s.seconds = config.gatewaySeconds;
        s.rounds = config.gatewayRounds;
        s.warmupSeconds = config.quick ? 1 : 2;
        s.jitWarmupSeconds = config.quick ? 3 : 5;
        s.engineIdle = config.gatewayIdle;
        s.alternateDriver = "inline"; // the lowest-latency driver, beside serve's default pipeline
        s.alternateIoBusySpin = true; // its one server thread polls: with the load generator, two spinning threads
        s.quietWaitMs = config.quick ? 10_000 : 30_000;
        s.workDir = config.workDir.resolve("gateway");
        final Path networkDir = demo.resolve("network");
        final GatewaySuite suite = new GatewaySuite(s, System.err, progress);
        final GatewaySuite.Result r = suite.run(NetworkLoader.load(networkDir), networkDir,
            Files.readAllLines(demo.resolve("commands.jsonl")));
        suite.print(r);
        return suite.toJson(r);
    }

    private static JsonNode tcpGateway(final ObjectMapper mapper, final Path figures) throws java.io.IOException
    {
        if (Files.exists(figures))
        {
            return mapper.readTree(figures.toFile());
        }
        final ObjectNode pending = mapper.createObjectNode();
        pending.put("status", "pending").put("description", "TCP gateway figures come later: put them in " +
            figures + " (same fields as flash_sale.runs, under \"runs\") and run the bench again");
        pending.putArray("runs");
        return pending;
    }

    /** The generated data is large and reproducible from the seed; the JMH log is kept. */
    private static void deleteWork(final Path work) throws java.io.IOException
    {
        try (var files = Files.list(work))
        {
            for (final Path p : (Iterable<Path>)files::iterator)
            {
                if (Files.isDirectory(p))
                {
                    try (var walk = Files.walk(p))
                    {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
        }
    }
}
