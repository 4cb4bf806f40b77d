package io.omniroute.bench.gateway;

import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.gateway.demo.DemoGenerator;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.server.EngineDriver;
import io.omniroute.gateway.server.GatewayConfig;
import io.omniroute.gateway.server.GatewayServer;
import io.omniroute.gateway.server.LocalEngineDriver;
import io.omniroute.gateway.server.PipelineEngineDriver;
import io.omniroute.journal.Durability;
import org.HdrHistogram.Histogram;

import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Load generator for the order gateway over loopback, each figure beside a raw busy-poll TCP echo measured in the
 * same run:
 * <ol>
 * <li>round trip, one connection, open loop at {@code --rate} orders/s (coordinated omission corrected): p50, p99,
 * p99.9, max — the echo server at the same rate and frame sizes first;</li>
 * <li>peak orders/s with {@code --connections} connections, each keeping {@code --window} orders in flight — and
 * the echo's messages/s the same way.</li>
 * </ol>
 * The gateway runs in this process as {@code serve} runs it: Netty on one I/O thread, the Disruptor pipeline and a
 * journal (async) in a temporary directory, a fresh engine per phase. The load generator is one busy-polling thread.
 * <pre>
 * java &lt;jvm flags&gt; -cp bench/target/benchmarks.jar io.omniroute.bench.gateway.GatewayLoadGenerator \
 *     [--seconds 5] [--rate 100000] [--connections 64] [--window 32] [--engine-idle backoff] [--driver pipeline]
 *     [--io-busy-spin]
 * </pre>
 */
public final class GatewayLoadGenerator
{
    private GatewayLoadGenerator()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        int seconds = 5;
        long rate = 100_000;
        int connections = 64;
        int window = 32;
        String engineIdle = "backoff";
        String driverKind = "pipeline";
        boolean ioBusySpin = false;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                case "--rate": rate = Long.parseLong(args[++i]); break;
                case "--connections": connections = Integer.parseInt(args[++i]); break;
                case "--window": window = Integer.parseInt(args[++i]); break;
                case "--engine-idle": engineIdle = args[++i]; break;
                case "--driver": driverKind = args[++i]; break;
                case "--io-busy-spin": ioBusySpin = true; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Path dir = Files.createTempDirectory("omniroute-gateway-bench");
        System.out.printf("generating the demo day in %s …%n", dir);
        new DemoGenerator(42, 200_000, 300).writeTo(dir);
        final Path networkDir = dir.resolve("network");
        final Network network = NetworkLoader.load(networkDir);
        final List<String> lines = Files.readAllLines(dir.resolve("commands.jsonl"));
        final int warmup = (int)Math.min(rate * 2, 200_000);
        final int openCount = warmup + (int)(rate * seconds);
        final OrderFrames open = new OrderFrames(network, lines, openCount, "ol-");
        final int peakCount = 2_000_000;
        final OrderFrames peak = new OrderFrames(network, lines, peakCount, "pk-");
        System.out.printf("%,d commands pre-encoded (%.0f%% orders, the rest the demo day's cancels, receipts and new " +
            "days; %d bytes per frame on average); %d cores; engine idle %s, I/O thread %s, %s driver%n", openCount,
            100.0 * open.orders / openCount, open.bytes.length / openCount,
            Runtime.getRuntime().availableProcessors(), engineIdle, ioBusySpin ? "busy-spin" : "blocking epoll",
            driverKind);

        // let the JIT compile what building the frames made hot, so compiler threads do not share the 2 cores
        System.gc();
        Thread.sleep(3_000);

