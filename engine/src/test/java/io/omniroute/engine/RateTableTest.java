package io.omniroute.engine;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weight-class table the router prices with must answer exactly as the per-weight lookup: for every service,
 * zone, transit limit and weight (at, just above and just below every break, and beyond the last).
 */
class RateTableTest
{
    @Test
    void shouldGiveTheSameRowByWeightClassAsByLookup()
    {
        final SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++)
        {
            final int rows = 1 + rnd.nextInt(40);
            final int carriers = 1 + rnd.nextInt(3);
            final int[] carrier = new int[rows];
            final int[] service = new int[rows];
            final int[] zone = new int[rows];
            final long[] maxWeight = new long[rows];
            final long[] price = new long[rows];
            final int[] transit = new int[rows];
            final long[] weights = { 100, 450, 1000, 2270, 5000, 9070, 20000 };
            for (int r = 0; r < rows; r++)
            {
                carrier[r] = rnd.nextInt(carriers);
                service[r] = rnd.nextInt(3);
                zone[r] = 1 + rnd.nextInt(8);
                maxWeight[r] = weights[rnd.nextInt(weights.length)] + (rnd.nextInt(4) == 0 ? rnd.nextInt(50) : 0);
                price[r] = 100 + 25L * rnd.nextInt(20);
                transit[r] = rnd.nextInt(6);
            }
            final RateTable table = new RateTable(new String[] { "A", "B", "C" }, carrier, service, zone, maxWeight,
                price, transit);
            assertTrue(table.hasClasses());
            for (int svc = 0; svc < 3; svc++)
            {
                for (int z = 1; z <= 8; z++)
                {
                    for (int limit = -1; limit <= 7; limit++)
                    {
                        final int base = table.classBase(svc, limit);
                        for (final long w : maxWeight)
                        {
                            for (long weight = Math.max(1, w - 1); weight <= w + 1; weight++)
                            {
                                assertEquals(table.lookup(svc, z, weight, limit),
                                    table.classRow(base, z, table.weightClass(svc, weight)),
                                    "trial " + trial + " service " + svc + " zone " + z + " limit " + limit +
                                    " weight " + weight);
                            }
                        }
                        assertEquals(RateTable.NO_RATE, table.classRow(base, z, table.weightClass(svc, 1L << 40)));
                    }
                }
            }
        }
    }

    @Test
    void shouldFallBackToLookupsWhenTheClassTableWouldBeTooBig()
    {
        final int rows = 2_000;
        final int[] carrier = new int[rows];
        final int[] service = new int[rows];
        final int[] zone = new int[rows];
        final long[] maxWeight = new long[rows];
        final long[] price = new long[rows];
        final int[] transit = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            zone[r] = 1 + r % 8;
            maxWeight[r] = 1_000 + r;
            price[r] = 500 + r;
            transit[r] = r % 300;
        }
        final RateTable table = new RateTable(new String[] { "A" }, carrier, service, zone, maxWeight, price, transit);
        assertFalse(table.hasClasses());
        assertEquals(RateTable.NO_RATE, table.lookup(0, 1, 5_000, -1));
        assertTrue(table.lookup(0, 1, 1_500, -1) >= 0);
    }
}
