package io.omniroute.gateway.pipeline;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The idle strategies a pipeline thread may use, by name: {@code busy-spin} (lowest latency, burns a core),
 * {@code yielding}, {@code backoff} (spins, yields, then parks up to 1 ms: the default, fair to a 2-core machine),
 * {@code sleeping} (parks 100 µs; least CPU). The engine thread gets the same shapes through {@link #engine}, which a
 * producer wakes as soon as it publishes.
 */
public final class IdleStrategies
{
    public static final String NAMES = "busy-spin, yielding, backoff, sleeping";

    private IdleStrategies()
    {
    }

    /**
     * The engine thread's strategy by name: the same shapes as {@link #named}, but a parked engine thread is woken
     * by the producer as soon as it publishes ({@link WakeableIdleStrategy#wake()}), so a quiet engine answers the
     * next command in microseconds instead of after its park (up to 1 ms with {@code backoff}).
     *
     * @return a new strategy, or null for an unknown name.
     */
    public static WakeableIdleStrategy engine(final String name)
    {
        if (name == null)
        {
            return null;
        }
        switch (name)
        {
            case "busy-spin":
                return new WakeableIdleStrategy(Long.MAX_VALUE, 0, 0);
            case "yielding":
                return new WakeableIdleStrategy(0, Long.MAX_VALUE, 0);
            case "backoff":
                return new WakeableIdleStrategy(100, 10, TimeUnit.MILLISECONDS.toNanos(1));
            case "sleeping":
                return new WakeableIdleStrategy(0, 0, TimeUnit.MICROSECONDS.toNanos(100));
            default:
                return null;
        }
    }

    /**
     * @return a new strategy (each thread needs its own), or null for an unknown name.
     */
    public static IdleStrategy named(final String name)
    {
        if (name == null)
        {
            return null;
        }
        switch (name)
        {
            case "busy-spin":
                return new BusySpinIdleStrategy();
            case "yielding":
                return new YieldingIdleStrategy();
            case "backoff":
                return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
            case "sleeping":
                return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
            default:
                return null;
        }
    }
}
