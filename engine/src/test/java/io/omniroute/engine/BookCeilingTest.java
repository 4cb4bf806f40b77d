package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;


import static io.omniroute.engine.NetworkFixture.line;
import static io.omniroute.engine.NetworkFixture.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy {@code order_book_max_mib}: the live records of orders and holds stay below it. A new order or hold that
 * finds the books full is refused (INVALID, saying so) before anything changes; everything else goes on, and once
 * retention forgets finished orders new ones are taken again (DECISIONS "Order book ceiling"). Before this ceiling
 * a book that reached 2 GiB of records failed half way through writing an order. Networks too large for one
 * snapshot are refused at load with the numbers.
 */
class BookCeilingTest extends SimulatorJsonTest
{
    @Test
    void shouldRefuseNewOrdersAndHoldsOnceTheBooksAreFullAndTakeThemAgainAfterRetention() throws Exception
    {
        final NetworkFixture fixture = new NetworkFixture();
        fixture.stock = "sku,location_id,on_hand,safety_stock\nS1,A,1000000,0\nS2,A,1000000,0\n";
        fixture.policy = "order_book_max_mib=1\norder_retention_days=1\n";
        sim = fixture.simulator(dir);
        final Engine engine = sim.engine();
        final long max = 1L << 20;

        int taken = 0;
        JsonNode refused = null;
        while (taken < 20_000)
        {
            final JsonNode r = apply(order("o-" + taken, "ZA", "STANDARD", line("S1", 1) + "," + line("S2", 1)));
            if (!"ALLOCATED".equals(r.get("status").asText()))
            {
                refused = r;
                break;
            }
            taken++;
            assertTrue(engine.orders().liveBytes() + engine.holds().liveBytes() <= max, "live bytes stay below");
        }
        assertTrue(refused != null, "the 1 MiB books filled up");
        assertTrue(taken > 1_000, "a MiB holds thousands of small orders, took " + taken);
        assertEquals("REJECTED", refused.get("status").asText());
        assertEquals("INVALID", refused.get("reason").asText());
        assertTrue(refused.get("message").asText().contains("the order book is full") &&
            refused.get("message").asText().contains("order_book_max_mib"), refused.toString());

        // the refusal changed nothing: no stock reserved, no entry, no capacity, the same state but the counters
        final int s1 = engine.network().skuIndex("S1");
        final int a = engine.network().locationIndex("A");
        assertEquals(taken, engine.stock().reserved(s1, a));
        assertEquals(taken, engine.orders().count());
        assertEquals("REJECTED", apply(order("o-" + taken, "ZA", "STANDARD", line("S1", 1))).get("status").asText());
        assertEquals(taken, engine.stock().reserved(s1, a));
        final JsonNode hold = apply("{\"type\":\"hold\",\"hold_id\":\"h1\",\"channel\":\"web\",\"zip\":\"ZA\"," +
            "\"service\":\"STANDARD\",\"hold_seconds\":600,\"ts\":1000,\"lines\":[{\"sku\":\"S1\",\"qty\":1}]}");
        assertEquals("INVALID", hold.get("reason").asText(), hold.toString());
        assertEquals(0, engine.holds().count());
        assertEquals(taken, engine.stock().reserved(s1, a));

        // what does not add an entry goes on: a re-submitted order, a quote, a cancel
        assertEquals("ALLOCATED", apply(order("o-0", "ZA", "STANDARD", line("S1", 1) + "," + line("S2", 1)))
            .get("status").asText(), "a retry of a taken order answers as before");
        assertEquals("OK", apply("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"ZA\",\"lines\":[{\"sku\":\"S1\"," +
            "\"qty\":1}]}").get("status").asText());
        for (int i = 0; i < taken; i++)
        {
            assertEquals("OK", apply("{\"type\":\"cancel\",\"order_id\":\"o-" + i + "\"}").get("status").asText());
        }
        assertEquals(0, engine.stock().reserved(s1, a));
        assertEquals("REJECTED", apply(order("late", "ZA", "STANDARD", line("S1", 1))).get("status").asText(),
            "cancelled orders are kept until retention forgets them");

        apply("{\"type\":\"new_day\"}");   // retention 1: the finished day-0 orders go
        assertEquals(taken, engine.orders().archivedCount());
        assertEquals("ALLOCATED", apply(order("late", "ZA", "STANDARD", line("S1", 1))).get("status").asText());
        assertEquals(1, engine.stock().reserved(s1, a));
    }

    @Test
    void shouldRefuseANetworkWhoseStockAndBooksWouldNotFitOneSnapshot() throws Exception
    {
        // 100 K SKUs at 1,000 stores: 100 M positions of 24 bytes; before this check the engine failed to load it
        // with an IndexOutOfBoundsException (the position count overflowed an int)
        final NetworkException ex = assertThrows(NetworkException.class,
            () -> NetworkLoader.checkSize(100_000, 1_000, 40_000, Engine.DEFAULT_BOOK_MAX_MIB));
        assertTrue(ex.getMessage().startsWith("network too large: 100,000 SKUs × 1,000 locations = 100,000,000 " +
            "stock positions"), ex.getMessage());
        assertTrue(ex.getMessage().contains("at most 39,146,837 positions fit"), ex.getMessage());
        NetworkLoader.checkSize(39_000, 1_000, 40_000, Engine.DEFAULT_BOOK_MAX_MIB);
        NetworkLoader.checkSize(70_000, 1_000, 40_000, 256);   // a lower ceiling leaves room for more positions
        assertThrows(NetworkException.class, () -> NetworkLoader.checkSize(70_000, 1_000, 40_000, 1024));
        final NetworkException zones = assertThrows(NetworkException.class,
            () -> NetworkLoader.checkSize(1, 60_000, 40_000, 1));
        assertTrue(zones.getMessage().contains("zone cache"), zones.getMessage());
    }

    @Test
    void shouldRefuseACeilingOutsideItsRange()
    {
        for (final String v : new String[] { "0", "1537" })
        {
            final NetworkFixture fixture = new NetworkFixture();
            fixture.policy = "order_book_max_mib=" + v + "\n";
            final NetworkException ex = assertThrows(NetworkException.class,
                () -> NetworkLoader.load(fixture.write(dir.resolve("n" + v))));
            assertTrue(ex.getMessage().contains("order_book_max_mib: must be 1..1536, got " + v), ex.getMessage());
        }
    }
}
