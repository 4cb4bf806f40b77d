package io.omniroute.bench.quality;

import io.omniroute.engine.Network;
import io.omniroute.engine.StockStore;
import org.agrona.collections.Int2IntHashMap;
import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * A lower bound on the shipping cost of a day's orders, had they all been known at the start of the day: the
 * linear-programming relaxation of routing the whole day at once, solved with Google OR-Tools' GLOP (a sparse
 * revised simplex; a peak day is a few million columns, which GLOP solves in about a minute, while ojAlgo's simplex
 * took 12 s at a thousand orders and wrongly reported a feasible two-thousand-order day infeasible).
 * <p>
 * A column is one possible shipment of an order: (order, location, set of its lines), costing SPEC §2's handling +
 * cheapest eligible rate for the set's weight + the split penalty (the plan's −penalty is a constant). Rows: each
 * line of each order is shipped exactly once (fractions allowed); each (SKU, location)'s units shipped stay within
 * the day's opening available-to-promise; each location's shipments within its daily capacity. A row that cannot
 * bind (the most all columns could take is within the limit) is left out. Columns are only built where the
 * location may serve the order (service, same-day radius, channel, a rate) and its opening stock covers every line
 * of the set. An order with a line no location can ship whole (only a quantity split ships it) is left out of the
 * LP and counts 0, which keeps the bound valid.
 * <p>
 * The orders are those OmniRoute filled, so OmniRoute's plan is a feasible point and the optimum is a lower bound
 * on its cost, and on the cost of any plan, online or not, that fills the same orders. Alongside, the
 * {@linkplain #perOrderBoundCents() per-order bound}: each order's cheapest plan with no other order in the way
 * (the LP with its stock and capacity rows taken out), valid even when the LP does not finish in time.
 */
public final class HindsightBound
{
    private final RoutingRules rules;
    private final Network network;
    private final StockStore openingStock;

    private int columns;
    private int rows;
    private long perOrderBoundCents;
    private double lpBoundCents = Double.NaN;
    private String lpState = "not run";
    private long solveMillis;
    private int splitOnlyOrders;

    /**
     * @param openingStock a stock store holding the day's opening positions (not consumed by anything).
     */
    public HindsightBound(final RoutingRules rules, final StockStore openingStock)
    {
        this.rules = rules;
        this.network = rules.network();
        this.openingStock = openingStock;
    }

    /** One column: order, location, line subset, cost. */
    static final class Column
    {
        final int order;
        final int location;
        final int lines;
        final long costCents;

        Column(final int order, final int location, final int lines, final long costCents)
        {
            this.order = order;
            this.location = location;
            this.lines = lines;
            this.costCents = costCents;
        }
    }

    /**
     * Builds and solves the LP for these orders.
     *
     * @param timeLimitMillis the solver gives up after this long (the per-order bound still stands).
     */
    public HindsightBound solve(final List<DayOrder> orders, final long timeLimitMillis)
    {
        final List<Column> cols = new ArrayList<>();
        final long penalty = rules.splitPenaltyCents();
        perOrderBoundCents = 0;
        final List<DayOrder> bounded = new ArrayList<>();
        for (final DayOrder o : orders)
        {
            final int i = bounded.size();
            final int first = cols.size();
            rules.order(o);
            final int n = o.lineCount();
            final int all = (1 << n) - 1;
            final long[] best = new long[1 << n];
            java.util.Arrays.fill(best, Long.MAX_VALUE);
            int covered = 0;
            for (int loc = 0; loc < network.locationCount(); loc++)
            {
                if (!rules.serves(loc) || network.dailyCapacity(loc) == 0)
                {
                    continue;
                }
                int whole = 0;
                for (int j = 0; j < n; j++)
                {
                    whole |= openingStock.atp(o.skus[j], loc) >= o.qtys[j] ? 1 << j : 0;
                }
                for (int set = whole; set != 0; set = (set - 1) & whole)
                {
                    final long c = setCost(o, loc, set);
                    if (c != RoutingRules.NO_RATE)
                    {
                        cols.add(new Column(i, loc, set, c + penalty));
                        best[set] = Math.min(best[set], c + penalty);
                        covered |= set;
                    }
                }
            }
            if (covered != all)
            {
                // a line no location can ship whole (a quantity split): the order counts 0 in both bounds
                cols.subList(first, cols.size()).clear();
                splitOnlyOrders++;
                continue;
            }
            bounded.add(o);
            perOrderBoundCents += cheapestPartition(best, all) - penalty;
        }
        columns = cols.size();
        solveLp(bounded, cols, timeLimitMillis);
        return this;
    }

    private long setCost(final DayOrder o, final int loc, final int set)
    {
        long weight = 0;
        for (int j = 0; j < o.lineCount(); j++)
        {
            if ((set & (1 << j)) != 0)
            {
                weight += o.qtys[j] * network.weightGrams(o.skus[j]);
            }
        }
        return rules.shipmentCostCents(loc, weight);
    }

    /**
     * @return the least total cost of shipments covering every line once, each set at its cheapest location (a lone
     * line always has some column: the order was filled).
     */
    static long cheapestPartition(final long[] best, final int all)
    {
        final long[] dp = new long[all + 1];
        java.util.Arrays.fill(dp, Long.MAX_VALUE);
        dp[0] = 0;
        for (int mask = 1; mask <= all; mask++)
        {
            final int low = mask & -mask;
            // the set holding the lowest line of mask, so each partition is counted once
            for (int sub = mask; sub != 0; sub = (sub - 1) & mask)
            {
                if ((sub & low) != 0 && best[sub] != Long.MAX_VALUE && dp[mask ^ sub] != Long.MAX_VALUE)
                {
                    dp[mask] = Math.min(dp[mask], dp[mask ^ sub] + best[sub]);
                }
            }
        }
        return dp[all] == Long.MAX_VALUE ? 0 : dp[all];
    }

    private void solveLp(final List<DayOrder> orders, final List<Column> cols, final long timeLimitMillis)
    {
        final long start = System.nanoTime();
        Loader.loadNativeLibraries();
        final MPSolver solver = MPSolver.createSolver("GLOP");
        if (solver == null)
        {
            lpState = "GLOP unavailable";
            return;
        }
        final int locations = network.locationCount();
        final MPVariable[] z = new MPVariable[cols.size()];
        final MPObjective objective = solver.objective();
        for (int c = 0; c < cols.size(); c++)
        {
            z[c] = solver.makeNumVar(0.0, 1.0, "z" + c);
            objective.setCoefficient(z[c], cols.get(c).costCents);
        }
        objective.setMinimization();
        int rowCount = 0;
        // cover every line once
        int c = 0;
        for (int i = 0; i < orders.size(); i++)
        {
            final int from = c;
            while (c < cols.size() && cols.get(c).order == i)
            {
                c++;
            }
            for (int j = 0; j < orders.get(i).lineCount(); j++)
            {
                final MPConstraint row = solver.makeConstraint(1.0, 1.0, "cover" + i + "_" + j);
                rowCount++;
                for (int k = from; k < c; k++)
                {
                    if ((cols.get(k).lines & (1 << j)) != 0)
                    {
                        row.setCoefficient(z[k], 1.0);
                    }
                }
            }
        }
        // the most each (SKU, location) and each location could be asked for: each order's line counted once
        final Int2IntHashMap stockRow = new Int2IntHashMap(-1);
        final List<long[]> demand = new ArrayList<>();
        final long[] capDemand = new long[locations];
        final Int2IntHashMap seen = new Int2IntHashMap(-1);
        int lastOrder = -1;
        int lastCapOrderLoc = -1;
        for (final Column col : cols)
        {
            if (col.order != lastOrder)
            {
                seen.clear();
                lastOrder = col.order;
            }
            final DayOrder o = orders.get(col.order);
            if (lastCapOrderLoc != col.order * locations + col.location && seen.get(-1 - col.location) < 0)
            {
                seen.put(-1 - col.location, 1);
                capDemand[col.location]++;
            }
            lastCapOrderLoc = col.order * locations + col.location;
            for (int j = 0; j < o.lineCount(); j++)
            {
                final int key = o.skus[j] * locations + col.location;
                if ((col.lines & (1 << j)) == 0 || seen.get(key) >= 0)
                {
                    continue;
                }
                seen.put(key, 1);
                int r = stockRow.get(key);
                if (r < 0)
                {
                    r = demand.size();
                    stockRow.put(key, r);
                    demand.add(new long[] { 0 });
                }
                demand.get(r)[0] += o.qtys[j];
            }
        }
        final MPConstraint[] stockConstraint = new MPConstraint[demand.size()];
        final Int2IntHashMap.KeyIterator keys = stockRow.keySet().iterator();
        while (keys.hasNext())
        {
            final int key = keys.nextValue();
            final int r = stockRow.get(key);
            final long atp = openingStock.atp(key / locations, key % locations);
            if (demand.get(r)[0] > atp)
            {
                stockConstraint[r] = solver.makeConstraint(0.0, atp, "stock" + key);
                rowCount++;
            }
        }
        final MPConstraint[] capConstraint = new MPConstraint[locations];
        for (int l = 0; l < locations; l++)
        {
            final int cap = network.dailyCapacity(l);
            if (cap >= 0 && capDemand[l] > cap)
            {
                capConstraint[l] = solver.makeConstraint(0.0, cap, "cap" + l);
                rowCount++;
            }
        }
        for (int k = 0; k < cols.size(); k++)
        {
            final Column col = cols.get(k);
            final DayOrder o = orders.get(col.order);
            for (int j = 0; j < o.lineCount(); j++)
            {
                if ((col.lines & (1 << j)) != 0)
                {
                    final MPConstraint row = stockConstraint[stockRow.get(o.skus[j] * locations + col.location)];
                    if (row != null)
                    {
                        row.setCoefficient(z[k], o.qtys[j]);
                    }
                }
            }
            if (capConstraint[col.location] != null)
            {
                capConstraint[col.location].setCoefficient(z[k], 1.0);
            }
        }
        rows = rowCount;
        solver.setTimeLimit(Math.max(1, timeLimitMillis - (System.nanoTime() - start) / 1_000_000));
        final MPSolver.ResultStatus status = solver.solve();
        solveMillis = (System.nanoTime() - start) / 1_000_000;
        lpState = status.name();
        if (status == MPSolver.ResultStatus.OPTIMAL)
        {
            lpBoundCents = objective.value() - (double)rules.splitPenaltyCents() * orders.size();
        }
        solver.delete();
    }

    /**
     * @return orders left out of both bounds (counted at 0, which keeps the bounds valid) because a line of theirs
     * fits no location whole (not enough stock, or too heavy for any rate): only a quantity split ships them.
     */
    public int splitOnlyOrders()
    {
        return splitOnlyOrders;
    }

    public int columns()
    {
        return columns;
    }

    public int rows()
    {
        return rows;
    }

    public long perOrderBoundCents()
    {
        return perOrderBoundCents;
    }

    /**
     * @return the LP's optimum, or NaN when the solver did not prove one in time.
     */
    public double lpBoundCents()
    {
        return lpBoundCents;
    }

    public String lpState()
    {
        return lpState;
    }

    public long solveMillis()
    {
        return solveMillis;
    }
}
