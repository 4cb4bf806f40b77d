package io.omniroute.engine;

/**
 * Arithmetic on non-negative amounts (weights, quantities, prices) that stops at {@link Long#MAX_VALUE} instead of
 * wrapping: an amount too large to count is larger than every limit it is compared with (a rate's
 * {@code max_weight_g}, a free-shipping threshold), never a negative number that passes them.
 */
final class Saturating
{
    private Saturating()
    {
    }

    /** Non-negative operands: the product, or Long.MAX_VALUE where it would overflow. */
    static long multiply(final long a, final long b)
    {
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** The sum, or Long.MAX_VALUE where a positive {@code b} would overflow it. */
    static long add(final long a, final long b)
    {
        return b > 0 && a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
