package io.omniroute.engine;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * sin, cos and asin correctly rounded to the nearest double (the double closest to the exact value), for the few
 * distances whose comparison with a bound the last bit decides ({@link Geo#distanceKm(double, double, double, double,
 * double)}). {@link StrictMath} (fdlibm) is within one ulp and differs from the correctly rounded value in a few per
 * cent of arguments, glibc (C's and Python's {@code math}) on a few in a thousand: a reference written with a
 * correctly rounded library agrees with the engine at an inclusive bound, one written with glibc nearly always.
 * <p>
 * Slow (tens of microseconds: series in 60-digit decimal arithmetic) and allocating: off the hot path by design, it
 * runs only when a distance is within a hair of a zone bound or a same-day radius.
 */
final class CorrectlyRounded
{
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal EPSILON = new BigDecimal("1e-58");

    private CorrectlyRounded()
    {
    }

    /**
     * @return sin(x) correctly rounded, for |x| up to 8 (beyond: {@link StrictMath#sin}).
     */
    static double sin(final double x)
    {
        if (x == 0 || Double.isNaN(x) || Math.abs(x) > 8)
        {
            return StrictMath.sin(x);
        }
        return sinExact(new BigDecimal(x)).doubleValue();
    }

    /**
     * @return cos(x) correctly rounded, for |x| up to 8 (beyond: {@link StrictMath#cos}).
     */
    static double cos(final double x)
    {
        if (Double.isNaN(x) || Math.abs(x) > 8)
        {
            return StrictMath.cos(x);
        }
        return cosExact(new BigDecimal(x)).doubleValue();
    }

    /**
     * @return asin(x) correctly rounded, for x in [-1, 1].
     */
    static double asin(final double x)
    {
        if (x == 0 || Double.isNaN(x) || Math.abs(x) > 1)
        {
            return StrictMath.asin(x);
        }
        if (Math.abs(x) == 1)
        {
            return Math.copySign(Math.PI / 2, x); // the double nearest pi/2, exactly half the one nearest pi
        }
        // Newton on sin(t) = x from fdlibm's value (within an ulp): each step doubles the correct digits
        final BigDecimal target = new BigDecimal(x);
        BigDecimal t = new BigDecimal(StrictMath.asin(x));
        for (int i = 0; i < 8; i++)
        {
            final BigDecimal step = sinExact(t).subtract(target, MC).divide(cosExact(t), MC);
            t = t.subtract(step, MC);
            if (step.abs().compareTo(EPSILON) < 0)
            {
                break;
            }
        }
        return t.doubleValue(); // BigDecimal to double rounds to nearest
    }

    private static BigDecimal sinExact(final BigDecimal x)
    {
        // x - x^3/3! + x^5/5! - ...
        final BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = x;
        BigDecimal sum = x;
        for (int k = 1; k < 200; k++)
        {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(EPSILON) < 0)
            {
                break;
            }
        }
        return sum;
    }

    private static BigDecimal cosExact(final BigDecimal x)
    {
        // 1 - x^2/2! + x^4/4! - ...
        final BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k < 200; k++)
        {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * k - 1) * (2L * k)), MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(EPSILON) < 0)
            {
                break;
            }
        }
        return sum;
    }
}
