package io.omniroute.gateway.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a realistic peak-day network and order stream on real US geography (GeoNames cities weighted by
 * population, Census ZCTA ZIP centroids; see ATTRIBUTION.md beside the data): DCs in big metros across regions,
 * ship-from-store stores with same-day radii, drop-shippers, a few hundred SKUs, three carriers' rate cards, channel
 * listings for the marketplace, and orders from ZIPs drawn by population with a few flash-sale hot SKUs.
 * Deterministic: the same seed writes byte-identical files.
 */
public final class DemoGenerator
{
    private static final String[] CATEGORIES = { "TEE", "HOODIE", "JEANS", "SHOE", "MUG", "LAMP", "CHAIR", "BLENDER",
        "PHONE", "CASE", "BOOK", "TOY", "TENT", "RUG", "PAN", "SOAP" };
    private static final int[][] CATEGORY_GRAMS = { { 150, 300 }, { 500, 900 }, { 600, 1100 }, { 800, 1600 },
        { 300, 500 }, { 1200, 4000 }, { 7000, 15000 }, { 2500, 5000 }, { 180, 400 }, { 50, 120 }, { 300, 1200 },
        { 200, 2000 }, { 3000, 9000 }, { 4000, 18000 }, { 900, 2500 }, { 80, 300 } };
    private static final String[] CARRIERS = { "FEDEX", "UPS", "USPS" };
    private static final long[] WEIGHT_TIERS = { 450, 2270, 9070, 22680 };
    private static final String[] CHANNELS = { "web", "app", "mkt", "pos" };
    private static final int[] CHANNEL_PERCENT = { 50, 20, 20, 10 };

    private boolean[] nearStore;
    private final long seed;
    private final int orderCount;
    private final int skuCount;

    public DemoGenerator(final long seed, final int orderCount, final int skuCount)
    {
        this.seed = seed;
        this.orderCount = orderCount;
        this.skuCount = skuCount;
    }

    private record City(String name, String state, long population, double lat, double lon)
    {
    }

    private record Zip(String zip, double lat, double lon)
    {
    }

    private record Location(String id, String type, City city, long handling, int capacity, String services,
        int radiusKm)
    {
    }

    public void writeTo(final Path dir) throws IOException
    {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final List<City> cities = readCities();
        final List<Zip> zips = readZips();
        final Path net = dir.resolve("network");
        Files.createDirectories(net);

        final List<Location> locations = placeLocations(cities, rnd);
        final String[] skus = new String[skuCount];
        final int[] category = new int[skuCount];
        writeLocations(net, locations);
        writeSkus(net, skus, category, rnd);
        writeRates(net, rnd);
        writeStock(net, locations, skus, category, rnd);
        final int[] cityZip = nearestZips(cities, zips);
        writeZips(net, zips);
        writeChannels(net, locations, skus, category);
        Files.writeString(net.resolve("policy.properties"),
            "# demo policy\nsplit_penalty_cents=250\nship_price_STANDARD_cents=599\nship_price_EXPEDITED_cents=1499\n" +
            "ship_price_SAME_DAY_cents=2499\nfree_shipping_threshold_cents=5000\nmax_open_holds_per_customer=3\n" +
            "demand_smoothing=0.3\n");
        writeCommands(dir.resolve("commands.jsonl"), cities, zips, cityZip, locations, skus, category, rnd);
    }

    // ----------------------------------------------------------------------------------------------------- data

