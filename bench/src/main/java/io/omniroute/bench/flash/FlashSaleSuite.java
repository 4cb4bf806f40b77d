package io.omniroute.bench.flash;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.bench.peers.LocalPostgres;
import io.omniroute.bench.peers.LocalRedis;
import io.omniroute.bench.peers.PeerStore;
import io.omniroute.bench.peers.PostgresPeer;
import io.omniroute.bench.peers.RedisPeer;
import io.omniroute.bench.report.BenchConfig;
import io.omniroute.bench.report.MachineInfo;
import io.omniroute.bench.report.Progress;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The flash-sale comparison: OmniRoute in process, Redis + Lua and PostgreSQL row locking, on the same workload,
 * machine and run. For each system: a warm-up, the most it takes (closed loop), then open-loop runs at a rate every
 * system sustains (half the slowest peer's maximum: latency side by side at the same load) and at half its own
 * maximum. Every run is audited for oversell. Writes the "flash_sale" section of summary.json.
 */
public final class FlashSaleSuite
{
    public static final double REDIS_TARGET = 20;
    public static final double POSTGRES_TARGET = 200;

    private final BenchConfig config;
    private final Path demoDir;
    private final Progress progress;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final List<RunResult> runs = new ArrayList<>();
    private int workloads;

    public FlashSaleSuite(final BenchConfig config, final Path demoDir, final Progress progress)
    {
        this.config = config;
        this.demoDir = demoDir;
        this.progress = progress;
    }

    /**
     * A fresh workload for the next run, and a full collection after building it: the last run's workload (a million
     * orders' ids and lines) and this one's building are the harness's garbage, and collected during the next run they
     * would stop its clients (and OmniRoute's engine thread, which shares this JVM) for tens of milliseconds, which
     * the open-loop latency charges to every order due meanwhile. Every system gets the same (a peer's measured runs
     * collect again after its stock is loaded).
     */
    private FlashSaleWorkload workload(final int orders) throws Exception
    {
        final FlashSaleWorkload w = FlashSaleWorkload.create(demoDir, config.workDir.resolve("flash-" + workloads++),
            orders, config.seed, config.hotSkus);
        System.gc();
        return w;
    }

    private static long seconds(final long seconds)
    {
        return seconds * 1_000_000_000L;
    }

    public ObjectNode run() throws Exception
    {
        final ObjectNode out = json.objectNode();
        final ObjectNode systems = out.putObject("systems");

        // OmniRoute
        out.put("cpu_busy_pct_before_max_runs", MachineInfo.awaitQuiet(25, config.quick ? 20_000 : 60_000,
            progress));
        progress.step("OmniRoute in process: warm-up (on this thread, then on the engine thread)");
        final String idle = config.idleStrategy;
        final FlashSaleWorkload warm = workload(config.flashWarmupOrders);
        OmniRouteFlashSale.warmUp(warm, config.flashWarmupOrders);
        final RunResult omniWarm = OmniRouteFlashSale.run(warm, 0, config.flashWarmupOrders, seconds(10),
            config.clients, IdleStrategies.named(idle), idle);
        final int omniOrders = sized(omniWarm, config.omniRouteMaxOrders);
        progress.step(String.format("OmniRoute in process: maximum throughput (closed loop, %,d orders, %d s max)",
            omniOrders, config.flashMaxSeconds));
        final RunResult omniMax = OmniRouteFlashSale.run(workload(omniOrders), 0, omniOrders,
            seconds(config.flashMaxSeconds), config.clients, IdleStrategies.named(idle), idle);
        keep(omniMax);
        systems.putObject("omniroute").put("name", omniMax.system).put("available", true)
            .put("description", "Engine.apply on one engine thread fed by an Agrona one-to-one ring buffer from one " +
                "load thread standing for " + config.clients + " clients, each order's names looked up as the " +
                "pipeline's publisher hands them over; no journal, no network; idle strategy " + idle +
                " on both threads");

        // peers
        final List<PeerRun> peers = new ArrayList<>();
        if (config.peers)
        {
            peers.add(new PeerRun("redis", () -> LocalRedis.unavailableReason()));
            peers.add(new PeerRun("postgres", () -> LocalPostgres.unavailableReason()));
        }
        for (final PeerRun p : peers)
        {
            final ObjectNode node = systems.putObject(p.key);
            final String why = p.unavailable.get();
            if (why != null)
            {
                node.put("available", false).put("reason", why);
                progress.step(p.key + ": skipped, " + why);
                continue;
            }
            try
            {
                p.start();
                node.put("name", p.store.name()).put("available", true);
                progress.step(p.store.name() + ": warm-up");
                final FlashSaleWorkload warmPeer = workload(config.peerMaxOrders);
                p.store.load(warmPeer);
                final RunResult peerWarm = PeerFlashSale.run(p.store, warmPeer, 0, config.peerMaxOrders, seconds(2),
                    config.clients);
                final int orders = sized(peerWarm, config.peerMaxOrders);
                progress.step(String.format("%s: maximum throughput (closed loop, %d clients, %,d orders, %d s max)",
                    p.store.name(), config.clients, orders, config.flashMaxSeconds));
                final FlashSaleWorkload w = workload(orders);
                p.store.load(w);
                System.gc();   // the load's garbage too (see workload)
                p.max = PeerFlashSale.run(p.store, w, 0, orders, seconds(config.flashMaxSeconds), config.clients);
                keep(p.max);
                node.put("description", p.store.describe());
            }
            catch (final Exception ex)
            {
                node.put("available", false).put("reason", "failed: " + ex);
                progress.step(p.key + ": failed, " + ex);
                p.stop();
            }
        }

        // open loop: a common rate, then half of each system's own maximum
        double slowest = omniMax.throughputPerSecond();
        for (final PeerRun p : peers)
        {
            if (p.max != null)
            {
                slowest = Math.min(slowest, p.max.throughputPerSecond());
            }
        }
        final double common = Math.max(100, Math.floor(slowest / 2 / 100) * 100);
        out.put("common_rate_per_s", common);
        for (final PeerRun p : peers)
        {
            if (p.max == null)
            {
                continue;
            }
            try
            {
                p.common = openPeer(p, common);
                final double half = Math.floor(p.max.throughputPerSecond() / 2 / 100) * 100;
                if (Math.abs(half - common) > common * 0.05)
                {
                    openPeer(p, half);
                }
            }
            catch (final Exception ex)
            {
                progress.step(p.key + ": open-loop run failed, " + ex);
            }
            finally
            {
                p.stop();
            }
        }
        // OmniRoute's latency last, with the peers' servers gone: their background work (a checkpoint, autovacuum)
        // would otherwise take the cores from the two spinning threads
        out.put("cpu_busy_pct_before_omniroute_open_loop", MachineInfo.awaitQuiet(25, config.quick ? 30_000 : 90_000,
            progress));
        final RunResult omniCommon = openOmniRoute(common);
        final double omniHalf = Math.floor(omniMax.throughputPerSecond() / 2 / 1000) * 1000;
        openOmniRoute(omniHalf);

        // figures
        final ArrayNode runsNode = out.putArray("runs");
        long oversold = 0;
        long inconsistent = 0;
        for (final RunResult r : runs)
        {
            runsNode.add(runNode(r));
            oversold += r.oversold.size();
            inconsistent += r.inconsistent.size();
        }
        out.put("oversold_positions", oversold);
        out.put("inconsistent_positions", inconsistent);
        final ArrayNode ratios = out.putArray("ratios");
        for (final PeerRun p : peers)
        {
            if (p.max == null)
            {
                continue;
            }
            final ObjectNode r = ratios.addObject();
            final double target = "redis".equals(p.key) ? REDIS_TARGET : POSTGRES_TARGET;
            final double tp = omniMax.throughputPerSecond() / p.max.throughputPerSecond();
            r.put("peer", p.max.system).put("throughput_ratio", tp).put("throughput_target", target)
                .put("throughput_target_met", tp >= target);
            if (p.common != null)
            {
                r.put("common_rate_per_s", common);
                for (final double pct : new double[] { 50, 99, 99.9 })
                {
                    final double peerUs = p.common.latencyNs.getValueAtPercentile(pct) / 1e3;
                    final double omniUs = Math.max(0.001, omniCommon.latencyNs.getValueAtPercentile(pct) / 1e3);
                    r.put("latency_ratio_p" + key(pct), peerUs / omniUs);
                }
            }
        }
        final FlashSaleWorkload sample = workload(1000);
        out.putObject("workload")
            .put("locations", sample.network.locationCount())
            .put("skus", sample.network.skuCount())
            .put("hot_skus", sample.hotSkus.length)
            .put("hot_share_of_lines", FlashSaleWorkload.HOT_SHARE)
            .put("hot_stock_cover", FlashSaleWorkload.HOT_COVER)
            .put("tail_stock_cover", FlashSaleWorkload.TAIL_COVER)
            .put("clients", config.clients)
            .put("description", "STANDARD web orders of 1–3 lines (70/20/10 %), qty 1 (10 % qty 2), to ZIPs drawn " +
                "like the demo's (by city population, real US ZIP centroids); " + (int)(FlashSaleWorkload.HOT_SHARE *
                100) + " % of lines on " + sample.hotSkus.length + " hot SKUs stocked at " +
                (int)(FlashSaleWorkload.HOT_COVER * 100) + " % of their demand (they sell out about halfway), the " +
                "rest on a Zipf long tail stocked deep; each run's stock sized to its length; capacity unlimited " +
                "and safety stock 0 for every system (the peers model neither)");
        return out;
    }

    /**
     * @return the orders a max run should take: what the warm-up rate gets through in the run's time, so the run ends
     * about when its time does and its hot SKUs sell out halfway (stock is sized to the workload).
     */
    private int sized(final RunResult warmUp, final int cap)
    {
        final double estimate = 1.3 * warmUp.throughputPerSecond() * config.flashMaxSeconds;
        return (int)Math.max(10_000, Math.min(cap, estimate));
    }

    private static String key(final double pct)
    {
        return pct == Math.rint(pct) ? Integer.toString((int)pct) : Double.toString(pct).replace('.', '_');
    }

    private RunResult openOmniRoute(final double rate) throws Exception
    {
        final int orders = (int)Math.min(config.maxOrdersPerRun, rate * config.flashOpenSeconds);
        progress.step(String.format("OmniRoute in process: open loop at %,.0f orders/s (%,d orders)", rate, orders));
        final RunResult r = OmniRouteFlashSale.run(workload(orders), rate, orders,
            seconds(config.flashOpenSeconds + 5), config.clients, IdleStrategies.named(config.idleStrategy),
            config.idleStrategy);
        keep(r);
        return r;
    }

    private RunResult openPeer(final PeerRun p, final double rate) throws Exception
    {
        final int orders = (int)Math.min(config.maxOrdersPerRun, rate * config.flashOpenSeconds);
        progress.step(String.format("%s: open loop at %,.0f orders/s (%,d orders)", p.store.name(), rate, orders));
        final FlashSaleWorkload w = workload(orders);
        p.store.load(w);
        System.gc();   // the load's garbage too (see workload)
        final RunResult r = PeerFlashSale.run(p.store, w, rate, orders, seconds(config.flashOpenSeconds + 5),
            config.clients);
        keep(r);
        return r;
    }

    private void keep(final RunResult r)
    {
        runs.add(r);
        progress.step(r.toString());
        if (!r.oversold.isEmpty() || !r.inconsistent.isEmpty())
        {
            progress.step("  OVERSOLD/INCONSISTENT: " + r.oversold.size() + "/" + r.inconsistent.size() + " e.g. " +
                (r.oversold.isEmpty() ? r.inconsistent.get(0) : r.oversold.get(0)));
        }
    }

    private ObjectNode runNode(final RunResult r)
    {
        final ObjectNode n = json.objectNode();
        n.put("system", r.system).put("mode", r.mode).put("offered_per_s", r.offeredPerSecond)
            .put("clients", r.clients).put("idle_strategy", r.idleStrategy).put("completed", r.completed)
            .put("allocated", r.allocated).put("rejected", r.rejected).put("errors", r.errors)
            .put("seconds", r.elapsedNs / 1e9).put("throughput_per_s", r.throughputPerSecond())
            .put("units_allocated", r.unitsAllocated).put("kept_up", r.keptUp)
            .put("oversold_positions", r.oversold.size()).put("inconsistent_positions", r.inconsistent.size());
        if (!r.oversold.isEmpty())
        {
            n.put("oversold_example", r.oversold.get(0));
        }
        if (!r.inconsistent.isEmpty())
        {
            n.put("inconsistent_example", r.inconsistent.get(0));
        }
        n.set("latency_us", latency(r.latencyNs));
        if (r.sendLatenessNs.getTotalCount() > 0)
        {
            n.set("load_thread_lateness_us", latency(r.sendLatenessNs));
        }
        final ArrayNode curve = n.putArray("percentile_curve_us");
        for (final double pct : new double[] { 0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100 })
        {
            curve.addArray().add(pct).add(r.latencyNs.getValueAtPercentile(pct) / 1e3);
        }
        return n;
    }

    static ObjectNode latency(final Histogram h)
    {
        final ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("count", h.getTotalCount()).put("mean", h.getMean() / 1e3)
            .put("p50", h.getValueAtPercentile(50) / 1e3).put("p90", h.getValueAtPercentile(90) / 1e3)
            .put("p99", h.getValueAtPercentile(99) / 1e3).put("p99_9", h.getValueAtPercentile(99.9) / 1e3)
            .put("p99_99", h.getValueAtPercentile(99.99) / 1e3).put("max", h.getMaxValue() / 1e3);
        return n;
    }

    /** A peer's server, store and measured runs. */
    private final class PeerRun
    {
        final String key;
        final java.util.function.Supplier<String> unavailable;
        AutoCloseable server;
        PeerStore store;
        RunResult max;
        RunResult common;

        PeerRun(final String key, final java.util.function.Supplier<String> unavailable)
        {
            this.key = key;
            this.unavailable = unavailable;
        }

        private Thread stopOnExit;

        void start() throws Exception
        {
            progress.step(key + ": starting a local server on 127.0.0.1");
            stopOnExit = new Thread(this::stop, "stop-" + key);
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            if ("redis".equals(key))
            {
                final LocalRedis redis = LocalRedis.start(LocalRedis.DEFAULT_PORT);
                server = redis;
                store = new RedisPeer("127.0.0.1", redis.port());
            }
            else
            {
                final LocalPostgres pg = LocalPostgres.start(LocalPostgres.DEFAULT_PORT, config.pgSynchronousCommit);
                server = pg;
                store = new PostgresPeer("127.0.0.1", pg.port(), LocalPostgres.DATABASE, LocalPostgres.USER);
            }
        }

        synchronized void stop()
        {
            if (stopOnExit != null && Thread.currentThread() != stopOnExit)
            {
                try
                {
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                }
                catch (final IllegalStateException shuttingDown)
                {
                    // the hook is running or about to: it stops the server
                }
                stopOnExit = null;
            }
            if (server != null)
            {
                try
                {
                    server.close();
                }
                catch (final Exception ex)
                {
                    progress.step(key + ": stop failed, " + ex);
                }
                server = null;
                progress.step(key + ": stopped");
            }
        }
    }
}
