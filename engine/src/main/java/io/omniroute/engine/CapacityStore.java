package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Shipments planned today per location, off-heap, against each location's daily capacity (-1 = unlimited).
 */
public final class CapacityStore
{
    private final int[] dailyCapacity;
    private final UnsafeBuffer used;

    public CapacityStore(final Network network)
    {
        final int n = network.locationCount();
        dailyCapacity = new int[n];
        for (int i = 0; i < n; i++)
        {
            dailyCapacity[i] = network.dailyCapacity(i);
        }
        used = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, ((n * 4) + 63) & ~63), 64));
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
    }

    public void release(final int loc)
    {
        final int v = used.getInt(loc * 4);
        if (v > 0)
        {
            used.putInt(loc * 4, v - 1);
        }
    }

    public void newDay()
    {
        used.setMemory(0, dailyCapacity.length * 4, (byte)0);
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
