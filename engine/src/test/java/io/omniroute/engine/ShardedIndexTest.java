package io.omniroute.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardedIndexTest
{
    private static final long MISSING = -1;

    /** Random puts, overwrites, removes, look-ups and clears against a HashMap, through many moves and growths. */
    @Test
    void behavesAsAMapThroughMovesGrowthsAndClears()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final long[] pool = new long[60_000];
        for (int i = 0; i < pool.length; i++)
        {
            pool[i] = random.nextLong();
        }
        // keys that share a shard, a filter word and a recent-table slot with pool[0], and the extremes
        pool[1] = pool[0] ^ (1L << 30);
        pool[2] = pool[0] ^ (1L << 31) ^ (1L << 12);
        pool[3] = 0;
        pool[4] = MISSING;
        pool[5] = Long.MIN_VALUE;
        final ShardedIndex index = new ShardedIndex(1024, MISSING);
        final Map<Long, Long> model = new HashMap<>();
        for (int op = 0; op < 600_000; op++)
        {
            final long key = pool[random.nextInt(op < 300_000 ? pool.length : 2_000)];
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
            else if (kind == 60 && random.nextInt(200) == 0)
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

    /** The point of the filters: a key never put is answered without reading a shard, nearly always. */
    @Test
    void absentKeysRarelyReadAShard()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final ShardedIndex index = new ShardedIndex(1024, MISSING);
        for (int i = 0; i < 200_000; i++)
        {
            index.put(random.nextLong(), i);
        }
        final long before = index.shardReads;
        final int lookups = 100_000;
        for (int i = 0; i < lookups; i++)
        {
            assertEquals(MISSING, index.get(random.nextLong()));
        }
        final long reads = index.shardReads - before;
        assertTrue(reads < lookups / 10, "absent keys read a shard " + reads + " times in " + lookups);
    }

    /** Removed keys leave bits in a filter; once they are many, the filter is rebuilt without them. */
    @Test
    void filtersForgetRemovedKeys()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final ShardedIndex index = new ShardedIndex(1024, MISSING);
        final long[] keys = new long[100_000];
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < keys.length; i++)
            {
                keys[i] = random.nextLong();
                index.put(keys[i], i);
            }
            for (final long key : keys)
            {
                index.remove(key);
            }
        }
        for (int i = 0; i < ShardedIndex.RECENT_LIMIT; i++)
        {
            index.remove(random.nextLong());   // moves the last removals into the shards
        }
        for (final long key : keys)
        {
            assertEquals(MISSING, index.get(key));
        }
        final long before = index.shardReads;
        final int lookups = 100_000;
        for (int i = 0; i < lookups; i++)
        {
            index.get(random.nextLong());
        }
        final long reads = index.shardReads - before;
        assertTrue(reads < lookups / 4, "after removals, absent keys read a shard " + reads + " times in " + lookups);
    }
}
