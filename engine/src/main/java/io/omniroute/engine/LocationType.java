package io.omniroute.engine;

/**
 * Kinds of fulfilment location.
 */
public enum LocationType
{
    DC, STORE, DROPSHIP;

    public static LocationType parse(final String name)
    {
        for (final LocationType t : values())
        {
            if (t.name().equals(name))
            {
                return t;
            }
        }
        return null;
    }
}
