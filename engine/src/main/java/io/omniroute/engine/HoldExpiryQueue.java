package io.omniroute.engine;

import java.util.Arrays;

/**
 * A binary min-heap of (expiry, hold number) so the engine finds the holds the clock has passed without scanning.
 */
final class HoldExpiryQueue
{
    private long[] expires = new long[64];
    private int[] holds = new int[64];
    private int size;

    void add(final long expiresTs, final int hold)
    {
        if (size == expires.length)
        {
            expires = Arrays.copyOf(expires, size * 2);
            holds = Arrays.copyOf(holds, size * 2);
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!less(expiresTs, hold, expires[parent], holds[parent]))
            {
                break;
            }
            expires[i] = expires[parent];
            holds[i] = holds[parent];
            i = parent;
        }
        expires[i] = expiresTs;
        holds[i] = hold;
    }

    private static boolean less(final long e1, final int h1, final long e2, final int h2)
    {
        return e1 < e2 || (e1 == e2 && h1 < h2);
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    long peekExpires()
    {
        return expires[0];
    }

    int poll()
    {
        final int top = holds[0];
        final long lastE = expires[--size];
        final int lastH = holds[size];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && less(expires[child + 1], holds[child + 1], expires[child], holds[child]))
            {
                child++;
            }
            if (!less(expires[child], holds[child], lastE, lastH))
            {
                break;
            }
            expires[i] = expires[child];
            holds[i] = holds[child];
            i = child;
        }
        if (size > 0)
        {
            expires[i] = lastE;
            holds[i] = lastH;
        }
        return top;
    }

    int size()
    {
        return size;
    }

    long expiresAt(final int i)
    {
        return expires[i];
    }

    int holdAt(final int i)
    {
        return holds[i];
    }
}
