package io.omniroute.gateway.server;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The gateway's live counters: each written by one thread (the I/O thread, or the engine thread for the outbound
 * ones), readable from any thread without locks. Each counter sits on its own cache line.
 */
public final class GatewayCounters
{
    /** What is counted. */
    public enum Counter
    {
        CONNECTIONS_ACCEPTED,
        SESSIONS_ACTIVE,
        LOGONS,
        LOGON_FAILURES,
        COMMANDS,
        RESULTS_SENT,
        EVENTS_SENT,
        NOT_AUTHORIZED,
        THROTTLED,
        BAD_FRAMES,
        SLOW_CONSUMER_DROPS,
        HEARTBEAT_TIMEOUTS,
        RESULTS_FOR_GONE_SESSIONS,
        ENGINE_BACKPRESSURE_STALLS,
        RESULTS_TOO_LARGE
    }

    private static final int STRIDE = 16; // 128 bytes between counters
    private final AtomicLongArray values = new AtomicLongArray(Counter.values().length * STRIDE);

    /**
     * Single-writer increment: only the owning thread calls it for a given counter.
     */
    public void increment(final Counter c)
    {
        final int i = c.ordinal() * STRIDE;
        values.lazySet(i, values.get(i) + 1);
    }

    public void add(final Counter c, final long delta)
    {
        final int i = c.ordinal() * STRIDE;
        values.lazySet(i, values.get(i) + delta);
    }

    public long get(final Counter c)
    {
        return values.get(c.ordinal() * STRIDE);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Counter c : Counter.values())
        {
            if (sb.length() > 0)
            {
                sb.append(", ");
            }
            sb.append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(get(c));
        }
        return sb.toString();
    }
}
