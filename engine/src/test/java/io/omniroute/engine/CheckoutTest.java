package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.omniroute.engine.NetworkFixture.line;
import static io.omniroute.engine.NetworkFixture.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quotes, shipping prices and timed holds (SPEC §5; issue 8).
 */
class CheckoutTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Simulator sim;

    @BeforeEach
    void setUp()
    {
        final NetworkFixture f = new NetworkFixture();
        f.stock = "sku,location_id,on_hand,safety_stock\nS1,A,10,0\nS1,B,1,0\nS3,A,1,0\n";
        f.policy = "ship_price_STANDARD_cents=599\nship_price_EXPEDITED_cents=1499\nship_price_SAME_DAY_cents=2499\n" +
            "free_shipping_threshold_cents=5000\nmax_open_holds_per_customer=2\nmax_open_holds_per_customer.app=1\n";
        sim = f.simulator(dir);
    }

    private JsonNode apply(final String command) throws Exception
    {
        return MAPPER.readTree(sim.apply(command));
    }

    private static String hold(final String id, final long ts, final int seconds, final String sku, final int qty)
    {
        return "{\"type\":\"hold\",\"hold_id\":\"" + id + "\",\"ts\":" + ts + ",\"channel\":\"web\",\"zip\":\"ZA\"," +
            "\"service\":\"STANDARD\",\"hold_seconds\":" + seconds + ",\"lines\":[" + line(sku, qty) + "]}";
    }

    @Test
    void shouldQuoteEveryServiceWithPriceAndChangeNothing() throws Exception
    {
        final JsonNode q = apply("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"ZB\",\"lines\":[" +
            "{\"sku\":\"S1\",\"qty\":1,\"unit_price_cents\":2000}]}");
        assertEquals("OK", q.get("status").asText());
        assertEquals(3, q.get("options").size());
        final JsonNode standard = q.get("options").get(0);
        assertEquals("STANDARD", standard.get("service").asText());
        assertEquals("B", standard.at("/shipments/0/location_id").asText());
        assertEquals(100 + 1100, standard.get("cost_cents").asLong());
        assertEquals(1, standard.get("transit_days").asInt());
        assertEquals(599, standard.get("ship_price_cents").asLong());
        assertEquals("SAME_DAY", q.get("options").get(2).get("service").asText());
        assertEquals("OK", q.get("options").get(2).get("status").asText());
        assertEquals(2499, q.get("options").get(2).get("ship_price_cents").asLong());
        assertEquals(0, sim.engine().stock().reserved(0, 1), "quotes change nothing");

        final JsonNode free = apply("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"ZB\",\"services\":[\"STANDARD\"]," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":1,\"unit_price_cents\":5000}]}");
        assertEquals(1, free.get("options").size());
        assertEquals(0, free.at("/options/0/ship_price_cents").asLong(), "free STANDARD at the threshold");

        final JsonNode sameDayFar = apply("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"ZMID\",\"services\":[\"SAME_DAY\"]," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":1}]}");
        assertEquals("REJECTED", sameDayFar.at("/options/0/status").asText());
        assertEquals("NO_SERVICE", sameDayFar.at("/options/0/reason").asText());
    }

    @Test
    void shouldMatchAQuoteWithTheOrderThatFollows() throws Exception
    {
        final JsonNode q = apply("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"ZB\",\"services\":[\"STANDARD\"]," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":2}]}");
        final JsonNode o = apply(order("o1", "ZB", "STANDARD", line("S1", 2)));
        assertEquals(q.at("/options/0/cost_cents").asLong(), o.get("total_cost_cents").asLong());
        assertEquals(q.at("/options/0/shipments"), o.get("shipments"));
    }

    /**
     * SPEC §3 "stock": where a count leaves on hand below reserved, "the newest reservations there are routed again";
     * a hold reserves like an order (§5), so a hold newer than an order goes first (it is released), and the older
     * order keeps its units. Until session 10 orders went first whatever their age.
     */
    @Test
    void shouldTakeANewerHoldBackBeforeAnOlderOrderWhenACountFallsShort() throws Exception
    {
        assertEquals("ALLOCATED", apply(order("o1", "ZA", "STANDARD", line("S1", 1)).replace("{\"type\":\"order\",",
            "{\"type\":\"order\",\"ts\":1000,")).get("status").asText());
        assertEquals("HELD", apply(hold("h1", 2000, 60, "S1", 1)).get("status").asText());
        assertEquals(2, sim.engine().stock().reserved(0, 0));
        final JsonNode count = apply("{\"type\":\"stock\",\"ts\":3000,\"sku\":\"S1\",\"location_id\":\"A\"," +
            "\"on_hand\":1}");
        assertEquals("OK", count.get("status").asText());
        assertNull(count.get("orders"), "the older order is not moved: " + count);
        assertEquals(1, sim.engine().stock().reserved(0, 0), "o1's unit stays reserved at A");
        // the hold is gone, so its order routes afresh: A's unit is o1's, B ships
        final JsonNode o2 = apply("{\"type\":\"order\",\"ts\":4000,\"order_id\":\"o2\",\"hold_id\":\"h1\"," +
            "\"channel\":\"web\",\"zip\":\"ZA\",\"service\":\"STANDARD\",\"lines\":[" + line("S1", 1) + "]}");
        assertEquals("ALLOCATED", o2.get("status").asText());
        assertEquals("B", o2.at("/shipments/0/location_id").asText());
        // the count released it: a release now is the OK of a hold already released (DECISIONS "release")
        assertEquals("OK", apply("{\"type\":\"release\",\"hold_id\":\"h1\"}").get("status").asText());
    }

    @Test
    void shouldHoldStockUntilExpiryThenReleaseIt() throws Exception
    {
        final JsonNode h = apply(hold("h1", 1_000_000, 60, "S3", 1));
        assertEquals("HELD", h.get("status").asText());
        assertEquals(1_060_000, h.get("expires_ts").asLong());
        assertEquals(1, sim.engine().stock().reserved(2, 0));
        assertEquals(1, sim.engine().capacity().used(0));
        // at the expiry instant the hold still stands
        assertEquals("OUT_OF_STOCK", apply("{\"type\":\"quote\",\"ts\":1060000,\"channel\":\"web\",\"zip\":\"ZA\"," +
            "\"services\":[\"STANDARD\"],\"lines\":[" + line("S3", 1) + "]}").at("/options/0/reason").asText());
        // a command whose ts passes the expiry releases it first
        final JsonNode o = apply(order("o1", "ZA", "STANDARD", line("S3", 1)).replace("{\"type\":\"order\",",
            "{\"type\":\"order\",\"ts\":1060001,"));
        assertEquals("ALLOCATED", o.get("status").asText());
        assertEquals("HOLD_EXPIRED", apply("{\"type\":\"release\",\"hold_id\":\"h1\"}").get("reason").asText());
        assertEquals(1, sim.engine().kpis().holdsExpired);
    }

    @Test
    void shouldNotWrapTheExpiryOfAHoldMadeNearTheEndOfTime() throws Exception
    {
        // clock + hold_seconds is past Long.MAX_VALUE: the hold can never expire, it must not come out negative
        final JsonNode h = apply(hold("h1", Long.MAX_VALUE - 1_000, 60, "S3", 1));
        assertEquals("HELD", h.get("status").asText());
        assertEquals(Long.MAX_VALUE, h.get("expires_ts").asLong());
        assertEquals("OK", apply("{\"type\":\"release\",\"hold_id\":\"h1\",\"ts\":" + Long.MAX_VALUE + "}")
            .get("status").asText(), "still held at the largest clock");
    }

    @Test
    void shouldNotWrapTheMerchandiseValueOfAQuote() throws Exception
    {
        // 2 x Long.MAX_VALUE cents reaches any threshold; it must not wrap to a negative total
        final JsonNode q = apply("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"ZB\",\"services\":[\"STANDARD\"]," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":2,\"unit_price_cents\":" + Long.MAX_VALUE + "}]}");
        assertEquals("OK", q.at("/options/0/status").asText());
        assertEquals(0, q.at("/options/0/ship_price_cents").asLong());
    }

    @Test
    void shouldTurnAHoldIntoTheOrderWithTheSamePlan() throws Exception
    {
        final JsonNode h = apply(hold("h1", 1000, 300, "S1", 2));
        final JsonNode o = apply("{\"type\":\"order\",\"ts\":2000,\"order_id\":\"o1\",\"hold_id\":\"h1\",\"channel\":\"web\"," +
            "\"zip\":\"ZA\",\"service\":\"STANDARD\",\"lines\":[" + line("S1", 2) + "]}");
        assertEquals("ALLOCATED", o.get("status").asText());
        assertEquals(h.get("shipments"), o.get("shipments"));
        assertEquals(2, sim.engine().stock().reserved(0, 0), "reserved once, carried from the hold");
        assertEquals(1, sim.engine().capacity().used(0));
        assertEquals("UNKNOWN_HOLD", apply("{\"type\":\"release\",\"hold_id\":\"h1\"}").get("reason").asText());
        assertEquals(1, sim.engine().kpis().holdsConverted);
    }

    @Test
    void shouldRouteAfreshWhenTheHoldLinesDiffer() throws Exception
    {
        apply(hold("h1", 1000, 300, "S1", 2));
        final JsonNode o = apply("{\"type\":\"order\",\"order_id\":\"o1\",\"hold_id\":\"h1\",\"channel\":\"web\"," +
            "\"zip\":\"ZA\",\"service\":\"STANDARD\",\"lines\":[" + line("S1", 3) + "]}");
        assertEquals("ALLOCATED", o.get("status").asText());
        assertEquals(5, sim.engine().stock().reserved(0, 0), "hold kept, order routed on its own");
    }

    @Test
    void shouldReleaseAHoldGivingBackStockAndCapacity() throws Exception
    {
        apply(hold("h1", 1000, 300, "S1", 2));
        final JsonNode r = apply("{\"type\":\"release\",\"hold_id\":\"h1\"}");
        assertEquals("OK", r.get("status").asText());
        assertEquals("h1", r.get("hold_id").asText());
        assertEquals(0, sim.engine().stock().reserved(0, 0));
        assertEquals(0, sim.engine().capacity().used(0));
        assertEquals("UNKNOWN_HOLD", apply("{\"type\":\"release\",\"hold_id\":\"nope\"}").get("reason").asText());
    }

    @Test
    void shouldLimitOpenHoldsPerCustomerPerChannel() throws Exception
    {
        final String web = "{\"type\":\"hold\",\"hold_id\":\"%s\",\"customer_id\":\"bot\",\"channel\":\"%s\",\"zip\":\"ZA\"," +
            "\"service\":\"STANDARD\",\"hold_seconds\":60,\"lines\":[" + line("S1", 1) + "]}";
        assertEquals("HELD", apply(String.format(web, "h1", "web")).get("status").asText());
        assertEquals("HELD", apply(String.format(web, "h2", "web")).get("status").asText());
        final JsonNode third = apply(String.format(web, "h3", "web"));
        assertEquals("INVALID", third.get("reason").asText());
        assertTrue(third.get("message").asText().contains("max_open_holds_per_customer"));
        assertEquals("HELD", apply(String.format(web, "h4", "app")).get("status").asText());
        assertEquals("INVALID", apply(String.format(web, "h5", "app")).get("reason").asText(), "app allows 1");
        apply("{\"type\":\"release\",\"hold_id\":\"h1\"}");
        assertEquals("HELD", apply(String.format(web, "h6", "web")).get("status").asText());
    }

    @Test
    void shouldExpireHoldsOldestFirstAtTheSamePointOnReplay() throws Exception
    {
        final String[] stream = {
            hold("h1", 1000, 10, "S1", 1), hold("h2", 2000, 5, "S1", 1), hold("h3", 3000, 60, "S1", 1),
            "{\"type\":\"new_day\",\"ts\":20000}", "{\"type\":\"release\",\"hold_id\":\"h3\"}" };
        final StringBuilder first = new StringBuilder();
        for (final String c : stream)
        {
            first.append(sim.apply(c)).append('\n');
        }
        assertEquals(2, sim.engine().kpis().holdsExpired);
        final long hash = EngineSnapshot.stateHash(sim.engine());
        setUp();
        final StringBuilder second = new StringBuilder();
        for (final String c : stream)
        {
            second.append(sim.apply(c)).append('\n');
        }
        assertEquals(first.toString(), second.toString());
        assertEquals(hash, EngineSnapshot.stateHash(sim.engine()));
    }

    @Test
    void shouldEndTheLastOpenHoldOfACustomer() throws Exception
    {
        final String hold = "{\"type\":\"hold\",\"hold_id\":\"%s\",\"ts\":%d,\"customer_id\":\"c1\",\"channel\":\"web\"," +
            "\"zip\":\"ZA\",\"service\":\"STANDARD\",\"hold_seconds\":10,\"lines\":[" + line("S1", 1) + "]}";
        assertEquals("HELD", apply(String.format(hold, "h1", 1000)).get("status").asText());
        assertEquals("OK", apply("{\"type\":\"release\",\"hold_id\":\"h1\"}").get("status").asText());
        assertEquals("HELD", apply(String.format(hold, "h2", 2000)).get("status").asText());
        // expiry of the customer's only hold
        assertEquals("OK", apply("{\"type\":\"new_day\",\"ts\":20000}").get("status").asText());
        assertEquals(1, sim.engine().kpis().holdsExpired);
        assertEquals("HELD", apply(String.format(hold, "h3", 21000)).get("status").asText());
        final long hash = EngineSnapshot.stateHash(sim.engine());
        final Engine restored = EngineSnapshot.read(sim.engine().network(),
            new java.io.ByteArrayInputStream(EngineSnapshot.toBytes(sim.engine())));
        assertEquals(hash, EngineSnapshot.stateHash(restored));
    }
}
