package io.omniroute.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShardedIndexTest
{
    private static final long MISSING = -1;

    /** Random puts, overwrites, removes, look-ups and clears against a HashMap, through many shard growths. */
    @Test
    void behavesAsAMapThroughGrowthsAndClears()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final long[] pool = new long[60_000];
        for (int i = 0; i < pool.length; i++)
        {
            pool[i] = random.nextLong();
        }
        // keys that share a shard and a home slot with pool[0], and the extremes
        pool[1] = pool[0] ^ (1L << 30);
        pool[2] = pool[0] ^ (1L << 31) ^ (1L << 12);
        pool[3] = 0;
        pool[4] = MISSING;
        pool[5] = Long.MIN_VALUE;
        runAgainstAMap(new ShardedIndex(1024, MISSING), pool, 7, 600_000, true);
    }

    /** Keys that all fall in one shard and near one home slot. */
    @Test
    void keysCrowdedIntoOneShardAndSlot()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final long[] pool = new long[6_000];
        final long base = random.nextLong() & 0xFF00_0000_0000_0000L;
        for (int i = 0; i < pool.length; i++)
        {
            // same top 8 bits (shard), same low 12 bits; bits 20-55 vary
            pool[i] = base | ((long)i << 38) | ((long)(i * 7919) << 20 & 0x3F_FFF0_0000L);
        }
        runAgainstAMap(new ShardedIndex(1024, MISSING), pool, 3, 200_000, false);
    }

    private static void runAgainstAMap(
        final ShardedIndex index, final long[] pool, final long seed, final int ops, final boolean clears)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<Long, Long> model = new HashMap<>();
        for (int op = 0; op < ops; op++)
        {
            final long key = pool[random.nextInt(op < ops / 2 ? pool.length : Math.min(pool.length, 2_000))];
            final int kind = random.nextInt(100);
            if (kind < 45)
            {
                final long value = random.nextInt(Integer.MAX_VALUE);
                final Long previous = model.put(key, value);
                assertEquals(previous == null ? MISSING : previous, index.put(key, value), "put at op " + op);
            }
            else if (kind < 60)
            {
                model.remove(key);
                index.remove(key);
            }
            else if (kind == 60 && clears && random.nextInt(200) == 0)
            {
                model.clear();
                index.clear();
            }
            else
            {
                final Long value = model.get(key);
                assertEquals(value == null ? MISSING : value, index.get(key), "get at op " + op);
            }
        }
        for (final long key : pool)
        {
            final Long value = model.get(key);
            assertEquals(value == null ? MISSING : value, index.get(key));
        }
    }
}
