package io.omniroute.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Geo;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoGeneratorTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldWriteAValidNetworkAndStreamThatTheEngineRoutes() throws Exception
    {
        final Path dir = tmp.resolve("a");
        new DemoGenerator(1, 2_000, 120).writeTo(dir);
        final Network net = NetworkLoader.load(dir.resolve("network")); // every row valid, or this throws
        assertTrue(net.locationCount() >= 25, "about thirty locations");
        assertEquals(120, net.skuCount());
        final List<String> lines = Files.readAllLines(dir.resolve("commands.jsonl"));
        final ObjectMapper m = new ObjectMapper();
        final Set<String> ids = new HashSet<>();
        int orders = 0;
        for (final String line : lines)
        {
            final JsonNode c = m.readTree(line);
            assertTrue(c.has("type"), line);
            if ("order".equals(c.get("type").asText()))
            {
                orders++;
                assertTrue(ids.add(c.get("order_id").asText()), "unique order ids");
                assertTrue(net.zipIndex(c.get("zip").asText()) >= 0, "a known ZIP");
            }
        }
        assertEquals(2_000, orders);

        final Simulator sim = new Simulator(new Engine(net));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(dir.resolve("commands.jsonl")))
        {
            sim.run(in, out, null);
        }
        assertTrue(sim.engine().kpis().fillRate() > 0.6, "a realistic peak day fills most orders");
        assertEquals(0, sim.engine().kpis().rejectsByReason[io.omniroute.engine.Reason.INVALID.ordinal()]);
    }

    @Test
    void shouldPlaceStoresWhereSomeZipsAreWithinFiftyMiles() throws Exception
    {
        new DemoGenerator(3, 10, 30).writeTo(tmp);
        final Network net = NetworkLoader.load(tmp.resolve("network"));
        int near = 0;
        for (int l = 0; l < net.locationCount(); l++)
        {
            for (int z = 0; z < net.zipCount(); z += 7)
            {
                if (Geo.zone(Geo.distanceKm(net.latitude(l), net.longitude(l), net.zipLatitude(z),
                    net.zipLongitude(z))) == 1)
                {
                    near++;
                    break;
                }
            }
        }
        assertEquals(net.locationCount(), near, "every location has customers in zone 1");
    }

    @Test
    void shouldBeByteIdenticalForASeedAndDifferForAnother() throws Exception
    {
        new DemoGenerator(7, 500, 50).writeTo(tmp.resolve("x"));
        new DemoGenerator(7, 500, 50).writeTo(tmp.resolve("y"));
        new DemoGenerator(8, 500, 50).writeTo(tmp.resolve("z"));
        for (final String f : new String[]{ "commands.jsonl", "network/stock.csv", "network/rates.csv",
            "network/locations.csv" })
        {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("x").resolve(f)),
                Files.readAllBytes(tmp.resolve("y").resolve(f)), f);
        }
        assertFalse(Files.readString(tmp.resolve("x/commands.jsonl"))
            .equals(Files.readString(tmp.resolve("z/commands.jsonl"))));
    }
}
