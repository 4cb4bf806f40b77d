package io.omniroute.bench.quality;

import io.omniroute.engine.CapacityStore;
import io.omniroute.engine.LocationType;
import io.omniroute.engine.Network;
import io.omniroute.engine.StockStore;

import java.util.Arrays;

/**
 * Magento MSI's "source priority" selection: one fixed priority list of locations for every order — distribution
 * centers first, then drop-ship vendors, then stores, each group by location id — with {@link GreedyPolicy}'s line
 * filling.
 */
public final class SourcePriorityPolicy extends GreedyPolicy
{
    private final int[] priority;

    public SourcePriorityPolicy(final RoutingRules rules, final StockStore stock, final CapacityStore capacity)
    {
        super(rules, stock, capacity);
        final Network n = rules.network();
        priority = new int[n.locationCount()];
        final Integer[] locs = new Integer[n.locationCount()];
        for (int l = 0; l < locs.length; l++)
        {
            locs[l] = l;
        }
        Arrays.sort(locs, (a, b) ->
        {
            final int ta = typeRank(n.locationType(a));
            final int tb = typeRank(n.locationType(b));
            return ta != tb ? Integer.compare(ta, tb) : Integer.compare(a, b);
        });
        for (int l = 0; l < locs.length; l++)
        {
            priority[l] = locs[l];
        }
    }

    static int typeRank(final LocationType t)
    {
        switch (t)
        {
            case DC:
                return 0;
            case DROPSHIP:
                return 1;
            default:
                return 2;
        }
    }

    @Override
    public String name()
    {
        return "source-priority greedy";
    }

    @Override
    protected void rank(final DayOrder o, final int[] out)
    {
        System.arraycopy(priority, 0, out, 0, priority.length);
    }
}
