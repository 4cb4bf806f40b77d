package io.omniroute.bench.gateway;

/**
 * The latency floor this machine gives any server, measured beside the open loop: one thread that does nothing but
 * read the clock "serves" requests due every {@code 1 / rate} seconds, each the moment the thread next runs, and
 * records how late that was (coordinated omission corrected, like the load generator). With no I/O and no work, what
 * remains is the platform's own stalls: preemption by other threads and processes, interrupts, the hypervisor. A
 * server, an echo, and the load generator run on threads that suffer the same stalls, so no measured percentile on
 * this machine can be lower than this one's (jHiccup measures the same thing; this is its open-loop form).
 * <p>
 * It spins one thread for the duration: run it alone, between the measured phases.
 */
final class PlatformFloor
{
    private PlatformFloor()
    {
    }

    /**
     * @param ratePerSecond requests due per second.
     * @param durationNs    how long to measure.
     * @return the lateness of every due request (nanoseconds) in a run of the load generator's shape.
     */
    static LoadClient.Run measure(final long ratePerSecond, final long durationNs)
    {
        final LoadClient.Run run = new LoadClient.Run();
        final long intervalNs = Math.max(1, 1_000_000_000L / ratePerSecond);
        final long start = System.nanoTime();
        final long end = start + durationNs;
        long due = start;
        long count = 0;
        long now;
        while ((now = System.nanoTime()) < end)
        {
            while (due <= now)
            {
                run.latencyNs.recordValue(Math.min(now - due, run.latencyNs.getHighestTrackableValue()));
                due += intervalNs;
                count++;
            }
        }
        for (; due < end; due += intervalNs)
        {
            run.latencyNs.recordValue(now - due); // due before the end, seen only by the last read
            count++;
        }
        run.completed = count;
        run.elapsedNs = now - start;
        return run;
    }
}
