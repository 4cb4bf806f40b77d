package io.omniroute.engine;

/**
 * Every command the engine takes, with its name in JSON Lines.
 */
public enum CommandType
{
    ORDER("order"),
    CANCEL("cancel"),
    SHIP("ship"),
    PICK_SHORT("pick_short"),
    RETURN("return"),
    STOCK("stock"),
    RECEIVE("receive"),
    NEW_DAY("new_day"),
    QUOTE("quote"),
    HOLD("hold"),
    RELEASE("release"),
    STATUS("status"),
    KPI("kpi"),
    SNAPSHOT("snapshot"),
    UNKNOWN("unknown");

    private static final CommandType[] VALUES = values();
    private final String jsonName;

    CommandType(final String jsonName)
    {
        this.jsonName = jsonName;
    }

    public String jsonName()
    {
        return jsonName;
    }

    public static CommandType get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @return the command type with that JSON name, or {@link #UNKNOWN}.
     */
    public static CommandType parse(final CharSequence name)
    {
        for (final CommandType t : VALUES)
        {
            if (t != UNKNOWN && t.jsonName.contentEquals(name))
            {
                return t;
            }
        }
        return UNKNOWN;
    }
}
