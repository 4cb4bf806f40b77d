package io.omniroute.gateway.server;

import io.omniroute.engine.CommandType;

/**
 * Roles a client may hold and what each allows (docs/GATEWAY.md):
 * <ul>
 * <li>{@code order} — storefronts and marketplaces: order, cancel, hold, release, quote, status;</li>
 * <li>{@code ops} — warehouses, stores and planners: ship, pick_short, return, stock, receive, new_day, snapshot,
 * status, kpi;</li>
 * <li>{@code read} — dashboards and channel feeds: availability/reorder subscriptions, kpi, quote, status.</li>
 * </ul>
 * A command whose type could not be read (a bad JSON command) needs {@code order} or {@code ops}.
 */
public final class Roles
{
    public static final int ORDER = 1;
    public static final int OPS = 1 << 1;
    public static final int READ = 1 << 2;
    public static final int ALL = ORDER | OPS | READ;

    private static final int[] REQUIRED = new int[CommandType.values().length];

    static
    {
        REQUIRED[CommandType.ORDER.ordinal()] = ORDER;
        REQUIRED[CommandType.CANCEL.ordinal()] = ORDER;
        REQUIRED[CommandType.HOLD.ordinal()] = ORDER;
        REQUIRED[CommandType.RELEASE.ordinal()] = ORDER;
        REQUIRED[CommandType.QUOTE.ordinal()] = ORDER | READ;
        REQUIRED[CommandType.STATUS.ordinal()] = ORDER | OPS | READ;
        REQUIRED[CommandType.SHIP.ordinal()] = OPS;
        REQUIRED[CommandType.PICK_SHORT.ordinal()] = OPS;
        REQUIRED[CommandType.RETURN.ordinal()] = OPS;
        REQUIRED[CommandType.STOCK.ordinal()] = OPS;
        REQUIRED[CommandType.RECEIVE.ordinal()] = OPS;
        REQUIRED[CommandType.NEW_DAY.ordinal()] = OPS;
        REQUIRED[CommandType.SNAPSHOT.ordinal()] = OPS;
        REQUIRED[CommandType.KPI.ordinal()] = OPS | READ;
        REQUIRED[CommandType.UNKNOWN.ordinal()] = ORDER | OPS;
    }

    private Roles()
    {
    }

    /**
     * @return true when a client holding {@code roles} may send a command of this type.
     */
    public static boolean allows(final int roles, final CommandType type)
    {
        return (roles & REQUIRED[type.ordinal()]) != 0;
    }

    /**
     * @return the roles (any of) that allow this type, for the error message.
     */
    public static String required(final CommandType type)
    {
        return format(REQUIRED[type.ordinal()]).replace(",", " or ");
    }

    /**
     * Parses {@code order,ops,read}.
     *
     * @throws IllegalArgumentException naming the unknown role.
     */
    public static int parse(final String text)
    {
        int roles = 0;
        for (final String r : text.split(","))
        {
            switch (r.trim())
            {
                case "order":
                    roles |= ORDER;
                    break;
                case "ops":
                    roles |= OPS;
                    break;
                case "read":
                    roles |= READ;
                    break;
                default:
                    throw new IllegalArgumentException("unknown role '" + r.trim() + "' (roles are order, ops, read)");
            }
        }
        return roles;
    }

    public static String format(final int roles)
    {
        final StringBuilder sb = new StringBuilder();
        if ((roles & ORDER) != 0)
        {
            sb.append("order");
        }
        if ((roles & OPS) != 0)
        {
            sb.append(sb.length() > 0 ? "," : "").append("ops");
        }
        if ((roles & READ) != 0)
        {
            sb.append(sb.length() > 0 ? "," : "").append("read");
        }
        return sb.toString();
    }
}
