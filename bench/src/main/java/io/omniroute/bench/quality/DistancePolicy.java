package io.omniroute.bench.quality;

import io.omniroute.engine.CapacityStore;
import io.omniroute.engine.StockStore;

/**
 * "Ship from the nearest location": locations by great-circle distance to the order's ZIP (ties by location id),
 * with {@link GreedyPolicy}'s line filling.
 */
public final class DistancePolicy extends GreedyPolicy
{
    public DistancePolicy(final RoutingRules rules, final StockStore stock, final CapacityStore capacity)
    {
        super(rules, stock, capacity);
    }

    @Override
    public String name()
    {
        return "distance greedy";
    }

    @Override
    protected void rank(final DayOrder o, final int[] out)
    {
        for (int l = 0; l < out.length; l++)
        {
            out[l] = l;
        }
        // insertion sort: a few dozen locations
        for (int i = 1; i < out.length; i++)
        {
            for (int j = i; j > 0 && closer(out[j], out[j - 1]); j--)
            {
                final int t = out[j];
                out[j] = out[j - 1];
                out[j - 1] = t;
            }
        }
    }

    private boolean closer(final int a, final int b)
    {
        final double da = rules.distanceKm(a);
        final double db = rules.distanceKm(b);
        return da < db || (da == db && a < b);
    }
}
