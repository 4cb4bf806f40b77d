package io.omniroute.engine;

/**
 * Reads settings given as system properties ({@code -Dname=value}, e.g. through {@code OMNIROUTE_JAVA_OPTS}) for a
 * settings object's defaults, strictly: a value that is not a whole number in range, or not {@code true} or
 * {@code false}, is not silently replaced by the default (as {@link Integer#getInteger} and
 * {@link Boolean#getBoolean} do) but noted, so that the settings object's validation refuses it by name. Reading
 * happens in field initializers, where throwing would escape the command's error reporting; the first bad value is
 * kept for {@link #firstBad()}.
 */
public final class SystemSettings
{
    private String firstBad;

    /**
     * @return the property as a whole number in {@code [min, max]}, or {@code dflt} when it is not set (or is bad,
     * which is noted).
     */
    public long longValue(final String name, final long dflt, final long min, final long max)
    {
        return number(name, dflt, min, max, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * @return the property as a whole number (its range is the caller's to check), as {@link #longValue}.
     */
    public long longValue(final String name, final long dflt)
    {
        return number(name, dflt, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * @return the property as a whole number in {@code [min, max]}, as {@link #longValue}.
     */
    public int intValue(final String name, final int dflt, final int min, final int max)
    {
        return (int)number(name, dflt, min, max, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * @return the property as a whole number of {@code int} range (the rest is the caller's to check).
     */
    public int intValue(final String name, final int dflt)
    {
        return intValue(name, dflt, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * @param typeMin the least value of the setting's type: a bound no tighter is not worth naming.
     * @param typeMax the greatest.
     */
    private long number(final String name, final long dflt, final long min, final long max, final long typeMin,
        final long typeMax)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return dflt;
        }
        final long v;
        try
        {
            v = Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            bad(name, value, "must be a whole number" + range(min, max, typeMin, typeMax, ", "));
            return dflt;
        }
        if (v < min || v > max)
        {
            bad(name, value, "must be" + range(min, max, Long.MIN_VALUE, Long.MAX_VALUE, " "));
            return dflt;
        }
        return v;
    }

    private static String range(final long min, final long max, final long typeMin, final long typeMax,
        final String lead)
    {
        final boolean low = min > typeMin;
        final boolean high = max < typeMax;
        return (low || high ? lead : "") + (low ? "at least " + min : "") + (low && high ? " and " : "") +
            (high ? "at most " + max : "");
    }

    /**
     * @return the property as {@code true} or {@code false} (any case), or {@code dflt} when it is not set (or is
     * anything else, which is noted).
     */
    public boolean flag(final String name, final boolean dflt)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return dflt;
        }
        final String v = value.trim();
        if (v.equalsIgnoreCase("true"))
        {
            return true;
        }
        if (v.equalsIgnoreCase("false"))
        {
            return false;
        }
        bad(name, value, "must be true or false");
        return dflt;
    }

    private void bad(final String name, final String value, final String why)
    {
        if (firstBad == null)
        {
            firstBad = "-D" + name + "=" + value + ": " + why;
        }
    }

    /**
     * @return the first property read that was bad, with why ({@code -Dname=value: must be …}), or null.
     */
    public String firstBad()
    {
        return firstBad;
    }
}
