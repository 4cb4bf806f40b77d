package io.omniroute.journal;

import java.util.Locale;

/**
 * When an appended entry counts as durable, so that its result may be acknowledged.
 */
public enum Durability
{
    /**
     * Written to the memory-mapped journal (the OS page cache) at the end of each batch: survives the process dying
     * (kill -9), not the machine losing power.
     */
    ASYNC,
    /**
     * As {@link #ASYNC}, then msync(MS_SYNC) of the pages written in the batch before any result of the batch is
     * acknowledged (group commit): survives power loss.
     */
    SYNC;

    /**
     * @return the mode named {@code async} or {@code sync} (any case), or null.
     */
    public static Durability parse(final String name)
    {
        if (name == null)
        {
            return null;
        }
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "async":
                return ASYNC;
            case "sync":
                return SYNC;
            default:
                return null;
        }
    }

    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
