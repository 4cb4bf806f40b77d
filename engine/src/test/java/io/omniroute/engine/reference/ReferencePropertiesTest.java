package io.omniroute.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.sim.Simulator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.LongRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the real engine checked with the reference's help, on seeded random networks.
 */
class ReferencePropertiesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Networks with enough SKUs for orders beyond the exact limit of 8 distinct lines. */
    private static final RandomNetworks.Config WIDE = new RandomNetworks.Config(2, 6, 9, 16, true, 900);

    /**
     * SPEC §2: the decision is never more expensive than any single-location plan, also for orders of more than 8
     * distinct lines where a heuristic is allowed; when a single-location plan exists the order is allocated. Where
     * brute force is affordable (≤ 8 lines) the result must be the reference's exactly.
     */
    @Property(tries = 300)
    void neverWorseThanTheBestSingleLocationPlan(@ForAll @LongRange(min = 0, max = 1L << 40) final long seed)
        throws Exception
    {
        final Path dir = Files.createTempDirectory("omniroute-ref-");
        try
        {
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir.resolve("net"), WIDE);
            final Network net = NetworkLoader.load(spec.dir());
            final Simulator sim = new Simulator(new Engine(net));
            final ReferenceRouter ref = ReferenceRouter.load(spec.dir());
            final String command = wideOrder(spec, new Random(seed));
            final ReferenceRouter.Order order = ref.resolveOrder(command);
            final JsonNode actual = JsonValues.parse(sim.apply(command));
            if (order == null)
            {
                Statistics.label("outcome").collect("unknown SKU/ZIP");
                return;
            }
            final ReferenceRouter.Plan single = ref.bestSingleLocationPlan(order);
            final String context = "seed " + seed + "\n command " + command + "\n engine " + actual;
            Statistics.label("outcome").collect(actual.path("status").asText() + " " + actual.path("reason").asText("")
                + (single != null ? " (single-location plan exists)" : ""));
            Statistics.label("distinct lines").collect(order.lines().size() > 8 ? "9+ (heuristic allowed)" : "1-8 (exact)");
            if (single != null)
            {
                assertEquals("ALLOCATED", actual.path("status").asText(),
                    context + "\n a single-location plan exists costing " + single.totalCostCents());
                assertTrue(actual.path("total_cost_cents").asLong() <= single.totalCostCents(),
                    context + "\n the best single-location plan costs " + single.totalCostCents());
            }
            if ("ALLOCATED".equals(actual.path("status").asText()))
            {
                final String wrong = ref.validatePlan(order, actual);
                assertNull(wrong, context + "\n invalid plan: " + wrong);
            }
            final boolean affordable = Math.pow(spec.locationIds().size(), order.lines().size()) <= 40_000;
            if (affordable && order.lines().size() <= 8)
            {
                final JsonNode expected = ref.apply(command);
                assertTrue(JsonValues.sameResult(expected, actual), context + "\n reference " + expected);
            }
            else if (affordable && "ALLOCATED".equals(actual.path("status").asText()))
            {
                // beyond 8 lines a heuristic may be used: it can be worse than the optimum, never better
                final ReferenceRouter.Plan best = ref.bestWholeLinePlan(order, false, false, order.shipComplete());
                if (best != null)
                {
                    assertTrue(actual.path("total_cost_cents").asLong() >= best.totalCostCents(),
                        context + "\n cheaper than the optimum " + best.totalCostCents() + "?");
                    Statistics.label("heuristic vs optimum").collect(
                        actual.path("total_cost_cents").asLong() == best.totalCostCents() ? "optimal" : "worse");
                }
            }
        }
        finally
        {
            deleteTree(dir);
        }
    }

    /** Few locations (so brute force stays cheap for eight lines), light SKUs, rich stock. */
    private static final RandomNetworks.Config NARROW = new RandomNetworks.Config(2, 4, 9, 12, true, 900);

    /**
     * SPEC §2 exactness where rate breaks make a location's two parcels cheaper than its one: rates are made steep by
     * weight tier, so the router's partition program (which may let a location ship two parts) is often not a plan,
     * and its branch and bound over parts must find the least plan with distinct locations. Orders of 4 to 8 lines,
     * compared with the reference exactly.
     */
    @Property(tries = 250)
    void exactWhenRateBreaksFavourTwoParcelsFromOneLocation(
        @ForAll @LongRange(min = 0, max = 1L << 40) final long seed) throws Exception
    {
        final Path dir = Files.createTempDirectory("omniroute-ref-");
        try
        {
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir.resolve("net"), NARROW);
            steepenRates(spec.dir().resolve("rates.csv"));
            final Simulator sim = new Simulator(new Engine(NetworkLoader.load(spec.dir())));
            final ReferenceRouter ref = ReferenceRouter.load(spec.dir());
            final Random rnd = new Random(seed);
            for (int i = 0; i < 6; i++)
            {
                final String command = wideOrder(spec, rnd, 4 + rnd.nextInt(5), "tiered-" + i);
                final JsonNode actual = JsonValues.parse(sim.apply(command));
                final JsonNode expected = ref.apply(command);
                Statistics.label("outcome").collect(actual.path("status").asText() + " " +
                    (actual.has("shipments") ? actual.get("shipments").size() + " shipments" : ""));
                assertTrue(JsonValues.sameResult(expected, actual),
                    "seed " + seed + "\n command " + command + "\n engine " + actual + "\n reference " + expected);
            }
        }
        finally
        {
            deleteTree(dir);
        }
    }

    /** Multiplies each rate's price by (1 + 2 × its weight tier), so heavier parcels cost far more. */
    private static void steepenRates(final Path rates) throws IOException
    {
        final List<String> lines = Files.readAllLines(rates);
        final StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] f = line.split(",");
            final long maxWeight = Long.parseLong(f[3]);
            final int tier = maxWeight <= 1000 ? 0 : maxWeight <= 5000 ? 1 : maxWeight <= 20000 ? 2 : 3;
            f[4] = String.valueOf(Long.parseLong(f[4]) * (1 + 2L * tier));
            out.append(String.join(",", f)).append('\n');
        }
        Files.writeString(rates, out);
    }

    /** An order of 1 to 16 distinct SKUs (most of them beyond 8), light enough to ship from one place. */
    private static String wideOrder(final RandomNetworks.Spec spec, final Random rnd)
    {
        final int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(8) : 9 + rnd.nextInt(spec.skus().size() - 8);
        return wideOrder(spec, rnd, n, "wide-1");
    }

    /** An order of n distinct SKUs of the network. */
    private static String wideOrder(final RandomNetworks.Spec spec, final Random rnd, final int n, final String id)
    {
        final List<String> skus = new ArrayList<>(spec.skus());
        Collections.shuffle(skus, rnd);
        final ObjectNode o = JSON.createObjectNode();
        o.put("type", "order");
        o.put("order_id", id);
        o.put("channel", rnd.nextInt(4) == 0 ? "mkt" : "web");
        o.put("zip", spec.zips().get(rnd.nextInt(spec.zips().size())));
        o.put("service", rnd.nextInt(10) < 7 ? "STANDARD" : "EXPEDITED");
        o.put("ship_complete", rnd.nextInt(8) == 0);
        final ArrayNode lines = o.putArray("lines");
        for (int i = 0; i < n; i++)
        {
            lines.addObject().put("sku", skus.get(i)).put("qty", 1 + rnd.nextInt(2));
        }
        return o.toString();
    }

    /** SPEC §2: the same input stream always yields the same decisions, byte for byte. */
    @Property(tries = 40)
    void sameStreamSameBytes(@ForAll @LongRange(min = 0, max = 1L << 40) final long seed) throws Exception
    {
        final Path dir = Files.createTempDirectory("omniroute-ref-");
        try
        {
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir.resolve("net"));
            final ReferenceRouter ref = ReferenceRouter.load(spec.dir());
            final RandomStreams stream = new RandomStreams(spec, seed);
            final List<String> commands = new ArrayList<>();
            for (int i = 0; i < 80; i++)
            {
                final String c = stream.next(ref);
                ref.apply(c);
                commands.add(c);
            }
            final Simulator first = new Simulator(new Engine(NetworkLoader.load(spec.dir())));
            final Simulator second = new Simulator(new Engine(NetworkLoader.load(spec.dir())));
            for (final String c : commands)
            {
                assertEquals(first.apply(c), second.apply(c), "seed " + seed + ", command " + c);
            }
        }
        finally
        {
            deleteTree(dir);
        }
    }

    private static void deleteTree(final Path dir)
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
