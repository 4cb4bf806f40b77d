package io.omniroute.bench.quality;

/**
 * A way to route the orders of a day, one at a time as they come: fills the plan and reserves its stock and
 * capacity, or leaves everything as it was and returns false.
 */
public interface RoutingPolicy
{
    String name();

    boolean route(DayOrder order, Plan out);
}
