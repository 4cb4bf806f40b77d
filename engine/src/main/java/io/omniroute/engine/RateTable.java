package io.omniroute.engine;

import java.util.Arrays;

/**
 * Carrier rate cards indexed by (service, zone), answering "cheapest eligible rate for this weight and transit
 * limit" with a binary search and one array read.
 * <p>
 * Rows of a (service, zone) group are sorted by {@code max_weight_g}; for every transit limit a suffix table holds
 * the best row among rows at or after a position, so the rows eligible for weight w are exactly the suffix starting
 * at the first row whose max weight is at least w. Best = lowest price, then carrier name, then fewer transit days,
 * then smaller max weight, then file order.
 */
public final class RateTable
{
    public static final int NO_RATE = -1;
    private static final int ZONES = 9;

    private final String[] carriers;
    private final int[] rowCarrier;
    private final long[] rowPriceCents;
    private final int[] rowTransitDays;
    private final long[] sortedMaxWeightGrams;
    private final int[] groupStart;
    private final int[] groupLength;
    private final int transitLimits;
    private final int[] bestFrom;
    /** Per service, the distinct max weights of all its zones, ascending: they cut weights into classes. */
    private final long[][] classBreaks;
    private final int classStride;
    /** Best row per ((service, transit limit, zone), weight class), or null when that table would be too big. */
    private final int[] classRow;
    /** {@link #classRow}'s rows' prices, side by side ({@link #NO_PRICE} where no row): one read prices a class. */
    private final long[] classPriceCents;
    /** Per class-table entry: the least of its class's prices to this zone and every farther one. */
    private final long[] classSuffixMinCents;
    /** What {@link #classPriceCents(int, int, int)} gives where no rate row carries the class. */
    public static final long NO_PRICE = Long.MAX_VALUE;
    private static final long MAX_CLASS_TABLE = 1 << 22;

