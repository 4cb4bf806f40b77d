package io.omniroute.journal;

import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;

/**
 * Re-applies journal entries to an engine and checks each regenerated result line against the journaled one, byte
 * for byte. Used by recovery (on the journal's tail after a snapshot) and by the replay tool (on a whole journal).
 */
public final class Replayer
{
    private final Engine engine;
    private final Decision decision = new Decision();
    private final ResultLineEncoder lines;
    private long replayed;

    public Replayer(final Engine engine)
    {
        this.engine = engine;
        this.lines = new ResultLineEncoder(engine);
    }

    public Engine engine()
    {
        return engine;
    }

    /**
     * Applies the entry's command.
     *
     * @return whether the decision equals the journaled one (same sequence, same result line).
     */
    public boolean apply(final ReplayFeed.Slot entry)
    {
        engine.apply(entry.command(), decision);
        final int length = lines.encode(decision);
        replayed++;
        return decision.seq == entry.seq() && entry.resultEquals(lines.array(), length);
    }

    /**
     * @return the result line of the last {@link #apply}.
     */
    public ResultLineEncoder lastLine()
    {
        return lines;
    }

    public Decision lastDecision()
    {
        return decision;
    }

    public long replayed()
    {
        return replayed;
    }

    /**
     * @return the message for a divergence at the entry just applied.
     */
    public String divergence(final ReplayFeed.Slot entry)
    {
        return "seq " + entry.seq() + ": the replayed decision differs from the journal\n  journaled: " +
            entry.resultLine() + "\n  replayed:  " +
            new String(lines.array(), 0, lines.length(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
