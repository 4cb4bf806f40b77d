package io.omniroute.gateway.wire;

import java.util.Random;

/**
 * Random JSON Lines commands over the basic example network: every command type and field, present, absent or
 * wrong (empty strings, unknown services, out-of-range numbers, extra fields, non-ASCII, broken JSON), so that the
 * wire path can be compared with the JSON path command by command.
 */
public final class RandomCommandLines
{
    private static final String[] TYPES = { "order", "cancel", "ship", "pick_short", "return", "stock", "receive",
        "new_day", "quote", "hold", "release", "status", "kpi", "snapshot", "teleport" };
    private static final String[] SKUS = { "SKU-0", "SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "M-SKU-0", "M-SKU-2",
        "NOPE", "" };
    private static final String[] LOCATIONS = { "L00-DR", "L01-DC", "L02-ST", "L03-DC", "L04-DC", "L05-DC", "L06-ST",
        "NOWHERE" };
    private static final String[] CHANNELS = { "web", "pos", "mkt", "app" };
    private static final String[] ZIPS = { "85173", "30724", "90095", "55101", "08041", "00000", "" };
    private static final String[] SERVICES = { "STANDARD", "EXPEDITED", "SAME_DAY", "standard", "DRONE", "" };

    private final Random rnd;
    private int orders;
    private long ts = 1_764_000_000_000L;

    private final boolean withCustomers;

    public RandomCommandLines(final long seed)
    {
        this(seed, false);
    }

    public RandomCommandLines(final long seed, final boolean withCustomers)
    {
        rnd = new Random(seed);
        this.withCustomers = withCustomers;
    }

    public String next()
    {
        final int roll = rnd.nextInt(100);
        if (roll == 0)
        {
            return "{\"type\":\"order\",\"order_id\":"; // broken JSON
        }
        if (roll == 1)
        {
            return "[1,2,3]";
        }
        if (roll == 2)
        {
            return "{\"order_id\":\"x\"}"; // no type
        }
        final String type = roll < 40 ? "order" : TYPES[rnd.nextInt(TYPES.length)];
        final StringBuilder sb = new StringBuilder("{\"type\":\"").append(type).append('"');
        if (chance(30))
        {
            ts += rnd.nextInt(60_000);
            sb.append(",\"ts\":").append(ts);
        }
        switch (type)
        {
            case "order":
            case "hold":
            case "quote":
                routed(sb, type);
                break;
            case "cancel":
            case "status":
                orderId(sb);
                break;
            case "ship":
                orderId(sb);
                location(sb);
                break;
            case "pick_short":
                orderId(sb);
                location(sb);
                sku(sb, "sku");
                qty(sb, "qty");
                break;
            case "return":
                orderId(sb);
                location(sb);
                sku(sb, "sku");
                qty(sb, "qty");
                if (chance(80))
                {
                    sb.append(",\"resellable\":").append(chance(10) ? "\"yes\"" : rnd.nextBoolean());
                }
                if (chance(70))
                {
                    sb.append(",\"reason\":").append(str(chance(10) ? "" : chance(10) ? "défaut" : "DAMAGED"));
                }
                break;
            case "stock":
                sku(sb, "sku");
                location(sb);
                qty(sb, "on_hand");
                if (chance(40))
                {
                    qty(sb, "safety_stock");
                }
                break;
            case "receive":
                sku(sb, "sku");
                location(sb);
                qty(sb, "qty");
                break;
            case "release":
                holdId(sb);
                break;
            default:
                break;
        }
        if (chance(5))
        {
            orderId(sb); // a field the type does not use (echoed in the result)
        }
        if (chance(5))
        {
            sb.append(",\"future_field\":{\"a\":[1,2]}");
        }
        return sb.append('}').toString();
    }

