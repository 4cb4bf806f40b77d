package io.omniroute.bench.report;

import java.nio.file.Path;

/**
 * Settings of a benchmark run, quick or full: defaults from system properties ({@code omniroute.bench.*}), command
 * line flags on top, checked and completed by {@link #conclude()}.
 */
public final class BenchConfig
{
    public boolean quick = Boolean.getBoolean("omniroute.bench.quick");
    public Path outDir = Path.of(System.getProperty("omniroute.bench.out", "bench-report"));
    public Path workDir;
    public long seed = Long.getLong("omniroute.bench.seed", 42);
    public int clients = Integer.getInteger("omniroute.bench.clients", 8);
    /** busy-spin, yielding, backoff or sleeping: the engine and load threads of the in-process flash sale. */
    public String idleStrategy = System.getProperty("omniroute.bench.idle", "busy-spin");
    public String pgSynchronousCommit = System.getProperty("omniroute.bench.pg.synchronousCommit", "off");
    public boolean peers = !Boolean.getBoolean("omniroute.bench.noPeers");
    public boolean jmh = !Boolean.getBoolean("omniroute.bench.noJmh");
    public boolean quality = !Boolean.getBoolean("omniroute.bench.noQuality");
    public boolean flash = !Boolean.getBoolean("omniroute.bench.noFlash");
    public boolean recovery = !Boolean.getBoolean("omniroute.bench.noRecovery");
    public boolean gateway = !Boolean.getBoolean("omniroute.bench.noGateway");
    /** Engine thread's idle strategy in the TCP gateway runs (serve's default: backoff, woken on publish). */
    public String gatewayIdle = System.getProperty("omniroute.bench.gatewayIdle", "backoff");
    /** The jar JMH forks run from (the shaded benchmarks.jar). */
    public Path benchmarksJar = Path.of(System.getProperty("omniroute.bench.jar", "bench/target/benchmarks.jar"));

    public boolean help;
    public boolean onlyGateway;

    public static final String USAGE = "usage: bench/run [--quick] [--out DIR] [--clients N] " +
        "[--idle busy-spin|yielding|backoff|sleeping] [--no-peers] [--no-jmh] [--no-quality] [--no-flash] " +
        "[--no-recovery]\n" +
        "       [--no-gateway] [--only-gateway] [--gateway-idle S]\n" +
        "  --quick      a shorter run (under 5 minutes; the full run takes under 30)\n" +
        "  --out DIR    where index.html and summary.json go (default bench-report)\n" +
        "  --clients N  flash-sale clients (default 8)\n" +
        "  --idle S     idle strategy of the in-process engine and load threads (default busy-spin)\n" +
        "  --no-…       leave out the peers, the JMH suite, routing quality, the flash sale, the recovery run\n" +
        "               (a journal of 10 M entries, 500 K in --quick, written under /tmp and deleted after) or the\n" +
        "               TCP gateway\n" +
        "  --only-gateway  only the TCP gateway (round trip, 100K/s open loop, 64-connection peak, each beside a\n" +
        "               busy-poll echo); the other sections of summary.json are kept from the last run\n" +
        "  --gateway-idle S  engine thread's idle strategy in the gateway runs (default backoff, woken on publish)";

    // filled by conclude()
    public int demoOrders;
    public int qualityDemoOrders;
    public int hotSkus;
    public long flashMaxSeconds;
    public long flashOpenSeconds;
    public int flashWarmupOrders;
    public int omniRouteMaxOrders;
    public int peerMaxOrders;
    public int maxOrdersPerRun;
    public long lpTimeLimitMillis;
    public int jmhWarmupIterations;
    public int jmhIterations;
    public int jmhSeconds;
    /** Journal entries of the recovery run (issue 4: 10 M; scaled down in --quick). */
    public long recoveryEvents = Long.getLong("omniroute.bench.recoveryEvents", 0);
    public int recoveryRepeats;
    public double gatewaySeconds;
    public int gatewayDemoOrders = 200_000;
    public int gatewayRounds;

    public BenchConfig parse(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out":
                    outDir = Path.of(args[++i]);
                    break;
                case "--clients":
                    clients = Integer.parseInt(args[++i]);
                    break;
                case "--idle":
                    idleStrategy = args[++i];
                    break;
                case "--no-peers":
                    peers = false;
                    break;
                case "--no-jmh":
                    jmh = false;
                    break;
                case "--no-quality":
                    quality = false;
                    break;
                case "--no-flash":
                    flash = false;
                    break;
                case "--no-recovery":
                    recovery = false;
                    break;
                case "--no-gateway":
                    gateway = false;
                    break;
                case "--only-gateway":
                    onlyGateway = true;
                    break;
                case "--gateway-idle":
                    gatewayIdle = args[++i];
                    break;
                case "--jar":
                    benchmarksJar = Path.of(args[++i]);
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return this;
    }

    public BenchConfig conclude()
    {
        if (clients < 1 || clients > 64)
        {
            throw new IllegalArgumentException("--clients must be 1..64: " + clients);
        }
        if (!java.util.List.of("busy-spin", "yielding", "backoff", "sleeping").contains(idleStrategy))
        {
            throw new IllegalArgumentException("--idle must be busy-spin, yielding, backoff or sleeping");
        }
        if (!java.util.List.of("busy-spin", "yielding", "backoff", "sleeping").contains(gatewayIdle))
        {
            throw new IllegalArgumentException("--gateway-idle must be busy-spin, yielding, backoff or sleeping");
        }
        if (onlyGateway)
        {
            if (!gateway)
            {
                throw new IllegalArgumentException("--only-gateway and --no-gateway contradict each other");
            }
            flash = false;
            quality = false;
            jmh = false;
            recovery = false;
            peers = false;
        }
        if (workDir == null)
        {
            workDir = outDir.resolve("work");
        }
        demoOrders = 40_000;
        hotSkus = 5;
        if (quick)
        {
            qualityDemoOrders = 40_000;
            flashMaxSeconds = 4;
            flashOpenSeconds = 4;
            flashWarmupOrders = 300_000;
            omniRouteMaxOrders = 2_000_000;
            peerMaxOrders = 400_000;
            maxOrdersPerRun = 2_000_000;
            lpTimeLimitMillis = 60_000;
            jmhWarmupIterations = 1;
            jmhIterations = 1;
            jmhSeconds = 1;
            recoveryEvents = recoveryEvents > 0 ? recoveryEvents : 500_000;
            recoveryRepeats = 1;
            gatewaySeconds = 2;
            // one round of the gateway's three comparisons (each beside the echo): two rounds took the quick run
            // past its five minutes once the replay benchmark's journal grew to 100 K orders (the full run has 3)
            gatewayRounds = 1;
        }
        else
        {
            qualityDemoOrders = 100_000;
            flashMaxSeconds = 15;
            flashOpenSeconds = 20;
            flashWarmupOrders = 1_000_000;
            omniRouteMaxOrders = 6_000_000;
            peerMaxOrders = 3_000_000;
            maxOrdersPerRun = 5_000_000;
            lpTimeLimitMillis = 300_000;
            jmhWarmupIterations = 3;
            jmhIterations = 5;
            jmhSeconds = 2;
            recoveryEvents = recoveryEvents > 0 ? recoveryEvents : 10_000_000;
            recoveryRepeats = 2;
            gatewaySeconds = 5;
            gatewayRounds = 3;
        }
        return this;
    }
}
