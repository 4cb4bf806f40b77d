package io.omniroute.bench.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.gateway.demo.DemoGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line of the TCP gateway's load generator ({@link GatewaySuite}): round trip of one client, open loop at a
 * fixed rate, peak with many connections, each beside a raw busy-poll TCP echo measured in the same run.
 * <pre>
 * java &lt;jvm flags&gt; -cp bench/target/benchmarks.jar io.omniroute.bench.gateway.GatewayLoadGenerator \
 *     [--seconds 5] [--rtt-rate 10000] [--rate 100000] [--load-connections 1] [--connections 64] [--window 32]
 *     [--engine-idle backoff] [--driver pipeline|local|inline] [--alternate-driver inline] [--alternate-io-busy-spin] [--io-busy-spin] [--demo-orders 40000] [--json FILE]
 *     [--rounds 1] [--quiet-wait SECONDS] [--phases rtt,load,peak]
 *     [--jit-warmup SECONDS]
 * </pre>
 * {@code bench/run} runs the same suite and puts its figures in {@code bench-report/summary.json}.
 */
public final class GatewayLoadGenerator
{
    private GatewayLoadGenerator()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final GatewaySuite.Settings s = new GatewaySuite.Settings();
        int demoOrders = 40_000;
        Path json = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--seconds": s.seconds = Double.parseDouble(args[++i]); break;
                case "--rtt-rate": s.rttRate = Long.parseLong(args[++i]); break;
                case "--rate": s.loadRate = Long.parseLong(args[++i]); break;
                case "--load-connections": s.loadConnections = Integer.parseInt(args[++i]); break;
                case "--connections": s.peakConnections = Integer.parseInt(args[++i]); break;
                case "--window": s.window = Integer.parseInt(args[++i]); break;
                case "--engine-idle": s.engineIdle = args[++i]; break;
                case "--driver": s.driver = args[++i]; break;
                case "--alternate-driver": s.alternateDriver = args[++i]; break;
                case "--alternate-io-busy-spin": s.alternateIoBusySpin = true; break;
                case "--io-busy-spin": s.ioBusySpin = true; break;
                case "--demo-orders": demoOrders = Integer.parseInt(args[++i]); break;
                case "--json": json = Path.of(args[++i]); break;
                case "--rounds": s.rounds = Integer.parseInt(args[++i]); break;
                case "--jit-warmup": s.jitWarmupSeconds = Double.parseDouble(args[++i]); break;
                case "--phases":
                    final String phases = args[++i];
                    s.rtt = phases.contains("rtt");
                    s.load = phases.contains("load");
                    s.peak = phases.contains("peak");
                    break;
                case "--quiet-wait": s.quietWaitMs = 1000L * Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Path dir = Files.createTempDirectory("omniroute-gateway-bench");
        System.out.printf("generating the demo day (%,d orders) in %s …%n", demoOrders, dir);
        new DemoGenerator(42, demoOrders, 300).writeTo(dir);
        final Path networkDir = dir.resolve("network");
        final Network network = NetworkLoader.load(networkDir);
        final List<String> lines = Files.readAllLines(dir.resolve("commands.jsonl"));
        final GatewaySuite suite = new GatewaySuite(s, System.out,
            new io.omniroute.bench.report.Progress(System.err, 1));
        final GatewaySuite.Result r = suite.run(network, networkDir, lines);
        suite.print(r);
        if (json != null)
        {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), suite.toJson(r));
            System.out.println("wrote " + json);
        }
        try (var walk = Files.walk(dir))
        {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
