package io.omniroute.bench;

import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
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

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decision latency by line count and network size: the routing decision alone (no reservation, so the state stays
 * the same) for STANDARD orders of exactly {@link #lines} distinct stocked SKUs from population-weighted demo ZIPs,
 * on the demo network (30 locations) or the demo plus 120 ship-from-store stores (150). Baseline in the same fork:
 * finding the first location that stocks every line (no zones, rates or costs). Single thread, no spinning.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecisionBenchmark extends ChronicleFork
{
    private static final int ORDERS = 4096;

    @Param({ "1", "2", "4", "8" })
    public int lines;

    @Param({ "30", "150" })
    public int locations;

    private DemoFixture fixture;
    private Router router;
    private StockStore stock;
    private Network network;
    private final Decision decision = new Decision();
    private final int[][] skus = new int[ORDERS][];
    private final long[][] qtys = new long[ORDERS][];
    private final int[] zips = new int[ORDERS];
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        fixture = new DemoFixture(20_000);
        network = locations <= 30 ? fixture.network :
            NetworkLoader.load(NetworkScaler.addStores(fixture.dir, fixture.dir.resolve("scaled"), locations - 30, 7));
        final Engine engine = new Engine(network);
        router = engine.router();
        stock = engine.stock();
        final SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < ORDERS; k++)
        {
            final int[] s = new int[lines];
            final long[] q = new long[lines];
            int n = 0;
            while (n < lines)
            {
                final int sku = rnd.nextInt(network.skuCount());
                boolean dup = false;
                for (int j = 0; j < n; j++)
                {
                    dup |= s[j] == sku;
                }
                if (!dup)
                {
                    s[n] = sku;
                    q[n++] = 1;
                }
            }
            DemoFixture.sortBySku(s, q, lines);
            skus[k] = s;
            qtys[k] = q;
            zips[k] = network.zipIndex(fixture.network.zip(fixture.zips.get(rnd.nextInt(fixture.zips.size()))));
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
        final int k = i++ & (ORDERS - 1);
        return DemoFixture.route(router, decision, Network.MISSING, Service.STANDARD, skus[k], qtys[k], zips[k]);
    }

    @Benchmark
    public int baselineFirstStockedLocation()
    {
        final int k = i++ & (ORDERS - 1);
        return DemoFixture.firstStockedLocation(stock, network.locationCount(), skus[k], qtys[k]);
    }
}
