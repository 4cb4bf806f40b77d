package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.json.CommandJsonDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cycle count at the busiest DC after a peak day (the demo stream applied: every order still open, nothing
 * shipped, the worst case for a count). Each op counts one SKU one unit below what is reserved there, so the newest
 * reservation of that SKU there is taken back and routed again; then the unit is received back and a new one-unit
 * order placed at the DC's door takes a reservation there again, so the state keeps its shape op after op. The
 * baseline is the same receipt and order with the count at what is on hand (no shortage: nothing to look at or
 * route again), so the difference is what a count below reserved costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LifecycleBenchmark extends ChronicleFork
{
    private Engine engine;
    private Network network;
    private int location;
    private int[] skus;
    private Command[] counts;
    private Command[] receipts;
    private Command order;
    private final Decision decision = new Decision();
    private int i;
    private long placed;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        final DemoFixture fixture = new DemoFixture(Integer.getInteger("omniroute.bench.pipelineOrders", 100_000));
        network = fixture.network;
        engine = new Engine(network);
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        for (final String line : new String(fixture.commands, StandardCharsets.UTF_8).split("\n"))
        {
            final Command c = new Command();
            decoder.decode(line, c);
            if (!"new_day".equals(c.typeName))
            {
                engine.apply(c, decision);
            }
        }
        location = 0;
        for (int loc = 1; loc < network.locationCount(); loc++)
        {
            if (engine.kpis().shipmentsByLocation[loc] > engine.kpis().shipmentsByLocation[location])
            {
                location = loc;
            }
        }
        final List<Integer> found = new ArrayList<>();
        for (int sku = 0; sku < network.skuCount(); sku++)
        {
            if (engine.stock().reserved(sku, location) >= 2 &&
                engine.stock().onHand(sku, location) >= engine.stock().reserved(sku, location))
            {
                found.add(sku);
            }
        }
        if (found.isEmpty())
        {
            throw new IllegalStateException("no SKU with reservations at " + network.locationId(location));
        }
        skus = found.stream().mapToInt(Integer::intValue).toArray();
        counts = new Command[skus.length];
        receipts = new Command[skus.length];
        for (int k = 0; k < skus.length; k++)
        {
            final String where = "\"sku\":\"" + network.sku(skus[k]) + "\",\"location_id\":\"" +
                network.locationId(location) + "\"";
            counts[k] = new Command();
            decoder.decode("{\"type\":\"stock\"," + where + ",\"on_hand\":0}", counts[k]);
            receipts[k] = new Command();
            decoder.decode("{\"type\":\"receive\"," + where + ",\"qty\":1}", receipts[k]);
        }
        order = new Command();
        decoder.decode("{\"type\":\"order\",\"order_id\":\"bench-0\",\"channel\":\"web\"," +
            "\"service\":\"STANDARD\",\"lat\":" + network.latitude(location) + ",\"lon\":" +
            network.longitude(location) + ",\"lines\":[{\"sku\":\"" + network.sku(skus[0]) + "\",\"qty\":1}]}",
            order);
    }

    private long countThenRefill(final boolean belowReserved)
    {
        i = i + 1 == skus.length ? 0 : i + 1;
        final int sku = skus[i];
        final Command count = counts[i];
        final long reserved = engine.stock().reserved(sku, location);
        count.onHand = belowReserved && reserved >= 1 ? reserved - 1 : engine.stock().onHand(sku, location);
        engine.apply(count, decision);
        engine.apply(receipts[i], decision);
        order.orderId = "bench-" + ++placed;
        order.lineSku[0] = network.sku(sku);
        return engine.apply(order, decision).seq;
    }

    /** A count one unit below reserved (the newest reservation routed again), the unit received, one new order. */
    @Benchmark
    public long countBelowReserved()
    {
        return countThenRefill(true);
    }

    /** Baseline: the same receipt and order, the count at what is on hand (no shortage). */
    @Benchmark
    public long baselineCountAtOnHand()
    {
        return countThenRefill(false);
    }
}
