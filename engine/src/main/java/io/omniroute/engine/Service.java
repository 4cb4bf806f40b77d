package io.omniroute.engine;

/**
 * Delivery services a location may offer and an order may ask for.
 */
public enum Service
{
    STANDARD, EXPEDITED, SAME_DAY;

    private static final Service[] VALUES = values();

    public int bit()
    {
        return 1 << ordinal();
    }

    public static Service get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @return the service with that exact name, or null.
     */
    public static Service parse(final CharSequence name)
    {
        if (name == null)
        {
            return null;
        }
        // one candidate by shape, then one comparison
        final int length = name.length();
        final Service guess = length == 9 ? EXPEDITED :
            length == 8 ? (name.charAt(1) == 'T' ? STANDARD : SAME_DAY) : null;
        return guess != null && guess.name().contentEquals(name) ? guess : null;
    }
}