    /**
     * @param carriers  carrier names, ascending; row carrier values index into it.
     * @param carrier   per row carrier index.
     * @param service   per row service ordinal.
     * @param zone      per row zone 1..8.
     * @param maxWeight per row max weight in grams.
     * @param price     per row price in cents.
     * @param transit   per row transit days.
     */
    public RateTable(
        final String[] carriers,
        final int[] carrier,
        final int[] service,
        final int[] zone,
        final long[] maxWeight,
        final long[] price,
        final int[] transit)
    {
        final int n = carrier.length;
        this.carriers = carriers;
        this.rowCarrier = carrier.clone();
        this.rowPriceCents = price.clone();
        this.rowTransitDays = transit.clone();

        int maxTransit = 0;
        for (final int t : transit)
        {
            maxTransit = Math.max(maxTransit, t);
        }
        transitLimits = maxTransit + 1;

        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) ->
        {
            final int ga = service[a] * ZONES + zone[a];
            final int gb = service[b] * ZONES + zone[b];
            if (ga != gb)
            {
                return Integer.compare(ga, gb);
            }
            if (maxWeight[a] != maxWeight[b])
            {
                return Long.compare(maxWeight[a], maxWeight[b]);
            }
            return Integer.compare(a, b);
        });

        final int groups = Service.values().length * ZONES;
        groupStart = new int[groups];
        groupLength = new int[groups];
        sortedMaxWeightGrams = new long[n];
        final int[] sortedRow = new int[n];
        for (int i = 0; i < n; i++)
        {
            final int row = order[i];
            sortedRow[i] = row;
            sortedMaxWeightGrams[i] = maxWeight[row];
            final int g = service[row] * ZONES + zone[row];
            if (groupLength[g] == 0)
            {
                groupStart[g] = i;
            }
            groupLength[g]++;
        }

        bestFrom = new int[n * transitLimits];
        for (int g = 0; g < groups; g++)
        {
            final int start = groupStart[g];
            final int end = start + groupLength[g];
            for (int t = 0; t < transitLimits; t++)
            {
                int best = NO_RATE;
                for (int i = end - 1; i >= start; i--)
                {
                    final int row = sortedRow[i];
                    if (transit[row] <= t && (best == NO_RATE || better(row, best, maxWeight)))
                    {
                        best = row;
                    }
                    bestFrom[i * transitLimits + t] = best;
                }
            }
        }

        final int services = Service.values().length;
        classBreaks = new long[services][];
        int stride = 1;
        for (int svc = 0; svc < services; svc++)
        {
            final long[] all = new long[n];
            int count = 0;
            for (int g = svc * ZONES; g < (svc + 1) * ZONES; g++)
            {
                for (int i = groupStart[g], end = groupStart[g] + groupLength[g]; i < end; i++)
                {
                    all[count++] = sortedMaxWeightGrams[i];
                }
            }
            classBreaks[svc] = Arrays.stream(all, 0, count).sorted().distinct().toArray();
            stride = Math.max(stride, classBreaks[svc].length + 1);
        }
        classStride = stride;
        final long tableSize = (long)services * transitLimits * ZONES * stride;
        if (tableSize > MAX_CLASS_TABLE)
        {
            classRow = null;
            classPriceCents = null;
            classSuffixMinCents = null;
            return;
        }
        classRow = new int[(int)tableSize];
        classPriceCents = new long[(int)tableSize];
        for (int svc = 0; svc < services; svc++)
        {
            final long[] cuts = classBreaks[svc];
            for (int t = 0; t < transitLimits; t++)
            {
                for (int z = 0; z < ZONES; z++)
                {
                    final int g = svc * ZONES + z;
                    final int end = groupStart[g] + groupLength[g];
                    final int base = ((svc * transitLimits + t) * ZONES + z) * stride;
                    int i = groupStart[g];
                    for (int k = 0; k <= cuts.length; k++)
                    {
                        // every weight of class k (above cut k - 1, up to cut k) is carried by the same rows
                        if (k < cuts.length)
                        {
                            while (i < end && sortedMaxWeightGrams[i] < cuts[k])
                            {
                                i++;
                            }
                        }
                        final int row = k == cuts.length || i == end ? NO_RATE : bestFrom[i * transitLimits + t];
                        classRow[base + k] = row;
                        classPriceCents[base + k] = row == NO_RATE ? NO_PRICE : rowPriceCents[row];
                    }
                }
            }
        }
        classSuffixMinCents = new long[(int)tableSize];
        for (int first = 0; first < tableSize; first += ZONES * stride)
        {
            for (int k = 0; k < stride; k++)
            {
                long least = NO_PRICE;
                for (int z = ZONES - 1; z >= 0; z--)
                {
                    least = Math.min(least, classPriceCents[first + z * stride + k]);
                    classSuffixMinCents[first + z * stride + k] = least;
                }
            }
        }
    }

    private boolean better(final int a, final int b, final long[] maxWeight)
    {
        if (rowPriceCents[a] != rowPriceCents[b])
        {
            return rowPriceCents[a] < rowPriceCents[b];
        }
        if (rowCarrier[a] != rowCarrier[b])
        {
            return rowCarrier[a] < rowCarrier[b];
        }
        if (rowTransitDays[a] != rowTransitDays[b])
        {
            return rowTransitDays[a] < rowTransitDays[b];
        }
        if (maxWeight[a] != maxWeight[b])
        {
            return maxWeight[a] < maxWeight[b];
        }
        return a < b;
    }

    /**
     * @return true when rows can be looked up by weight class ({@link #classRow}); false for rate cards too large
     * for the class table, which then answer through {@link #lookup} only.
     */
    public boolean hasClasses()
    {
        return classRow != null;
    }

    /**
     * @return the weight class of a shipment of a service: how many of the service's distinct max weights lie below
     * its weight. All weights of a class have the same best row in every zone under every transit limit.
     */
    public int weightClass(final int service, final long weightGrams)
    {
        final long[] cuts = classBreaks[service];
        if (cuts.length > LINEAR_CLASSES)
        {
            return firstAtLeast(cuts, 0, cuts.length, weightGrams);
        }
        // few breaks (a carrier's table has a handful of weight tiers): count those below the weight without a
        // branch. A binary search's turns follow the weight, which differs from cart to cart, so the predictor misses
        // about every other one; this counts every break instead. Weights and breaks are at least 0, so the
        // difference cannot overflow, and its sign bit is 1 exactly when the break is below the weight.
        int k = 0;
        for (final long cut : cuts)
        {
            k += (int)((cut - weightGrams) >>> 63);
        }
        return k;
    }

    /** Up to this many weight breaks a service's class is counted (see {@link #weightClass}); past it, searched. */
    static final int LINEAR_CLASSES = 32;

    /**
     * @return the first index in [from, to) of an ascending array whose value is at least w, or to.
     */
    private static int firstAtLeast(final long[] sorted, final int from, final int to, final long w)
    {
        int lo = from;
        int hi = to;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (sorted[mid] < w)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @return the transit limit's index in the tables: no limit, or one at least the slowest row, is the last.
     */
    private int transitIndex(final int maxTransitDays)
    {
        return maxTransitDays < 0 || maxTransitDays >= transitLimits ? transitLimits - 1 : maxTransitDays;
    }

    /**
     * @return the offset of (service, transit limit) in the class table, for {@link #classRow}.
     */
    public int classBase(final int service, final int maxTransitDays)
    {
        return (service * transitLimits + transitIndex(maxTransitDays)) * ZONES * classStride;
    }

    /**
     * @return the best row for a shipment of weight class k to a zone, or {@link #NO_RATE}; base from
     * {@link #classBase}.
     */
    public int classRow(final int base, final int zone, final int k)
    {
        return classRow[base + zone * classStride + k];
    }

    /**
     * @return the price of {@link #classRow}'s row, or {@link #NO_PRICE} where it is {@link #NO_RATE}.
     */
    public long classPriceCents(final int base, final int zone, final int k)
    {
        return classPriceCents[base + zone * classStride + k];
    }

    /**
     * @return the least {@link #classPriceCents} of weight class k to this zone or any farther one, or
     * {@link #NO_PRICE} when none of them has a rate; base from {@link #classBase}.
     */
    public long classSuffixMinCents(final int base, final int zone, final int k)
    {
        return classSuffixMinCents[base + zone * classStride + k];
    }

    /**
     * @param maxTransitDays the order's limit, or a negative value for none.
     * @return the best row for a shipment, or {@link #NO_RATE}.
     */
    public int lookup(final int service, final int zone, final long weightGrams, final int maxTransitDays)
    {
        final int g = service * ZONES + zone;
        final int len = groupLength[g];
        if (len == 0)
        {
            return NO_RATE;
        }
        final int t = transitIndex(maxTransitDays);
        final int lo = firstAtLeast(sortedMaxWeightGrams, groupStart[g], groupStart[g] + len, weightGrams);
        if (lo == groupStart[g] + len)
        {
            return NO_RATE;
        }
        return bestFrom[lo * transitLimits + t];
    }

    public long priceCents(final int row)
    {
        return rowPriceCents[row];
    }

    public int transitDays(final int row)
    {
        return rowTransitDays[row];
    }

    public int carrier(final int row)
    {
        return rowCarrier[row];
    }

    public String carrierName(final int carrierIndex)
    {
        return carriers[carrierIndex];
    }

    public int carrierCount()
    {
        return carriers.length;
    }

    public int rowCount()
    {
        return rowCarrier.length;
    }
}