    private void routed(final StringBuilder sb, final String type)
    {
        if (type.equals("order"))
        {
            orderId(sb);
            if (chance(10))
            {
                holdId(sb);
            }
        }
        if (type.equals("hold"))
        {
            holdId(sb);
            if (chance(90))
            {
                sb.append(",\"hold_seconds\":").append(chance(5) ? -1 : 1 + rnd.nextInt(600));
            }
            if (withCustomers && chance(50))
            {
                // off by default: the engine fails ending a customer's last hold (Long2LongHashMap cannot hold the
                // count 0, its missing value); reported to the engine's owner
                sb.append(",\"customer_id\":").append(str("c-" + rnd.nextInt(5)));
            }
        }
        if (chance(95))
        {
            sb.append(",\"channel\":").append(str(CHANNELS[rnd.nextInt(CHANNELS.length)]));
        }
        if (chance(90))
        {
            sb.append(",\"zip\":").append(str(ZIPS[rnd.nextInt(ZIPS.length)]));
        }
        else if (chance(70))
        {
            sb.append(",\"lat\":").append(chance(5) ? 99.5 : 25 + rnd.nextDouble() * 20);
            sb.append(",\"lon\":").append(-120 + rnd.nextDouble() * 45);
        }
        if (type.equals("quote"))
        {
            if (chance(50))
            {
                sb.append(",\"services\":[");
                final int n = rnd.nextInt(3);
                for (int i = 0; i < n; i++)
                {
                    sb.append(i > 0 ? "," : "").append(str(SERVICES[rnd.nextInt(chance(80) ? 3 : SERVICES.length)]));
                }
                sb.append(']');
            }
        }
        else if (chance(95))
        {
            sb.append(",\"service\":").append(str(SERVICES[rnd.nextInt(chance(90) ? 3 : SERVICES.length)]));
        }
        if (chance(50))
        {
            sb.append(",\"ship_complete\":").append(rnd.nextBoolean());
        }
        if (chance(20))
        {
            sb.append(",\"max_transit_days\":").append(rnd.nextInt(8) - 1);
        }
        if (chance(97))
        {
            sb.append(",\"lines\":[");
            final int n = chance(3) ? 0 : 1 + rnd.nextInt(chance(5) ? 12 : 4);
            for (int i = 0; i < n; i++)
            {
                sb.append(i > 0 ? "," : "").append('{');
                boolean first = true;
                if (chance(97))
                {
                    sb.append("\"sku\":").append(str(SKUS[rnd.nextInt(SKUS.length)]));
                    first = false;
                }
                if (chance(97))
                {
                    sb.append(first ? "" : ",").append("\"qty\":").append(chance(3) ? 0 : 1 + rnd.nextInt(4));
                    first = false;
                }
                if (chance(30))
                {
                    sb.append(first ? "" : ",").append("\"unit_price_cents\":").append(rnd.nextInt(5000));
                }
                sb.append('}');
            }
            sb.append(']');
        }
    }

    private void orderId(final StringBuilder sb)
    {
        if (chance(97))
        {
            final int n = orders > 0 && chance(40) ? rnd.nextInt(orders) : orders++;
            sb.append(",\"order_id\":").append(str(chance(2) ? "" : "o-" + n));
        }
    }

    private void holdId(final StringBuilder sb)
    {
        if (chance(95))
        {
            sb.append(",\"hold_id\":").append(str("h-" + rnd.nextInt(20)));
        }
    }

    private void location(final StringBuilder sb)
    {
        if (chance(95))
        {
            sb.append(",\"location_id\":").append(str(LOCATIONS[rnd.nextInt(LOCATIONS.length)]));
        }
    }

    private void sku(final StringBuilder sb, final String name)
    {
        if (chance(95))
        {
            sb.append(",\"").append(name).append("\":").append(str(SKUS[rnd.nextInt(SKUS.length)]));
        }
    }

    private void qty(final StringBuilder sb, final String name)
    {
        if (chance(95))
        {
            sb.append(",\"").append(name).append("\":").append(chance(5) ? -3 : rnd.nextInt(10));
        }
    }

    private boolean chance(final int percent)
    {
        return rnd.nextInt(100) < percent;
    }

    private static String str(final String s)
    {
        return "\"" + s + "\"";
    }
}
