package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.journal.CommandCodec;
import org.agrona.ExpandableArrayBuffer;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checkout on the engine thread: a quote (every service) for the 1–3-line carts of the demo stream, next to routing
 * the same carts as STANDARD orders' decision alone (the baseline: one service, no pricing). Commands are decoded
 * up front, as the engine thread decodes them from the ring (the network's own name instances), so this measures
 * the engine, not JSON, with the channel, ZIP and SKU names looked up as the pipeline's publisher looks them up on
 * its own thread ({@code Command.resolveNames}). Quotes change nothing, so the state stays the same: the network as
 * loaded, or half a demo day later ({@link #state}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckoutBenchmark extends ChronicleFork
{
    private DemoFixture fixture;
    private Engine engine;
    private Command[] quotes;
    private Command[] standardOnly;
    private final Decision decision = new Decision();
    private int mask;
    private int i;
    /**
     * Distinct carts cycled through (a power of two, at most 4096, the default). Fewer carts keep their commands and
     * the branches they take warm: {@code -p carts=1} is one quote over and over, the floor of the engine's own work.
     */
    @Param({"4096"})
    public int carts;
    /**
     * The state quoted against: {@code fresh}, the demo network as loaded (every DC full), or {@code midday}, after
     * the first half of the demo day's commands (orders, cancels, receipts) were applied: stock scattered and partly
     * gone, capacity partly used, so more carts need a split or are out of stock for a service, as a storefront sees
     * during the day (docs/MEASUREMENTS.md, session 16).
     */
    @Param({"fresh", "midday"})
    public String state;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        fixture = new DemoFixture(20_000);
        final Network network = fixture.network;
        engine = new Engine(network);
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        if ("midday".equals(state))
        {
            final String[] day = new String(fixture.commands, java.nio.charset.StandardCharsets.UTF_8).split("\n");
            final Command c = new Command();
            final Decision d = new Decision();
            for (int k = 0; k < day.length / 2; k++)
            {
                if (!day[k].isBlank())
                {
                    engine.apply(decoder.decode(day[k], c.reset()), d);
                }
            }
        }
        else if (!"fresh".equals(state))
        {
            throw new IllegalArgumentException("state must be fresh or midday: " + state);
        }
        // the engine thread gets its commands from the ring through the journal's codec, whose decoder hands out the
        // network's own name instances (hash cached, equal by identity); a command straight from Jackson would have
        // the engine hash and compare fresh strings, which it never does in the pipeline
        final CommandCodec ring = new CommandCodec();
        ring.pinNames(network);
        final ExpandableArrayBuffer slot = new ExpandableArrayBuffer(1 << 16);
        final List<Command> q = new ArrayList<>();
        final List<Command> s = new ArrayList<>();
        for (int k = 0; k < fixture.skus.size() && q.size() < 4096; k++)
        {
            final int[] skus = fixture.skus.get(k);
            if (skus.length > 3)
            {
                continue;
            }
            final StringBuilder lines = new StringBuilder();
            for (int j = 0; j < skus.length; j++)
            {
                lines.append(j == 0 ? "" : ",").append("{\"sku\":\"").append(network.sku(skus[j]))
                    .append("\",\"qty\":").append(fixture.qtys.get(k)[j]).append(",\"unit_price_cents\":1999}");
            }
            final String zip = network.zip(fixture.zips.get(k));
            q.add(throughRing(ring, slot, decoder.decode("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"" + zip +
                "\",\"lines\":[" + lines + "]}", new Command())));
            s.add(throughRing(ring, slot, decoder.decode("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"" + zip +
                "\",\"services\":[\"STANDARD\"],\"lines\":[" + lines + "]}", new Command())));
        }
        if (carts < 1 || Integer.bitCount(carts) != 1)
        {
            throw new IllegalArgumentException("carts must be a power of two: " + carts);
        }
        final int n = Math.min(carts, Integer.highestOneBit(q.size()));
        quotes = q.subList(0, n).toArray(new Command[0]);
        standardOnly = s.subList(0, n).toArray(new Command[0]);
        mask = n - 1;
        for (final Command c : quotes)
        {
            if (c.type != CommandType.QUOTE || c.invalidMessage != null)
            {
                throw new IllegalStateException("bad fixture quote: " + c.invalidMessage);
            }
        }
    }

    /**
     * @return the command as the engine thread decodes it from a ring slot.
     */
    private Command throughRing(final CommandCodec codec, final ExpandableArrayBuffer slot, final Command c)
    {
        final int length = codec.encode(c, slot, 0);
        final Command decoded = codec.decode(slot, 0, length, new Command());
        // as the pipeline's publisher does after decoding a slot: channel, ZIP and SKUs looked up on its thread
        decoded.resolveNames(fixture.network);
        return decoded;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        fixture.deleteFiles();
    }

    @Benchmark
    public Decision quoteAllServices()
    {
        return engine.apply(quotes[i++ & mask], decision);
    }

    @Benchmark
    public Decision baselineQuoteStandardOnly()
    {
        return engine.apply(standardOnly[i++ & mask], decision);
    }
}
