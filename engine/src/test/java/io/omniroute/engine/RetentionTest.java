package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniroute.engine.reference.RandomNetworks;
import io.omniroute.engine.reference.RandomStreams;
import io.omniroute.engine.reference.ReferenceRouter;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.omniroute.engine.NetworkFixture.line;
import static io.omniroute.engine.NetworkFixture.order;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy {@code order_retention_days}: at each {@code new_day}, finished orders and holds created that many days ago
 * or more are forgotten, so a process that runs for weeks holds the open orders and a window of history, not every
 * order ever taken (DECISIONS "Retention").
 */
class RetentionTest extends SimulatorJsonTest
{
    private String status(final String orderId) throws Exception
    {
        final JsonNode r = apply("{\"type\":\"status\",\"order_id\":\"" + orderId + "\"}");
        return r.has("order_state") ? r.get("order_state").asText() : r.get("reason").asText();
    }

    @Test
    void shouldForgetFinishedOrdersAndHoldsOnceTheyAreOlderThanTheRetention() throws Exception
    {
        final NetworkFixture fixture = new NetworkFixture();
        fixture.policy = "order_retention_days=2\n";
        sim = fixture.simulator(dir);
        final String hold = "{\"type\":\"hold\",\"hold_id\":\"h1\",\"channel\":\"web\",\"zip\":\"ZA\"," +
            "\"service\":\"STANDARD\",\"hold_seconds\":600,\"ts\":1000,\"lines\":[{\"sku\":\"S1\",\"qty\":1}]}";
        // day 0
        apply(order("o1", "ZA", "STANDARD", line("S1", 1)));
        apply(order("o2", "ZA", "STANDARD", line("S1", 1)));
        apply(order("o3", "ZA", "STANDARD", line("S1", 1)));
        assertEquals("OK", apply("{\"type\":\"ship\",\"order_id\":\"o1\",\"location_id\":\"A\"}").get("status")
            .asText());
        assertEquals("OK", apply("{\"type\":\"cancel\",\"order_id\":\"o3\"}").get("status").asText());
        assertEquals("HELD", apply(hold).get("status").asText());
        assertEquals("OK", apply("{\"type\":\"release\",\"hold_id\":\"h1\"}").get("status").asText());

        apply("{\"type\":\"new_day\"}");   // day 1: everything is a day old, all kept
        assertEquals("SHIPPED", status("o1"));
        assertEquals(0, sim.engine().orders().archivedCount());

        apply("{\"type\":\"new_day\"}");   // day 2: day-0 entries that finished go
        assertEquals("UNKNOWN_ORDER", status("o1"));
        assertEquals("UNKNOWN_ORDER", status("o3"));
        assertEquals("ALLOCATED", status("o2"), "an open order is kept whatever its age");
        assertEquals("UNKNOWN_HOLD", apply("{\"type\":\"release\",\"hold_id\":\"h1\"}").get("reason").asText());
        assertEquals("UNKNOWN_ORDER", apply("{\"type\":\"return\",\"order_id\":\"o1\",\"location_id\":\"B\"," +
            "\"sku\":\"S1\",\"qty\":1,\"resellable\":true,\"reason\":\"late\"}").get("reason").asText());
        assertEquals(2, sim.engine().orders().archivedCount());
        assertEquals(1, sim.engine().holds().archivedCount());
        assertTrue(sim.engine().orders().deadBytes() > 0, "the forgotten records are dead space until a compaction");

        assertEquals("OK", apply("{\"type\":\"ship\",\"order_id\":\"o2\",\"location_id\":\"A\"}").get("status")
            .asText());
        assertEquals("SHIPPED", status("o2"), "finished today, kept until the next day starts");
        apply("{\"type\":\"new_day\"}");   // day 3: o2, old enough and now finished, goes too
        assertEquals("UNKNOWN_ORDER", status("o2"));
        assertEquals(3, sim.engine().orders().archivedCount());

        // a snapshot carries what was forgotten; the restored engine answers alike
        final Engine restored = EngineSnapshot.read(sim.engine().network(),
            new ByteArrayInputStream(EngineSnapshot.toBytes(sim.engine())));
        assertEquals(EngineSnapshot.stateHash(sim.engine()), EngineSnapshot.stateHash(restored));
        assertEquals(3, restored.orders().archivedCount());
        final Simulator again = new Simulator(restored);
        final String reuse = order("o1", "ZA", "STANDARD", line("S2", 1));
        assertEquals(sim.apply(reuse), again.apply(reuse), "a forgotten id is a new order to both");
        sim.engine().orders().compact();
        assertEquals(0, sim.engine().orders().deadBytes());
        assertEquals(EngineSnapshot.stateHash(sim.engine()), EngineSnapshot.stateHash(restored),
            "compacted or restored, the same state");
        assertEquals("ALLOCATED", status("o1"));
    }

    @Test
    void shouldRefuseARetentionOfZeroDays()
    {
        final NetworkFixture fixture = new NetworkFixture();
        fixture.policy = "order_retention_days=0\n";
        final NetworkException ex = assertThrows(NetworkException.class, () -> NetworkLoader.load(fixture.write(dir)));
        assertTrue(ex.getMessage().contains("order_retention_days"), ex.getMessage());
    }

    /**
     * Streams of every command with a one-day retention: an engine that compacts after every change, and one
     * restored from a snapshot part way, answer byte for byte like the one that ran through, and end in the same
     * state.
     */
    @Test
    void archivingIsDeterministicThroughCompactionAndSnapshots() throws Exception
    {
        long archived = 0;
        for (long seed = 1; seed <= 40; seed++)
        {
            final Path net = dir.resolve("net-" + seed);
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, net, RandomNetworks.Config.CHECKOUT);
            Files.writeString(net.resolve("policy.properties"), "\norder_retention_days=1\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            final Network network = NetworkLoader.load(net);
            final Engine plain = new Engine(network);
            plain.orders().compactWhen(Long.MAX_VALUE, 100);
            final Engine compacting = new Engine(network);
            compacting.orders().compactWhen(1, 0);
            compacting.holds().compactWhen(1, 0);
            final Simulator a = new Simulator(plain);
            final Simulator b = new Simulator(compacting);
            Simulator c = null;
            final ReferenceRouter ref = ReferenceRouter.load(net);
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL);
            for (int i = 0; i < 300; i++)
            {
                if (i == 150)
                {
                    c = new Simulator(EngineSnapshot.read(network,
                        new ByteArrayInputStream(EngineSnapshot.toBytes(plain))));
                }
                final String command = stream.next(ref);
                ref.apply(command);
                final String expected = a.apply(command);
                final String context = "seed " + seed + " command #" + i + " " + command;
                assertEquals(expected, b.apply(command), context);
                if (c != null)
                {
                    assertEquals(expected, c.apply(command), context + " (restored)");
                }
            }
            assertArrayEquals(EngineSnapshot.toBytes(plain), EngineSnapshot.toBytes(compacting), "seed " + seed);
            assertEquals(EngineSnapshot.stateHash(plain), EngineSnapshot.stateHash(c.engine()), "seed " + seed);
            archived += plain.orders().archivedCount() + plain.holds().archivedCount();
        }
        assertTrue(archived > 0, "no stream archived anything");
    }
}
