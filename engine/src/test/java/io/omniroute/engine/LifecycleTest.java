package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;


import static io.omniroute.engine.NetworkFixture.line;
import static io.omniroute.engine.NetworkFixture.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pick shorts, backorders, returns anywhere, count re-routes and order status (SPEC §3; issue 7).
 * Fixture: A (DC) at ZA and B (store) at ZB; S1 and S2 at both (10 each), S3 only at A.
 */
class LifecycleTest extends SimulatorJsonTest
{
    /**
     * The fixture network with this stock, its simulator's events on.
     */
    private void withEvents(final String stock) throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.stock = stock;
        sim = f.simulator(dir);
        sim.engine().enableEvents();
    }

    private StockStore stock()
    {
        return sim.engine().stock();
    }

    private static int listed(final OrderBook book, final int key)
    {
        int n = 0;
        for (int x = book.first(key); x >= 0; x = book.next(x))
        {
            n++;
        }
        return n;
    }

    /**
     * A count looks at the lines reserved for its SKU where it counts, not at every shipment the location ever made
     * (after a peak day a count at a busy DC took 40 ms scanning history); lines of shipped or cancelled orders leave
     * that list at the first count that meets them.
     */
    @Test
    void shouldIndexReservedLinesBySkuAndLocationAndDropFinishedOnesOnACount() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        final OrderBook orders = sim.engine().orders();
        for (int i = 0; i < 4; i++)
        {
            apply(order("o" + i, "ZA", "STANDARD", line("S1", 1) + "," + line("S3", 1)));
        }
        apply(order("o9", "ZA", "STANDARD", line("S3", 1)));
        final int s1AtA = orders.key(0, 0);
        final int s3AtA = orders.key(2, 0);
        assertEquals(4, listed(orders, s1AtA));
        assertEquals(5, listed(orders, s3AtA));
        assertEquals(0, listed(orders, orders.key(1, 0)), "no S2 was ordered");
        apply("{\"type\":\"ship\",\"order_id\":\"o0\",\"location_id\":\"A\"}");
        apply("{\"type\":\"cancel\",\"order_id\":\"o1\"}");
        assertEquals(4, listed(orders, s1AtA), "finished lines stay listed until a count meets them");

        // o2 and o3 hold the 2 reserved units of S1 at A; counted down to 1, the newest (o3) goes to B
        final JsonNode r = apply("{\"type\":\"stock\",\"sku\":\"S1\",\"location_id\":\"A\",\"on_hand\":1}");
        assertEquals("OK", r.get("status").asText());
        assertEquals("o3", r.at("/orders/0/order_id").asText(), r.toString());
        assertEquals(2, listed(orders, s1AtA), "the count dropped the shipped and the cancelled order's lines");
        assertEquals(5, listed(orders, s3AtA), "other SKUs' lists are untouched");
        assertEquals(1, stock().reserved(0, 0));
        assertEquals(1, stock().reserved(0, 1));
    }

    /**
     * A count that re-routes more orders than a decision first has room for (256 order groups, 512 shipments) lists
     * them all, every one re-routed as it would be alone: past 256 it stopped the engine (an index out of bounds), and
     * past 512 shipments the next orders were backordered for want of room in the result.
     */
    @Test
    void shouldRerouteEveryOrderOfACountThatMovesHundredsOfThem() throws Exception
    {
        withEvents("sku,location_id,on_hand,safety_stock\nS1,A,1000,0\nS1,B,1000,0\n");
        final int orders = 700;
        for (int i = 0; i < orders; i++)
        {
            assertEquals("A", apply(order("o" + i, "ZA", "STANDARD", line("S1", 1))).path("shipments").path(0)
                .path("location_id").asText());
        }
        final JsonNode r = apply("{\"type\":\"stock\",\"sku\":\"S1\",\"location_id\":\"A\",\"on_hand\":0}");
        assertEquals("OK", r.path("status").asText(), r.toString().substring(0, 200));
        assertEquals(orders, r.path("orders").size());
        for (final JsonNode o : r.path("orders"))
        {
            assertEquals("ALLOCATED", o.path("status").asText(), o.toString());
            assertEquals("B", o.path("shipments").path(0).path("location_id").asText(), o.toString());
        }
        assertEquals(orders, stock().reserved(0, 1), "S1 at B");
        assertEquals(0, stock().reserved(0, 0), "S1 at A");
    }

    @Test
    void shouldRouteAPickShortFromAnotherLocation() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        assertEquals("A", apply(order("o1", "ZA", "STANDARD", line("S1", 3))).at("/shipments/0/location_id").asText());
        final JsonNode r = apply("{\"type\":\"pick_short\",\"order_id\":\"o1\",\"location_id\":\"A\",\"sku\":\"S1\",\"qty\":2}");
        assertEquals("OK", r.get("status").asText());
        assertEquals("B", r.at("/shipments/0/location_id").asText());
        assertEquals(2, r.at("/shipments/0/lines/0/qty").asInt());
        assertEquals(8, stock().onHand(0, 0), "A lost the 2 units it could not find");
        assertEquals(1, stock().reserved(0, 0));
        assertEquals(2, stock().reserved(0, 1));
        final JsonNode status = apply("{\"type\":\"status\",\"order_id\":\"o1\"}");
        assertEquals("ALLOCATED", status.get("order_state").asText());
        assertEquals(2, status.get("shipments").size());
    }

    @Test
    void shouldBackorderAPickShortAndFillItFromTheNextReceipt() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        apply(order("o1", "ZA", "STANDARD", line("S3", 2)));
        final JsonNode r = apply("{\"type\":\"pick_short\",\"order_id\":\"o1\",\"location_id\":\"A\",\"sku\":\"S3\",\"qty\":2}");
        assertEquals("BACKORDERED", r.get("status").asText());
        assertEquals(2, r.get("backordered_qty").asInt());
        assertEquals("BACKORDERED", apply("{\"type\":\"status\",\"order_id\":\"o1\"}").get("order_state").asText());
        final JsonNode receipt = apply("{\"type\":\"receive\",\"sku\":\"S3\",\"location_id\":\"B\",\"qty\":5}");
        assertEquals("OK", receipt.get("status").asText());
        assertEquals("o1", receipt.at("/orders/0/order_id").asText());
        assertEquals("ALLOCATED", receipt.at("/orders/0/status").asText());
        assertEquals("B", receipt.at("/orders/0/shipments/0/location_id").asText());
        assertEquals(2, stock().reserved(2, 1));
        assertEquals("ALLOCATED", apply("{\"type\":\"status\",\"order_id\":\"o1\"}").get("order_state").asText());
    }

    @Test
    void shouldShipEveryOpenShipmentTheOrderHasAtTheLocation() throws Exception
    {
        final NetworkFixture fixture = new NetworkFixture();
        fixture.stock = "sku,location_id,on_hand,safety_stock\nS1,A,1,0\nS2,B,10,0\n";
        sim = fixture.simulator(dir);
        final JsonNode placed = apply(order("o1", "ZA", "STANDARD", line("S1", 1) + "," + line("S2", 1)));
        assertEquals(2, placed.get("shipments").size(), "S1 from A, S2 from B");
        apply("{\"type\":\"receive\",\"sku\":\"S1\",\"location_id\":\"B\",\"qty\":1}");
        final JsonNode shorted = apply("{\"type\":\"pick_short\",\"order_id\":\"o1\",\"location_id\":\"A\"," +
            "\"sku\":\"S1\",\"qty\":1}");
        assertEquals("B", shorted.at("/shipments/0/location_id").asText(), "a second shipment at B");
        assertEquals(1, stock().reserved(0, 1));
        assertEquals(1, stock().reserved(1, 1));

        assertEquals("OK", apply("{\"type\":\"ship\",\"order_id\":\"o1\",\"location_id\":\"B\"}").get("status").asText());

        assertEquals(0, stock().reserved(0, 1), "the re-routed S1 left with the first parcel's S2");
        assertEquals(0, stock().reserved(1, 1));
        assertEquals(0, stock().onHand(0, 1));
        assertEquals(9, stock().onHand(1, 1));
        final JsonNode status = apply("{\"type\":\"status\",\"order_id\":\"o1\"}");
        for (final JsonNode shipment : status.get("shipments"))
        {
            if (shipment.get("location_id").asText().equals("B"))
            {
                assertEquals("SHIPPED", shipment.get("status").asText());
            }
        }
        assertEquals("ALREADY_SHIPPED", apply("{\"type\":\"ship\",\"order_id\":\"o1\",\"location_id\":\"B\"}")
            .get("reason").asText());
    }

    @Test
    void shouldKeepACancelledOrderCancelledWhenItsShippedUnitsComeBack() throws Exception
    {
        final NetworkFixture fixture = new NetworkFixture();
        fixture.stock = "sku,location_id,on_hand,safety_stock\nS1,A,1,0\nS2,B,10,0\n";
        sim = fixture.simulator(dir);
        apply(order("o1", "ZA", "STANDARD", line("S1", 1) + "," + line("S2", 1)));
        apply("{\"type\":\"ship\",\"order_id\":\"o1\",\"location_id\":\"A\"}");
        assertEquals("OK", apply("{\"type\":\"cancel\",\"order_id\":\"o1\"}").get("status").asText());
        assertEquals(0, stock().reserved(1, 1), "the unshipped S2 at B was released");
        assertEquals("OK", apply("{\"type\":\"return\",\"order_id\":\"o1\",\"location_id\":\"B\",\"sku\":\"S1\"," +
            "\"qty\":1,\"resellable\":true}").get("status").asText());

        assertEquals("OK", apply("{\"type\":\"cancel\",\"order_id\":\"o1\"}").get("status").asText(),
            "a retried cancel of a cancelled order stays OK after its shipped units came back");
        assertEquals("CANCELLED", apply("{\"type\":\"status\",\"order_id\":\"o1\"}").get("order_state").asText());
        assertEquals(1, stock().onHand(0, 1), "the returned unit is on hand where it came back");
    }

    @Test
    void shouldRerouteACountsShortageOverEveryLocationTheCountedOneToo() throws Exception
    {
        final NetworkFixture fixture = new NetworkFixture();
        fixture.stock = "sku,location_id,on_hand,safety_stock\nS1,A,3,0\nS1,B,1,0\n";
        sim = fixture.simulator(dir);
        assertEquals("A", apply(order("o1", "ZA", "STANDARD", line("S1", 3))).at("/shipments/0/location_id").asText());

        final JsonNode count = apply("{\"type\":\"stock\",\"sku\":\"S1\",\"location_id\":\"A\",\"on_hand\":2}");

        assertEquals("ALLOCATED", count.at("/orders/0/status").asText(), "2 of the counted units at A + 1 from B");
        assertEquals(2, stock().reserved(0, 0));
        assertEquals(1, stock().reserved(0, 1));
    }

    @Test
    void shouldRejectAPickShortOfWhatTheShipmentDoesNotHold() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        apply(order("o1", "ZA", "STANDARD", line("S1", 1)));
        assertEquals("INVALID", apply("{\"type\":\"pick_short\",\"order_id\":\"o1\",\"location_id\":\"B\",\"sku\":\"S1\",\"qty\":1}")
            .get("reason").asText());
        assertEquals("INVALID", apply("{\"type\":\"pick_short\",\"order_id\":\"o1\",\"location_id\":\"A\",\"sku\":\"S1\",\"qty\":2}")
            .get("reason").asText());
        assertEquals("UNKNOWN_ORDER", apply("{\"type\":\"pick_short\",\"order_id\":\"zz\",\"location_id\":\"A\",\"sku\":\"S1\",\"qty\":1}")
            .get("reason").asText());
        assertEquals(1, stock().reserved(0, 0));
    }

    @Test
    void shouldPutResellableReturnsBackOnHandWhereReturned() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        apply(order("o1", "ZA", "STANDARD", line("S1", 3)));
        assertEquals("NOT_SHIPPED", apply("{\"type\":\"return\",\"order_id\":\"o1\",\"location_id\":\"B\",\"sku\":\"S1\"," +
            "\"qty\":1,\"resellable\":true,\"reason\":\"size\"}").get("reason").asText());
        apply("{\"type\":\"ship\",\"order_id\":\"o1\",\"location_id\":\"A\"}");
        assertEquals("OK", apply("{\"type\":\"return\",\"order_id\":\"o1\",\"location_id\":\"B\",\"sku\":\"S1\"," +
            "\"qty\":2,\"resellable\":true,\"reason\":\"size\"}").get("status").asText());
        assertEquals(12, stock().onHand(0, 1), "returned at store B, not at A");
        assertEquals(7, stock().onHand(0, 0));
        assertEquals("QTY_EXCEEDS_SHIPPED", apply("{\"type\":\"return\",\"order_id\":\"o1\",\"location_id\":\"B\"," +
            "\"sku\":\"S1\",\"qty\":2,\"resellable\":false,\"reason\":\"damaged\"}").get("reason").asText());
        assertEquals("OK", apply("{\"type\":\"return\",\"order_id\":\"o1\",\"location_id\":\"A\",\"sku\":\"S1\"," +
            "\"qty\":1,\"resellable\":false,\"reason\":\"damaged\"}").get("status").asText());
        assertEquals(7, stock().onHand(0, 0), "damaged units do not go back on hand");
        assertEquals(1, sim.engine().kpis().returnsByReason.get("damaged")[0]);
        assertEquals(2, sim.engine().kpis().returnsByReason.get("size")[0]);
        assertEquals("RETURNED", apply("{\"type\":\"status\",\"order_id\":\"o1\"}").get("order_state").asText());
    }

    @Test
    void shouldRerouteTheNewestReservationsWhenACountRevealsAShortage() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        apply(order("old", "ZA", "STANDARD", line("S1", 4)));
        apply(order("new", "ZA", "STANDARD", line("S1", 4)));
        final JsonNode r = apply("{\"type\":\"stock\",\"sku\":\"S1\",\"location_id\":\"A\",\"on_hand\":5}");
        assertEquals("OK", r.get("status").asText());
        assertEquals(1, r.get("orders").size());
        assertEquals("new", r.at("/orders/0/order_id").asText());
        assertEquals("B", r.at("/orders/0/shipments/0/location_id").asText());
        assertEquals(4, stock().reserved(0, 0));
        assertTrue(stock().reserved(0, 0) <= stock().onHand(0, 0));
        assertEquals(4, stock().reserved(0, 1));
    }

    @Test
    void shouldBackorderACountShortageNothingElseCanShip() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        apply(order("o1", "ZA", "STANDARD", line("S3", 4)));
        final JsonNode r = apply("{\"type\":\"stock\",\"sku\":\"S3\",\"location_id\":\"A\",\"on_hand\":1}");
        assertEquals("BACKORDERED", r.at("/orders/0/status").asText());
        assertEquals(0, stock().reserved(2, 0));
        assertEquals("OK", apply("{\"type\":\"cancel\",\"order_id\":\"o1\"}").get("status").asText());
        final JsonNode receipt = apply("{\"type\":\"receive\",\"sku\":\"S3\",\"location_id\":\"A\",\"qty\":10}");
        assertFalse(receipt.has("orders"), "a cancelled order's backorder is dropped");
    }

    @Test
    void shouldReportTheOrderStatusWithShipmentEvents() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        apply(order("o1", "ZB", "STANDARD", line("S1", 1) + "," + line("S3", 1)));
        apply("{\"type\":\"ship\",\"order_id\":\"o1\",\"location_id\":\"A\"}");
        final JsonNode s = apply("{\"type\":\"status\",\"order_id\":\"o1\"}");
        assertEquals("OK", s.get("status").asText());
        assertEquals("SHIPPED", s.get("order_state").asText());
        assertEquals("SHIPPED", s.at("/shipments/0/status").asText());
        assertEquals(1, s.at("/shipments/0/allocated_seq").asInt());
        assertEquals(2, s.at("/shipments/0/shipped_seq").asInt());
        assertEquals("UNKNOWN_ORDER", apply("{\"type\":\"status\",\"order_id\":\"x\"}").get("reason").asText());
    }

    @Test
    void shouldPublishAvailabilityOncePerChannelAndSkuPerBatchWithChannelSkuNames() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.channelSkus = "channel,channel_sku,sku\nmkt,M-S1,S1\n";
        f.channelLocations = "channel,location_id\nmkt,A\n";
        sim = f.simulator(dir);
        sim.engine().enableEvents();
        sim.apply(order("o1", "ZA", "STANDARD", line("S1", 3)));
        final EngineEvents ev = sim.engine().endOfBatch();
        // apply() already ended the batch; the events were returned by that call, so compute another batch
        assertEquals(0, ev.count(), "nothing changed since the last batch");
        final Command c = new Command();
        new io.omniroute.engine.json.CommandJsonDecoder().decode(order("o2", "ZA", "STANDARD", line("S1", 2)), c);
        final Decision d = new Decision();
        sim.engine().apply(c, d);
        new io.omniroute.engine.json.CommandJsonDecoder().decode(order("o3", "ZA", "STANDARD", line("S1", 1)), c);
        sim.engine().apply(c, d);
        final EngineEvents batch = sim.engine().endOfBatch();
        int mkt = 0;
        for (int i = 0; i < batch.count(); i++)
        {
            if (batch.kind(i) == EngineEvents.AVAILABILITY &&
                "mkt".equals(sim.engine().channelName(batch.channel(i))))
            {
                mkt++;
                assertEquals(10 - 3 - 2 - 1, batch.value(i), "mkt sees only A");
                assertEquals(0, batch.listing(i));
            }
        }
        assertEquals(1, mkt, "one event per channel and SKU per batch");
    }

    @Test
    void shouldCompareAChannelFirstSeenInABatchWithTheBatchsStart() throws Exception
    {
        withEvents("sku,location_id,on_hand,safety_stock\nS1,A,10,0\nS2,A,10,0\nS3,A,10,0\n");
        final io.omniroute.engine.json.CommandJsonDecoder decoder = new io.omniroute.engine.json.CommandJsonDecoder();
        final Command c = new Command();
        final Decision d = new Decision();
        sim.engine().apply(decoder.decode("{\"type\":\"hold\",\"hold_id\":\"h1\",\"channel\":\"web\",\"zip\":\"ZA\"," +
            "\"service\":\"STANDARD\",\"lines\":[" + line("S1", 1) + "," + line("S3", 1) + "],\"hold_seconds\":1," +
            "\"ts\":1000000}", c), d);
        sim.engine().endOfBatch();

        // a channel seen for the first time, in the command whose ts expires h1 before routing the order: over the
        // command S1 stays 9 (released, then ordered), S2 goes 10 -> 9, S3 goes 9 -> 10, for web and app alike
        sim.engine().apply(decoder.decode("{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"app\"," +
            "\"zip\":\"ZA\",\"service\":\"STANDARD\",\"lines\":[" + line("S1", 1) + "," + line("S2", 1) + "]," +
            "\"ts\":1002000}", c), d);
        final EngineEvents ev = sim.engine().endOfBatch();

        final java.util.Set<String> events = new java.util.TreeSet<>();
        for (int k = 0; k < ev.count(); k++)
        {
            if (ev.kind(k) == EngineEvents.AVAILABILITY)
            {
                events.add(sim.engine().channelName(ev.channel(k)) + " " + sim.engine().network().sku(ev.sku(k)) +
                    " " + ev.value(k));
            }
        }
        assertEquals(java.util.Set.of("app S2 9", "app S3 10", "web S2 9", "web S3 10"), events);
    }

    @Test
    void shouldNotPublishAProductUnderANameTheChannelUsesForAnother() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.channelSkus = "channel,channel_sku,sku\nmkt,S1,S2\n"; // on mkt, "S1" is the product S2
        sim = f.simulator(dir);
        sim.engine().enableEvents();
        final Command c = new Command();
        final Decision d = new Decision();
        sim.engine().apply(new io.omniroute.engine.json.CommandJsonDecoder().decode(
            order("o1", "ZA", "STANDARD", line("S1", 1) + "," + line("S2", 1)), c), d);
        final EngineEvents ev = sim.engine().endOfBatch();

        final Network n = sim.engine().network();
        final int mkt = n.channelIndex("mkt");
        final java.util.List<String> onMkt = new java.util.ArrayList<>();
        for (int k = 0; k < ev.count(); k++)
        {
            if (ev.kind(k) == EngineEvents.AVAILABILITY && sim.engine().channelName(ev.channel(k)).equals("mkt"))
            {
                onMkt.add((ev.listing(k) < 0 ? n.sku(ev.sku(k)) : n.channelListing(mkt, ev.sku(k), ev.listing(k))) +
                    " " + ev.value(k));
            }
        }
        // S2's availability under mkt's name for it; nothing for S1 under "S1", which on mkt means S2
        assertEquals(java.util.List.of("S1 19"), onMkt, "S2: 20 on hand at A and B, 1 ordered");
    }

    @Test
    void shouldSignalReorderOncePerCrossing() throws Exception
    {
        withEvents("sku,location_id,on_hand,safety_stock\nS1,A,10,2\n");
        final Command c = new Command();
        final Decision d = new Decision();
        final io.omniroute.engine.json.CommandJsonDecoder decoder = new io.omniroute.engine.json.CommandJsonDecoder();
        int reorders = 0;
        for (int i = 0; i < 8; i++)
        {
            decoder.decode(order("o" + i, "ZA", "STANDARD", line("S1", 1)), c);
            sim.engine().apply(c, d);
            final EngineEvents ev = sim.engine().endOfBatch();
            for (int k = 0; k < ev.count(); k++)
            {
                if (ev.kind(k) == EngineEvents.REORDER)
                {
                    reorders++;
                    assertTrue(ev.value(k) < ev.value2(k));
                }
            }
        }
        // demand 0 until a day passes: reorder point = safety stock 2; availability 8,7,..,0 crosses it once
        assertEquals(1, reorders);
    }

    @Test
    void shouldAnswerKpisAsAResult() throws Exception
    {
        sim = new NetworkFixture().simulator(dir);
        apply(order("o1", "ZB", "STANDARD", line("S1", 1) + "," + line("S3", 1)));
        apply(order("o2", "ZA", "STANDARD", line("S1", 100)));
        apply("{\"type\":\"return\",\"order_id\":\"o1\",\"location_id\":\"A\",\"sku\":\"S1\",\"qty\":1,\"resellable\":true}");
        final JsonNode k = apply("{\"type\":\"kpi\"}");
        assertEquals("OK", k.get("status").asText());
        assertEquals(2, k.at("/kpis/orders").asInt());
        assertEquals(1, k.at("/kpis/orders_allocated").asInt());
        assertEquals(0.5, k.at("/kpis/fill_rate").asDouble(), 1e-9);
        assertEquals(0.0, k.at("/kpis/split_rate").asDouble(), 1e-9, "one shipment from A is cheaper");
        assertEquals(1, k.at("/kpis/rejects_by_reason/OUT_OF_STOCK").asInt());
        assertEquals(1, k.at("/kpis/rejects_by_reason/NOT_SHIPPED").asInt());
        assertEquals(2, k.at("/kpis/shipments_by_location").size());
        assertEquals(1, k.at("/kpis/shipments_by_location/0/used_today").asInt(), "A shipped o1");
    }
}