    private static BufferedReader resource(final String name)
    {
        final InputStream in = DemoGenerator.class.getResourceAsStream(name);
        if (in == null)
        {
            throw new UncheckedIOException(new IOException("demo data missing from the jar: " + name));
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static List<City> readCities() throws IOException
    {
        final List<City> cities = new ArrayList<>();
        try (BufferedReader r = resource("us-cities.csv"))
        {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null)
            {
                final List<String> f = splitCsv(line);
                final String state = f.get(2);
                if ("PR".equals(state) || "AK".equals(state) || "HI".equals(state))
                {
                    continue; // the demo network serves the contiguous states
                }
                cities.add(new City(f.get(1), state, Long.parseLong(f.get(3)), Double.parseDouble(f.get(4)),
                    Double.parseDouble(f.get(5))));
            }
        }
        return cities;
    }

    private static List<String> splitCsv(final String line)
    {
        final List<String> out = new ArrayList<>();
        final StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                out.add(sb.toString());
                sb.setLength(0);
            }
            else
            {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }

    private static List<Zip> readZips() throws IOException
    {
        final List<Zip> zips = new ArrayList<>();
        try (BufferedReader r = resource("us-zip-centroids.csv"))
        {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null)
            {
                final String[] f = line.split(",");
                zips.add(new Zip(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
        }
        return zips;
    }

    private static double km(final double lat1, final double lon1, final double lat2, final double lon2)
    {
        final double dLat = Math.toRadians(lat2 - lat1);
        final double dLon = Math.toRadians(lon2 - lon1);
        final double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
            Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
    }

    // ------------------------------------------------------------------------------------------------- network

    /**
     * 8 DCs in the largest metros at least 600 km apart, 18 stores in the next largest cities at least 40 km from
     * any location, 4 drop-shippers in mid-size cities.
     */
    private static List<Location> placeLocations(final List<City> cities, final SplittableRandom rnd)
    {
        final List<Location> out = new ArrayList<>();
        for (final City c : cities)
        {
            if (countType(out, "DC") < 8 && farFrom(out, c, 600))
            {
                out.add(new Location(id("DC", c), "DC", c, 150 + rnd.nextInt(100), -1, "STANDARD|EXPEDITED", 0));
            }
        }
        for (final City c : cities)
        {
            if (countType(out, "STORE") < 18 && farFrom(out, c, 40))
            {
                out.add(new Location(id("ST", c), "STORE", c, 350 + rnd.nextInt(200), 150 + rnd.nextInt(350),
                    "STANDARD|EXPEDITED|SAME_DAY", 30 + rnd.nextInt(31)));
            }
        }
        for (int i = cities.size() / 4; i < cities.size() && countType(out, "DROPSHIP") < 4; i += 37)
        {
            final City c = cities.get(i);
            if (farFrom(out, c, 100))
            {
                out.add(new Location(id("DS", c), "DROPSHIP", c, 250 + rnd.nextInt(150), 1500, "STANDARD", 0));
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    private static int countType(final List<Location> locs, final String type)
    {
        int n = 0;
        for (final Location l : locs)
        {
            n += l.type().equals(type) ? 1 : 0;
        }
        return n;
    }

    private static boolean farFrom(final List<Location> locs, final City c, final double minKm)
    {
        for (final Location l : locs)
        {
            if (l.city() == c || km(l.city().lat(), l.city().lon(), c.lat(), c.lon()) < minKm)
            {
                return false;
            }
        }
        return true;
    }

    private static String id(final String prefix, final City c)
    {
        final StringBuilder sb = new StringBuilder(prefix).append('-').append(c.state()).append('-');
        for (final char ch : c.name().toUpperCase(Locale.ROOT).toCharArray())
        {
            if (ch >= 'A' && ch <= 'Z')
            {
                sb.append(ch);
            }
        }
        return sb.length() > 16 ? sb.substring(0, 16) : sb.toString();
    }

    private static void writeLocations(final Path net, final List<Location> locs) throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(net.resolve("locations.csv")))
        {
            w.write("location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n");
            for (final Location l : locs)
            {
                w.write(l.id() + "," + l.type() + "," + l.city().lat() + "," + l.city().lon() + "," + l.handling() +
                    "," + l.capacity() + "," + l.services() + "," + l.radiusKm() + "\n");
            }
        }
    }

    private void writeSkus(final Path net, final String[] skus, final int[] category, final SplittableRandom rnd)
        throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(net.resolve("skus.csv")))
        {
            w.write("sku,weight_g,lead_time_days\n");
            for (int s = 0; s < skuCount; s++)
            {
                category[s] = s % CATEGORIES.length;
                skus[s] = String.format(Locale.ROOT, "%s-%04d", CATEGORIES[category[s]], s);
                final int[] g = CATEGORY_GRAMS[category[s]];
                w.write(skus[s] + "," + (g[0] + rnd.nextInt(g[1] - g[0] + 1)) + "," + (2 + rnd.nextInt(20)) + "\n");
            }
        }
    }

    private static void writeRates(final Path net, final SplittableRandom rnd) throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(net.resolve("rates.csv")))
        {
            w.write("carrier,service,zone,max_weight_g,price_cents,transit_days\n");
            for (int c = 0; c < CARRIERS.length; c++)
            {
                for (int zone = 1; zone <= 8; zone++)
                {
                    for (int t = 0; t < WEIGHT_TIERS.length; t++)
                    {
                        final int jitter = rnd.nextInt(60) - 30;
                        final long standard = 650 + 85L * zone + 240L * t * (1 + zone / 3) + jitter;
                        w.write(CARRIERS[c] + ",STANDARD," + zone + "," + WEIGHT_TIERS[t] + "," + standard + "," +
                            Math.min(7, 1 + (zone + 1) / 2 + (c == 2 ? 1 : 0)) + "\n");
                        final long expedited = 1450 + 140L * zone + 380L * t * (1 + zone / 3) + jitter;
                        w.write(CARRIERS[c] + ",EXPEDITED," + zone + "," + WEIGHT_TIERS[t] + "," + expedited + "," +
                            (zone <= 4 ? 1 : 2) + "\n");
                        if (zone <= 2)
                        {
                            final long sameDay = 1800 + 250L * zone + 300L * t + jitter;
                            w.write(CARRIERS[c] + ",SAME_DAY," + zone + "," + WEIGHT_TIERS[t] + "," + sameDay + ",0\n");
                        }
                    }
                }
            }
        }
    }

