package io.omniroute.engine.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Seeded generator of small random network folders (SPEC §4 files), built to reach every corner of routing: ties of
 * handling cost and rate price, capacities of 1–3 and unlimited, same-day radii, missing rate zones and services
 * (NO_SERVICE), heavy SKUs against weight limits, small stocks (OUT_OF_STOCK, splits), ZIPs at, near and far from
 * the locations, optional channel files and split penalties. Location ids and SKUs are drawn so that file order,
 * index order and string order differ (upper vs lower case, "ST-10" vs "ST-2").
 */
public final class RandomNetworks
{
    /**
     * Sizes of the networks drawn; with {@code checkout} the policy also gets customer shipping prices, a free
     * shipping threshold and per-customer hold limits (SPEC §5), drawn after everything else so the other files of a
     * seed do not change.
     */
    public record Config(int minLocations, int maxLocations, int minSkus, int maxSkus, boolean richStock,
        long maxSkuWeightG, boolean checkout)
    {
        public static final Config DEFAULT = new Config(2, 7, 2, 8, false, Long.MAX_VALUE);
        /** The default sizes with a checkout policy, for streams of every command. */
        public static final Config CHECKOUT = new Config(2, 7, 2, 8, false, Long.MAX_VALUE, true);

        public Config(final int minLocations, final int maxLocations, final int minSkus, final int maxSkus,
            final boolean richStock, final long maxSkuWeightG)
        {
            this(minLocations, maxLocations, minSkus, maxSkus, richStock, maxSkuWeightG, false);
        }
    }

    /** What the stream generator needs to know of a network it did not write itself. */
    public record Spec(long seed, Path dir, List<String> locationIds, List<String> skus, List<String> zips,
        Map<String, Map<String, String>> channelListings, Map<String, Set<String>> channelLocations,
        Map<String, double[]> locationCoordinates, long splitPenaltyCents)
    {
        /** Channels that orders may name: the ones of the channel files, and some without any rule. */
        public List<String> channels()
        {
            final Set<String> out = new LinkedHashSet<>(List.of("web", "pos"));
            out.addAll(channelListings.keySet());
            out.addAll(channelLocations.keySet());
            return new ArrayList<>(out);
        }
    }

    private static final String[] LOCATION_POOL = {
        "DC-EAST", "DC-WEST", "dc-south", "ST-1", "ST-2", "ST-10", "ST-9", "A", "B", "Z-DROP", "a1", "DROP-7",
        "L00-DR", "L01-DC", "L02-ST", "STORE_NYC", "store-la", "X", "M42", "m42"
    };
    private static final String[] SKU_POOL = {
        "TEE-M", "TEE-S", "TEE-L", "MUG", "mug", "HAT-10", "HAT-2", "SKU-0", "SKU-1", "SKU-9", "SKU-10", "A", "Z",
        "book:978", "SOCK_3PK", "lamp"
    };
    private static final String[] CARRIER_POOL = { "UPS", "USPS", "FEDEX", "ONTRAC", "DHL", "ups" };
    private static final long[] WEIGHT_POOL = { 50, 120, 120, 400, 400, 900, 900, 2500, 7000, 15000 };
    private static final long[] MAX_WEIGHT_POOL = { 1000, 5000, 20000, 40000 };
    private static final long[] HANDLING_POOL = { 0, 0, 50, 50, 100, 300, 450 };
    private static final long[] CAPACITY_POOL = { -1, -1, -1, 1, 1, 2, 3, 5, 20 };
    private static final double[] RADIUS_POOL = { 0, 15, 60, 120, 400 };
    private static final long[] ON_HAND_POOL = { 0, 1, 1, 2, 2, 3, 4, 5, 8, 20 };
    private static final long[] RICH_ON_HAND_POOL = { 0, 3, 5, 10, 20, 50 };
    private static final long[] SAFETY_POOL = { 0, 0, 0, 0, 1, 2 };
    private static final long[] PENALTY_POOL = { 0, 50, 150, 400, 1000 };

    private RandomNetworks()
    {
    }

    public static Spec write(final long seed, final Path dir)
    {
        return write(seed, dir, Config.DEFAULT);
    }

