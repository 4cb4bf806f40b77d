package io.omniroute.engine;

/**
 * The status of a result.
 */
public enum Status
{
    ALLOCATED, OK, REJECTED, BACKORDERED, HELD;

    private static final Status[] VALUES = values();

    public static Status get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
