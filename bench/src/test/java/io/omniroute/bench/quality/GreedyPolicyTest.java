package io.omniroute.bench.quality;

import io.omniroute.bench.TinyNetwork;
import io.omniroute.engine.Command;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.json.CommandJsonDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The greedy policies against examples worked by hand on {@link TinyNetwork} (zone 1 = 500 + handling, zone 8 =
 * 1200 + handling, split penalty 250).
 */
class GreedyPolicyTest
{
    @TempDir
    Path dir;

    private static DayOrder order(final Network n, final String json)
    {
        return PeakDay.resolve(n, 0, json, new CommandJsonDecoder().decode(json, new Command()));
    }

    private static String line(final String shipComplete, final String lines)
    {
        return "{\"type\":\"order\",\"order_id\":\"o-1\",\"channel\":\"web\",\"zip\":\"10001\",\"service\":\"STANDARD\"," +
            "\"ship_complete\":" + shipComplete + ",\"lines\":[" + lines + "]}";
    }

    private static final String S1_S2 = "{\"sku\":\"S1\",\"qty\":1},{\"sku\":\"S2\",\"qty\":1}";

    @Test
    void shouldFillEachLineFromTheFirstDcInPriorityOrder() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,10", "S1,ST-C,5", "S2,DC-B,10", "S2,ST-C,3");
        final Engine state = new Engine(n);
        final RoutingRules rules = new RoutingRules(n);
        final SourcePriorityPolicy policy = new SourcePriorityPolicy(rules, state.stock(), state.capacity());
        final DayOrder o = order(n, line("false", S1_S2));
        final Plan plan = new Plan();

        assertTrue(policy.route(o, plan));

        // S1 from DC-A (first DC), S2 from DC-B (DC-A has none): 700 + 1400 + 250
        assertEquals("DC-A[S1:1] DC-B[S2:1]", plan.describe(n::locationId, n::sku));
        assertEquals(2350, rules.order(o).planCostCents(plan));
        assertEquals(1, state.stock().reserved(n.skuIndex("S1"), n.locationIndex("DC-A")));
        assertEquals(1, state.stock().reserved(n.skuIndex("S2"), n.locationIndex("DC-B")));
    }

    @Test
    void shouldShipEachLineFromTheNearestLocationWithStock() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,10", "S1,ST-C,5", "S2,DC-B,10", "S2,ST-C,3");
        final Engine state = new Engine(n);
        final RoutingRules rules = new RoutingRules(n);
        final DistancePolicy policy = new DistancePolicy(rules, state.stock(), state.capacity());
        final DayOrder o = order(n, line("false", S1_S2));
        final Plan plan = new Plan();

        assertTrue(policy.route(o, plan));

        // the store sits on the ZIP's centroid and has both: one shipment, 500 + 500 + rate for 1 kg (zone 1)
        assertEquals("ST-C[S1:1,S2:1]", plan.describe(n::locationId, n::sku));
        assertEquals(1000, rules.order(o).planCostCents(plan));
    }

    @Test
    void shouldGoFartherForTheLineTheNearestLocationLacks() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,10", "S1,ST-C,5", "S2,DC-B,10");
        final Engine state = new Engine(n);
        final RoutingRules rules = new RoutingRules(n);
        final DistancePolicy policy = new DistancePolicy(rules, state.stock(), state.capacity());
        final DayOrder o = order(n, line("false", S1_S2));
        final Plan plan = new Plan();

        assertTrue(policy.route(o, plan));

        // S1 from the store (1000), S2 from Los Angeles (1400), + 250; OmniRoute would take S1 from DC-A (2350)
        assertEquals("DC-B[S2:1] ST-C[S1:1]", plan.describe(n::locationId, n::sku));
        assertEquals(2650, rules.order(o).planCostCents(plan));
    }

    @Test
    void shouldSplitALineByQuantityInPolicyOrderWhenNoLocationHasItAll() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,10", "S1,ST-C,5");
        final Plan plan = new Plan();
        final DayOrder o = order(n, line("false", "{\"sku\":\"S1\",\"qty\":12}"));

        final Engine a = new Engine(n);
        assertTrue(new SourcePriorityPolicy(new RoutingRules(n), a.stock(), a.capacity()).route(o, plan));
        assertEquals("DC-A[S1:10] ST-C[S1:2]", plan.describe(n::locationId, n::sku));

        final Engine b = new Engine(n);
        assertTrue(new DistancePolicy(new RoutingRules(n), b.stock(), b.capacity()).route(o, plan));
        assertEquals("DC-A[S1:7] ST-C[S1:5]", plan.describe(n::locationId, n::sku));
    }

    @Test
    void shouldRejectShipCompleteWhenNoLocationHasEveryLineAndReserveNothing() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,10", "S2,DC-B,10");
        final Engine state = new Engine(n);
        final SourcePriorityPolicy policy = new SourcePriorityPolicy(new RoutingRules(n), state.stock(),
            state.capacity());
        final Plan plan = new Plan();

        assertFalse(policy.route(order(n, line("true", S1_S2)), plan));
        assertEquals(0, state.stock().reserved(n.skuIndex("S1"), n.locationIndex("DC-A")));
    }

    @Test
    void shouldCostOmniRoutePlansLikeTheEngineDoes() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,10", "S1,ST-C,5", "S2,DC-B,10");
        final OmniRoutePolicy omni = new OmniRoutePolicy(n);
        final DayOrder o = order(n, line("false", S1_S2));
        final Plan plan = new Plan();

        assertTrue(omni.route(o, plan));

        // the least-cost plan: S1 from DC-A (700) rather than the store (1000)
        assertEquals("DC-A[S1:1] DC-B[S2:1]", plan.describe(n::locationId, n::sku));
        assertEquals(2350, new RoutingRules(n).order(o).planCostCents(plan));
        assertEquals(2350, omni.lastEngineCostCents());
    }

    @Test
    void shouldBoundTheDayBelowOmniRoutesCost() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,1", "S1,ST-C,5", "S2,DC-B,10", "S2,ST-C,1");
        final java.util.List<DayOrder> orders = new java.util.ArrayList<>();
        final OmniRoutePolicy omni = new OmniRoutePolicy(n);
        final RoutingRules rules = new RoutingRules(n);
        final Plan plan = new Plan();
        long cost = 0;
        for (int i = 0; i < 3; i++)
        {
            final DayOrder o = order(n, line("false", S1_S2).replace("o-1", "o-" + i));
            assertTrue(omni.route(o, plan));
            cost += rules.order(o).planCostCents(plan);
            orders.add(o);
        }
        final HindsightBound bound = new HindsightBound(new RoutingRules(n), new Engine(n).stock())
            .solve(orders, 30_000);

        assertEquals("OPTIMAL", bound.lpState());
        assertTrue(bound.lpBoundCents() <= cost + 1e-6, bound.lpBoundCents() + " > " + cost);
        assertTrue(bound.perOrderBoundCents() <= cost);
        // alone, each order could ship both lines from the store for 1000; together the store has one S2
        assertEquals(3000, bound.perOrderBoundCents());
        assertTrue(bound.lpBoundCents() > 3000, "shared stock raises the bound: " + bound.lpBoundCents());
    }
}
