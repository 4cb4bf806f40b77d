package io.omniroute.bench.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.engine.Network;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.server.EngineDriver;
import io.omniroute.gateway.server.GatewayConfig;
import io.omniroute.gateway.server.GatewayServer;
import io.omniroute.gateway.server.LocalEngineDriver;
import io.omniroute.gateway.server.PipelineEngineDriver;
import io.omniroute.journal.Durability;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The TCP gateway's figures (issue 5), each beside a raw busy-poll TCP echo measured in the same run, on 127.0.0.1:
 * <ol>
 * <li>round trip, one client: one connection, open loop at {@link Settings#rttRate} (a quiet client: the engine and
 * I/O threads are idle between commands, so this is the wake-up path), p50 against a target of 25 µs;</li>
 * <li>open loop at {@link Settings#loadRate} (100,000 orders/s) from one connection: p99.9 against 250 µs;</li>
 * <li>peak orders/s with {@link Settings#peakConnections} connections × {@link Settings#window} in flight (closed
 * loop), beside the echo's messages/s measured the same way.</li>
 * </ol>
 * Open-loop latency runs from when a command was <em>due</em> on the schedule, not when it was sent (coordinated
 * omission corrected), recorded in an HdrHistogram (3 significant digits). The gateway runs in this process as
 * {@code serve} runs it (Netty epoll I/O thread, Disruptor pipeline, async journal in a temporary directory), a
 * fresh engine and journal per phase. The load generator is one busy-polling thread; so is the echo server; the
 * engine thread spins only with {@code busy-spin}: at most two spinning threads at any time.
 */
public final class GatewaySuite
{
    public static final double TARGET_RTT_P50_US = 25;
    public static final double TARGET_LOAD_P99_9_US = 250;

    /** What to run. */
    public static final class Settings
    {
        /** Measured seconds per phase (after the warm-up). */
        public double seconds = 5;
        /** The one-client round trip's offered rate. */
        public long rttRate = 10_000;
        /** The open-loop load's offered rate. */
        public long loadRate = 100_000;
        /** Connections the open-loop load is spread over (round-robin by frame). */
        public int loadConnections = 1;
        public int peakConnections = 64;
        public int window = 32;
        public double peakWarmupSeconds = 1;
        /** Warm-up before each open-loop measurement, in seconds of the schedule (at most 200,000 frames). */
        public double warmupSeconds = 2;
        public String engineIdle = "backoff";
        public boolean ioBusySpin;
        public String driver = "pipeline";
        /**
         * A second engine driver measured beside {@link #driver} in every round (same frames, same echo), or null:
         * {@code inline} applies commands on the I/O thread (no hand-off), the pipeline uses a second thread.
         */
        public String alternateDriver;
        /**
         * Whether the alternate driver's I/O thread busy-polls: with {@code inline} it is the server's only thread,
         * so it and the load generator are the two spinning threads.
         */
        public boolean alternateIoBusySpin;
        public Path workDir;
        /**
         * Each comparison runs this many times, echo then gateway, and the rounds' histograms are merged: on a shared
         * machine other work comes and goes, and interleaving charges it to both sides alike.
         */
        public int rounds = 1;
        /** Before each round, wait (at most {@link #quietWaitMs}) for the cores to be at most this busy. */
        public double quietBusyPercent = 30;
        public long quietWaitMs = 0;
        /**
         * Before the first round: the gateway (and the echo) under closed-loop load for this long, so the JIT has
         * compiled the server, engine and journal paths before anything is measured (the echo's path is tiny; the
         * gateway's is not, and its first round would otherwise measure the interpreter).
         */
        public double jitWarmupSeconds = 3;
        /** Which comparisons to run (the command line's {@code --phases}); the report needs all three. */
        public boolean rtt = true;
        public boolean load = true;
        public boolean peak = true;

        int warmupFrames(final long rate)
        {
            return (int)Math.min(200_000, Math.round(rate * warmupSeconds));
        }

        int measuredFrames(final long rate)
        {
            return (int)Math.max(1, Math.round(rate * seconds));
        }

        String ioThread()
        {
            return "Netty epoll I/O thread, " + (ioBusySpin ? "busy-polling" : "blocking in epoll_wait");
        }
    }

    /** The measured runs. */
    public static final class Result
    {
        public LoadClient.Run echoRtt;
        public LoadClient.Run gatewayRtt;
        public LoadClient.Run echoLoad;
        public LoadClient.Run gatewayLoad;
        /** The platform's floor at the open loop's rate: a thread that only reads the clock ({@link PlatformFloor}). */
        public LoadClient.Run platformLoad;
        public LoadClient.Run echoPeak;
        public LoadClient.Run gatewayPeak;
        /** The same three with {@link Settings#alternateDriver} (empty runs when there is none). */
        public LoadClient.Run altRtt = new LoadClient.Run();
        public LoadClient.Run altLoad = new LoadClient.Run();
        public LoadClient.Run altPeak = new LoadClient.Run();
        public String serverDescription;
        /** Busy share of the cores (percent, other work) just before each round, per comparison. */
        public final List<Double> busyBefore = new java.util.ArrayList<>();
        /**
         * Per round: gateway p50, echo p50 (RTT); gateway p99.9, echo p99.9 (load); gateway, echo per second (peak);
         * platform floor p99.9 (load).
         */
        public final List<double[]> perRound = new java.util.ArrayList<>();
        public String counters;
        public int framesAverageBytes;
        public double orderShare;
    }

    private final Settings settings;
    private final PrintStream log;
    private final io.omniroute.bench.report.Progress progress;

    public GatewaySuite(final Settings settings, final PrintStream log, final io.omniroute.bench.report.Progress progress)
    {
        this.settings = settings;
        this.log = log;
        this.progress = progress;
    }

    /**
     * @param lines a day's command stream (JSON Lines); repeated with fresh order ids as often as needed.
     */
    public Result run(final Network network, final Path networkDir, final List<String> lines) throws Exception
    {
        final Settings s = settings;
        final Path work = s.workDir != null ? Files.createDirectories(s.workDir) :
            Files.createTempDirectory("omniroute-gateway-bench");
        final Result r = new Result();
        final int rttWarm = s.warmupFrames(s.rttRate);
        final int rttCount = rttWarm + s.measuredFrames(s.rttRate);
        final int loadWarm = s.warmupFrames(s.loadRate);
        final int loadCount = loadWarm + s.measuredFrames(s.loadRate);
        final List<io.omniroute.engine.Command> day = OrderFrames.day(network, lines);
        final OrderFrames rttFrames = s.rtt ? new OrderFrames(day, rttCount, "rt-") : null;
        final OrderFrames loadFrames = new OrderFrames(day, s.load ? loadCount : 1, "ol-");
        final int peakCount = (int)Math.min(6_000_000L, Math.max(100_000L,
            Math.round(400_000 * (s.seconds + s.peakWarmupSeconds + 1))));
        final OrderFrames peakFrames = s.peak ? new OrderFrames(day, peakCount, "pk-") : null;
        r.framesAverageBytes = loadFrames.bytes.length / loadFrames.count;
        r.orderShare = (double)loadFrames.orders / loadFrames.count;
        // let the JIT settle what building the frames made hot, so compiler threads do not share the cores
        System.gc();
        Thread.sleep(1_000);

        if (s.jitWarmupSeconds > 0)
        {
            progress.step("TCP gateway: JIT warm-up, " + s.jitWarmupSeconds + " s closed loop");
            final OrderFrames warm = new OrderFrames(day, (int)Math.min(4_000_000L,
                Math.round(200_000 * (s.jitWarmupSeconds + 1))), "jw-");
            try (Gateway g = new Gateway(network, networkDir, work.resolve("journal-jit"), s, s.driver))
            {
                final SocketChannel[] ch = connectAll(g.port, 8, true);
                LoadClient.closedLoop(ch, warm, 16, 0, s.jitWarmupSeconds, true);
                closeAll(ch);
            }
            try (BusyPollEchoServer echo = new BusyPollEchoServer())
            {
                final SocketChannel[] ch = connectAll(echo.port(), 8, false);
                LoadClient.closedLoop(ch, warm, 16, 0, Math.min(1, s.jitWarmupSeconds), true);
                closeAll(ch);
            }
        }
        for (int round = 0; round < s.rounds; round++)
        {
            final String tag = "-" + round;
            LoadClient.Run echoRtt = new LoadClient.Run();
            LoadClient.Run gatewayRtt = new LoadClient.Run();
            LoadClient.Run echoLoad = new LoadClient.Run();
            LoadClient.Run gatewayLoad = new LoadClient.Run();
            LoadClient.Run platformLoad = new LoadClient.Run();
            LoadClient.Run echoPeak = new LoadClient.Run();
            LoadClient.Run gatewayPeak = new LoadClient.Run();
            if (s.rtt)
            {
                quiet(r);
                progress.step("TCP gateway round " + (round + 1) + "/" + s.rounds + ": round trip, 1 client, " +
                    s.rttRate + "/s");
                echoRtt = echoOpenLoop(rttFrames, rttWarm, rttCount, s.rttRate, 1);
                gatewayRtt = gatewayOpenLoop(network, networkDir, work.resolve("journal-rtt" + tag), rttFrames,
                    rttWarm, rttCount, s.rttRate, 1, r, s.driver);
                if (s.alternateDriver != null)
                {
                    r.altRtt = LoadClient.Run.merge(r.altRtt, gatewayOpenLoop(network, networkDir,
                        work.resolve("journal-rtt-alt" + tag), rttFrames, rttWarm, rttCount, s.rttRate, 1, r,
                        s.alternateDriver));
                }
            }
            if (s.load)
            {
                quiet(r);
                progress.step("TCP gateway round " + (round + 1) + "/" + s.rounds + ": open loop " + s.loadRate +
                    "/s");
                platformLoad = PlatformFloor.measure(s.loadRate, Math.round(s.seconds * 1e9));
                echoLoad = echoOpenLoop(loadFrames, loadWarm, loadCount, s.loadRate, s.loadConnections);
                gatewayLoad = gatewayOpenLoop(network, networkDir, work.resolve("journal-load" + tag), loadFrames,
                    loadWarm, loadCount, s.loadRate, s.loadConnections, r, s.driver);
                if (s.alternateDriver != null)
                {
                    r.altLoad = LoadClient.Run.merge(r.altLoad, gatewayOpenLoop(network, networkDir,
                        work.resolve("journal-load-alt" + tag), loadFrames, loadWarm, loadCount, s.loadRate,
                        s.loadConnections, r, s.alternateDriver));
                }
            }
            if (s.peak)
            {
                quiet(r);
                progress.step("TCP gateway round " + (round + 1) + "/" + s.rounds + ": peak, " + s.peakConnections +
                    " connections");
                try (BusyPollEchoServer echo = new BusyPollEchoServer())
                {
                    final SocketChannel[] ch = connectAll(echo.port(), s.peakConnections, false);
                    echoPeak = LoadClient.closedLoop(ch, peakFrames, s.window, s.peakWarmupSeconds, s.seconds, true);
                    closeAll(ch);
                }
                try (Gateway g = new Gateway(network, networkDir, work.resolve("journal-peak" + tag), s, s.driver))
                {
                    final SocketChannel[] ch = connectAll(g.port, s.peakConnections, true);
                    gatewayPeak = LoadClient.closedLoop(ch, peakFrames, s.window, s.peakWarmupSeconds, s.seconds,
                        false);
                    r.counters = g.server.counters().toString();
                    closeAll(ch);
                }
                if (s.alternateDriver != null)
                {
                    try (Gateway g = new Gateway(network, networkDir, work.resolve("journal-peak-alt" + tag), s,
                        s.alternateDriver))
                    {
                        final SocketChannel[] ch = connectAll(g.port, s.peakConnections, true);
                        r.altPeak = LoadClient.Run.merge(r.altPeak, LoadClient.closedLoop(ch, peakFrames, s.window,
                            s.peakWarmupSeconds, s.seconds, false));
                        closeAll(ch);
                    }
                }
            }
            r.perRound.add(new double[] { us(gatewayRtt, 50), us(echoRtt, 50), us(gatewayLoad, 99.9),
                us(echoLoad, 99.9), gatewayPeak.perSecond(), echoPeak.perSecond(), us(platformLoad, 99.9) });
            r.echoRtt = LoadClient.Run.merge(r.echoRtt, echoRtt);
            r.gatewayRtt = LoadClient.Run.merge(r.gatewayRtt, gatewayRtt);
            r.echoLoad = LoadClient.Run.merge(r.echoLoad, echoLoad);
            r.gatewayLoad = LoadClient.Run.merge(r.gatewayLoad, gatewayLoad);
            r.platformLoad = LoadClient.Run.merge(r.platformLoad, platformLoad);
            r.echoPeak = LoadClient.Run.merge(r.echoPeak, echoPeak);
            r.gatewayPeak = LoadClient.Run.merge(r.gatewayPeak, gatewayPeak);
        }
        if (s.workDir == null)
        {
            deleteTree(work);
        }
        return r;
    }

    private void quiet(final Result r)
    {
        System.gc(); // garbage of the last phase is not collected during the next one's measurement
        r.busyBefore.add(settings.quietWaitMs > 0 ?
            io.omniroute.bench.report.MachineInfo.awaitQuiet(settings.quietBusyPercent, settings.quietWaitMs,
                progress) : io.omniroute.bench.report.MachineInfo.cpuBusyPercent(500));
    }

    private LoadClient.Run echoOpenLoop(final OrderFrames frames, final int warm, final int count, final long rate,
        final int connections) throws Exception
    {
        try (BusyPollEchoServer echo = new BusyPollEchoServer())
        {
            final SocketChannel[] ch = connectAll(echo.port(), connections, false);
            LoadClient.openLoop(ch, frames, 0, warm, rate, false);
            final LoadClient.Run run = LoadClient.openLoop(ch, frames, warm, count - warm, rate, false);
            closeAll(ch);
            return run;
        }
    }

    private LoadClient.Run gatewayOpenLoop(final Network network, final Path networkDir, final Path journal,
        final OrderFrames frames, final int warm, final int count, final long rate, final int connections,
        final Result r, final String driver) throws Exception
    {
        try (Gateway g = new Gateway(network, networkDir, journal, settings, driver))
        {
            if (driver.equals(settings.driver))
            {
                r.serverDescription = g.server.describe();
            }
            final SocketChannel[] ch = connectAll(g.port, connections, true);
            LoadClient.openLoop(ch, frames, 0, warm, rate, true); // warm-up, then a fresh schedule is measured
            final LoadClient.Run run = LoadClient.openLoop(ch, frames, warm, count - warm, rate, true);
            closeAll(ch);
            return run;
        }
    }

    static SocketChannel[] connectAll(final int port, final int n, final boolean logon) throws Exception
    {
        final SocketChannel[] channels = new SocketChannel[n];
        for (int i = 0; i < n; i++)
        {
            channels[i] = LoadClient.connect(port, logon);
        }
        return channels;
    }

    private static void closeAll(final SocketChannel[] channels)
    {
        for (final SocketChannel c : channels)
        {
            try
            {
                c.close();
            }
            catch (final java.io.IOException ignored)
            {
                // closing anyway
            }
        }
    }

    private static void deleteTree(final Path dir) throws java.io.IOException
    {
        try (var walk = Files.walk(dir))
        {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    // ------------------------------------------------------------------------------------------------- reporting

    /**
     * Prints the three comparisons as tables.
     */
    public void print(final Result r)
    {
        final Settings s = settings;
        log.printf(Locale.ROOT, "gateway: %s%n", r.serverDescription);
        log.printf(Locale.ROOT, "load generator: 1 busy-polling thread; %d bytes per frame on average, %.0f %% orders%n",
            r.framesAverageBytes, 100 * r.orderShare);
        header(String.format(Locale.ROOT, "round trip, 1 connection, open loop at %,d/s for %.0f s", s.rttRate,
            s.seconds));
        row("raw busy-poll TCP echo", r.echoRtt);
        row("gateway (command → result)", r.gatewayRtt);
        alternateRow(r.altRtt);
        log.printf(Locale.ROOT, "gateway/echo p50 %.1fx; gateway p50 %.1f µs (target ≤ %.0f µs)%n",
            ratio(r.gatewayRtt, r.echoRtt, 50), us(r.gatewayRtt, 50), TARGET_RTT_P50_US);
        if (s.alternateDriver != null)
        {
            log.printf(Locale.ROOT, "%s driver: gateway/echo p50 %.1fx; gateway p50 %.1f µs%n", s.alternateDriver,
                ratio(r.altRtt, r.echoRtt, 50), us(r.altRtt, 50));
        }
        header(String.format(Locale.ROOT, "open loop at %,d/s over %d connection(s) for %.0f s", s.loadRate,
            s.loadConnections, s.seconds));
        row("platform floor (no I/O)", r.platformLoad);
        row("raw busy-poll TCP echo", r.echoLoad);
        row("gateway (command → result)", r.gatewayLoad);
        alternateRow(r.altLoad);
        log.printf(Locale.ROOT, "gateway/echo p99.9 %.1fx; gateway p99.9 %.1f µs (target ≤ %.0f µs); the platform " +
            "floor's p99.9 %.1f µs%n", ratio(r.gatewayLoad, r.echoLoad, 99.9), us(r.gatewayLoad, 99.9),
            TARGET_LOAD_P99_9_US, us(r.platformLoad, 99.9));
        log.printf(Locale.ROOT, "%npeak with %d connections × %d in flight, %.0f s: gateway %,.0f commands/s, raw " +
            "echo %,.0f messages/s (gateway/echo %.3f)%n", s.peakConnections, s.window, s.seconds,
            r.gatewayPeak.perSecond(), r.echoPeak.perSecond(), r.gatewayPeak.perSecond() / r.echoPeak.perSecond());
        if (s.alternateDriver != null)
        {
            log.printf(Locale.ROOT, "%s driver peak: %,.0f commands/s%n", s.alternateDriver, r.altPeak.perSecond());
        }
        log.println("gateway counters (last peak): " + r.counters);
        for (int i = 0; i < r.perRound.size(); i++)
        {
            final double[] v = r.perRound.get(i);
            log.printf(Locale.ROOT, "round %d: rtt p50 gateway %.1f / echo %.1f µs; load p99.9 gateway %.1f / echo " +
                "%.1f / platform %.1f µs; peak gateway %,.0f / echo %,.0f per s%n", i + 1, v[0], v[1], v[2], v[3], v[6],
                v[4], v[5]);
        }
        log.println("cores busy with other work before each phase (%): " + r.busyBefore);
    }

    /** The alternate driver's row of a comparison, when there is one. */
    private void alternateRow(final LoadClient.Run run)
    {
        if (settings.alternateDriver != null)
        {
            row("gateway, " + settings.alternateDriver + " driver", run);
        }
    }

    private void header(final String title)
    {
        log.printf(Locale.ROOT, "%n%s (µs, coordinated omission corrected)%n%-28s %9s %9s %9s %9s %9s %12s%n", title, "",
            "p50", "p90", "p99", "p99.9", "max", "achieved/s");
    }

    private void row(final String name, final LoadClient.Run run)
    {
        final Histogram h = run.latencyNs;
        log.printf(Locale.ROOT, "%-28s %9.1f %9.1f %9.1f %9.1f %9.1f %,12.0f%n", name,
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, run.perSecond());
    }

    static double us(final LoadClient.Run run, final double percentile)
    {
        return run.latencyNs.getValueAtPercentile(percentile) / 1e3;
    }

    static double ratio(final LoadClient.Run a, final LoadClient.Run b, final double percentile)
    {
        return (double)a.latencyNs.getValueAtPercentile(percentile) /
            Math.max(1, b.latencyNs.getValueAtPercentile(percentile));
    }

    /**
     * summary.json's {@code tcp_gateway}: the three figures with their targets, ratios to the echo, how they were
     * measured, and every run in the flash-sale runs' fields.
     */
    public ObjectNode toJson(final Result r)
    {
        final Settings s = settings;
        final JsonNodeFactory f = JsonNodeFactory.instance;
        final ObjectNode t = f.objectNode();
        t.put("status", "measured");
        t.put("description", "OmniRoute's order gateway over TCP on 127.0.0.1, as omniroute serve runs it (" +
            s.ioThread() + ", " + s.driver + " driver, async journal, engine thread idle " + s.engineIdle +
            "), each figure beside a raw busy-poll TCP echo (non-blocking NIO, one spinning thread) measured in the " +
            "same run with the same frames. Open-loop latency runs from each command's intended send time " +
            "(coordinated omission corrected, HdrHistogram).");
        t.put("engine_idle", s.engineIdle).put("io_thread", s.ioThread()).put("driver", s.driver)
            .put("durability", "async")
            .put("load_generator", "one busy-polling thread (it yields when a pass over its sockets finds " +
                "nothing to send or read), non-blocking sockets, " +
                "pre-encoded SBE frames (" + r.framesAverageBytes + " bytes on average, " +
                Math.round(100 * r.orderShare) + " % orders, the rest the demo day's cancels, receipts and new days)")
            .put("latency_method", "open loop: command k is due at start + k / rate and its latency is measured " +
                "from then to when its result was read (coordinated omission corrected); HdrHistogram, 3 " +
                "significant digits; " + s.seconds + " s measured after " + s.warmupSeconds + " s of warm-up")
            .put("server", r.serverDescription).put("counters_peak", r.counters).put("rounds", s.rounds)
            .put("rounds_method", "each comparison ran " + s.rounds + " time(s), echo then gateway, a fresh gateway " +
                "and journal each time; the figures merge the rounds' histograms");
        final ArrayNode busy = t.putArray("cpu_busy_pct_before");
        r.busyBefore.forEach(b -> busy.add(Math.round(b * 10) / 10.0));
        final ArrayNode rounds = t.putArray("per_round");
        for (final double[] v : r.perRound)
        {
            rounds.addObject().put("rtt_gateway_p50_us", v[0]).put("rtt_echo_p50_us", v[1])
                .put("load_gateway_p99_9_us", v[2]).put("load_echo_p99_9_us", v[3])
                .put("load_platform_p99_9_us", v[6])
                .put("peak_gateway_per_s", v[4]).put("peak_echo_per_s", v[5]);
        }

        final ObjectNode rtt = t.putObject("round_trip_one_client");
        rtt.put("connections", 1).put("offered_per_s", s.rttRate)
            .put("gateway_p50_us", us(r.gatewayRtt, 50)).put("echo_p50_us", us(r.echoRtt, 50))
            .put("gateway_p99_us", us(r.gatewayRtt, 99)).put("echo_p99_us", us(r.echoRtt, 99))
            .put("ratio_p50", ratio(r.gatewayRtt, r.echoRtt, 50))
            .put("target_p50_us", TARGET_RTT_P50_US).put("target_met", us(r.gatewayRtt, 50) <= TARGET_RTT_P50_US);
        final ObjectNode load = t.putObject("open_loop");
        load.put("connections", s.loadConnections).put("offered_per_s", s.loadRate)
            .put("achieved_per_s", r.gatewayLoad.perSecond()).put("kept_up", keptUp(r.gatewayLoad, s.loadRate))
            .put("gateway_p50_us", us(r.gatewayLoad, 50)).put("echo_p50_us", us(r.echoLoad, 50))
            .put("gateway_p99_9_us", us(r.gatewayLoad, 99.9)).put("echo_p99_9_us", us(r.echoLoad, 99.9))
            .put("ratio_p99_9", ratio(r.gatewayLoad, r.echoLoad, 99.9))
            .put("platform_p50_us", us(r.platformLoad, 50)).put("platform_p99_us", us(r.platformLoad, 99))
            .put("platform_p99_9_us", us(r.platformLoad, 99.9))
            .put("platform_max_us", r.platformLoad.latencyNs.getMaxValue() / 1e3)
            .put("platform_method", "one thread that only reads the clock serves a request due every 1/rate s the " +
                "moment it next runs, measured for as long as each round's open loop, just before it: the stalls " +
                "every thread of this machine suffers (preemption, interrupts, the hypervisor), a floor under " +
                "every percentile the echo and the gateway can show")
            .put("target_p99_9_us", TARGET_LOAD_P99_9_US)
            .put("target_met", us(r.gatewayLoad, 99.9) <= TARGET_LOAD_P99_9_US);
        final ObjectNode peak = t.putObject("peak");
        peak.put("connections", s.peakConnections).put("window", s.window)
            .put("gateway_orders_per_s", r.gatewayPeak.perSecond()).put("echo_messages_per_s", r.echoPeak.perSecond())
            .put("ratio", r.gatewayPeak.perSecond() / r.echoPeak.perSecond())
            .put("gateway_rejected", r.gatewayPeak.rejected).put("gateway_errors", r.gatewayPeak.errors);

        if (s.alternateDriver != null)
        {
            final ObjectNode alt = t.putObject("alternate_driver");
            alt.put("driver", s.alternateDriver)
                .put("io_thread", "Netty epoll I/O thread, " + (s.alternateIoBusySpin ? "busy-polling" :
                    "blocking in epoll_wait"))
                .put("description", "inline".equals(s.alternateDriver) ? "the I/O thread applies each command " +
                    "itself and ends the batch once per event-loop pass: no ring, no thread hand-off, no wake-up; " +
                    "one core carries I/O and engine" : s.alternateDriver + " engine driver")
                .put("rtt_p50_us", us(r.altRtt, 50)).put("rtt_p99_us", us(r.altRtt, 99))
                .put("rtt_ratio_p50", ratio(r.altRtt, r.echoRtt, 50))
                .put("rtt_target_met", r.altRtt.completed > 0 && us(r.altRtt, 50) <= TARGET_RTT_P50_US)
                .put("load_p99_9_us", us(r.altLoad, 99.9)).put("load_p50_us", us(r.altLoad, 50))
                .put("load_achieved_per_s", r.altLoad.perSecond()).put("load_kept_up", keptUp(r.altLoad, s.loadRate))
                .put("load_target_met", r.altLoad.completed > 0 && us(r.altLoad, 99.9) <= TARGET_LOAD_P99_9_US)
                .put("peak_orders_per_s", r.altPeak.perSecond());
        }
        final ArrayNode runs = t.putArray("runs");
        runs.add(run("raw busy-poll TCP echo", "open", s.rttRate, 1, 1, "busy-spin (echo thread)", r.echoRtt));
        runs.add(run("OmniRoute gateway", "open", s.rttRate, 1, 1, s.engineIdle, r.gatewayRtt));
        runs.add(run("raw busy-poll TCP echo", "open", s.loadRate, s.loadConnections, 1, "busy-spin (echo thread)",
            r.echoLoad));
        runs.add(run("OmniRoute gateway", "open", s.loadRate, s.loadConnections, 1, s.engineIdle, r.gatewayLoad));
        runs.add(run("raw busy-poll TCP echo", "max", 0, s.peakConnections, s.window, "busy-spin (echo thread)",
            r.echoPeak));
        runs.add(run("OmniRoute gateway", "max", 0, s.peakConnections, s.window, s.engineIdle, r.gatewayPeak));
        if (s.alternateDriver != null)
        {
            final String name = "OmniRoute gateway, " + s.alternateDriver + " driver";
            final String idle = "inline".equals(s.alternateDriver) ? "none (no engine thread)" : s.engineIdle;
            runs.add(run(name, "open", s.rttRate, 1, 1, idle, r.altRtt));
            runs.add(run(name, "open", s.loadRate, s.loadConnections, 1, idle, r.altLoad));
            runs.add(run(name, "max", 0, s.peakConnections, s.window, idle, r.altPeak));
        }
        return t;
    }

    static boolean keptUp(final LoadClient.Run run, final long rate)
    {
        return run.perSecond() >= 0.97 * rate;
    }

    private static ObjectNode run(final String system, final String mode, final long offered, final int connections,
        final int window, final String idle, final LoadClient.Run r)
    {
        final ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("system", system).put("mode", mode).put("offered_per_s", offered).put("clients", connections)
            .put("connections", connections).put("window", window).put("idle_strategy", idle)
            .put("completed", r.completed).put("rejected", r.rejected).put("errors", r.errors)
            .put("seconds", r.elapsedNs / 1e9).put("throughput_per_s", r.perSecond())
            .put("kept_up", !"open".equals(mode) || keptUp(r, offered));
        if ("open".equals(mode))
        {
            final Histogram h = r.latencyNs;
            n.putObject("latency_us").put("count", h.getTotalCount()).put("mean", h.getMean() / 1e3)
                .put("p50", h.getValueAtPercentile(50) / 1e3).put("p90", h.getValueAtPercentile(90) / 1e3)
                .put("p99", h.getValueAtPercentile(99) / 1e3).put("p99_9", h.getValueAtPercentile(99.9) / 1e3)
                .put("p99_99", h.getValueAtPercentile(99.99) / 1e3).put("max", h.getMaxValue() / 1e3);
            final ArrayNode curve = n.putArray("percentile_curve_us");
            for (final double pct : new double[] { 0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100 })
            {
                curve.addArray().add(pct).add(h.getValueAtPercentile(pct) / 1e3);
            }
        }
        return n;
    }

    /** The gateway as serve runs it, on a free port of 127.0.0.1, with a fresh journal. */
    static final class Gateway implements AutoCloseable
    {
        final GatewayServer server;
        final int port;

        Gateway(final Network network, final Path networkDir, final Path journal, final Settings s,
            final String kind) throws Exception
        {
            final EngineDriver driver = "local".equals(kind) || "inline".equals(kind) ?
                new LocalEngineDriver(new LocalEngineDriver.Context().network(network, networkDir)
                    .journal(journal, Durability.ASYNC).idleStrategy(s.engineIdle).inline("inline".equals(kind))) :
                new PipelineEngineDriver(new Context().network(network, networkDir).journalDir(journal)
                    .durability(Durability.ASYNC).idleStrategy(s.engineIdle).snapshotInterval(0)
                    .snapshotOnClose(false).warnings(w -> { }).conclude());
            final boolean busySpin = kind.equals(s.driver) ? s.ioBusySpin : s.alternateIoBusySpin;
            server = new GatewayServer(new GatewayConfig().port(0).ioBusySpin(busySpin)
                .defaultRatePerSecond(100_000_000), driver, null);
            port = server.start();
        }

        @Override
        public void close()
        {
            server.close();
        }
    }
}
