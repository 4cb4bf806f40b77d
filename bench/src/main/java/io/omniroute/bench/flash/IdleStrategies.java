package io.omniroute.bench.flash;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.function.Supplier;

/**
 * Idle strategies by the names the bench's configuration uses.
 */
public final class IdleStrategies
{
    private IdleStrategies()
    {
    }

    public static Supplier<IdleStrategy> named(final String name)
    {
        switch (name)
        {
            case "busy-spin":
                return BusySpinIdleStrategy::new;
            case "yielding":
                return YieldingIdleStrategy::new;
            case "backoff":
                return () -> new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
            case "sleeping":
                return () -> new SleepingIdleStrategy(50_000);
            default:
                throw new IllegalArgumentException("unknown idle strategy: " + name);
        }
    }
}
