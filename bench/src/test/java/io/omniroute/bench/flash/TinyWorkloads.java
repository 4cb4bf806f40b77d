package io.omniroute.bench.flash;

import io.omniroute.engine.Network;

import java.util.SplittableRandom;

/**
 * Flash-sale workloads over {@link io.omniroute.bench.TinyNetwork}: many orders for little stock, so a store that
 * oversells shows it at once.
 */
public final class TinyWorkloads
{
    private TinyWorkloads()
    {
    }

    /**
     * @param stock opening units by sku * 3 + location (locations DC-A, DC-B, ST-C; SKUs S1, S2).
     */
    public static FlashSaleWorkload contended(final Network n, final long[] stock, final int orders, final long seed)
    {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int[] zip = new int[orders];
        final int[] start = new int[orders + 1];
        final int[] sku = new int[orders * 2];
        final int[] qty = new int[orders * 2];
        int line = 0;
        for (int k = 0; k < orders; k++)
        {
            zip[k] = rnd.nextInt(2);
            start[k] = line;
            if (rnd.nextBoolean())
            {
                sku[line] = 0;
                qty[line++] = 1 + rnd.nextInt(2);
                sku[line] = 1;
                qty[line++] = 1;
            }
            else
            {
                sku[line] = rnd.nextInt(2);
                qty[line++] = 1 + rnd.nextInt(3);
            }
        }
        start[orders] = line;
        return FlashSaleWorkload.of(n, stock, zip, start, java.util.Arrays.copyOf(sku, line),
            java.util.Arrays.copyOf(qty, line));
    }
}
