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
            final Rows rows = new Rows(1 + rnd.nextInt(40));
            final int carriers = 1 + rnd.nextInt(3);
            final long[] weights = { 100, 450, 1000, 2270, 5000, 9070, 20000 };
            for (int r = 0; r < rows.count; r++)
            {
                rows.carrier[r] = rnd.nextInt(carriers);
                rows.service[r] = rnd.nextInt(3);
                rows.zone[r] = 1 + rnd.nextInt(8);
                rows.maxWeight[r] = weights[rnd.nextInt(weights.length)] + (rnd.nextInt(4) == 0 ? rnd.nextInt(50) : 0);
                rows.price[r] = 100 + 25L * rnd.nextInt(20);
                rows.transit[r] = rnd.nextInt(6);
            }
            final RateTable table = rows.table("A", "B", "C");
            final long[] maxWeight = rows.maxWeight;
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
                        for (int k = 0; k <= table.weightClass(svc, Long.MAX_VALUE); k++)
                        {
                            final int row = table.classRow(base, z, k);
                            assertEquals(row == RateTable.NO_RATE ? RateTable.NO_PRICE : table.priceCents(row),
                                table.classPriceCents(base, z, k), "the class's price is its row's");
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldCountTheBreaksBelowAWeightWhetherFewOrMany()
    {
        // a weight's class is the number of the service's distinct max weights below it: counted without branches up
        // to LINEAR_CLASSES breaks, searched past them; both ways must agree with a plain count, at and around every
        // break, at 0 and at the largest weight
        final SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++)
        {
            final int distinct = 1 + rnd.nextInt(2 * RateTable.LINEAR_CLASSES + 8);
            final Rows rows = new Rows(distinct * 2);
            final java.util.TreeSet<Long> breaks = new java.util.TreeSet<>();
            for (int r = 0; r < rows.count; r++)
            {
                // every break twice (another zone), so distinct ones are what count
                final long w = r < distinct ? (r == 0 && rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(1_000_000)) :
                    rows.maxWeight[r - distinct];
                rows.maxWeight[r] = w;
                rows.zone[r] = r < distinct ? 1 : 2;
                rows.price[r] = 100;
                breaks.add(w);
            }
            final RateTable table = rows.table("A");
            final java.util.List<Long> probes = new java.util.ArrayList<>(java.util.List.of(0L, 1L, Long.MAX_VALUE));
            for (final long b : breaks)
            {
                probes.add(b);
                probes.add(b + 1);
                probes.add(Math.max(0, b - 1));
            }
            for (final long w : probes)
            {
                assertEquals(breaks.headSet(w, false).size(), table.weightClass(0, w),
                    "trial " + trial + ": " + breaks.size() + " breaks, weight " + w);
            }
        }
    }

    @Test
    void shouldFallBackToLookupsWhenTheClassTableWouldBeTooBig()
    {
        final Rows rows = new Rows(2_000);
        for (int r = 0; r < rows.count; r++)
        {
            rows.zone[r] = 1 + r % 8;
            rows.maxWeight[r] = 1_000 + r;
            rows.price[r] = 500 + r;
            rows.transit[r] = r % 300;
        }
        final RateTable table = rows.table("A");
        assertFalse(table.hasClasses());
        assertEquals(RateTable.NO_RATE, table.lookup(0, 1, 5_000, -1));
        assertTrue(table.lookup(0, 1, 1_500, -1) >= 0);
    }

    /** The columns of a rate card, one entry per row. */
    private static final class Rows
    {
        final int count;
        final int[] carrier;
        final int[] service;
        final int[] zone;
        final long[] maxWeight;
        final long[] price;
        final int[] transit;

        Rows(final int count)
        {
            this.count = count;
            carrier = new int[count];
            service = new int[count];
            zone = new int[count];
            maxWeight = new long[count];
            price = new long[count];
            transit = new int[count];
        }

        RateTable table(final String... carriers)
        {
            return new RateTable(carriers, carrier, service, zone, maxWeight, price, transit);
        }
    }
}