        // 1. round trip, one connection, open loop
        final LoadClient.Run echoRtt;
        try (BusyPollEchoServer echo = new BusyPollEchoServer())
        {
            final SocketChannel ch = LoadClient.connect(echo.port(), false);
            LoadClient.openLoop(ch, open, 0, warmup, rate, false);
            echoRtt = LoadClient.openLoop(ch, open, warmup, openCount - warmup, rate, false);
        }
        final LoadClient.Run gatewayRtt;
        try (Bench server = new Bench(network, networkDir, dir.resolve("journal-1"), engineIdle, driverKind,
            ioBusySpin))
        {
            final SocketChannel ch = LoadClient.connect(server.port, true);
            LoadClient.openLoop(ch, open, 0, warmup, rate, true); // warm-up, then a fresh schedule is measured
            gatewayRtt = LoadClient.openLoop(ch, open, warmup, openCount - warmup, rate, true);
        }
        System.out.printf("%nround trip over loopback, 1 connection, open loop at %,d commands/s for %d s " +
            "(microseconds, coordinated omission corrected)%n", rate, seconds);
        System.out.printf("%-26s %9s %9s %9s %9s %9s %12s%n", "", "p50", "p90", "p99", "p99.9", "max", "achieved/s");
        print("raw busy-poll TCP echo", echoRtt);
        print("gateway (command → result)", gatewayRtt);
        System.out.printf("gateway/echo p50 %.1fx, p99.9 %.1fx; %,d of %,d commands rejected by the engine, %d " +
            "gateway errors%n", ratio(gatewayRtt, echoRtt, 50), ratio(gatewayRtt, echoRtt, 99.9), gatewayRtt.rejected,
            gatewayRtt.completed, gatewayRtt.errors);

        // 2. peak with N connections
        final LoadClient.Run echoPeak;
        try (BusyPollEchoServer echo = new BusyPollEchoServer())
        {
            echoPeak = LoadClient.closedLoop(connectAll(echo.port(), connections, false), peak, window, seconds, true);
        }
        final LoadClient.Run gatewayPeak;
        try (Bench server = new Bench(network, networkDir, dir.resolve("journal-2"), engineIdle, driverKind,
            ioBusySpin))
        {
            gatewayPeak = LoadClient.closedLoop(connectAll(server.port, connections, true), peak, window, seconds,
                false);
            System.out.printf("%npeak with %d connections × %d in flight, %d s: gateway %,.0f commands/s, raw echo " +
                "%,.0f messages/s (gateway/echo %.2f)%n", connections, window, seconds, gatewayPeak.perSecond(),
                echoPeak.perSecond(), gatewayPeak.perSecond() / echoPeak.perSecond());
            System.out.println("gateway counters: " + server.server.counters());
        }
    }

    private static SocketChannel[] connectAll(final int port, final int n, final boolean logon) throws Exception
    {
        final SocketChannel[] channels = new SocketChannel[n];
        for (int i = 0; i < n; i++)
        {
            channels[i] = LoadClient.connect(port, logon);
        }
        return channels;
    }

    private static double ratio(final LoadClient.Run a, final LoadClient.Run b, final double percentile)
    {
        return (double)a.latencyNs.getValueAtPercentile(percentile) / b.latencyNs.getValueAtPercentile(percentile);
    }

    private static void print(final String name, final LoadClient.Run run)
    {
        final Histogram h = run.latencyNs;
        System.out.printf(Locale.ROOT, "%-26s %9.1f %9.1f %9.1f %9.1f %9.1f %,12.0f%n", name,
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, run.perSecond());
    }

    /** The gateway as serve runs it, on a free port, with a fresh journal. */
    private static final class Bench implements AutoCloseable
    {
        final GatewayServer server;
        final int port;

        Bench(final Network network, final Path networkDir, final Path journal, final String idle, final String kind,
            final boolean ioBusySpin) throws Exception
        {
            final EngineDriver driver = "local".equals(kind) ?
                new LocalEngineDriver(new LocalEngineDriver.Context().network(network, networkDir)
                    .journal(journal, Durability.ASYNC).idleStrategy(idle)) :
                new PipelineEngineDriver(new Context().network(network, networkDir).journalDir(journal)
                    .durability(Durability.ASYNC).idleStrategy(idle).snapshotInterval(0).snapshotOnClose(false)
                    .conclude());
            server = new GatewayServer(new GatewayConfig().port(0).ioBusySpin(ioBusySpin)
                .defaultRatePerSecond(10_000_000), driver, System.err);
            port = server.start();
        }

        @Override
        public void close()
        {
            server.close();
        }
    }
}
