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
 * Seeded stream of JSON command lines for a random network: orders (1–5 lines, sometimes ship_complete,
 * max_transit_days, SAME_DAY, channel SKUs, unknown SKU/ZIP, lat/lon destinations), resubmits with the same and with
 * other content, cancels, ships of real and bogus shipments, receipts, stock counts that never go below reserved
 * (re-routes are not modelled by the reference), new days and a few malformed commands.
 * <p>
 * The stream looks at the reference's state (which orders hold which shipments, what is reserved) to pick real
 * shipments and legal counts, so call {@link #next(ReferenceRouter)} before applying the command to the reference.
 */
public final class RandomStreams
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RandomNetworks.Spec spec;
    private final Random rnd;
    private final List<ObjectNode> sentOrders = new ArrayList<>();
    private int nextOrder = 1;

    public RandomStreams(final RandomNetworks.Spec spec, final long seed)
    {
        this.spec = spec;
        this.rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
    }

    /** The next command line. */
    public String next(final ReferenceRouter state)
    {
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
        final String id = rnd.nextInt(20) == 0 ? "Order#" + nextOrder++ + "-x" : "o-" + nextOrder++;
        final ObjectNode o = randomOrder(id, 1, 5);
        sentOrders.add(o);
        return o.toString();
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

    private static double round4(final double v)
    {
        return Double.parseDouble(String.format(Locale.ROOT, "%.4f", v));
    }
}
