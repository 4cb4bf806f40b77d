package io.omniroute.engine;

import org.agrona.collections.Long2LongHashMap;

/**
 * A long-to-long map split by the key's top bits into 256 independent open-addressing maps. A single map rehashes
 * everything at once when it grows, stalling its writer for tens to hundreds of milliseconds at millions of entries;
 * here each growth rehashes one shard, 1/256 of the entries. Keys are well-mixed hashes (the top bits are as good as
 * any). Single-threaded.
 */
final class ShardedIndex
{
    private static final int SHARD_BITS = 8;
    private final Long2LongHashMap[] shards = new Long2LongHashMap[1 << SHARD_BITS];

    ShardedIndex(final int expectedEntries, final long missingValue)
    {
        final int perShard = Math.max(8, (expectedEntries >> SHARD_BITS) * 2);
        for (int i = 0; i < shards.length; i++)
        {
            shards[i] = new Long2LongHashMap(perShard, 0.65f, missingValue);
        }
    }

    private Long2LongHashMap shard(final long key)
    {
        return shards[(int)(key >>> (64 - SHARD_BITS))];
    }

    long get(final long key)
    {
        return shard(key).get(key);
    }

    /**
     * @return the key's previous value, or the missing value.
     */
    long put(final long key, final long value)
    {
        return shard(key).put(key, value);
    }

    void remove(final long key)
    {
        shard(key).remove(key);
    }

    void clear()
    {
        for (final Long2LongHashMap s : shards)
        {
            s.clear();
        }
    }
}
