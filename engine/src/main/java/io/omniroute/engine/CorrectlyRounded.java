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
 * Slow (series in 48-digit decimal arithmetic: a distance takes 0.1-0.3 ms once compiled, a few ms before) and allocating: off the
 * hot path by design, it runs only when a distance is within a hair of a zone bound or a same-day radius, once per
 * ZIP and location (the zones are cached).
 */
final class CorrectlyRounded
{
    /**
     * Digits carried: rounding a double correctly needs the value to about 2^-120 relative at worst (the hardest
     * arguments known for sin and cos), some 36 digits; 48 leave room for the series' own rounding.
     */
    private static final MathContext MC = new MathContext(48);
    private static final BigDecimal EPSILON = new BigDecimal("1e-46");
    private static final int TERMS = 60;
    /** 1 / (n (n + 1)) for n = 1..2 TERMS: a series step multiplies by it instead of dividing. */
    private static final BigDecimal[] STEP = new BigDecimal[2 * TERMS + 2];

    static
    {
        for (int n = 1; n < STEP.length; n++)
        {
            STEP[n] = BigDecimal.ONE.divide(BigDecimal.valueOf((long)n * (n + 1)), MC);
        }
    }

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
        return series(new BigDecimal(x), true).doubleValue();
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
        return series(new BigDecimal(x), false).doubleValue();
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
        // Newton on sin(t) = x from fdlibm's value (within an ulp): each step doubles the correct digits, so two or
        // three reach the 48 carried
        final BigDecimal target = new BigDecimal(x);
        BigDecimal t = new BigDecimal(StrictMath.asin(x));
        for (int i = 0; i < 6; i++)
        {
            final BigDecimal step = series(t, true).subtract(target, MC).divide(series(t, false), MC);
            t = t.subtract(step, MC);
            if (step.abs().compareTo(EPSILON.multiply(t.abs())) < 0)
            {
                break;
            }
        }
        return t.doubleValue(); // BigDecimal to double rounds to nearest
    }

    /**
     * sin x = x - x^3/3! + x^5/5! - ..., cos x = 1 - x^2/2! + x^4/4! - ..., for |x| up to 8.
     */
    private static BigDecimal series(final BigDecimal x, final boolean sin)
    {
        final BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = sin ? x : BigDecimal.ONE;
        BigDecimal sum = term;
        for (int n = sin ? 2 : 1; n + 1 < STEP.length; n += 2)
        {
            term = term.multiply(x2, MC).multiply(STEP[n], MC).negate();
            sum = sum.add(term, MC);
            if (term.abs().compareTo(EPSILON.multiply(sum.abs())) < 0 && n > 4)
            {
                break;
            }
        }
        return sum;
    }
}
