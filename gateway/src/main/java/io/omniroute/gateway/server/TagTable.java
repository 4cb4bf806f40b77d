package io.omniroute.gateway.server;

/**
 * Which session and request each command in flight belongs to, by tag: the I/O thread takes the next tag when it
 * offers a command to the engine and looks it up when the result comes back. Results come back in tag order, so
 * this is a ring of fixed capacity; when it is full the I/O thread stops reading until results drain. I/O thread
 * only.
 */
final class TagTable
{
    private final long[] sessionIds;
    private final long[] correlationIds;
    private final int mask;
    private long next;
    private long done;

    TagTable(final int capacityPowerOfTwo)
    {
        if (Integer.bitCount(capacityPowerOfTwo) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        sessionIds = new long[capacityPowerOfTwo];
        correlationIds = new long[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    boolean isFull()
    {
        return next - done >= sessionIds.length;
    }

    /** The tag the next {@link #add} will use. */
    long nextTag()
    {
        return next;
    }

    void add(final long sessionId, final long correlationId)
    {
        final int i = (int)(next & mask);
        sessionIds[i] = sessionId;
        correlationIds[i] = correlationId;
        next++;
    }

    /**
     * Looks up a tag whose result came back and releases it (and every earlier one).
     *
     * @return false for a tag that is not in flight.
     */
    boolean complete(final long tag)
    {
        if (tag < done || tag >= next)
        {
            return false;
        }
        done = tag + 1;
        return true;
    }

    long sessionId(final long tag)
    {
        return sessionIds[(int)(tag & mask)];
    }

    long correlationId(final long tag)
    {
        return correlationIds[(int)(tag & mask)];
    }

    long inFlight()
    {
        return next - done;
    }
}
