package io.omniroute.engine;

/**
 * The life of an order (and of a hold, which shares the order book's record format).
 * <p>
 * Orders: ALLOCATED → PARTIALLY_SHIPPED → SHIPPED → RETURNED; ALLOCATED or PARTIALLY_SHIPPED → CANCELLED (unshipped
 * shipments released); any open order → BACKORDERED while units wait for a receipt, back to ALLOCATED when filled.
 * Holds: HELD → CONVERTED (became an order), RELEASED or EXPIRED. Anything else is a reject, never an exception.
 */
public enum OrderState
{
    ALLOCATED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, BACKORDERED, RETURNED,
    HELD, CONVERTED, RELEASED, EXPIRED,
    /** Finished and older than the policy's {@code order_retention_days}: forgotten (never stored). */
    ARCHIVED;

    private static final OrderState[] VALUES = values();

    public static OrderState get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @return whether nothing can happen to the entry any more but returns (orders) or nothing at all (holds).
     */
    public boolean isFinished()
    {
        return this == SHIPPED || this == CANCELLED || this == RETURNED || this == CONVERTED || this == RELEASED ||
            this == EXPIRED;
    }

    public boolean isOpenOrder()
    {
        return this == ALLOCATED || this == PARTIALLY_SHIPPED || this == BACKORDERED;
    }
}
