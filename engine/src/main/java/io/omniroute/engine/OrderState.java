package io.omniroute.engine;

/**
 * The life of an order. Transitions: ALLOCATED → PARTIALLY_SHIPPED → SHIPPED; ALLOCATED or PARTIALLY_SHIPPED →
 * CANCELLED (unshipped shipments released). Anything else is a reject, never an exception.
 */
public enum OrderState
{
    ALLOCATED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, BACKORDERED, RETURNED;

    private static final OrderState[] VALUES = values();

    public static OrderState get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
