package io.omniroute.bench.flash;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * What one flash-sale run measured: orders completed in the measured window, throughput, the latency histogram (ns;
 * from each order's intended send time in open-loop runs), allocation outcomes and the oversell audit.
 */
public final class RunResult
{
    public final String system;
    /** "max" (closed loop, as fast as the system takes orders) or "open" (a fixed schedule). */
    public final String mode;
    /** Orders per second offered (open loop), or 0 for max. */
    public final double offeredPerSecond;
    public final int clients;
    public final String idleStrategy;
    public long completed;
    public long allocated;
    public long rejected;
    public long errors;
    public long elapsedNs;
    public long unitsAllocated;
    public final Histogram latencyNs = new Histogram(3_600_000_000_000L, 3);
    /**
     * Open loop, in process: how late the load thread itself enqueued each order after it was due (ns). It sleeps
     * or spins on the same cores as the engine, so this is the machine's own scheduling delay, charged to every
     * order it delays: no latency of the run can be told apart from it below these figures.
     */
    public final Histogram sendLatenessNs = new Histogram(3_600_000_000_000L, 3);
    public final List<String> oversold = new ArrayList<>();
    public final List<String> inconsistent = new ArrayList<>();
    /** Whether the open-loop run kept up: it finished within its window plus a grace period. */
    public boolean keptUp = true;

    public RunResult(final String system, final String mode, final double offeredPerSecond, final int clients,
        final String idleStrategy)
    {
        this.system = system;
        this.mode = mode;
        this.offeredPerSecond = offeredPerSecond;
        this.clients = clients;
        this.idleStrategy = idleStrategy;
    }

    public double throughputPerSecond()
    {
        return elapsedNs == 0 ? 0 : completed * 1e9 / elapsedNs;
    }

    @Override
    public String toString()
    {
        return String.format("%s %s%s: %,d orders in %.2f s = %,.0f orders/s, allocated %,d, rejected %,d, errors %d, " +
            "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us, oversold %d", system, mode,
            offeredPerSecond > 0 ? String.format(" @%,.0f/s", offeredPerSecond) : "", completed, elapsedNs / 1e9,
            throughputPerSecond(), allocated, rejected, errors, latencyNs.getValueAtPercentile(50) / 1e3,
            latencyNs.getValueAtPercentile(99) / 1e3, latencyNs.getValueAtPercentile(99.9) / 1e3,
            latencyNs.getMaxValue() / 1e3, oversold.size());
    }
}
