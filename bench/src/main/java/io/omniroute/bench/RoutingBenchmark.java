package io.omniroute.bench;

import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.Router;
import io.omniroute.engine.Service;
import io.omniroute.engine.StockStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The routing decision alone (no reservation) on the demo network: orders of the demo stream (1–3 lines, some more)
 * and synthetic 8-line orders, against a baseline that only finds the first location stocking every line (the
 * cheapest possible "routing": no zones, rates or costs). Single thread; the JMH harness thread does not spin.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingBenchmark extends ChronicleFork
{
    @Param({ "demo", "eight" })
    public String orders;

    private DemoFixture fixture;
    private Router router;
    private StockStore stock;
    private Network network;
    private final Decision decision = new Decision();
    private int[][] skus;
    private long[][] qtys;
    private int[] zips;
    private int[] channels;
    private Service[] services;
    private int mask;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        fixture = new DemoFixture(20_000);
        final int from;
        if ("eight".equals(orders))
        {
            from = fixture.skus.size();
            fixture.addEightLineOrders(4096, 7);
        }
        else
        {
            from = 0;
        }
        final int n = Integer.highestOneBit(fixture.skus.size() - from);
        skus = new int[n][];
        qtys = new long[n][];
        zips = new int[n];
        channels = new int[n];
        services = new Service[n];
        for (int k = 0; k < n; k++)
        {
            skus[k] = fixture.skus.get(from + k);
            qtys[k] = fixture.qtys.get(from + k);
            zips[k] = fixture.zips.get(from + k);
            channels[k] = fixture.channels.get(from + k);
            services[k] = fixture.services.get(from + k);
        }
        mask = n - 1;
        final Engine engine = new Engine(fixture.network);
        router = engine.router();
        stock = engine.stock();
        network = fixture.network;
        // warm the ZIP zone cache so the benchmark measures the steady state
        for (int k = 0; k < n; k++)
        {
            router.destinationZip(zips[k]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        fixture.deleteFiles();
    }

    @Benchmark
    public boolean route()
    {
        final int k = i++ & mask;
        return DemoFixture.route(router, decision, channels[k], services[k], skus[k], qtys[k], zips[k]);
    }

    @Benchmark
    public int baselineFirstStockedLocation()
    {
        final int k = i++ & mask;
        return DemoFixture.firstStockedLocation(stock, network.locationCount(), skus[k], qtys[k]);
    }
}
