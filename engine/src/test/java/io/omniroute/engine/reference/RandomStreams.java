package io.omniroute.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeded stream of JSON command lines for a random network.
 * <p>
 * {@link Mix#CLASSIC}: orders (1–5 lines, sometimes ship_complete, max_transit_days, SAME_DAY, channel SKUs, unknown
 * SKU/ZIP, lat/lon destinations), resubmits with the same and with other content, cancels, ships of real and bogus
 * shipments, receipts, stock counts that never go below reserved, new days and a few malformed commands.
 * <p>
 * {@link Mix#FULL}: all of that mixed with every other command of SPEC §3 and §5: pick shorts of real lines (and of
 * too much), returns of shipped units anywhere (resellable or not, too many, never shipped, without
 * {@code resellable}), counts below reserved, receipts of backordered SKUs, status, kpi, quotes (unit prices, service
 * lists), holds (customers, reused ids, same and other content), orders converting holds (same lines, other lines,
 * other service or destination) and releases; most commands carry a {@code ts} that moves the clock by a few seconds,
 * sometimes to exactly a hold's expiry or one past it, sometimes backwards, sometimes far ahead.
 * <p>
 * The stream looks at the reference's state (which orders hold which shipments, what is reserved, which holds are
 * open) to pick real targets, so call {@link #next(ReferenceRouter)} before applying the command to the reference.
 */
public final class RandomStreams
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which commands a stream mixes. */
    public enum Mix
    {
        /** order, cancel, ship, receive, stock (never below reserved), new_day, malformed lines. */
        CLASSIC,
        /** Every command of SPEC §3 and §5, with a clock. */
        FULL
    }

    /** The clock of the first ts a FULL stream stamps (later ones move it on). */
    public static final long FIRST_TS = 1_700_000_000_000L;

    private final RandomNetworks.Spec spec;
    private final Random rnd;
    private final Mix mix;
    private final List<ObjectNode> sentOrders = new ArrayList<>();
    private final List<String> sentHoldIds = new ArrayList<>();
    private int nextOrder = 1;
    private int nextHold = 1;
    private boolean quoteTransitLimits;
    private boolean customers = true;

    public RandomStreams(final RandomNetworks.Spec spec, final long seed)
    {
        this(spec, seed, Mix.CLASSIC);
    }

    public RandomStreams(final RandomNetworks.Spec spec, final long seed, final Mix mix)
    {
        this.spec = spec;
        this.rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        this.mix = mix;
    }

    /**
     * Lets some quotes carry {@code max_transit_days}, a field SPEC §5 does not list for quotes (DECISIONS
     * "Checkout": quotes route with no transit limit).
     */
    public RandomStreams withQuoteTransitLimits(final boolean on)
    {
        quoteTransitLimits = on;
        return this;
    }

    /** Whether holds may name a {@code customer_id} (and so meet the per-customer hold limits); on by default. */
    public RandomStreams withCustomers(final boolean on)
    {
        customers = on;
        return this;
    }

    /** The next command line. */
    public String next(final ReferenceRouter state)
    {
        if (mix == Mix.FULL)
        {
            return nextFull(state);
        }
        final int roll = rnd.nextInt(100);
        if (roll < 52)
        {
            return order();
        }
        if (roll < 60)
        {
            return resubmit();
        }
        if (roll < 68)
        {
            return cancel(state);
        }
        if (roll < 82)
        {
            return ship(state);
        }
        if (roll < 88)
        {
            return receive();
        }
        if (roll < 93)
        {
            return stock(state);
        }
        if (roll < 97)
        {
            return "{\"type\":\"new_day\"}";
        }
        return malformed();
    }

    // ------------------------------------------------------------------------------------------------ orders

    /** A fresh, well-formed order (it may still name an unknown SKU or ZIP). */
    public ObjectNode randomOrder(final String orderId, final int minLines, final int maxLines)
    {
        final ObjectNode o = JSON.createObjectNode();
        o.put("type", "order");
        o.put("order_id", orderId);
        final List<String> channels = spec.channels();
        final String channel = channels.get(rnd.nextInt(channels.size()));
        o.put("channel", channel);
        final int where = rnd.nextInt(100);
        if (where < 3)
        {
            o.put("zip", "9" + rnd.nextInt(10_000) + "X");                      // unknown ZIP
        }
        else if (where < 8)
        {
            final double[] at = spec.locationCoordinates().get(
                spec.locationIds().get(rnd.nextInt(spec.locationIds().size())));
            o.put("lat", round4(at[0] + (rnd.nextDouble() * 2 - 1) * 0.5));
            o.put("lon", round4(at[1] + (rnd.nextDouble() * 2 - 1) * 0.5));
        }
        else
        {
            o.put("zip", spec.zips().get(rnd.nextInt(spec.zips().size())));
        }
        final int s = rnd.nextInt(100);
        o.put("service", s < 55 ? "STANDARD" : s < 87 ? "EXPEDITED" : "SAME_DAY");
        o.put("ship_complete", rnd.nextInt(5) == 0);
        if (rnd.nextInt(5) == 0)
        {
            o.put("max_transit_days", rnd.nextInt(7));
        }
        final ArrayNode lines = o.putArray("lines");
        final int n = minLines + (int)Math.floor(Math.pow(rnd.nextDouble(), 1.5) * (maxLines - minLines + 1));
        final Map<String, String> listings = spec.channelListings().getOrDefault(channel, Map.of());
        final List<String> listingNames = new ArrayList<>(listings.keySet());
        for (int i = 0; i < n; i++)
        {
            final ObjectNode line = lines.addObject();
            final int k = rnd.nextInt(100);
            if (k < 2)
            {
                line.put("sku", "NOPE-" + rnd.nextInt(3));
            }
            else if (k < 40 && !listingNames.isEmpty())
            {
                line.put("sku", listingNames.get(rnd.nextInt(listingNames.size())));
            }
            else
            {
                line.put("sku", spec.skus().get(rnd.nextInt(spec.skus().size())));
            }
            line.put("qty", rnd.nextInt(10) == 0 ? 4 + rnd.nextInt(6) : 1 + rnd.nextInt(3));
        }
        return o;
    }

    private String order()
    {
        return orderNode().toString();
    }

    private ObjectNode orderNode()
    {
        final String id = rnd.nextInt(20) == 0 ? "Order#" + nextOrder++ + "-x" : "o-" + nextOrder++;
        final ObjectNode o = randomOrder(id, 1, 5);
        sentOrders.add(o);
        return o;
    }

    private String resubmit()
    {
        if (sentOrders.isEmpty())
        {
            return order();
        }
        final ObjectNode first = sentOrders.get(rnd.nextInt(sentOrders.size()));
        final ObjectNode again = first.deepCopy();
        final ArrayNode lines = (ArrayNode)again.get("lines");
        switch (rnd.nextInt(9))
        {
            case 0, 1 ->
            {
                // verbatim
            }
            case 2 ->
            {
                // same content: lines in another order, a line split in two, a master SKU spelled as a listing
                final List<JsonNode> copy = new ArrayList<>();
                lines.forEach(copy::add);
                java.util.Collections.reverse(copy);
                lines.removeAll();
                for (final JsonNode l : copy)
                {
                    final long qty = l.get("qty").asLong();
                    if (qty >= 2 && rnd.nextBoolean())
                    {
                        lines.addObject().put("sku", l.get("sku").asText()).put("qty", 1);
                        lines.addObject().put("sku", l.get("sku").asText()).put("qty", qty - 1);
                    }
                    else
                    {
                        lines.add(l);
                    }
                }
                respell(again);
            }
            case 3 -> ((ObjectNode)lines.get(0)).put("qty", lines.get(0).get("qty").asLong() + 1);
            case 4 -> again.put("ship_complete", !again.get("ship_complete").asBoolean());
            case 5 ->
            {
                if (again.has("max_transit_days") && rnd.nextBoolean())
                {
                    again.remove("max_transit_days");
                }
                else
                {
                    again.put("max_transit_days", again.path("max_transit_days").asInt(7) - 1);
                }
            }
            case 6 ->
            {
                final List<String> channels = spec.channels();
                again.put("channel", channels.get(rnd.nextInt(channels.size())));      // sometimes the same one
            }
            case 7 ->
            {
                again.remove("lat");
                again.remove("lon");
                again.put("zip", spec.zips().get(rnd.nextInt(spec.zips().size())));   // sometimes the same one
            }
            default ->
            {
                final String service = again.get("service").asText();
                again.put("service", service.equals("STANDARD") ? "EXPEDITED" : "STANDARD");
            }
        }
        return again.toString();
    }

    /** Writes one line's master SKU as a channel listing of the same product, or the other way round. */
    private void respell(final ObjectNode order)
    {
        final Map<String, String> listings = spec.channelListings().getOrDefault(order.get("channel").asText(),
            Map.of());
        for (final JsonNode l : order.get("lines"))
        {
            final String sku = l.get("sku").asText();
            if (listings.containsKey(sku))
            {
                ((ObjectNode)l).put("sku", listings.get(sku));
                return;
            }
            for (final Map.Entry<String, String> e : listings.entrySet())
            {
                if (e.getValue().equals(sku))
                {
                    ((ObjectNode)l).put("sku", e.getKey());
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the rest

    private String anyOrderId(final ReferenceRouter state)
    {
        final List<String> allocated = state.allocatedOrderIds();
        final int k = rnd.nextInt(10);
        if (k == 0 || (allocated.isEmpty() && sentOrders.isEmpty()))
        {
            return "never-" + rnd.nextInt(5);
        }
        if (k < 3 && !sentOrders.isEmpty() || allocated.isEmpty())
        {
            return sentOrders.get(rnd.nextInt(sentOrders.size())).get("order_id").asText();
        }
        return allocated.get(rnd.nextInt(allocated.size()));
    }

    private String cancel(final ReferenceRouter state)
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "cancel");
        c.put("order_id", anyOrderId(state));
        return c.toString();
    }

    private String ship(final ReferenceRouter state)
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "ship");
        final String orderId = anyOrderId(state);
        c.put("order_id", orderId);
        final List<String> open = state.openShipmentLocations(orderId);
        final List<String> all = state.shipmentLocations(orderId);
        final int k = rnd.nextInt(10);
        final String location;
        if (k < 7 && !open.isEmpty())
        {
            location = open.get(rnd.nextInt(open.size()));
        }
        else if (k < 9 && !all.isEmpty())
        {
            location = all.get(rnd.nextInt(all.size()));
        }
        else if (rnd.nextBoolean())
        {
            location = "NOWHERE";
        }
        else
        {
            location = spec.locationIds().get(rnd.nextInt(spec.locationIds().size()));
        }
        c.put("location_id", location);
        return c.toString();
    }

    private String receive()
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "receive");
        final int k = rnd.nextInt(40);
        c.put("sku", k == 0 ? "NOPE-SKU" : spec.skus().get(rnd.nextInt(spec.skus().size())));
        c.put("location_id", k == 1 ? "NOWHERE" : spec.locationIds().get(rnd.nextInt(spec.locationIds().size())));
        c.put("qty", 1 + rnd.nextInt(6));
        return c.toString();
    }

    private String stock(final ReferenceRouter state)
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "stock");
        final String sku = spec.skus().get(rnd.nextInt(spec.skus().size()));
        final String loc = spec.locationIds().get(rnd.nextInt(spec.locationIds().size()));
        final int k = rnd.nextInt(40);
        c.put("sku", k == 0 ? "NOPE-SKU" : sku);
        c.put("location_id", k == 1 ? "NOWHERE" : loc);
        c.put("on_hand", state.reserved(sku, loc) + rnd.nextInt(5));     // never below reserved
        if (rnd.nextInt(10) < 4)
        {
            c.put("safety_stock", rnd.nextInt(3));
        }
        return c.toString();
    }

    private String malformed()
    {
        final String sku = spec.skus().get(0);
        final String zip = spec.zips().get(0);
        final String good = "\"type\":\"order\",\"order_id\":\"bad-" + rnd.nextInt(1000) + "\",\"channel\":\"web\","
            + "\"zip\":\"" + zip + "\",\"ship_complete\":false";
        switch (rnd.nextInt(10))
        {
            case 0:
                return "{this is not json";
            case 1:
                return "{\"type\":\"teleport\",\"order_id\":\"o-1\"}";
            case 2:
                return "{" + good + ",\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"" + sku + "\",\"qty\":0}]}";
            case 3:
                return "{" + good + ",\"service\":\"OVERNIGHT\",\"lines\":[{\"sku\":\"" + sku + "\",\"qty\":1}]}";
            case 4:
                return "{" + good + ",\"service\":\"STANDARD\",\"lines\":[]}";
            case 5:
                return "{" + good + ",\"service\":\"STANDARD\",\"max_transit_days\":-1,\"lines\":[{\"sku\":\""
                    + sku + "\",\"qty\":1}]}";
            case 6:
                return "{\"type\":\"order\",\"channel\":\"web\",\"zip\":\"" + zip + "\",\"service\":\"STANDARD\","
                    + "\"ship_complete\":false,\"lines\":[{\"sku\":\"" + sku + "\",\"qty\":1}]}";
            case 7:
                return "{\"type\":\"receive\",\"sku\":\"" + sku + "\",\"location_id\":\""
                    + spec.locationIds().get(0) + "\",\"qty\":-2}";
            case 8:
                return "{" + good + ",\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"" + sku + "\",\"qty\":-3}]}";
            default:
                return "[1,2,3]";
        }
    }

    // ------------------------------------------------------------------------------------------------ FULL mix

    private String nextFull(final ReferenceRouter state)
    {
        final int roll = rnd.nextInt(100);
        final ObjectNode c;
        if (roll < 22)
        {
            c = orderNode();
        }
        else if (roll < 29)
        {
            c = orderFromHold(state);
        }
        else if (roll < 32)
        {
            c = (ObjectNode)JsonValues.parse(resubmit());
        }
        else if (roll < 36)
        {
            c = (ObjectNode)JsonValues.parse(cancel(state));
            final List<String> partly = new ArrayList<>();
            for (final String id : state.allocatedOrderIds())
            {
                if ("PARTIALLY_SHIPPED".equals(state.orderState(id)) || "BACKORDERED".equals(state.orderState(id)))
                {
                    partly.add(id);
                }
            }
            if (!partly.isEmpty() && rnd.nextInt(3) == 0)
            {
                c.put("order_id", partly.get(rnd.nextInt(partly.size())));   // shipped in part, or waiting
            }
        }
        else if (roll < 44)
        {
            c = (ObjectNode)JsonValues.parse(ship(state));
        }
        else if (roll < 51)
        {
            c = pickShort(state);
        }
        else if (roll < 57)
        {
            c = returned(state);
        }
        else if (roll < 63)
        {
            c = receiveFull(state);
        }
        else if (roll < 69)
        {
            c = stockFull(state);
        }
        else if (roll < 71)
        {
            c = JSON.createObjectNode().put("type", "new_day");
        }
        else if (roll < 78)
        {
            c = quote();
        }
        else if (roll < 87)
        {
            c = hold(state);
        }
        else if (roll < 91)
        {
            c = release(state);
        }
        else if (roll < 95)
        {
            c = status(state);
        }
        else if (roll < 96)
        {
            c = JSON.createObjectNode().put("type", "kpi");
        }
        else
        {
            // lines the decoder cannot read carry no ts (DECISIONS does not say whether they move the clock)
            return rnd.nextBoolean() ? malformed() : malformedCheckout(state);
        }
        final ObjectNode stamped = c.deepCopy();
        stamp(stamped, state);
        return stamped.toString();
    }

    /**
     * Most commands carry a ts: a few seconds on, exactly a hold's expiry (still valid) or one past it, backwards
     * (the clock does not move), or far ahead (many holds expire at once, oldest first).
     */
    private void stamp(final ObjectNode c, final ReferenceRouter state)
    {
        final int k = rnd.nextInt(100);
        if (k < 25 || (state.clock() == null && rnd.nextInt(3) != 0))
        {
            return;                    // no ts (early in a stream more often: holds made before the clock is set)
        }
        final long clock = state.clock() == null ? FIRST_TS : state.clock();
        final List<Long> pending = state.pendingExpiries();
        final long ts;
        if (k < 35 && !pending.isEmpty())
        {
            ts = pending.get(rnd.nextInt(pending.size()));
        }
        else if (k < 45 && !pending.isEmpty())
        {
            ts = pending.get(rnd.nextInt(pending.size())) + 1;
        }
        else if (k < 52)
        {
            ts = clock - rnd.nextInt(5_000);
        }
        else if (k < 57)
        {
            ts = clock + 100_000 + (rnd.nextBoolean() ? rnd.nextInt(200_000) : rnd.nextInt(7_200_000));
        }
        else
        {
            ts = clock + rnd.nextInt(15_000);
        }
        c.put("ts", ts);
    }

    private String newOrderId()
    {
        return "o-" + nextOrder++;
    }

    /** Orders with an open line of at least one unit, from the reference. */
    private List<String> ordersWithOpenUnits(final ReferenceRouter state)
    {
        final List<String> out = new ArrayList<>();
        for (final String id : state.allocatedOrderIds())
        {
            for (final ReferenceRouter.OpenLine l : state.openLines(id))
            {
                if (l.qty() > 0)
                {
                    out.add(id);
                    break;
                }
            }
        }
        return out;
    }

    private String anyLocation()
    {
        return spec.locationIds().get(rnd.nextInt(spec.locationIds().size()));
    }

    private String anySku()
    {
        return spec.skus().get(rnd.nextInt(spec.skus().size()));
    }

    private ObjectNode pickShort(final ReferenceRouter state)
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "pick_short");
        final List<String> open = ordersWithOpenUnits(state);
        final int k = rnd.nextInt(100);
        if (k < 80 && !open.isEmpty())
        {
            final String id = open.get(rnd.nextInt(open.size()));
            final List<ReferenceRouter.OpenLine> lines = new ArrayList<>();
            for (final ReferenceRouter.OpenLine l : state.openLines(id))
            {
                if (l.qty() > 0)
                {
                    lines.add(l);
                }
            }
            final ReferenceRouter.OpenLine l = lines.get(rnd.nextInt(lines.size()));
            c.put("order_id", id);
            c.put("location_id", l.locationId());
            c.put("sku", l.sku());
            c.put("qty", rnd.nextInt(12) == 0 ? l.qty() + 1 : 1 + rnd.nextInt((int)l.qty()));
            return c;
        }
        if (k < 90 && !state.allocatedOrderIds().isEmpty())
        {
            // a location or SKU the order may have nothing open of
            final List<String> all = state.allocatedOrderIds();
            c.put("order_id", all.get(rnd.nextInt(all.size())));
            c.put("location_id", anyLocation());
            c.put("sku", rnd.nextInt(20) == 0 ? "NOPE-SKU" : anySku());
            c.put("qty", 1 + rnd.nextInt(2));
            return c;
        }
        c.put("order_id", "never-" + rnd.nextInt(3));
        c.put("location_id", anyLocation());
        c.put("sku", anySku());
        c.put("qty", 1);
        return c;
    }

    private ObjectNode returned(final ReferenceRouter state)
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "return");
        final List<String> withShipped = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        for (final String id : state.allocatedOrderIds())
        {
            for (final long left : state.returnable(id).values())
            {
                if (left > 0)
                {
                    withShipped.add(id);
                    if ("CANCELLED".equals(state.orderState(id)))
                    {
                        cancelled.add(id);               // shipped in part, then cancelled
                    }
                    break;
                }
            }
        }
        if (!cancelled.isEmpty() && rnd.nextInt(4) == 0)
        {
            withShipped.retainAll(cancelled);
        }
        final int k = rnd.nextInt(100);
        final String orderId;
        String sku = anySku();
        long qty = 1 + rnd.nextInt(2);
        if (k < 72 && !withShipped.isEmpty())
        {
            orderId = withShipped.get(rnd.nextInt(withShipped.size()));
            final List<Map.Entry<String, Long>> skus = new ArrayList<>();
            for (final Map.Entry<String, Long> e : state.returnable(orderId).entrySet())
            {
                if (e.getValue() > 0)
                {
                    skus.add(e);
                }
            }
            final Map.Entry<String, Long> e = skus.get(rnd.nextInt(skus.size()));
            sku = e.getKey();
            final int q = rnd.nextInt(10);
            qty = q == 0 ? e.getValue() + 1 : q < 4 ? e.getValue() : 1 + rnd.nextInt((int)(long)e.getValue());
        }
        else if (k < 90 && !state.allocatedOrderIds().isEmpty())
        {
            final List<String> all = state.allocatedOrderIds();
            orderId = all.get(rnd.nextInt(all.size()));                   // often NOT_SHIPPED
        }
        else
        {
            orderId = "never-" + rnd.nextInt(3);
        }
        c.put("order_id", orderId);
        c.put("location_id", rnd.nextInt(30) == 0 ? "NOWHERE" : anyLocation());     // returned anywhere
        c.put("sku", sku);
        c.put("qty", qty);
        if (rnd.nextInt(20) != 0 || orderId.startsWith("never-"))
        {
            c.put("resellable", rnd.nextBoolean());
        }
        final String[] reasons = { "size", "damaged", "wrong_item" };
        if (rnd.nextInt(4) != 0)
        {
            c.put("reason", reasons[rnd.nextInt(reasons.length)]);
        }
        return c;
    }

    private ObjectNode receiveFull(final ReferenceRouter state)
    {
        final List<String> waiting = new ArrayList<>(state.backorderedSkus());
        if (!waiting.isEmpty() && rnd.nextBoolean())
        {
            final ObjectNode c = JSON.createObjectNode();
            c.put("type", "receive");
            c.put("sku", waiting.get(rnd.nextInt(waiting.size())));
            c.put("location_id", anyLocation());
            c.put("qty", 1 + rnd.nextInt(6));
            return c;
        }
        return (ObjectNode)JsonValues.parse(receive());
    }

    private ObjectNode stockFull(final ReferenceRouter state)
    {
        final List<String[]> reserved = state.reservedPositions();
        final List<String> held = new ArrayList<>(state.heldReservations().keySet());
        if (!held.isEmpty() && rnd.nextInt(10) < 3)
        {
            // below what holds keep there: the newest reservations go first, an order re-routed, a hold released
            final String[] at = held.get(rnd.nextInt(held.size())).split("\0");
            reserved.clear();
            reserved.add(at);
        }
        if (!reserved.isEmpty() && rnd.nextInt(10) < 6)
        {
            // a count below reserved: the newest reservations there are taken back (orders routed again, holds end)
            final String[] at = reserved.get(rnd.nextInt(reserved.size()));
            final ObjectNode c = JSON.createObjectNode();
            c.put("type", "stock");
            c.put("sku", at[0]);
            c.put("location_id", at[1]);
            c.put("on_hand", rnd.nextInt((int)state.reserved(at[0], at[1])));
            if (rnd.nextInt(10) < 3)
            {
                c.put("safety_stock", rnd.nextInt(3));
            }
            return c;
        }
        return (ObjectNode)JsonValues.parse(stock(state));
    }

    private ObjectNode status(final ReferenceRouter state)
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "status");
        final List<String> all = state.allocatedOrderIds();
        final int k = rnd.nextInt(100);
        if (k < 88 && !all.isEmpty())
        {
            c.put("order_id", all.get(rnd.nextInt(all.size())));
        }
        else if (k < 97)
        {
            c.put("order_id", "never-" + rnd.nextInt(3));
        }
        return c;                                                              // else no order_id: INVALID
    }

    /** The request fields of a random order (channel, destination, service, ship_complete, limit, lines). */
    private ObjectNode request(final int minLines, final int maxLines)
    {
        final ObjectNode o = randomOrder("x", minLines, maxLines);
        o.remove("type");
        o.remove("order_id");
        return o;
    }

    private ObjectNode quote()
    {
        final ObjectNode o = request(1, 4);
        final ObjectNode q = JSON.createObjectNode();
        q.put("type", "quote");
        q.set("channel", o.get("channel"));
        if (o.has("zip"))
        {
            q.set("zip", o.get("zip"));
        }
        else
        {
            q.set("lat", o.get("lat"));
            q.set("lon", o.get("lon"));
        }
        final long[] prices = { 0, 199, 999, 2500, 4999 };
        final ArrayNode lines = q.putArray("lines");
        for (final JsonNode l : o.get("lines"))
        {
            final ObjectNode line = lines.addObject();
            line.set("sku", l.get("sku"));
            line.set("qty", l.get("qty"));
            if (rnd.nextInt(10) < 6)
            {
                line.put("unit_price_cents", prices[rnd.nextInt(prices.length)]);
            }
        }
        final int k = rnd.nextInt(100);
        if (k < 45)
        {
            final ArrayNode services = q.putArray("services");
            for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++)
            {
                services.add(ReferenceRouter.SERVICES.get(rnd.nextInt(3)));    // any order, duplicates allowed
            }
        }
        else if (k < 50)
        {
            q.putArray("services");                                           // empty: every service
        }
        if (quoteTransitLimits && rnd.nextInt(5) == 0)
        {
            q.put("max_transit_days", rnd.nextInt(7));
        }
        return q;
    }

    private ObjectNode hold(final ReferenceRouter state)
    {
        final int k = rnd.nextInt(100);
        if (k < 18 && !sentHoldIds.isEmpty())
        {
            // an id again: the same content (first decision while held, a new hold once ended) or other content
            final String id = sentHoldIds.get(rnd.nextInt(sentHoldIds.size()));
            final JsonNode first = state.holdCommand(id);
            if (first != null)
            {
                final ObjectNode h = (ObjectNode)first.deepCopy();
                h.remove("ts");
                switch (rnd.nextInt(4))
                {
                    case 0 -> h.put("hold_seconds", 1 + rnd.nextInt(60));             // not part of the content
                    case 1 ->
                    {
                        final ObjectNode l = (ObjectNode)h.get("lines").get(0);
                        l.put("qty", l.get("qty").asLong() + 1);
                    }
                    default ->
                    {
                        // verbatim
                    }
                }
                return h;
            }
        }
        final String id = "h-" + nextHold++;
        sentHoldIds.add(id);
        final ObjectNode o = request(1, 4);
        final ObjectNode h = JSON.createObjectNode();
        h.put("type", "hold");
        h.put("hold_id", id);
        if (rnd.nextInt(10) < 6 && customers)
        {
            h.put("customer_id", "c" + rnd.nextInt(3));
        }
        h.put("hold_seconds", rnd.nextInt(8) == 0 ? 600 + rnd.nextInt(3_000) : 1 + rnd.nextInt(120));
        h.setAll(o);
        return h;
    }

    private ObjectNode orderFromHold(final ReferenceRouter state)
    {
        final List<String> held = state.heldHoldIds();
        final String holdId;
        if (!held.isEmpty() && rnd.nextInt(10) < 8)
        {
            holdId = held.get(rnd.nextInt(held.size()));
        }
        else if (!sentHoldIds.isEmpty())
        {
            holdId = sentHoldIds.get(rnd.nextInt(sentHoldIds.size()));       // often ended: routed afresh
        }
        else
        {
            return orderNode();
        }
        final JsonNode hold = state.holdCommand(holdId);
        final ObjectNode o = JSON.createObjectNode();
        o.put("type", "order");
        o.put("order_id", newOrderId());
        o.put("hold_id", holdId);
        if (hold == null)
        {
            o.setAll(request(1, 4));
        }
        else
        {
            for (final String f : List.of("channel", "zip", "lat", "lon", "service", "ship_complete",
                "max_transit_days", "lines"))
            {
                if (hold.has(f))
                {
                    o.set(f, hold.get(f).deepCopy());
                }
            }
            final ArrayNode lines = (ArrayNode)o.get("lines");
            switch (rnd.nextInt(10))
            {
                case 0 ->
                {
                    final ObjectNode l = (ObjectNode)lines.get(0);                   // other lines: routed afresh
                    l.put("qty", l.get("qty").asLong() + 1);
                }
                case 1 ->
                {
                    final String service = o.get("service").asText();              // same lines: still converted
                    o.put("service", service.equals("STANDARD") ? "EXPEDITED" : "STANDARD");
                }
                case 2 -> o.put("zip", spec.zips().get(rnd.nextInt(spec.zips().size())));
                case 3 ->
                {
                    // the same merged lines written differently
                    final List<JsonNode> copy = new ArrayList<>();
                    lines.forEach(copy::add);
                    java.util.Collections.reverse(copy);
                    lines.removeAll();
                    copy.forEach(lines::add);
                    respell(o);
                }
                default ->
                {
                    // as held
                }
            }
        }
        sentOrders.add(o);
        return o;
    }

    private ObjectNode release(final ReferenceRouter state)
    {
        final ObjectNode c = JSON.createObjectNode();
        c.put("type", "release");
        final List<String> held = state.heldHoldIds();
        final int k = rnd.nextInt(100);
        if (k < 60 && !held.isEmpty())
        {
            c.put("hold_id", held.get(rnd.nextInt(held.size())));
        }
        else if (k < 92 && !sentHoldIds.isEmpty())
        {
            c.put("hold_id", sentHoldIds.get(rnd.nextInt(sentHoldIds.size())));   // released, expired, converted
        }
        else
        {
            c.put("hold_id", "h-none-" + rnd.nextInt(3));
        }
        return c;
    }

    /** Bad commands of §3 and §5 that the engine (not its decoder) rejects. */
    private String malformedCheckout(final ReferenceRouter state)
    {
        final String sku = spec.skus().get(0);
        final String zip = spec.zips().get(0);
        final String lines = "\"lines\":[{\"sku\":\"" + sku + "\",\"qty\":1}]";
        switch (rnd.nextInt(8))
        {
            case 0:
                return "{\"type\":\"hold\",\"hold_id\":\"h-bad\",\"channel\":\"web\",\"zip\":\"" + zip
                    + "\",\"service\":\"STANDARD\"," + lines + "}";                                // no hold_seconds
            case 1:
                return "{\"type\":\"hold\",\"hold_id\":\"h-bad\",\"hold_seconds\":0,\"channel\":\"web\",\"zip\":\""
                    + zip + "\",\"service\":\"STANDARD\"," + lines + "}";
            case 2:
                return "{\"type\":\"hold\",\"hold_seconds\":5,\"channel\":\"web\",\"zip\":\"" + zip
                    + "\",\"service\":\"STANDARD\"," + lines + "}";                                // no hold_id
            case 3:
                return "{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"" + zip + "\",\"services\":[\"OVERNIGHT\"],"
                    + lines + "}";
            case 4:
                return "{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"" + zip + "\",\"lines\":[]}";
            case 5:
                return "{\"type\":\"release\"}";
            case 6:
                return "{\"type\":\"pick_short\",\"order_id\":\"o-1\",\"location_id\":\"" + spec.locationIds().get(0)
                    + "\",\"sku\":\"" + sku + "\",\"qty\":0}";
            default:
                return "{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"" + zip + "\",\"lines\":[{\"sku\":\"" + sku
                    + "\",\"qty\":1,\"unit_price_cents\":-5}]}";
        }
    }

    private static double round4(final double v)
    {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", v));
    }
}
