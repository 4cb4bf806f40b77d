package io.omniroute.bench.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.bench.report.Progress;
import io.omniroute.engine.Network;

import java.nio.file.Path;

/**
 * The routing-quality comparison for the report: runs {@link RoutingQuality} on the peak day and writes the
 * "routing_quality" section of summary.json, with the targets (≥ 15 % cheaper, ≥ 40 % fewer extra shipments than
 * each greedy policy).
 */
public final class QualitySuite
{
    public static final double COST_TARGET_PCT = 15;
    public static final double EXTRA_SHIPMENTS_TARGET_PCT = 40;

    private QualitySuite()
    {
    }

    public static ObjectNode run(final Path demoDir, final int demoOrders, final long lpTimeLimitMillis,
        final Progress progress) throws Exception
    {
        final PeakDay day = PeakDay.load(demoDir, 0);
        progress.step(String.format("peak day: %,d orders (the first business day of a %,d-order demo stream)",
            day.orders.size(), demoOrders));
        final RoutingQuality.Result r = RoutingQuality.run(day, lpTimeLimitMillis,
            done -> progress.bar("routing the day (3 policies)", done, 3L * day.orders.size()));
        final Network network = day.network;
        final JsonNodeFactory json = JsonNodeFactory.instance;
        final ObjectNode out = json.objectNode();
        out.putObject("day").put("orders", day.orders.size()).put("unroutable", day.unroutable)
            .put("demo_orders", demoOrders).put("locations", network.locationCount()).put("skus", network.skuCount())
            .put("split_penalty_cents", network.splitPenaltyCents())
            .put("description", "orders before the first new_day of the demo stream (Black Friday morning to night), " +
                "cancels and receipts left out; every policy starts from the same opening stock and capacity and is " +
                "costed with the same function (SPEC §2: handling + cheapest eligible rate + split penalty)");
        final ArrayNode policies = out.putArray("policies");
        final ObjectNode capacity = out.putObject("capacity");
        for (int l = 0; l < network.locationCount(); l++)
        {
            capacity.put(network.locationId(l), network.dailyCapacity(l));
        }
        for (int p = 0; p < r.policies.size(); p++)
        {
            final PolicyMetrics m = r.policies.get(p);
            final ObjectNode n = policies.addObject();
            n.put("name", m.policy).put("orders", m.orders).put("filled", m.filled).put("fill_rate", m.fillRate())
                .put("cost_cents", m.costCents).put("cost_per_order_cents", m.costPerOrderCents())
                .put("penalty_cents", m.penaltyCents).put("shipments", m.shipments)
                .put("shipments_per_order", m.shipmentsPerOrder()).put("extra_shipments", m.extraShipments())
                .put("split_orders", m.splitOrders).put("split_rate", m.splitRate())
                .put("line_split_orders", m.lineSplitOrders).put("average_zone", m.averageZone())
                .put("units", m.units).put("capacity_use", m.capacityUse(network))
                .put("locations_at_capacity", m.locationsAtCapacity(network))
                .put("common_orders_cost_cents", r.commonCostCents[p]);
            final ObjectNode byLoc = n.putObject("shipments_by_location");
            for (int l = 0; l < network.locationCount(); l++)
            {
                byLoc.put(network.locationId(l), m.shipmentsByLocation[l]);
            }
        }
        out.put("common_orders", r.commonOrders);
        out.put("engine_cost_mismatches", r.engineCostMismatches);
        out.put("engine_defects", r.engineDefects);
        if (r.firstEngineDefect != null)
        {
            out.put("first_engine_defect", r.firstEngineDefect);
            progress.step("ENGINE DEFECTS: " + r.engineDefects + " decisions broke SPEC, e.g. " + r.firstEngineDefect);
        }
        final PolicyMetrics omni = r.policies.get(0);
        final ArrayNode comparisons = out.putArray("comparisons");
        for (int p = 1; p < r.policies.size(); p++)
        {
            final PolicyMetrics g = r.policies.get(p);
            final double saving = 100 * (1 - omni.costPerOrderCents() / g.costPerOrderCents());
            final double commonSaving = 100 * (1 - (double)r.commonCostCents[0] / r.commonCostCents[p]);
            final double extraPerOrderOmni = (double)omni.extraShipments() / Math.max(1, omni.filled);
            final double extraPerOrderGreedy = (double)g.extraShipments() / Math.max(1, g.filled);
            final double fewerExtra = 100 * (1 - extraPerOrderOmni / extraPerOrderGreedy);
            comparisons.addObject().put("vs", g.policy)
                .put("cost_per_order_saving_pct", saving)
                .put("common_orders_saving_pct", commonSaving)
                .put("cost_target_pct", COST_TARGET_PCT).put("cost_target_met", saving >= COST_TARGET_PCT)
                .put("fewer_extra_shipments_pct", fewerExtra)
                .put("extra_shipments_target_pct", EXTRA_SHIPMENTS_TARGET_PCT)
                .put("extra_shipments_target_met", fewerExtra >= EXTRA_SHIPMENTS_TARGET_PCT)
                .put("fill_rate_difference_pts", 100 * (omni.fillRate() - g.fillRate()));
        }
        final HindsightBound b = r.bound;
        final double lp = b.lpBoundCents();
        final double best = Double.isNaN(lp) ? b.perOrderBoundCents() : Math.max(lp, b.perOrderBoundCents());
        out.putObject("hindsight_bound")
            .put("solver", "Google OR-Tools GLOP (LP relaxation)")
            .put("orders", omni.filled - b.splitOnlyOrders())
            .put("split_only_orders_counted_zero", b.splitOnlyOrders())
            .put("columns", b.columns()).put("rows", b.rows()).put("lp_state", b.lpState())
            .put("solve_ms", b.solveMillis())
            .put("lp_bound_cents", Double.isNaN(lp) ? null : lp)
            .put("per_order_bound_cents", b.perOrderBoundCents())
            .put("bound_cents", best)
            .put("omniroute_cost_cents", r.omniRouteCostCents)
            .put("omniroute_gap_pct", 100 * (r.omniRouteCostCents / best - 1))
            .put("description", "a lower bound on the cost of shipping the orders OmniRoute filled, had the whole " +
                "day been known in advance: the larger of the LP relaxation (all orders at once, shared stock and " +
                "capacity) and the per-order bound (each order's cheapest plan alone)");
        return out;
    }
}
