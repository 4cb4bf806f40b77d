package io.omniroute.gateway.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The engine's decision latency: recorded wait-free by the engine thread around each command (at the agent
 * boundary, since the engine itself never reads a clock), read by the metrics thread, which folds each interval into
 * a cumulative histogram.
 */
public final class DecisionLatency
{
    private static final long HIGHEST_NS = 60_000_000_000L;
    private final Recorder recorder = new Recorder(HIGHEST_NS, 3);
    private final Histogram cumulative = new Histogram(HIGHEST_NS, 3);
    private Histogram interval;

    /**
     * Engine thread: one decision took {@code nanos}.
     */
    public void record(final long nanos)
    {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST_NS, nanos)));
    }

    /**
     * Reader thread: the cumulative histogram up to now.
     */
    public synchronized Histogram snapshot()
    {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative.copy();
    }
}
