package io.omniroute.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.sim.Simulator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of SPEC §5 (issue 8) on the real engine, after a random prefix of a {@link RandomStreams.Mix#FULL}
 * stream (so stock, capacity, holds and backorders are in some random state):
 * <ul>
 * <li>a quote's option for a service is exactly what an order of that service placed right after it allocates: the
 * same plan and cost (and a REJECTED option is the same reject); the quote itself changes no stock or capacity;</li>
 * <li>a hold's reservation and capacity come back exactly when the clock passes its expiry (not at the expiry), and
 * the reservation (without the capacity) after a new day;</li>
 * <li>the same stream with expiries gives byte-identical results on two engines and the same state hash.</li>
 * </ul>
 * Each failure names the seed; replay it with {@code -Djqwik.seed} or run the same seed through
 * {@link ReferenceFullStreamTest#oneSeed}.
 */
class ReferenceCheckoutPropertiesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A network, an engine with a reference beside it, a stream, and the commands applied so far. */
    private static final class Run
    {
        final long seed;
        final Path dir;
        final Network net;
        final Simulator sim;
        final ReferenceRouter ref;
        final RandomStreams stream;
        final StringBuilder history = new StringBuilder();
        int index;

        Run(final long seed) throws IOException, io.omniroute.engine.NetworkException
        {
            this.seed = seed;
            this.dir = Files.createTempDirectory("omniroute-checkout-");
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir.resolve("net"),
                RandomNetworks.Config.CHECKOUT);
            this.net = NetworkLoader.load(spec.dir());
            this.sim = new Simulator(new Engine(net));
            this.ref = ReferenceRouter.load(spec.dir());
            // no customer ids: the per-customer limits are the business of ReferenceFullStreamTest, and these
            // properties should fail only for what they are about
            this.stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL).withCustomers(false);
        }

        /** Applies n stream commands to the engine and the reference; they must agree. */
        void prefix(final int n)
        {
            for (int i = 0; i < n; i++)
            {
                apply(stream.next(ref));
            }
        }

        /** Applies one command to both; returns the engine's result (the reference must agree). */
        JsonNode apply(final String command)
        {
            history.append('#').append(index).append(' ').append(command).append('\n');
            final String actual = sim.apply(command);
            final JsonNode expected = ref.apply(command);
            assertTrue(JsonValues.sameResult(expected, JsonValues.parse(actual)), context("command #" + index + " "
                + command + "\n expected " + expected + "\n actual   " + actual));
            index++;
            return JsonValues.parse(actual);
        }

        String context(final String what)
        {
            return "seed " + seed + ": " + what + "\ncommands so far:\n" + history;
        }

        long clock()
        {
            return ref.clock() == null ? RandomStreams.FIRST_TS : ref.clock();
        }

        /** A new engine with this one's state (the engine's own snapshot and restore). */
        Simulator fork()
        {
            try
            {
                return new Simulator(EngineSnapshot.read(net,
                    new ByteArrayInputStream(EngineSnapshot.toBytes(sim.engine()))));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        long[] reserved()
        {
            final long[] out = new long[net.skuCount() * net.locationCount()];
            for (int i = 0; i < net.skuCount(); i++)
            {
                for (int j = 0; j < net.locationCount(); j++)
                {
                    out[i * net.locationCount() + j] = sim.engine().stock().reserved(i, j);
                }
            }
            return out;
        }

        long[] onHand()
        {
            final long[] out = new long[net.skuCount() * net.locationCount()];
            for (int i = 0; i < net.skuCount(); i++)
            {
                for (int j = 0; j < net.locationCount(); j++)
                {
                    out[i * net.locationCount() + j] = sim.engine().stock().onHand(i, j);
                }
            }
            return out;
        }

        long[] used()
        {
            final long[] out = new long[net.locationCount()];
            for (int j = 0; j < net.locationCount(); j++)
            {
                out[j] = sim.engine().capacity().used(j);
            }
            return out;
        }

        void delete()
        {
            try (var paths = Files.walk(dir))
            {
                for (final Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
                {
                    Files.delete(p);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** SPEC §5 / issue 8: a quote's option for a service is what an order of that service allocates right after. */
    @Property(tries = 250)
    void aQuoteOptionIsWhatAnOrderRightAfterItAllocates(
        @ForAll @LongRange(min = 0, max = 1L << 40) final long seed) throws Exception
    {
        final Run run = new Run(seed);
        try
        {
            final Random rnd = new Random(seed);
            run.prefix(rnd.nextInt(60));
            final ObjectNode order = run.stream.randomOrder("quoted-1", 1, 4);
            order.remove("max_transit_days");
            order.put("ship_complete", false);
            final ObjectNode quote = JSON.createObjectNode();
            quote.put("type", "quote");
            for (final String f : List.of("channel", "zip", "lat", "lon", "lines"))
            {
                if (order.has(f))
                {
                    quote.set(f, order.get(f).deepCopy());
                }
            }
            for (final JsonNode l : quote.get("lines"))
            {
                ((ObjectNode)l).put("unit_price_cents", 100 * rnd.nextInt(30));
            }
            final long[] reserved = run.reserved();
            final long[] onHand = run.onHand();
            final long[] used = run.used();
            final JsonNode q = run.apply(quote.toString());
            assertArrayEquals(reserved, run.reserved(), run.context("a quote changed reserved stock"));
            assertArrayEquals(onHand, run.onHand(), run.context("a quote changed on hand"));
            assertArrayEquals(used, run.used(), run.context("a quote changed capacity"));
            if (!"OK".equals(q.path("status").asText()))
            {
                Statistics.label("quote").collect(q.path("reason").asText());
                return;
            }
            for (final JsonNode option : q.get("options"))
            {
                final String service = option.get("service").asText();
                order.put("service", service);
                // the order on a copy of the engine, so each service is tried from the same state
                final Simulator fork = run.fork();
                final JsonNode placed = JsonValues.parse(fork.apply(order.toString()));
                final String what = "quote " + q + "\n order " + order + "\n allocated " + placed;
                if ("OK".equals(option.get("status").asText()))
                {
                    Statistics.label("option").collect("OK");
                    assertEquals("ALLOCATED", placed.path("status").asText(), run.context(what));
                    assertEquals(option.get("cost_cents").asLong(), placed.get("total_cost_cents").asLong(),
                        run.context(what));
                    assertTrue(JsonValues.same(option.get("shipments"), placed.get("shipments")), run.context(what));
                    int slowest = 0;
                    for (final JsonNode s : placed.get("shipments"))
                    {
                        slowest = Math.max(slowest, s.get("transit_days").asInt());
                    }
                    assertEquals(slowest, option.get("transit_days").asInt(), run.context(what));
                }
                else
                {
                    Statistics.label("option").collect("REJECTED " + option.get("reason").asText());
                    assertEquals("REJECTED", placed.path("status").asText(), run.context(what));
                    assertEquals(option.get("reason").asText(), placed.path("reason").asText(), run.context(what));
                }
            }
        }
        finally
        {
            run.delete();
        }
    }

    /**
     * SPEC §5: a hold reserves like an order; at exactly its expiry it still holds; the first command whose ts
     * passes it gives the reservation back exactly, and the capacity too on the day it was made.
     */
    @Property(tries = 250)
    void anExpiredHoldGivesBackExactlyWhatItTook(@ForAll @LongRange(min = 0, max = 1L << 40) final long seed)
        throws Exception
    {
        final Run run = new Run(seed);
        try
        {
            final Random rnd = new Random(seed);
            run.prefix(rnd.nextInt(60));
            // let every earlier hold expire first, so only ours can end
            run.apply("{\"type\":\"kpi\",\"ts\":" + (run.clock() + 100_000_000L) + "}");
            final long[] reserved = run.reserved();
            final long[] used = run.used();
            final ObjectNode hold = run.stream.randomOrder("x", 1, 4);
            hold.remove("order_id");
            hold.put("type", "hold");
            hold.put("hold_id", "prop-hold");
            hold.put("hold_seconds", 1 + rnd.nextInt(100));
            hold.put("ship_complete", false);
            hold.remove("max_transit_days");
            if (rnd.nextInt(10) < 7)
            {
                hold.put("service", "STANDARD");            // most likely to find a plan
            }
            final long madeAt = run.clock() + rnd.nextInt(1000);
            hold.put("ts", madeAt);
            final JsonNode held = run.apply(hold.toString());
            if (!"HELD".equals(held.path("status").asText()))
            {
                Statistics.label("hold").collect("REJECTED " + held.path("reason").asText());
                return;
            }
            final boolean newDay = rnd.nextInt(3) == 0;
            Statistics.label("hold").collect(newDay ? "HELD, then a new day" : "HELD");
            final long expires = held.get("expires_ts").asLong();
            assertEquals(madeAt + hold.get("hold_seconds").asLong() * 1000, expires, run.context("expires_ts"));
            final long[] withHold = run.reserved();
            final long[] usedWithHold = run.used();
            long took = 0;
            for (int i = 0; i < withHold.length; i++)
            {
                assertTrue(withHold[i] >= reserved[i], run.context("a hold lowered a reservation"));
                took += withHold[i] - reserved[i];
            }
            long units = 0;
            for (final JsonNode s : held.get("shipments"))
            {
                for (final JsonNode l : s.get("lines"))
                {
                    units += l.get("qty").asLong();
                }
            }
            assertEquals(units, took, run.context("the hold reserved what its plan ships"));
            if (newDay)
            {
                run.apply("{\"type\":\"new_day\"}");
            }
            // at exactly expires_ts the hold still holds
            run.apply("{\"type\":\"status\",\"order_id\":\"prop-none\",\"ts\":" + expires + "}");
            assertArrayEquals(withHold, run.reserved(), run.context("the hold ended at its expiry, not after it"));
            // one millisecond later it is gone, before the command is handled
            run.apply("{\"type\":\"status\",\"order_id\":\"prop-none\",\"ts\":" + (expires + 1) + "}");
            assertArrayEquals(reserved, run.reserved(), run.context("reserved after expiry"));
            if (newDay)
            {
                assertTrue(Arrays.stream(run.used()).allMatch(u -> u == 0),
                    run.context("capacity of the day before given back to the new day"));
            }
            else
            {
                assertArrayEquals(used, run.used(), run.context("capacity after expiry"));
                assertTrue(!Arrays.equals(used, usedWithHold), run.context("the hold used no capacity"));
            }
            assertEquals("HOLD_EXPIRED",
                run.apply("{\"type\":\"release\",\"hold_id\":\"prop-hold\"}").path("reason").asText());
        }
        finally
        {
            run.delete();
        }
    }

    /** SPEC §2, §5: the same stream with holds and expiries gives the same bytes and the same state hash. */
    @Property(tries = 60)
    void theSameStreamGivesTheSameBytesAndStateHash(@ForAll @LongRange(min = 0, max = 1L << 40) final long seed)
        throws Exception
    {
        final Run run = new Run(seed);
        try
        {
            final List<String> commands = new ArrayList<>();
            final StringBuilder first = new StringBuilder();
            for (int i = 0; i < 150; i++)
            {
                final String c = run.stream.next(run.ref);
                commands.add(c);
                first.append(run.sim.apply(c)).append('\n');
                run.ref.apply(c);
            }
            final Simulator second = new Simulator(new Engine(NetworkLoader.load(run.dir.resolve("net"))));
            final StringBuilder again = new StringBuilder();
            for (final String c : commands)
            {
                again.append(second.apply(c)).append('\n');
            }
            assertEquals(first.toString(), again.toString(), "seed " + seed);
            assertEquals(EngineSnapshot.stateHash(run.sim.engine()), EngineSnapshot.stateHash(second.engine()),
                "seed " + seed);
            assertArrayEquals(EngineSnapshot.toBytes(run.sim.engine()), EngineSnapshot.toBytes(second.engine()),
                "seed " + seed);
            Statistics.label("holds expired").collect(run.sim.engine().kpis().holdsExpired > 0 ? "some" : "none");
        }
        finally
        {
            run.delete();
        }
    }
}
