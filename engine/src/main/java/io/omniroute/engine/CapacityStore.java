package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Shipments planned today per location, off-heap, against each location's daily capacity (-1 = unlimited). Beside
 * the counts, derived from them, a bitset of the locations whose capacity is used up ({@link #fullWord}): the router
 * asks it whether capacity left out any location at all without visiting each (snapshots carry the counts only;
 * {@link #rebuildDerived} after restoring them).
 */
public final class CapacityStore
{
    private final int[] dailyCapacity;
    private final UnsafeBuffer used;
    private final long[] fullBits;

    public CapacityStore(final Network network)
    {
        final int n = network.locationCount();
        dailyCapacity = new int[n];
        for (int i = 0; i < n; i++)
        {
            dailyCapacity[i] = network.dailyCapacity(i);
        }
        used = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, ((n * 4) + 63) & ~63), 64));
        fullBits = new long[StockStore.wordsFor(n)];
        rebuildDerived();
    }

    /**
     * Sets the used-up bitset from the counts (after a snapshot's counts were read into {@link #buffer}).
     */
    public void rebuildDerived()
    {
        Arrays.fill(fullBits, 0);
        for (int loc = 0; loc < dailyCapacity.length; loc++)
        {
            refresh(loc);
        }
    }

    private void refresh(final int loc)
    {
        final long bit = 1L << loc;
        final int w = loc >>> 6;
        fullBits[w] = hasCapacity(loc) ? fullBits[w] & ~bit : fullBits[w] | bit;
    }

    /**
     * @return word w of the bitset of locations without capacity left today (bit l % 64 of word l / 64).
     */
    public long fullWord(final int w)
    {
        return fullBits[w];
    }

    public int used(final int loc)
    {
        return used.getInt(loc * 4);
    }

    public boolean hasCapacity(final int loc)
    {
        final int cap = dailyCapacity[loc];
        return cap < 0 || used.getInt(loc * 4) < cap;
    }

    public void use(final int loc)
    {
        used.putInt(loc * 4, used.getInt(loc * 4) + 1);
        refresh(loc);
    }

    public void release(final int loc)
    {
        final int v = used.getInt(loc * 4);
        if (v > 0)
        {
            used.putInt(loc * 4, v - 1);
            refresh(loc);
        }
    }

    public void newDay()
    {
        used.setMemory(0, dailyCapacity.length * 4, (byte)0);
        rebuildDerived();
    }

    public int locationCount()
    {
        return dailyCapacity.length;
    }

    public UnsafeBuffer buffer()
    {
        return used;
    }
}
