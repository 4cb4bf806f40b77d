package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.omniroute.engine.NetworkFixture.line;
import static io.omniroute.engine.NetworkFixture.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hand-worked case per SPEC §2/§3 rule. Fixture: A (DC) at ZA, B (store, same-day 50 km) at ZB, ~265 mi apart
 * (zone 3); ZMID is zone 2 from both. STANDARD costs 1000 + 100 × zone, transit = zone days; handling 100.
 */
class RoutingRulesTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Simulator sim;

    private List<JsonNode> run(final NetworkFixture f, final String... commands) throws Exception
    {
        sim = f.simulator(dir);
        final List<JsonNode> out = new ArrayList<>();
        for (final String c : commands)
        {
            out.add(MAPPER.readTree(sim.apply(c)));
        }
        return out;
    }

    private static String loc(final JsonNode r, final int shipment)
    {
        return r.get("shipments").get(shipment).get("location_id").asText();
    }

    @Test
    void shouldShipFromTheCheapestLocation() throws Exception
    {
        final JsonNode r = run(new NetworkFixture(), order("o1", "ZA", "STANDARD", line("S1", 1))).get(0);
        assertEquals("ALLOCATED", r.get("status").asText());
        assertEquals("A", loc(r, 0));
        assertEquals(1, r.get("shipments").get(0).get("zone").asInt());
        assertEquals(100 + 1100, r.get("total_cost_cents").asLong());
        assertEquals(1, r.get("shipments").get(0).get("transit_days").asInt());
    }

    @Test
    void shouldBreakCostTiesBySmallerLocationId() throws Exception
    {
        final JsonNode r = run(new NetworkFixture(), order("o1", "ZMID", "STANDARD", line("S1", 1))).get(0);
        assertEquals(2, r.get("shipments").get(0).get("zone").asInt());
        assertEquals("A", loc(r, 0));
    }

    @Test
    void shouldReserveStockAndExcludeSafetyStockFromAtp() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.stock = "sku,location_id,on_hand,safety_stock\nS1,A,5,3\nS1,B,10,0\n";
        final List<JsonNode> r = run(f,
            order("o1", "ZA", "STANDARD", line("S1", 2)),
            order("o2", "ZA", "STANDARD", line("S1", 1)));
        assertEquals("A", loc(r.get(0), 0));
        assertEquals("B", loc(r.get(1), 0), "A's atp is 5 - 2 - 3 = 0");
        assertEquals(2, sim.engine().stock().reserved(0, 0));
    }

    @Test
    void shouldSplitIntoShipmentsWhenNoLocationHasEveryLine() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.stock = "sku,location_id,on_hand,safety_stock\nS1,B,10,0\nS3,A,10,0\n";
        f.policy = "split_penalty_cents=150\n";
        final JsonNode r = run(f, order("o1", "ZB", "STANDARD", line("S3", 1) + "," + line("S1", 1))).get(0);
        assertEquals(2, r.get("shipments").size());
        assertEquals("A", loc(r, 0));
        assertEquals("S3", r.get("shipments").get(0).get("lines").get(0).get("sku").asText());
        assertEquals("B", loc(r, 1));
        assertEquals((100 + 1300) + (100 + 1100) + 150, r.get("total_cost_cents").asLong());
    }

    @Test
    void shouldSplitAHeavyLineToFitTheCarriersWeightLimits() throws Exception
    {
        // 5 x 4 kg, every rate stops at 12 kg: no location can ship the line whole, 3 + 2 units can
        final NetworkFixture f = new NetworkFixture();
        f.skus = "sku,weight_g,lead_time_days\nS1,4000,5\nS2,500,5\nS3,500,5\n";
        f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\nUPS,STANDARD,1,12000,500,2\n" +
            "UPS,STANDARD,3,12000,700,2\n"; // B is 265 miles from ZA: zone 3
        f.stock = "sku,location_id,on_hand,safety_stock\nS1,A,10,0\nS1,B,10,0\n";
        final List<JsonNode> r = run(f,
            order("o1", "ZA", "STANDARD", line("S1", 5)),
            order("o2", "ZA", "STANDARD", line("S1", 7)),
            order("o3", "ZA", "STANDARD", line("S1", 20)));
        final JsonNode o1 = r.get(0);
        assertEquals("ALLOCATED", o1.get("status").asText(), o1.toString());
        assertEquals("A", loc(o1, 0));
        assertEquals(3, o1.get("shipments").get(0).get("lines").get(0).get("qty").asInt());
        assertEquals("B", loc(o1, 1));
        assertEquals(2, o1.get("shipments").get(1).get("lines").get(0).get("qty").asInt());
        assertEquals((100 + 500) + (100 + 700), o1.get("total_cost_cents").asLong());
        // 7 units need 3 parcels but there are 2 locations: no plan even with unlimited stock
        assertEquals("REJECTED", r.get(1).get("status").asText());
        assertEquals("NO_SERVICE", r.get(1).get("reason").asText());
        assertEquals("NO_SERVICE", r.get(2).get("reason").asText());
    }

    /**
     * Weights beyond a long's range are heavier than every rate, not a wrapped negative weight that every rate takes
     * (ten lines of 10^9 units of 10^9 g summed past 2^63 and shipped under a 10^18 g rate).
     */
    @Test
    void shouldFindNoRateForAWeightBeyondALongsRange() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        final StringBuilder skus = new StringBuilder("sku,weight_g,lead_time_days\n");
        final StringBuilder stock = new StringBuilder("sku,location_id,on_hand,safety_stock\n");
        final StringBuilder nine = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            skus.append("H").append(i).append(",1000000000,5\n");
            stock.append("H").append(i).append(",A,1000000000,0\n");
            if (i < 9)
            {
                nine.append(i == 0 ? "" : ",").append(line("H" + i, 1_000_000_000));
            }
        }
        f.skus = skus.toString();
        f.stock = stock.toString();
        f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\n" +
            "UPS,STANDARD,1,1000000000000000000,500,2\n";
        final String ten = nine + "," + line("H9", 1_000_000_000);
        final List<JsonNode> r = run(f,
            order("one", "ZA", "STANDARD", line("H0", 1_000_000_000)),
            order("nine", "ZA", "STANDARD", nine.toString()),
            order("ten", "ZA", "STANDARD", ten));
        assertEquals("ALLOCATED", r.get(0).get("status").asText(), "10^18 g: the rate's limit exactly");
        for (int i = 1; i < 3; i++)
        {
            assertEquals("NO_SERVICE", r.get(i).get("reason").asText(), r.get(i).toString());
        }
        assertEquals(1_000_000_000L, sim.engine().stock().reserved(0, 0), "only the first order reserved");
    }

    /**
     * A line split takes the cheaper of two greedy plans. Filling from the cheapest locations and keeping whole the
     * lines a location can ship whole: 6 P from C (300, 2 units) and B (500, 4) is 800, where the per-unit greedy
     * alone took A (600 for 5 units: 120 a unit) and C, 900; and with 4 Q that B can ship whole, B ships 4 P and 4 Q
     * and C 2 P (800), where the per-unit greedy alone split Q as well (three shipments, 1400). When the cheapest
     * location holds too little (C: 1 unit), the per-unit plan is the cheaper and stays.
     */
    @Test
    void shouldSplitALineFromTheCheapestLocationsAndKeepWholeTheLinesThatShipWhole() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.locations = "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n" +
            "A,DC,40.0,-75.0,600,-1,STANDARD,0\nB,DC,40.0,-75.0,500,-1,STANDARD,0\n" +
            "C,DC,40.0,-75.0,300,-1,STANDARD,0\n";
        f.skus = "sku,weight_g,lead_time_days\nP,100,5\nQ,100,5\n";
        f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\nUPS,STANDARD,1,50000,0,3\n";
        f.stock = "sku,location_id,on_hand,safety_stock\nP,A,5,0\nP,B,4,0\nP,C,2,0\nQ,A,2,0\nQ,B,4,0\n";
        final List<JsonNode> r = run(f,
            order("one-line", "ZA", "STANDARD", line("P", 6)),
            "{\"type\":\"cancel\",\"order_id\":\"one-line\"}",
            order("two-lines", "ZA", "STANDARD", line("P", 6) + "," + line("Q", 4)));
        assertEquals(800, r.get(0).get("total_cost_cents").asLong(), r.get(0).toString());
        assertEquals("B", loc(r.get(0), 0));
        assertEquals(4, r.get(0).get("shipments").get(0).get("lines").get(0).get("qty").asInt());
        assertEquals("C", loc(r.get(0), 1));
        final JsonNode two = r.get(2);
        assertEquals(800, two.get("total_cost_cents").asLong(), two.toString());
        assertEquals(2, two.get("shipments").size());
        assertEquals("B", loc(two, 0));
        assertEquals("[{\"sku\":\"P\",\"qty\":4},{\"sku\":\"Q\",\"qty\":4}]",
            two.get("shipments").get(0).get("lines").toString());
        assertEquals("C", loc(two, 1));

        f.stock = "sku,location_id,on_hand,safety_stock\nP,A,5,0\nP,B,3,0\nP,C,1,0\n";
        final JsonNode perUnit = run(f, order("o", "ZA", "STANDARD", line("P", 6))).get(0);
        assertEquals(900, perUnit.get("total_cost_cents").asLong(), "A 5 + C 1, not C 1 + B 3 + A 2 (1400)");
        assertEquals("A", loc(perUnit, 0));
        assertEquals("C", loc(perUnit, 1));
    }

    @Test
    void shouldPreferOneShipmentWhenTheSplitPenaltyOutweighsTheSaving() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.policy = "split_penalty_cents=1000\n";
        // S1 and S3 both at A; S1 also at B near the customer: one shipment from A wins because of the penalty
        final JsonNode r = run(f, order("o1", "ZB", "STANDARD", line("S1", 1) + "," + line("S3", 1))).get(0);
        assertEquals(1, r.get("shipments").size());
        assertEquals("A", loc(r, 0));
    }

    @Test
    void shouldRejectShipCompleteWhenOnlyASplitCouldShip() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.stock = "sku,location_id,on_hand,safety_stock\nS1,B,10,0\nS3,A,10,0\n";
        final String o = "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"web\",\"zip\":\"ZB\"," +
            "\"service\":\"STANDARD\",\"ship_complete\":true,\"lines\":[" + line("S1", 1) + "," + line("S3", 1) + "]}";
        final JsonNode r = run(f, o).get(0);
        assertEquals("REJECTED", r.get("status").asText());
        assertEquals("SHIP_COMPLETE_IMPOSSIBLE", r.get("reason").asText());
        assertEquals(0, sim.engine().stock().reserved(0, 1));
    }

    @Test
    void shouldServeSameDayOnlyWithinTheStoreRadius() throws Exception
    {
        final List<JsonNode> r = run(new NetworkFixture(),
            order("o1", "ZB", "SAME_DAY", line("S1", 1)),
            order("o2", "ZMID", "SAME_DAY", line("S1", 1)));
        assertEquals("B", loc(r.get(0), 0));
        assertEquals("SAME_DAY", r.get(0).get("shipments").get(0).get("service").asText());
        assertEquals("NO_SERVICE", r.get(1).get("reason").asText());
    }

    @Test
    void shouldRestrictChannelsToTheirLocationsAndResolveChannelSkus() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.channelLocations = "channel,location_id\nmkt,B\n";
        f.channelSkus = "channel,channel_sku,sku\nmkt,M-S1,S1\nmkt,M-S3,S3\n";
        final String mkt1 = order("m1", "ZA", "STANDARD", line("M-S1", 1)).replace("\"web\"", "\"mkt\"");
        final String mkt3 = order("m3", "ZA", "STANDARD", line("M-S3", 1)).replace("\"web\"", "\"mkt\"");
        final String webListing = order("w1", "ZA", "STANDARD", line("M-S1", 1));
        final List<JsonNode> r = run(f, mkt1, mkt3, webListing);
        assertEquals("B", loc(r.get(0), 0), "mkt may only use B");
        assertEquals("S1", r.get(0).get("shipments").get(0).get("lines").get(0).get("sku").asText(), "master SKU");
        assertEquals("OUT_OF_STOCK", r.get(1).get("reason").asText(), "B has no S3");
        assertEquals("UNKNOWN_SKU", r.get(2).get("reason").asText(), "web does not map M-S1");
    }

    @Test
    void shouldHonourMaxTransitDays() throws Exception
    {
        final String fast = "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"web\",\"zip\":\"ZB\"," +
            "\"service\":\"STANDARD\",\"ship_complete\":false,\"max_transit_days\":1,\"lines\":[" + line("S3", 1) + "]}";
        final List<JsonNode> r = run(new NetworkFixture(), fast, fast.replace("ZB", "ZMID"),
            fast.replace("ZB", "ZA").replace("\"o1\"", "\"o3\""));
        assertEquals("OUT_OF_STOCK", r.get(0).get("reason").asText(), "only B is 1 day away, and B has no S3");
        assertEquals("NO_SERVICE", r.get(1).get("reason").asText(), "both 2 days away");
        assertEquals("A", loc(r.get(2), 0));
    }

    @Test
    void shouldRespectDailyCapacityUntilNewDay() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.locations = f.locations.replace("A,DC,40.0,-75.0,100,-1", "A,DC,40.0,-75.0,100,1");
        final List<JsonNode> r = run(f,
            order("o1", "ZA", "STANDARD", line("S3", 1)),
            order("o2", "ZA", "STANDARD", line("S3", 1)),
            "{\"type\":\"new_day\"}",
            order("o3", "ZA", "STANDARD", line("S3", 1)));
        assertEquals("A", loc(r.get(0), 0));
        assertEquals("NO_CAPACITY", r.get(1).get("reason").asText());
        assertEquals("OK", r.get(2).get("status").asText());
        assertEquals("A", loc(r.get(3), 0));
    }

    @Test
    void shouldBreakRateTiesByCarrierName() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\n" +
            "ZETA,STANDARD,1,5000,900,1\nALPHA,STANDARD,1,5000,900,4\nMID,STANDARD,1,5000,950,1\n";
        final JsonNode r = run(f, order("o1", "ZA", "STANDARD", line("S1", 1))).get(0);
        assertEquals("ALPHA", r.get("shipments").get(0).get("carrier").asText());
        assertEquals(4, r.get("shipments").get(0).get("transit_days").asInt());
    }

    @Test
    void shouldPickTheRateForTheShipmentWeight() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\n" +
            "UPS,STANDARD,1,1000,500,1\nUPS,STANDARD,1,2000,800,1\n";
        final List<JsonNode> r = run(f,
            order("o1", "ZA", "STANDARD", line("S1", 2)),
            order("o2", "ZA", "STANDARD", line("S1", 3)),
            order("o3", "ZA", "STANDARD", line("S1", 5)));
        assertEquals(600, r.get(0).get("total_cost_cents").asLong(), "1000 g fits the 1000 g row");
        assertEquals(900, r.get(1).get("total_cost_cents").asLong(), "1500 g needs the 2000 g row");
        assertEquals("NO_SERVICE", r.get(2).get("reason").asText(), "2500 g: no rate anywhere");
    }

    @Test
    void shouldSplitALineQuantityOnlyWhenNoWholeLinePlanExists() throws Exception
    {
        final JsonNode r = run(new NetworkFixture(), order("o1", "ZA", "STANDARD", line("S1", 15))).get(0);
        assertEquals("ALLOCATED", r.get("status").asText());
        assertEquals(2, r.get("shipments").size());
        long units = 0;
        for (final JsonNode s : r.get("shipments"))
        {
            units += s.get("lines").get(0).get("qty").asLong();
        }
        assertEquals(15, units);
        assertEquals(10, sim.engine().stock().reserved(0, 0), "A, the cheaper, fills first");
    }

    @Test
    void shouldRejectOutOfStockAndChangeNothing() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        final JsonNode r = run(f, order("o1", "ZA", "STANDARD", line("S1", 25))).get(0);
        assertEquals("OUT_OF_STOCK", r.get("reason").asText());
        assertEquals(0, sim.engine().stock().reserved(0, 0));
        assertEquals(0, sim.engine().capacity().used(0));
        // the same id may come again once stock arrives
        sim.apply("{\"type\":\"receive\",\"sku\":\"S1\",\"location_id\":\"A\",\"qty\":20}");
        assertEquals("ALLOCATED", MAPPER.readTree(sim.apply(order("o1", "ZA", "STANDARD", line("S1", 25))))
            .get("status").asText());
    }

    @Test
    void shouldReturnTheFirstDecisionForAnIdenticalResubmit() throws Exception
    {
        final String o = order("o1", "ZA", "STANDARD", line("S1", 2) + "," + line("S2", 1));
        final String reordered = order("o1", "ZA", "STANDARD", line("S2", 1) + "," + line("S1", 1) + "," +
            line("S1", 1));
        final List<JsonNode> r = run(new NetworkFixture(), o, o, reordered,
            order("o1", "ZB", "STANDARD", line("S1", 2) + "," + line("S2", 1)));
        assertEquals(1, r.get(0).get("seq").asInt());
        assertEquals(2, r.get(1).get("seq").asInt());
        assertEquals(r.get(0).get("shipments"), r.get(1).get("shipments"));
        assertEquals(r.get(0).get("shipments"), r.get(2).get("shipments"), "same content, other spelling");
        assertEquals(2, sim.engine().stock().reserved(0, 0), "reserved once");
        assertEquals("DUPLICATE_ORDER_ID", r.get(3).get("reason").asText());
    }

    @Test
    void shouldCancelReleasingReservationsAndRefuseAfterShipping() throws Exception
    {
        final List<JsonNode> r = run(new NetworkFixture(),
            order("o1", "ZA", "STANDARD", line("S1", 2)),
            order("o2", "ZA", "STANDARD", line("S1", 3)),
            "{\"type\":\"cancel\",\"order_id\":\"o1\"}",
            "{\"type\":\"ship\",\"order_id\":\"o2\",\"location_id\":\"A\"}",
            "{\"type\":\"cancel\",\"order_id\":\"o2\"}",
            "{\"type\":\"cancel\",\"order_id\":\"nope\"}",
            "{\"type\":\"ship\",\"order_id\":\"o2\",\"location_id\":\"A\"}",
            "{\"type\":\"ship\",\"order_id\":\"o2\",\"location_id\":\"B\"}",
            "{\"type\":\"cancel\",\"order_id\":\"o1\"}");
        assertEquals("OK", r.get(2).get("status").asText());
        assertEquals("OK", r.get(3).get("status").asText());
        assertEquals("o2", r.get(3).get("order_id").asText());
        assertEquals("ALREADY_SHIPPED", r.get(4).get("reason").asText());
        assertEquals("UNKNOWN_ORDER", r.get(5).get("reason").asText());
        assertEquals("ALREADY_SHIPPED", r.get(6).get("reason").asText());
        assertEquals("INVALID", r.get(7).get("reason").asText());
        assertEquals("OK", r.get(8).get("status").asText(), "a second cancel is idempotent");
        assertEquals(0, sim.engine().stock().reserved(0, 0));
        assertEquals(7, sim.engine().stock().onHand(0, 0), "10 - 3 shipped");
    }

    @Test
    void shouldRejectBadLinesWithAMessageAndKeepGoing() throws Exception
    {
        final List<JsonNode> r = run(new NetworkFixture(),
            "{not json",
            "[1,2]",
            "{\"type\":\"teleport\"}",
            "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"web\",\"zip\":\"ZA\",\"service\":\"STANDARD\"," +
                "\"lines\":[{\"sku\":\"S1\",\"qty\":\"two\"}]}",
            "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"web\",\"zip\":\"ZA\",\"service\":\"POST\"," +
                "\"lines\":[{\"sku\":\"S1\",\"qty\":1}]}",
            "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"web\",\"zip\":\"ZA\",\"service\":\"STANDARD\"," +
                "\"lines\":[{\"sku\":\"S1\",\"qty\":0}]}",
            "{\"type\":\"receive\",\"sku\":\"S1\",\"location_id\":\"NOWHERE\",\"qty\":1}",
            "{\"type\":\"receive\",\"sku\":\"NOPE\",\"location_id\":\"A\",\"qty\":1}",
            order("o9", "99999", "STANDARD", line("S1", 1)),
            order("o1", "ZA", "STANDARD", line("S1", 1)));
        for (int i = 0; i < 7; i++)
        {
            assertEquals("REJECTED", r.get(i).get("status").asText(), "line " + i);
            assertEquals("INVALID", r.get(i).get("reason").asText(), "line " + i);
            assertTrue(r.get(i).has("message"), "line " + i);
        }
        assertTrue(r.get(3).get("message").asText().contains("lines[].qty"));
        assertTrue(r.get(4).get("message").asText().contains("service"));
        assertEquals("teleport", r.get(2).get("type").asText());
        assertEquals("UNKNOWN_SKU", r.get(7).get("reason").asText());
        assertEquals("UNKNOWN_ZIP", r.get(8).get("reason").asText());
        assertEquals("ALLOCATED", r.get(9).get("status").asText());
        assertEquals(10, r.get(9).get("seq").asInt());
        assertFalse(r.get(9).has("message"));
    }

    @Test
    void shouldAcceptLatitudeAndLongitudeInsteadOfZip() throws Exception
    {
        final String o = "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"web\",\"lat\":40.0,\"lon\":-80.0," +
            "\"service\":\"STANDARD\",\"lines\":[" + line("S1", 1) + "]}";
        final JsonNode r = run(new NetworkFixture(), o).get(0);
        assertEquals("B", loc(r, 0));
    }

    @Test
    void shouldSetOnHandAndSafetyStockFromACount() throws Exception
    {
        final List<JsonNode> r = run(new NetworkFixture(),
            "{\"type\":\"stock\",\"sku\":\"S1\",\"location_id\":\"A\",\"on_hand\":0}",
            "{\"type\":\"stock\",\"sku\":\"S1\",\"location_id\":\"B\",\"on_hand\":4,\"safety_stock\":4}",
            order("o1", "ZA", "STANDARD", line("S1", 1)));
        assertEquals("OK", r.get(0).get("status").asText());
        assertEquals("OUT_OF_STOCK", r.get(2).get("reason").asText());
        assertEquals(4, sim.engine().stock().safetyStock(0, 1));
    }

    /**
     * Four 30 kg lines, rates up to 40 kg: no location can ship two lines together, so the plan needs four locations.
     * The nearest location is the cheapest for every line alone; the partition program (which lets a location ship
     * several parts) picks it four times, which is no plan, and the candidate program must settle the order: all
     * assignments cost the same, so SPEC's tie-break gives S1 to A, S2 to B, S3 to C and S4 to D.
     */
    @Test
    void shouldGiveEveryShipmentItsOwnLocationWhenNoLocationCanCarryTwoLines() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.locations = "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n" +
            "A,DC,40.0,-75.0,100,-1,STANDARD,0\nB,DC,40.0,-80.0,100,-1,STANDARD,0\n" +
            "C,DC,41.0,-75.0,100,-1,STANDARD,0\nD,DC,39.0,-75.0,100,-1,STANDARD,0\n";
        f.skus = "sku,weight_g,lead_time_days\nS1,30000,5\nS2,30000,5\nS3,30000,5\nS4,30000,5\n";
        f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\n" +
            NetworkFixture.allZones("UPS", "STANDARD", 1000).replace(",50000,", ",40000,");
        final StringBuilder stock = new StringBuilder("sku,location_id,on_hand,safety_stock\n");
        for (final String loc : new String[] { "D", "C", "B", "A" })
        {
            for (int s = 1; s <= 4; s++)
            {
                stock.append('S').append(s).append(',').append(loc).append(",5,0\n");
            }
        }
        f.stock = stock.toString();
        f.policy = "split_penalty_cents=50\n";
        final JsonNode r = run(f, order("o1", "ZA", "STANDARD",
            line("S3", 1) + "," + line("S1", 1) + "," + line("S4", 1) + "," + line("S2", 1))).get(0);
        assertEquals("ALLOCATED", r.get("status").asText());
        assertEquals(4, r.get("shipments").size());
        final String[] expected = { "S1", "S2", "S3", "S4" };
        for (int i = 0; i < 4; i++)
        {
            assertEquals(String.valueOf((char)('A' + i)), loc(r, i));
            assertEquals(expected[i], r.get("shipments").get(i).get("lines").get(0).get("sku").asText());
        }
        // zones from ZA: A 1, C and D 2 (69 mi), B 3 (265 mi); 1000 + 100 × zone + 100 handling each, 3 × 50 penalty
        assertEquals(1200 + 1400 + 1300 + 1300 + 150, r.get("total_cost_cents").asLong());
    }
}
