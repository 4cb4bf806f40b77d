package io.omniroute.engine;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The order books' id index: a long-to-long map for keys that are well-mixed hashes, built so that the common
 * question of a busy engine, "is this new order id taken?", is answered from the cache.
 * <p>
 * Three parts:
 * <ul>
 * <li><b>Shards</b>: 256 independent open-addressing maps chosen by the key's top bits. A single map rehashes
 * everything at once when it grows, stalling its writer for tens to hundreds of milliseconds at millions of entries;
 * here each growth rehashes one shard, 1/256 of the entries. At millions of entries the shards are tens of MB, and a
 * look-up of a new id reads a random line of them: a miss to memory (and the TLB), measured at a quarter of the
 * engine's time per flash-sale order.</li>
 * <li><b>Filters</b>: per shard, a Bloom filter of the keys in it (three bits of one 64-bit word per key, about 6–12
 * bits per entry, so a few per cent false positives), small enough to stay in the cache. A key the filter has not
 * seen is not in the shard, and the shard is not read.</li>
 * <li><b>Recent</b>: the newest {@link #RECENT_LIMIT} writes, in a small table of their own (in the cache), moved
 * into the shards together when it fills: those moves are independent misses, which the core overlaps, instead of
 * one miss on each order's path.</li>
 * </ul>
 * A key's entry in the recent table, when it has one, is its current value there ({@link #missingValue} meaning
 * removed); else the shard's. Single-threaded. Results depend only on the calls made, never on timing.
 */
final class ShardedIndex
{
    private static final int SHARD_BITS = 8;
    /** Slots of the recent table (a power of two); it is moved into the shards at half full. */
    static final int RECENT_CAPACITY = 4096;
    static final int RECENT_LIMIT = RECENT_CAPACITY / 2;
    /** Filter words per shard slot, as a shift: a shard of capacity c has c >> FILTER_SHIFT words of 64 bits. */
    private static final int FILTER_SHIFT = 4;

    private final long missingValue;
    private final Long2LongHashMap[] shards = new Long2LongHashMap[1 << SHARD_BITS];
    private final long[][] filters = new long[1 << SHARD_BITS][];
    /** The shard capacity each filter was built for: a shard that grew gets its filter rebuilt at its size. */
    private final int[] filterCapacity = new int[1 << SHARD_BITS];
    /**
     * Keys removed from each shard since its filter was built: their bits stay set (a filter cannot forget), so once
     * they are a quarter of the shard's capacity (orders forgotten by retention, day after day) the filter is rebuilt.
     */
    private final int[] filterStale = new int[1 << SHARD_BITS];

    private final long[] recentKeys = new long[RECENT_CAPACITY];
    private final long[] recentValues = new long[RECENT_CAPACITY];
    /** A slot is in use when its generation is the table's: emptying the table is one increment. */
    private final int[] recentGeneration = new int[RECENT_CAPACITY];
    private int generation = 1;
    private int recentCount;

    ShardedIndex(final int expectedEntries, final long missingValue)
    {
        this.missingValue = missingValue;
        final int perShard = Math.max(8, (expectedEntries >> SHARD_BITS) * 2);
        for (int i = 0; i < shards.length; i++)
        {
            shards[i] = new Long2LongHashMap(perShard, 0.65f, missingValue);
            filterCapacity[i] = shards[i].capacity();
            filters[i] = new long[filterWords(filterCapacity[i])];
        }
    }

    private static int shardOf(final long key)
    {
        return (int)(key >>> (64 - SHARD_BITS));
    }

    private static int filterWords(final int shardCapacity)
    {
        return Math.max(1, shardCapacity >> FILTER_SHIFT);
    }

    /** The key's three bits in its filter word (bits of the key that neither the shard nor the word index use). */
    private static long filterBits(final long key)
    {
        return (1L << (key >>> 38)) | (1L << (key >>> 44)) | (1L << (key >>> 50));
    }

    /** The key's word in a filter of {@code words} words (a power of two). */
    private static int filterWord(final long key, final int words)
    {
        return (int)key & (words - 1);
    }

    /**
     * @return the key's value, or the missing value.
     */
    long get(final long key)
    {
        final int slot = recentSlot(key);
        if (recentGeneration[slot] == generation)
        {
            return recentValues[slot];
        }
        final int s = shardOf(key);
        final long[] filter = filters[s];
        final long bits = filterBits(key);
        if ((filter[filterWord(key, filter.length)] & bits) != bits)
        {
            return missingValue;
        }
        shardReads++;
        return shards[s].get(key);
    }

    /** Look-ups that had to read a shard (the filter let them through): for tests and diagnostics. */
    long shardReads;

    /**
     * @return the key's previous value, or the missing value.
     */
    long put(final long key, final long value)
    {
        final long previous = get(key);
        setRecent(key, value);
        return previous;
    }

    void remove(final long key)
    {
        setRecent(key, missingValue);
    }

    void clear()
    {
        for (int i = 0; i < shards.length; i++)
        {
            shards[i].clear();
            Arrays.fill(filters[i], 0L);
            filterStale[i] = 0;
        }
        emptyRecent();
    }

    /**
     * @return the key's slot in the recent table: its own if it has one, else the empty slot it would take.
     */
    private int recentSlot(final long key)
    {
        final int mask = RECENT_CAPACITY - 1;
        int slot = (int)(key ^ (key >>> 32)) & mask;
        while (recentGeneration[slot] == generation && recentKeys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void setRecent(final long key, final long value)
    {
        final int slot = recentSlot(key);
        if (recentGeneration[slot] != generation)
        {
            recentGeneration[slot] = generation;
            recentKeys[slot] = key;
            recentCount++;
        }
        recentValues[slot] = value;
        if (recentCount >= RECENT_LIMIT)
        {
            moveRecentToShards();
        }
    }

    private void moveRecentToShards()
    {
        for (int slot = 0; slot < RECENT_CAPACITY; slot++)
        {
            if (recentGeneration[slot] != generation)
            {
                continue;
            }
            final long key = recentKeys[slot];
            final long value = recentValues[slot];
            final int s = shardOf(key);
            final Long2LongHashMap shard = shards[s];
            if (value == missingValue)
            {
                if (shard.remove(key) != missingValue && ++filterStale[s] > filterCapacity[s] >> 2)
                {
                    rebuildFilter(s);
                }
                continue;
            }
            shard.put(key, value);
            if (shard.capacity() != filterCapacity[s])
            {
                rebuildFilter(s);
            }
            else
            {
                final long[] filter = filters[s];
                filter[filterWord(key, filter.length)] |= filterBits(key);
            }
        }
        emptyRecent();
    }

    private void rebuildFilter(final int s)
    {
        final Long2LongHashMap shard = shards[s];
        final long[] filter = new long[filterWords(shard.capacity())];
        final Long2LongHashMap.KeyIterator keys = shard.keySet().iterator();
        while (keys.hasNext())
        {
            final long key = keys.nextValue();
            filter[filterWord(key, filter.length)] |= filterBits(key);
        }
        filters[s] = filter;
        filterCapacity[s] = shard.capacity();
        filterStale[s] = 0;
    }

    private void emptyRecent()
    {
        recentCount = 0;
        if (++generation == Integer.MAX_VALUE)
        {
            Arrays.fill(recentGeneration, 0);
            generation = 1;
        }
    }
}
