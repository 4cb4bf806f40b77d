package io.omniroute.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo generator's files follow SPEC §4, hang together, and come out the same for the same seed. Checked on
 * the files alone, without the engine.
 */
class DemoGeneratorTest
{
    private static final String[] FILES = { "locations.csv", "skus.csv", "rates.csv", "stock.csv", "zips.csv",
        "channel_skus.csv", "channel_locations.csv" };
    private static final String[] HEADERS = {
        "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km",
        "sku,weight_g,lead_time_days",
        "carrier,service,zone,max_weight_g,price_cents,transit_days",
        "sku,location_id,on_hand,safety_stock",
        "zip,lat,lon",
        "channel,channel_sku,sku",
        "channel,location_id" };
    private static final int ORDERS = 2_000;

    @TempDir
    static Path tmp;

    private static Path dir;

    @BeforeAll
    static void generate() throws IOException
    {
        dir = tmp.resolve("seed1");
        new DemoGenerator(1, ORDERS, 300).writeTo(dir);
    }

    private static List<String[]> rows(final String file) throws IOException
    {
        final List<String> lines = Files.readAllLines(dir.resolve("network").resolve(file));
        final List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++)
        {
            out.add(lines.get(i).split(",", -1));
        }
        return out;
    }

    private static List<String> rowsOf(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size());
    }

    private static double km(final double lat1, final double lon1, final double lat2, final double lon2)
    {
        final double dLat = Math.toRadians(lat2 - lat1);
        final double dLon = Math.toRadians(lon2 - lon1);
        final double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
            Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
    }

    @Test
    void shouldWriteEveryFileWithItsSpecHeader() throws IOException
    {
        for (int i = 0; i < FILES.length; i++)
        {
            final Path file = dir.resolve("network").resolve(FILES[i]);
            assertTrue(Files.isRegularFile(file), FILES[i]);
            final List<String> lines = Files.readAllLines(file);
            assertEquals(HEADERS[i], lines.get(0), FILES[i]);
            assertTrue(lines.size() > 1, FILES[i] + " has rows");
            for (final String line : lines)
            {
                assertEquals(HEADERS[i].split(",").length, line.split(",", -1).length, FILES[i] + ": " + line);
            }
        }
        final String policy = Files.readString(dir.resolve("network/policy.properties"));
        assertTrue(policy.contains("split_penalty_cents=250\n"), policy);
        assertTrue(policy.contains("ship_price_STANDARD_cents=599\n"), policy);
        assertTrue(Files.size(dir.resolve("commands.jsonl")) > 0);
    }

    @Test
    void shouldBuildAPlausibleNetworkWithUniqueIds() throws IOException
    {
        final Map<String, Integer> types = new HashMap<>();
        final Set<String> ids = new HashSet<>();
        for (final String[] r : rows("locations.csv"))
        {
            assertTrue(ids.add(r[0]), "unique location " + r[0]);
            assertTrue(r[0].matches("[A-Z0-9-]{1,16}"), r[0]);
            types.merge(r[1], 1, Integer::sum);
            final double lat = Double.parseDouble(r[2]);
            final double lon = Double.parseDouble(r[3]);
            assertTrue(lat > 24 && lat < 50 && lon > -125 && lon < -66, "contiguous US: " + r[0]);
            final int handling = Integer.parseInt(r[4]);
            final int capacity = Integer.parseInt(r[5]);
            final int radius = Integer.parseInt(r[7]);
            switch (r[1])
            {
                case "DC":
                    assertEquals("STANDARD|EXPEDITED", r[6]);
                    assertTrue(handling < 300 && (capacity == -1 || capacity >= 500), r[0]);
                    break;
                case "STORE":
                    assertEquals("STANDARD|EXPEDITED|SAME_DAY", r[6]);
                    assertTrue(handling >= 400 && capacity >= 10 && capacity < 10_000, r[0]);
                    assertTrue(radius >= 30 && radius <= 60, r[0] + " same-day radius " + radius);
                    break;
                case "DROPSHIP":
                    assertEquals("STANDARD", r[6]);
                    assertTrue(capacity > 0, r[0]);
                    break;
                default:
                    throw new AssertionError("type " + r[1]);
            }
        }
        assertEquals(8, types.get("DC"));
        assertEquals(18, types.get("STORE"));
        assertEquals(4, types.get("DROPSHIP"));
        assertEquals(30, ids.size(), "about thirty locations");

        final Set<String> skus = new HashSet<>();
        for (final String[] r : rows("skus.csv"))
        {
            assertTrue(skus.add(r[0]), "unique sku " + r[0]);
            assertTrue(r[0].matches("[A-Z0-9-]{1,32}"), r[0]);
            final int grams = Integer.parseInt(r[1]);
            final int lead = Integer.parseInt(r[2]);
            assertTrue(grams >= 50 && grams <= 20_000, r[0] + " weighs " + grams);
            assertTrue(lead >= 2 && lead <= 21, r[0] + " lead time " + lead);
        }
        assertEquals(300, skus.size());

        final Set<String> positions = new HashSet<>();
        final Set<String> stockedAnywhere = new HashSet<>();
        for (final String[] r : rows("stock.csv"))
        {
            assertTrue(skus.contains(r[0]), "stock of unknown sku " + r[0]);
            assertTrue(ids.contains(r[1]), "stock at unknown location " + r[1]);
            assertTrue(positions.add(r[0] + "@" + r[1]), "one row per position");
            assertTrue(Long.parseLong(r[2]) >= 0 && Long.parseLong(r[3]) >= 0);
            stockedAnywhere.add(r[0]);
        }
        assertTrue(stockedAnywhere.size() >= 290, "nearly every SKU is stocked somewhere");

        final Set<String> zips = new HashSet<>();
        for (final String[] r : rows("zips.csv"))
        {
            assertTrue(zips.add(r[0]), "unique zip " + r[0]);
        }
        assertTrue(zips.size() > 30_000);

        final Set<String> listings = new HashSet<>();
        for (final String[] r : rows("channel_skus.csv"))
        {
            assertEquals("mkt", r[0]);
            assertTrue(listings.add(r[1]), "unique listing " + r[1]);
            assertEquals("AMZ-" + r[2], r[1]);
            assertTrue(skus.contains(r[2]), r[2]);
        }
        assertTrue(listings.size() > 150, "many SKUs are listed on the marketplace");
        for (final String[] r : rows("channel_locations.csv"))
        {
            assertEquals("mkt", r[0]);
            assertTrue(ids.contains(r[1]) && !r[1].startsWith("ST-"), "marketplace from DCs and drop-shippers");
        }
    }

    @Test
    void shouldPriceRatesUpWithZoneWeightAndSpeed() throws IOException
    {
        final Map<String, Long> price = new HashMap<>();
        final Set<String> carriers = new HashSet<>();
        for (final String[] r : rows("rates.csv"))
        {
            carriers.add(r[0]);
            final int zone = Integer.parseInt(r[2]);
            assertTrue(zone >= 1 && zone <= ("SAME_DAY".equals(r[1]) ? 2 : 8), "zone " + zone + " " + r[1]);
            assertTrue(Integer.parseInt(r[5]) >= 0 && Integer.parseInt(r[5]) <= 7);
            price.put(r[0] + "," + r[1] + "," + zone + "," + r[3], Long.parseLong(r[4]));
        }
        assertEquals(Set.of("UPS", "FEDEX", "USPS"), carriers);
        for (final String carrier : carriers)
        {
            for (final String tier : new String[]{ "450", "2270", "9070", "22680" })
            {
                for (int zone = 2; zone <= 8; zone++)
                {
                    assertTrue(price.get(carrier + ",STANDARD," + zone + "," + tier) >
                        price.get(carrier + ",STANDARD," + (zone - 1) + "," + tier), "ground rises with zone");
                    assertTrue(price.get(carrier + ",EXPEDITED," + zone + "," + tier) >
                        price.get(carrier + ",STANDARD," + zone + "," + tier), "air costs more than ground");
                }
                assertTrue(price.get(carrier + ",SAME_DAY,1," + tier) > price.get(carrier + ",STANDARD,1," + tier));
            }
            assertTrue(price.get(carrier + ",STANDARD,5,2270") > price.get(carrier + ",STANDARD,5,450"),
                "rises with weight");
        }
    }

    @Test
    void shouldWriteAPeakStreamOfValidCommands() throws IOException
    {
        final Set<String> zips = new HashSet<>();
        for (final String[] r : rows("zips.csv"))
        {
            zips.add(r[0]);
        }
        final Set<String> skus = new HashSet<>();
        for (final String[] r : rows("skus.csv"))
        {
            skus.add(r[0]);
        }
        final Set<String> positions = new HashSet<>();
        for (final String[] r : rows("stock.csv"))
        {
            positions.add(r[0] + "@" + r[1]);
        }
        final Map<String, String> listings = new HashMap<>();
        for (final String[] r : rows("channel_skus.csv"))
        {
            listings.put(r[1], r[2]);
        }

        final ObjectMapper json = new ObjectMapper();
        final Set<String> orderIds = new HashSet<>();
        final Map<String, Integer> byType = new HashMap<>();
        final Map<String, Integer> byChannel = new HashMap<>();
        final Map<String, Integer> byService = new HashMap<>();
        long lastTs = 0;
        int multiLine = 0;
        for (final String line : Files.readAllLines(dir.resolve("commands.jsonl")))
        {
            final JsonNode c = json.readTree(line);
            assertTrue(c.isObject(), line);
            assertTrue(c.hasNonNull("type"), line);
            final String type = c.get("type").asText();
            byType.merge(type, 1, Integer::sum);
            final long ts = c.get("ts").asLong();
            assertTrue(ts >= lastTs, "ts never goes back: " + line);
            lastTs = ts;
            switch (type)
            {
                case "order":
                {
                    assertTrue(orderIds.add(c.get("order_id").asText()), "unique order id: " + line);
                    assertEquals("o-" + orderIds.size(), c.get("order_id").asText());
                    assertTrue(zips.contains(c.get("zip").asText()), "known zip: " + line);
                    assertTrue(c.get("ship_complete").isBoolean());
                    final String channel = c.get("channel").asText();
                    byChannel.merge(channel, 1, Integer::sum);
                    byService.merge(c.get("service").asText(), 1, Integer::sum);
                    final JsonNode lines = c.get("lines");
                    assertTrue(lines.isArray() && lines.size() >= 1 && lines.size() <= 8, line);
                    multiLine += lines.size() > 1 ? 1 : 0;
                    final Set<String> inOrder = new HashSet<>();
                    for (final JsonNode l : lines)
                    {
                        final String sku = l.get("sku").asText();
                        final String master = "mkt".equals(channel) ? listings.getOrDefault(sku, sku) : sku;
                        assertTrue(skus.contains(master), "known sku: " + line);
                        assertTrue(inOrder.add(master), "distinct SKUs in an order: " + line);
                        assertTrue(l.get("qty").asInt() >= 1);
                    }
                    break;
                }
                case "cancel":
                    assertTrue(orderIds.contains(c.get("order_id").asText()), "cancels an earlier order: " + line);
                    break;
                case "receive":
                    assertTrue(positions.contains(c.get("sku").asText() + "@" + c.get("location_id").asText()),
                        "receives a stocked position: " + line);
                    assertTrue(c.get("qty").asInt() > 0);
                    break;
                case "new_day":
                    break;
                default:
                    throw new AssertionError("unexpected command " + line);
            }
        }
        assertEquals(ORDERS, orderIds.size());
        assertEquals(3, byType.get("new_day"), "four business days");
        assertTrue(byType.getOrDefault("cancel", 0) > 5, "some cancels");
        assertTrue(byType.getOrDefault("receive", 0) > 5, "some receipts");
        assertEquals(Set.of("web", "app", "mkt", "pos"), byChannel.keySet());
        assertTrue(byChannel.get("web") > byChannel.get("app") && byChannel.get("app") > byChannel.get("pos"));
        assertTrue(byService.get("STANDARD") > ORDERS * 0.7 && byService.get("SAME_DAY") > 10, byService.toString());
        assertTrue(multiLine > ORDERS / 4 && multiLine < ORDERS * 0.7, "mostly one to three lines");
    }

    @Test
    void shouldBeByteIdenticalForTheSameSeedAndDifferForAnother() throws IOException
    {
        final Path again = tmp.resolve("seed1-again");
        final Path other = tmp.resolve("seed2");
        new DemoGenerator(1, ORDERS, 300).writeTo(again);
        new DemoGenerator(2, ORDERS, 300).writeTo(other);
        final List<String> files = new ArrayList<>(List.of("commands.jsonl", "network/policy.properties"));
        for (final String f : FILES)
        {
            files.add("network/" + f);
        }
        for (final String f : files)
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
        assertFalse(Files.readString(dir.resolve("commands.jsonl"))
            .equals(Files.readString(other.resolve("commands.jsonl"))), "another seed, another stream");
    }

    @Test
    void shouldPlaceStoresWithCustomersInZoneOne() throws IOException
    {
        final List<double[]> stores = new ArrayList<>();
        for (final String[] r : rows("locations.csv"))
        {
            if ("STORE".equals(r[1]))
            {
                stores.add(new double[]{ Double.parseDouble(r[2]), Double.parseDouble(r[3]) });
            }
        }
        final Map<String, double[]> zips = new HashMap<>();
        for (final String[] r : rows("zips.csv"))
        {
            zips.put(r[0], new double[]{ Double.parseDouble(r[1]), Double.parseDouble(r[2]) });
        }
        final double fiftyMilesKm = 50 * 1.609344;
        for (final double[] s : stores)
        {
            int near = 0;
            for (final double[] z : zips.values())
            {
                near += km(s[0], s[1], z[0], z[1]) <= fiftyMilesKm ? 1 : 0;
            }
            assertTrue(near > 0, "every store has ZIPs within 50 miles (zone 1)");
        }
        final ObjectMapper json = new ObjectMapper();
        int orders = 0;
        int zoneOne = 0;
        for (final String line : Files.readAllLines(dir.resolve("commands.jsonl")))
        {
            final JsonNode c = json.readTree(line);
            if ("order".equals(c.get("type").asText()))
            {
                orders++;
                final double[] z = zips.get(c.get("zip").asText());
                for (final double[] s : stores)
                {
                    if (km(s[0], s[1], z[0], z[1]) <= fiftyMilesKm)
                    {
                        zoneOne++;
                        break;
                    }
                }
            }
        }
        assertTrue(zoneOne > orders / 10, "many orders ship to ZIPs within 50 miles of a store: " + zoneOne);
    }

    @Test
    void shouldCopeWithTinyDemos() throws IOException
    {
        new DemoGenerator(5, 0, 1).writeTo(tmp.resolve("empty"));
        assertEquals(0, Files.size(tmp.resolve("empty/commands.jsonl")));
        new DemoGenerator(5, 3, 1).writeTo(tmp.resolve("tiny"));
        final String stream = Files.readString(tmp.resolve("tiny/commands.jsonl"));
        assertEquals(3, stream.split("\"type\":\"order\"", -1).length - 1, stream);
        assertEquals(1, rowsOf(tmp.resolve("tiny/network/skus.csv")).size());
    }
}
