package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;


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
    void shouldRefuseANetworkWhoseStockWouldNotFitTheJvmsDirectMemoryAndWarnWhenItsBooksMightNot() throws Exception
    {
        // 100 K SKUs at 1,000 stores: 100 M positions of 32 bytes off the heap (3,063 MiB with the availability
        // bits): refused in a JVM of 2 GiB of direct memory; in 3.5 GiB they fit, but the books' 1 GiB ceiling does
        // not beside them (a warning); in 8 GiB both fit
        final long gib = 1L << 30;
        final NetworkException ex = assertThrows(NetworkException.class,
            () -> NetworkLoader.checkSize(100_000, 1_000, 40_000, Engine.DEFAULT_BOOK_MAX_MIB, 2 * gib));
        assertTrue(ex.getMessage().startsWith("network too large for this JVM: 100,000 SKUs × 1,000 locations = " +
            "100,000,000 stock positions take 3,063 MiB off the heap"), ex.getMessage());
        assertTrue(ex.getMessage().contains("more than the JVM's 2,048 MiB of direct memory; at most 66,841,000 " +
            "positions fit"), ex.getMessage());
        assertTrue(ex.getMessage().contains("-XX:MaxDirectMemorySize"), ex.getMessage());
        final List<String> warnings = NetworkLoader.checkSize(100_000, 1_000, 40_000, Engine.DEFAULT_BOOK_MAX_MIB,
            7 * gib / 2);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("the order books may grow to 1,024 MiB (policy order_book_max_mib): " +
            "more than the JVM's 3,584 MiB of direct memory"), warnings.get(0));
        assertEquals(List.of(), NetworkLoader.checkSize(100_000, 1_000, 40_000, Engine.DEFAULT_BOOK_MAX_MIB, 8 * gib));
        assertEquals(List.of(), NetworkLoader.checkSize(100_000, 1_000, 40_000, 512, 4 * gib));
        // a small network in a small JVM: no warning unless its books could not reach their ceiling
        assertEquals(1, NetworkLoader.checkSize(80, 30, 40_000, Engine.DEFAULT_BOOK_MAX_MIB, gib / 2).size());
        assertEquals(List.of(), NetworkLoader.checkSize(80, 30, 40_000, 256, gib / 2));
        // the positions said to fit do fit (records and availability bits), and one SKU more does not
        NetworkLoader.checkSize(66_841, 1_000, 40_000, 1, 2 * gib);
        assertThrows(NetworkException.class, () -> NetworkLoader.checkSize(66_842, 1_000, 40_000, 1, 2 * gib));
        // an availability bitset is one buffer: 300 M SKUs at one location would pass it
        final NetworkException bits = assertThrows(NetworkException.class,
            () -> NetworkLoader.checkSize(300_000_000, 1, 40_000, 1, Long.MAX_VALUE));
        assertTrue(bits.getMessage().contains("availability bitsets would pass 2 GiB"), bits.getMessage());
        // positions are ints: 2^31 and more are refused whatever the memory
        final NetworkException positions = assertThrows(NetworkException.class,
            () -> NetworkLoader.checkSize(3_000_000, 1_000, 40_000, 1, Long.MAX_VALUE));
        assertTrue(positions.getMessage().contains("the engine holds at most 2,147,483,647"),
            positions.getMessage());
        final NetworkException zones = assertThrows(NetworkException.class,
            () -> NetworkLoader.checkSize(1, 60_000, 40_000, 1, Long.MAX_VALUE));
        assertTrue(zones.getMessage().contains("zone cache"), zones.getMessage());
    }

    @Test
    void shouldRefuseACeilingOutsideItsRange()
    {
        for (final String v : new String[] { "0", "8193" })
        {
            final NetworkFixture fixture = new NetworkFixture();
            fixture.policy = "order_book_max_mib=" + v + "\n";
            final NetworkException ex = assertThrows(NetworkException.class,
                () -> NetworkLoader.load(fixture.write(dir.resolve("n" + v))));
            assertTrue(ex.getMessage().contains("order_book_max_mib: must be 1..8192, got " + v), ex.getMessage());
        }
    }
}