    private void writeStock(final Path net, final List<Location> locs, final String[] skus, final int[] category,
        final SplittableRandom rnd) throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(net.resolve("stock.csv")))
        {
            w.write("sku,location_id,on_hand,safety_stock\n");
            for (int s = 0; s < skuCount; s++)
            {
                final boolean hot = s < 5;
                for (int li = 0; li < locs.size(); li++)
                {
                    final Location l = locs.get(li);
                    final int onHand;
                    final int safety;
                    if ("DC".equals(l.type()))
                    {
                        if (rnd.nextInt(100) >= 85)
                        {
                            continue;
                        }
                        onHand = hot ? 400 + rnd.nextInt(400) : 300 + rnd.nextInt(3000);
                        safety = hot ? 0 : rnd.nextInt(20);
                    }
                    else if ("STORE".equals(l.type()))
                    {
                        if (rnd.nextInt(100) >= 40)
                        {
                            continue;
                        }
                        onHand = hot ? 3 + rnd.nextInt(6) : 2 + rnd.nextInt(30);
                        safety = rnd.nextInt(3);
                    }
                    else
                    {
                        if (category[s] % 4 != li % 4)
                        {
                            continue;
                        }
                        onHand = 500 + rnd.nextInt(4000);
                        safety = 0;
                    }
                    w.write(skus[s] + "," + l.id() + "," + onHand + "," + safety + "\n");
                }
            }
        }
    }

    private static void writeZips(final Path net, final List<Zip> zips) throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(net.resolve("zips.csv")))
        {
            w.write("zip,lat,lon\n");
            for (final Zip z : zips)
            {
                w.write(z.zip() + "," + z.lat() + "," + z.lon() + "\n");
            }
        }
    }

    private static void writeChannels(final Path net, final List<Location> locs, final String[] skus,
        final int[] category) throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(net.resolve("channel_skus.csv")))
        {
            w.write("channel,channel_sku,sku\n");
            for (int s = 0; s < skus.length; s++)
            {
                if (s % 3 != 2)
                {
                    w.write("mkt,AMZ-" + skus[s] + "," + skus[s] + "\n");
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(net.resolve("channel_locations.csv")))
        {
            w.write("channel,location_id\n");
            for (final Location l : locs)
            {
                if (!"STORE".equals(l.type()))
                {
                    w.write("mkt," + l.id() + "\n");
                }
            }
        }
    }

    /**
     * For every city the nearest ZIP centroid, found through a one-degree grid.
     */
    private static int[] nearestZips(final List<City> cities, final List<Zip> zips)
    {
        final int cols = 360;
        final List<List<Integer>> grid = new ArrayList<>(180 * cols);
        for (int i = 0; i < 180 * cols; i++)
        {
            grid.add(null);
        }
        for (int z = 0; z < zips.size(); z++)
        {
            final int cell = cell(zips.get(z).lat(), zips.get(z).lon(), cols);
            List<Integer> l = grid.get(cell);
            if (l == null)
            {
                l = new ArrayList<>();
                grid.set(cell, l);
            }
            l.add(z);
        }
        final int[] out = new int[cities.size()];
        for (int c = 0; c < cities.size(); c++)
        {
            final City city = cities.get(c);
            int best = 0;
            double bestKm = Double.MAX_VALUE;
            for (int radius = 0; radius <= 3 && bestKm == Double.MAX_VALUE; radius++)
            {
                for (int dy = -radius; dy <= radius; dy++)
                {
                    for (int dx = -radius; dx <= radius; dx++)
                    {
                        final int cell = cell(city.lat() + dy, city.lon() + dx, cols);
                        final List<Integer> l = cell >= 0 && cell < grid.size() ? grid.get(cell) : null;
                        if (l == null)
                        {
                            continue;
                        }
                        for (final int z : l)
                        {
                            final double d = km(city.lat(), city.lon(), zips.get(z).lat(), zips.get(z).lon());
                            if (d < bestKm)
                            {
                                bestKm = d;
                                best = z;
                            }
                        }
                    }
                }
            }
            out[c] = best;
        }
        return out;
    }

    private static int cell(final double lat, final double lon, final int cols)
    {
        final int y = (int)Math.floor(lat + 90);
        final int x = (int)Math.floor(lon + 180);
        if (y < 0 || y >= 180)
        {
            return -1;
        }
        return y * cols + ((x % cols) + cols) % cols;
    }

    // ------------------------------------------------------------------------------------------------- commands

    private void writeCommands(
        final Path file,
        final List<City> cities,
        final List<Zip> zips,
        final int[] cityZip,
        final List<Location> locs,
        final String[] skus,
        final int[] category,
        final SplittableRandom rnd) throws IOException
    {
        final long[] cumulative = new long[cities.size()];
        long total = 0;
        for (int i = 0; i < cities.size(); i++)
        {
            total += cities.get(i).population();
            cumulative[i] = total;
        }
        final double[] zipf = new double[skuCount];
        double zsum = 0;
        for (int s = 0; s < skuCount; s++)
        {
            zsum += 1.0 / Math.pow(s + 1, 0.9);
            zipf[s] = zsum;
        }
        final boolean[] nearStore = new boolean[cities.size()];
        for (int i = 0; i < cities.size(); i++)
        {
            for (final Location l : locs)
            {
                nearStore[i] |= "STORE".equals(l.type()) &&
                    km(l.city().lat(), l.city().lon(), cities.get(i).lat(), cities.get(i).lon()) < l.radiusKm() * 0.8;
            }
        }
        this.nearStore = nearStore;
        final int days = 4;
        final int perDay = Math.max(1, orderCount / days);
        int ordersWritten = 0;
        long ts = 1_764_000_000_000L; // a fixed peak-season morning, epoch ms
        try (BufferedWriter w = Files.newBufferedWriter(file))
        {
            final StringBuilder sb = new StringBuilder(256);
            while (ordersWritten < orderCount)
            {
                ts += 1 + rnd.nextInt(40);
                final int roll = rnd.nextInt(1000);
                sb.setLength(0);
                if (roll < 12 && ordersWritten > 0)
                {
                    final int s = rnd.nextInt(skuCount);
                    final Location l = locs.get(rnd.nextInt(locs.size()));
                    sb.append("{\"type\":\"receive\",\"ts\":").append(ts).append(",\"sku\":\"").append(skus[s])
                        .append("\",\"location_id\":\"").append(l.id()).append("\",\"qty\":")
                        .append(50 + rnd.nextInt(400)).append('}');
                }
                else if (roll < 22 && ordersWritten > 10)
                {
                    sb.append("{\"type\":\"cancel\",\"ts\":").append(ts).append(",\"order_id\":\"o-")
                        .append(1 + rnd.nextInt(ordersWritten)).append("\"}");
                }
                else
                {
                    ordersWritten++;
                    order(sb, ordersWritten, ts, cities, zips, cityZip, cumulative, total, zipf, zsum, skus,
                        category, rnd);
                    if (ordersWritten % perDay == 0 && ordersWritten < orderCount)
                    {
                        sb.append("\n{\"type\":\"new_day\",\"ts\":").append(ts + 1).append('}');
                    }
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        }
    }

    private static int city(final long[] cumulative, final long total, final SplittableRandom rnd)
    {
        final long pick = rnd.nextLong(total);
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > pick)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void order(
        final StringBuilder sb,
        final int n,
        final long ts,
        final List<City> cities,
        final List<Zip> zips,
        final int[] cityZip,
        final long[] cumulative,
        final long total,
        final double[] zipf,
        final double zsum,
        final String[] skus,
        final int[] category,
        final SplittableRandom rnd)
    {
        final int serviceRoll = rnd.nextInt(100);
        final String service = serviceRoll < 80 ? "STANDARD" : serviceRoll < 95 ? "EXPEDITED" : "SAME_DAY";
        int lo = city(cumulative, total, rnd);
        // storefronts offer same day only where a store can reach; most same-day orders come from there
        for (int tries = 0; "SAME_DAY".equals(service) && !nearStore[lo] && tries < 30; tries++)
        {
            lo = city(cumulative, total, rnd);
        }
        final String zip = zips.get(cityZip[lo]).zip();
        int roll = rnd.nextInt(100);
        int ch = 0;
        while (roll >= CHANNEL_PERCENT[ch])
        {
            roll -= CHANNEL_PERCENT[ch];
            ch++;
        }
        final String channel = CHANNELS[ch];
        final int lineRoll = rnd.nextInt(100);
        final int lines = lineRoll < 55 ? 1 : lineRoll < 80 ? 2 : lineRoll < 92 ? 3 : 4 + rnd.nextInt(5);
        sb.append("{\"type\":\"order\",\"ts\":").append(ts).append(",\"order_id\":\"o-").append(n)
            .append("\",\"channel\":\"").append(channel).append("\",\"zip\":\"").append(zip)
            .append("\",\"service\":\"").append(service).append("\",\"ship_complete\":")
            .append(rnd.nextInt(100) < 10 ? "true" : "false");
        if (rnd.nextInt(100) < 8)
        {
            sb.append(",\"max_transit_days\":").append(2 + rnd.nextInt(4));
        }
        sb.append(",\"lines\":[");
        for (int i = 0; i < lines; i++)
        {
            final int s;
            if (rnd.nextInt(100) < 8)
            {
                s = rnd.nextInt(5); // the flash-sale SKUs
            }
            else
            {
                final double u = rnd.nextDouble() * zsum;
                int a = 0;
                int b = zipf.length - 1;
                while (a < b)
                {
                    final int m = (a + b) >>> 1;
                    if (zipf[m] >= u)
                    {
                        b = m;
                    }
                    else
                    {
                        a = m + 1;
                    }
                }
                s = Math.min(skuCount - 1, 5 + a); // the long tail, past the flash-sale SKUs
            }
            final String name = "mkt".equals(channel) && s % 3 != 2 ? "AMZ-" + skus[s] : skus[s];
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append("{\"sku\":\"").append(name).append("\",\"qty\":").append(1 + (rnd.nextInt(10) == 0 ? 1 : 0))
                .append(",\"unit_price_cents\":").append(999 + 500 * category[s]).append('}');
        }
        sb.append("]}");
    }
}
