package io.omniroute.bench.quality;

import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs the day through OmniRoute and the greedy policies (each from the same opening stock and capacity), costs
 * every plan with the same {@link RoutingRules}, and bounds the day from below with {@link HindsightBound}.
 */
public final class RoutingQuality
{
    /** The result of one run. */
    public static final class Result
    {
        public final List<PolicyMetrics> policies = new ArrayList<>();
        /** Orders where the engine's own total differed from the shared cost function (should be 0). */
        public long engineCostMismatches;
        /** Orders every policy filled, and each policy's cost over them (same order as {@link #policies}). */
        public long commonOrders;
        public long[] commonCostCents;
        public HindsightBound bound;
        public int dayOrders;
        public long omniRouteCostCents;
        /** Engine decisions that broke SPEC (see {@link OmniRoutePolicy#defects()}), and the first one. */
        public long engineDefects;
        public String firstEngineDefect;
    }

    private RoutingQuality()
    {
    }

    /**
     * @param progress told the number of orders routed so far by each policy in turn (0..orders × 3).
     */
    public static Result run(final PeakDay day, final long lpTimeLimitMillis, final IntConsumer progress)
    {
        final Network network = day.network;
        final List<DayOrder> orders = day.orders;
        final OmniRoutePolicy omni = new OmniRoutePolicy(network);
        final Engine greedyPriorityState = new Engine(network);
        final Engine greedyDistanceState = new Engine(network);
        final RoutingRules rules = new RoutingRules(network);
        final List<RoutingPolicy> policies = List.of(omni,
            new SourcePriorityPolicy(new RoutingRules(network), greedyPriorityState.stock(),
                greedyPriorityState.capacity()),
            new DistancePolicy(new RoutingRules(network), greedyDistanceState.stock(),
                greedyDistanceState.capacity()));
        final Result r = new Result();
        r.dayOrders = orders.size();
        final boolean[][] filled = new boolean[policies.size()][orders.size()];
        final long[][] cost = new long[policies.size()][orders.size()];
        final Plan plan = new Plan();
        final List<DayOrder> omniFilled = new ArrayList<>();
        int done = 0;
        for (int p = 0; p < policies.size(); p++)
        {
            final RoutingPolicy policy = policies.get(p);
            final PolicyMetrics m = new PolicyMetrics(policy.name(), network.locationCount());
            for (int i = 0; i < orders.size(); i++)
            {
                final DayOrder o = orders.get(i);
                m.orders++;
                if (policy.route(o, plan))
                {
                    rules.order(o);
                    final long c = rules.planCostCents(plan);
                    if (policy == omni)
                    {
                        omniFilled.add(o);
                        if (c != omni.lastEngineCostCents())
                        {
                            r.engineCostMismatches++;
                        }
                    }
                    m.add(rules, plan, c);
                    filled[p][i] = true;
                    cost[p][i] = c;
                }
                if ((++done & 1023) == 0)
                {
                    progress.accept(done);
                }
            }
            r.policies.add(m);
        }
        r.commonCostCents = new long[policies.size()];
        for (int i = 0; i < orders.size(); i++)
        {
            boolean all = true;
            for (int p = 0; p < policies.size(); p++)
            {
                all &= filled[p][i];
            }
            if (all)
            {
                r.commonOrders++;
                for (int p = 0; p < policies.size(); p++)
                {
                    r.commonCostCents[p] += cost[p][i];
                }
            }
        }
        r.omniRouteCostCents = r.policies.get(0).costCents;
        r.engineDefects = omni.defects();
        r.firstEngineDefect = omni.firstDefect();
        // the opening stock: a fresh engine's
        r.bound = new HindsightBound(new RoutingRules(network), new Engine(network).stock())
            .solve(omniFilled, lpTimeLimitMillis);
        return r;
    }
}
