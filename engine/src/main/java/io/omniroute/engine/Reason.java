package io.omniroute.engine;

/**
 * The closed list of reject reasons (SPEC §3, §5).
 */
public enum Reason
{
    NONE,
    UNKNOWN_SKU,
    UNKNOWN_ZIP,
    UNKNOWN_ORDER,
    OUT_OF_STOCK,
    NO_CAPACITY,
    NO_SERVICE,
    SHIP_COMPLETE_IMPOSSIBLE,
    DUPLICATE_ORDER_ID,
    INVALID,
    ALREADY_SHIPPED,
    NOT_SHIPPED,
    QTY_EXCEEDS_SHIPPED,
    UNKNOWN_HOLD,
    HOLD_EXPIRED;

    private static final Reason[] VALUES = values();

    public static Reason get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
