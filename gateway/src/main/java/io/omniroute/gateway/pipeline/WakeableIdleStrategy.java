package io.omniroute.gateway.pipeline;

import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine thread's idle strategy: spin, then yield, then park for at most {@code maxParkNs}; a producer that has
 * just published calls {@link #wake()}, which unparks the thread only when it is parked (one volatile read
 * otherwise). With {@code maxSpins} large it is a busy spin; with it zero the thread sleeps and costs no CPU when idle
 * yet wakes within microseconds of new work — what a 2-core box running its own clients wants.
 * <p>
 * Used by the engine thread of both drivers: the Disruptor {@link Pipeline} (its {@link CommandPublisher} wakes it)
 * and the gateway's {@code LocalEngineDriver}. A missed wake-up cannot hang: the park is bounded by
 * {@code maxParkNs}.
 */
public final class WakeableIdleStrategy implements IdleStrategy
{
    private final long maxSpins;
    private final long maxYields;
    private final long maxParkNs;
    private final boolean parks;
    private volatile boolean parked;
    private volatile Thread thread;
    private long spins;
    private long yields;
    private WorkCheck check;

    /**
     * Tells whether work arrived between deciding to park and parking.
     */
    @FunctionalInterface
    public interface WorkCheck
    {
        boolean hasWork();
    }

    public WakeableIdleStrategy(final long maxSpins, final long maxYields, final long maxParkNs)
    {
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.maxParkNs = maxParkNs;
        this.parks = maxSpins != Long.MAX_VALUE && maxYields != Long.MAX_VALUE;
    }

    public void workCheck(final WorkCheck check)
    {
        this.check = check;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (yields < maxYields)
        {
            yields++;
            Thread.yield();
        }
        else
        {
            if (thread == null)
            {
                thread = Thread.currentThread();
            }
            parked = true;
            if (check == null || !check.hasWork())
            {
                LockSupport.parkNanos(maxParkNs);
            }
            parked = false;
        }
    }

    @Override
    public void reset()
    {
        spins = 0;
        yields = 0;
    }

    /**
     * Called by a producer after it published: unparks the consumer if it is parked. The fence orders the
     * producer's publication (often a release store) before its read of {@code parked}, against the consumer's
     * write of {@code parked} before its own check for work: one of the two sees the other.
     */
    public void wake()
    {
        if (!parks)
        {
            return;
        }
        VarHandle.fullFence();
        if (parked)
        {
            final Thread t = thread;
            if (t != null)
            {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    public String alias()
    {
        return maxSpins == Long.MAX_VALUE ? "busy-spin" : "spin " + maxSpins + ", yield " + maxYields + ", park " +
            maxParkNs / 1000 + " us (woken on publish)";
    }

    /**
     * @return true when this strategy never parks (nothing to wake).
     */
    public boolean spinsOnly()
    {
        return !parks;
    }

    public static WakeableIdleStrategy parse(final String name)
    {
        switch (name)
        {
            case "busy":
            case "busy-spin":
                return new WakeableIdleStrategy(Long.MAX_VALUE, 0, 0);
            case "yield":
            case "yielding":
                return new WakeableIdleStrategy(100, Long.MAX_VALUE, 0);
            case "backoff":
                return new WakeableIdleStrategy(2_000, 20, 1_000_000);
            case "sleep":
            case "sleeping":
                return new WakeableIdleStrategy(0, 0, 1_000_000);
            default:
                throw new IllegalArgumentException("idle strategy '" + name + "': expected busy-spin, yielding, backoff or sleeping");
        }
    }
}