    public static Spec write(final long seed, final Path dir, final Config config)
    {
        final Random rnd = new Random(seed);
        try
        {
            Files.createDirectories(dir);
            return write(seed, dir, config, rnd);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Spec write(final long seed, final Path dir, final Config config, final Random rnd)
        throws IOException
    {
        final int locationCount = between(rnd, config.minLocations(), config.maxLocations());
        final int skuCount = between(rnd, config.minSkus(), config.maxSkus());
        final List<String> locationIds = sample(rnd, LOCATION_POOL, locationCount, "LOC-");
        final List<String> skus = sample(rnd, SKU_POOL, skuCount, "SKU-X");

        // geography: a region of the US, locations scattered in it, some far away
        final double centerLat = 30 + rnd.nextDouble() * 15;
        final double centerLon = -120 + rnd.nextDouble() * 45;
        final Map<String, double[]> coordinates = new LinkedHashMap<>();
        final StringBuilder locations = new StringBuilder(
            "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n");
        for (final String id : locationIds)
        {
            final double spread = rnd.nextInt(4) == 0 ? 12 : 3;
            final double lat = clamp(centerLat + (rnd.nextDouble() * 2 - 1) * spread, 19, 49);
            final double lon = clamp(centerLon + (rnd.nextDouble() * 2 - 1) * spread * 1.5, -124, -67);
            coordinates.put(id, new double[] { round5(lat), round5(lon) });
            final String type = pick(rnd, new String[] { "DC", "STORE", "DROPSHIP" });
            final List<String> services = new ArrayList<>();
            for (final String s : ReferenceRouter.SERVICES)
            {
                final double p = s.equals("STANDARD") ? 0.9 : s.equals("EXPEDITED") ? 0.6
                    : type.equals("STORE") ? 0.7 : 0.2;
                if (rnd.nextDouble() < p)
                {
                    services.add(s);
                }
            }
            if (services.isEmpty())
            {
                services.add(pick(rnd, ReferenceRouter.SERVICES.toArray(new String[0])));
            }
            final double radius = services.contains("SAME_DAY") ? RADIUS_POOL[rnd.nextInt(RADIUS_POOL.length)] : 0;
            locations.append(id).append(',').append(type).append(',').append(fmt(lat)).append(',')
                .append(fmt(lon)).append(',').append(HANDLING_POOL[rnd.nextInt(HANDLING_POOL.length)]).append(',')
                .append(CAPACITY_POOL[rnd.nextInt(CAPACITY_POOL.length)]).append(',')
                .append(String.join("|", services)).append(',').append(fmtRadius(radius)).append('\n');
        }
        write(dir, "locations.csv", locations);

        final StringBuilder skuCsv = new StringBuilder("sku,weight_g,lead_time_days\n");
        for (final String sku : skus)
        {
            skuCsv.append(sku).append(',')
                .append(Math.min(config.maxSkuWeightG(), WEIGHT_POOL[rnd.nextInt(WEIGHT_POOL.length)])).append(',')
                .append(1 + rnd.nextInt(10)).append('\n');
        }
        write(dir, "skus.csv", skuCsv);

        // rates: 1-3 carriers; services and zones sometimes missing; prices on a coarse grid so ties happen
        final List<String> carriers = sample(rnd, CARRIER_POOL, between(rnd, 1, 3), "CARRIER-");
        final StringBuilder rates = new StringBuilder("carrier,service,zone,max_weight_g,price_cents,transit_days\n");
        for (final String carrier : carriers)
        {
            for (final String service : ReferenceRouter.SERVICES)
            {
                if (rnd.nextDouble() < 0.1)
                {
                    continue;
                }
                final long base = service.equals("STANDARD") ? 600 : service.equals("EXPEDITED") ? 1200 : 1500;
                for (int zone = 1; zone <= 8; zone++)
                {
                    if (rnd.nextDouble() < 0.1 || (service.equals("SAME_DAY") && zone > 3 && rnd.nextBoolean()))
                    {
                        continue;
                    }
                    for (final long maxWeight : MAX_WEIGHT_POOL)
                    {
                        if (rnd.nextDouble() < (maxWeight == 40000 ? 0.15 : 0.35))
                        {
                            continue;
                        }
                        final long price = base + zone * 30L + 25L * rnd.nextInt(8);
                        final int transit = service.equals("SAME_DAY") ? rnd.nextInt(2) : 1 + rnd.nextInt(6);
                        rates.append(carrier).append(',').append(service).append(',').append(zone).append(',')
                            .append(maxWeight).append(',').append(price).append(',').append(transit).append('\n');
                        if (rnd.nextDouble() < 0.1)
                        {
                            // same carrier, same price: the transit days / max weight tie-breaks ((carrier, service,
                            // zone, max_weight_g) is a rate's identity, SPEC §1, so the weight differs)
                            final long otherWeight = maxWeight + 500;
                            rates.append(carrier).append(',').append(service).append(',').append(zone).append(',')
                                .append(otherWeight).append(',').append(price).append(',')
                                .append(rnd.nextInt(7)).append('\n');
                        }
                    }
                }
            }
        }
        if (rnd.nextDouble() < 0.3)
        {
            // a local courier with very cheap (even free) rows: plans of different sizes then tie on cost, which
            // exercises "fewer shipments first"
            for (final String service : ReferenceRouter.SERVICES)
            {
                for (int zone = 1; zone <= 8; zone++)
                {
                    if (rnd.nextDouble() < 0.4)
                    {
                        rates.append("LOCAL,").append(service).append(',').append(zone).append(",40000,")
                            .append(100L * rnd.nextInt(3)).append(',').append(rnd.nextInt(3)).append('\n');
                    }
                }
            }
        }
        write(dir, "rates.csv", rates);

        final StringBuilder stock = new StringBuilder("sku,location_id,on_hand,safety_stock\n");
        for (final String sku : skus)
        {
            for (final String loc : locationIds)
            {
                if (rnd.nextDouble() < (config.richStock() ? 0.9 : 0.75))
                {
                    stock.append(sku).append(',').append(loc).append(',')
                        .append(config.richStock() ? RICH_ON_HAND_POOL[rnd.nextInt(RICH_ON_HAND_POOL.length)]
                            : ON_HAND_POOL[rnd.nextInt(ON_HAND_POOL.length)]).append(',')
                        .append(SAFETY_POOL[rnd.nextInt(SAFETY_POOL.length)]).append('\n');
                }
            }
        }
        write(dir, "stock.csv", stock);

        // ZIPs: at a location, near one (a few km to ~150 km), anywhere in the region, anywhere in the US
        final int zipCount = between(rnd, 4, 10);
        final Set<String> zipNames = new LinkedHashSet<>();
        while (zipNames.size() < zipCount)
        {
            zipNames.add(String.format(Locale.ROOT, "%05d", rnd.nextInt(100_000)));
        }
        final List<String> zips = new ArrayList<>(zipNames);
        final StringBuilder zipCsv = new StringBuilder("zip,lat,lon\n");
        for (final String zip : zips)
        {
            final double[] at = coordinates.get(locationIds.get(rnd.nextInt(locationIds.size())));
            final double lat;
            final double lon;
            switch (rnd.nextInt(5))
            {
                case 0 ->
                {
                    lat = at[0];
                    lon = at[1];
                }
                case 1, 2 ->
                {
                    final double d = rnd.nextDouble() < 0.5 ? 0.3 : 1.5;
                    lat = at[0] + (rnd.nextDouble() * 2 - 1) * d;
                    lon = at[1] + (rnd.nextDouble() * 2 - 1) * d;
                }
                case 3 ->
                {
                    lat = centerLat + (rnd.nextDouble() * 2 - 1) * 6;
                    lon = centerLon + (rnd.nextDouble() * 2 - 1) * 9;
                }
                default ->
                {
                    lat = 25 + rnd.nextDouble() * 23;
                    lon = -123 + rnd.nextDouble() * 53;
                }
            }
            zipCsv.append(zip).append(',').append(fmt(lat)).append(',').append(fmt(lon)).append('\n');
        }
        write(dir, "zips.csv", zipCsv);

        final Map<String, Map<String, String>> listings = new LinkedHashMap<>();
        if (rnd.nextDouble() < 0.5)
        {
            final StringBuilder csv = new StringBuilder("channel,channel_sku,sku\n");
            for (final String channel : rnd.nextBoolean() ? List.of("mkt") : List.of("mkt", "app"))
            {
                final Map<String, String> m = new LinkedHashMap<>();
                for (final String sku : skus)
                {
                    if (rnd.nextDouble() < 0.6)
                    {
                        m.put(channel.toUpperCase(Locale.ROOT) + "-" + sku, sku);
                        if (rnd.nextDouble() < 0.15)
                        {
                            m.put(channel + "2-" + sku, sku);     // one product, two listings
                        }
                    }
                }
                for (final Map.Entry<String, String> e : m.entrySet())
                {
                    csv.append(channel).append(',').append(e.getKey()).append(',').append(e.getValue()).append('\n');
                }
                if (!m.isEmpty())
                {
                    listings.put(channel, m);
                }
            }
            write(dir, "channel_skus.csv", csv);
        }

        final Map<String, Set<String>> channelLocations = new LinkedHashMap<>();
        if (rnd.nextDouble() < 0.5)
        {
            final StringBuilder csv = new StringBuilder("channel,location_id\n");
            for (final String channel : rnd.nextBoolean() ? List.of("mkt") : List.of("mkt", "pos"))
            {
                final List<String> shuffled = new ArrayList<>(locationIds);
                Collections.shuffle(shuffled, rnd);
                final Set<String> allowed = new LinkedHashSet<>(shuffled.subList(0, between(rnd, 1,
                    shuffled.size())));
                for (final String loc : allowed)
                {
                    csv.append(channel).append(',').append(loc).append('\n');
                }
                channelLocations.put(channel, allowed);
            }
            write(dir, "channel_locations.csv", csv);
        }

        long penalty = 0;
        final StringBuilder policy = new StringBuilder();
        if (rnd.nextDouble() < 0.6)
        {
            penalty = PENALTY_POOL[rnd.nextInt(PENALTY_POOL.length)];
            policy.append("split_penalty_cents=").append(penalty).append('\n');
        }
        if (config.checkout())
        {
            // customer prices per service (sometimes absent: 0), the free STANDARD threshold (sometimes absent:
            // never free), hold limits per customer, overall and for one channel (0 forbids holds there)
            for (final String service : ReferenceRouter.SERVICES)
            {
                if (rnd.nextDouble() < 0.8)
                {
                    policy.append("ship_price_").append(service).append("_cents=")
                        .append(pick(rnd, new Long[] { 0L, 399L, 599L, 999L, 1499L, 2499L })).append('\n');
                }
            }
            if (rnd.nextDouble() < 0.6)
            {
                policy.append("free_shipping_threshold_cents=")
                    .append(pick(rnd, new Long[] { 0L, 1000L, 2500L, 5000L, 10000L })).append('\n');
            }
            if (rnd.nextDouble() < 0.6)
            {
                policy.append("max_open_holds_per_customer=").append(1 + rnd.nextInt(3)).append('\n');
            }
            if (rnd.nextDouble() < 0.4)
            {
                policy.append("max_open_holds_per_customer.").append(rnd.nextBoolean() ? "web" : "mkt").append('=')
                    .append(rnd.nextInt(3)).append('\n');
            }
        }
        if (policy.length() > 0)
        {
            write(dir, "policy.properties", policy);
        }
        return new Spec(seed, dir, locationIds, skus, zips, listings, channelLocations, coordinates, penalty);
    }

    /** Every file of a network folder, for failure messages. */
    public static String describe(final Path dir)
    {
        final StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path f : files.sorted().collect(Collectors.toList()))
            {
                out.append("--- ").append(f.getFileName()).append('\n')
                    .append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        catch (final IOException ex)
        {
            out.append("(cannot read ").append(dir).append(": ").append(ex).append(")\n");
        }
        return out.toString();
    }

    /** Deletes a generated folder (flat: files only). */
    public static void delete(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path f : files.collect(Collectors.toList()))
            {
                Files.delete(f);
            }
            Files.delete(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static int between(final Random rnd, final int min, final int max)
    {
        return min + rnd.nextInt(max - min + 1);
    }

    static <T> T pick(final Random rnd, final T[] pool)
    {
        return pool[rnd.nextInt(pool.length)];
    }

    private static List<String> sample(final Random rnd, final String[] pool, final int n, final String extraPrefix)
    {
        final List<String> all = new ArrayList<>(List.of(pool));
        for (int i = 0; all.size() < n; i++)
        {
            all.add(extraPrefix + i);
        }
        Collections.shuffle(all, rnd);
        return new ArrayList<>(all.subList(0, n));
    }

    private static void write(final Path dir, final String name, final CharSequence text) throws IOException
    {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static double clamp(final double v, final double lo, final double hi)
    {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round5(final double v)
    {
        return Double.parseDouble(fmt(v));
    }

    private static String fmt(final double v)
    {
        return String.format(Locale.ROOT, "%.5f", v);
    }

    private static String fmtRadius(final double v)
    {
        return v == Math.rint(v) ? Long.toString((long)v) : fmt(v);
    }
}
