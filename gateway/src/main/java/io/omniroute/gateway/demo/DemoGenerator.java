package io.omniroute.gateway.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a realistic peak-season network and order stream on real US geography, the input of
 * {@code omniroute demo}: GeoNames cities weighted by population and Census ZCTA ZIP centroids (credits in
 * ATTRIBUTION.md beside the data).
 * <ul>
 * <li>8 distribution centers at real logistics hubs across the regions (Newark NJ, Atlanta, Joliet IL, Dallas,
 * Ontario CA, Kent WA, Denver, Lakeland FL), cheap to handle, unlimited or large daily capacity;</li>
 * <li>18 ship-from stores in cities drawn by population (one per metro core), dearer to handle, staffed for tens
 * to hundreds of shipments a day by their share of same-day demand, same-day delivery within 30–60 km;</li>
 * <li>4 drop-ship vendors in mid-size cities, each carrying a few categories deep, standard service only;</li>
 * <li>a few hundred SKUs in 16 categories with real-world weights and lead times; stock sized to the expected
 * demand of the stream (DCs deep, stores a shallow subset with safety stock for walk-in shoppers, flash-sale SKUs
 * deliberately short);</li>
 * <li>three carriers' rate cards by service, zone and weight tier; marketplace listings ({@code AMZ-<sku>}) for
 * most SKUs, the marketplace served from DCs and drop-shippers only;</li>
 * <li>and the stream itself (see {@link DemoStream}).</li>
 * </ul>
 * Deterministic: the same seed, order count and SKU count write byte-identical files; nothing reads a clock or
 * iterates a hash map.
 */
public final class DemoGenerator
{
    /** The most SKUs a demo network has. */
    public static final int MAX_SKUS = 1_000_000;

    static final String[] CATEGORIES = { "TEE", "HOODIE", "JEANS", "SHOE", "MUG", "LAMP", "CHAIR", "BLENDER",
        "PHONE", "CASE", "BOOK", "TOY", "TENT", "RUG", "PAN", "SOAP" };
    /** Per category: grams min, max; price cents min, max; lead days min, max; store carry percent. */
    private static final int[][] CATEGORY_SPEC = {
        { 150, 300, 999, 2999, 14, 21, 70 },        // TEE, imported apparel
        { 500, 900, 2999, 6999, 14, 21, 60 },       // HOODIE
        { 600, 1100, 3999, 8999, 14, 21, 60 },      // JEANS
        { 800, 1600, 4999, 14999, 10, 21, 55 },     // SHOE
        { 300, 500, 799, 1999, 5, 14, 50 },         // MUG
        { 1200, 4000, 2499, 9999, 7, 21, 30 },      // LAMP
        { 7000, 15000, 7999, 29999, 14, 21, 10 },   // CHAIR, bulky
        { 2500, 5000, 3999, 19999, 7, 14, 35 },     // BLENDER
        { 180, 400, 19999, 99999, 2, 7, 60 },       // PHONE
        { 50, 120, 999, 3999, 2, 7, 70 },           // CASE
        { 300, 1200, 999, 3499, 2, 5, 40 },         // BOOK
        { 200, 2000, 999, 7999, 7, 21, 50 },        // TOY
        { 3000, 9000, 7999, 39999, 10, 21, 15 },    // TENT, bulky
        { 4000, 18000, 4999, 39999, 14, 21, 5 },    // RUG, bulky
        { 900, 2500, 1999, 9999, 7, 14, 40 },       // PAN
        { 80, 300, 399, 1499, 2, 7, 60 },           // SOAP
    };
    /** What each drop-ship vendor sells, by category index: home, kitchen, outdoor and toys, electronics and media. */
    private static final int[][] DROPSHIP_CATEGORIES = { { 5, 6, 13 }, { 4, 7, 14 }, { 11, 12 }, { 8, 9, 10 } };
    /** Distribution centers at real logistics hubs; the first four never run out of daily capacity. */
    private static final String[][] DC_CITIES = { { "Newark", "NJ" }, { "Ontario", "CA" }, { "Dallas", "TX" },
        { "Joliet", "IL" }, { "Atlanta", "GA" }, { "Kent", "WA" }, { "Denver", "CO" }, { "Lakeland", "FL" } };
    private static final int STORE_COUNT = 18;
    private static final int DROPSHIP_COUNT = DROPSHIP_CATEGORIES.length;

    static final String[] CARRIERS = { "FEDEX", "UPS", "USPS" };
    /** 1, 5, 20, 50, 70 and 150 lb. */
    static final int[] WEIGHT_TIERS_G = { 450, 2270, 9070, 22680, 31750, 68040 };

    /** Business days the stream spans; a {@code new_day} separates them. */
    static final int DAYS = 4;

    private final long seed;
    private final int orderCount;
    private final int skuCount;

    /**
     * @param seed       the random seed: the same seed writes the same files
     * @param orderCount orders in the stream (the CLI's default is 200,000)
     * @param skuCount   SKUs in the catalog (the CLI's default is 300)
     */
    public DemoGenerator(final long seed, final int orderCount, final int skuCount)
    {
        if (orderCount < 0)
        {
            throw new IllegalArgumentException("orderCount must not be negative: " + orderCount);
        }
        if (skuCount < 1 || skuCount > MAX_SKUS)
        {
            throw new IllegalArgumentException("skuCount must be 1.." + MAX_SKUS + ": " + skuCount);
        }
        this.seed = seed;
        this.orderCount = orderCount;
        this.skuCount = skuCount;
    }

    enum Type
    {
        DC, STORE, DROPSHIP
    }

    /** One location of the network. */
    static final class Location
    {
        final String id;
        final Type type;
        final int city;
        final int handlingCents;
        int dailyCapacity;
        final String services;
        final int sameDayRadiusKm;
        /** A DC's share of the country's demand, a store's share of the same-day demand; else 0. */
        double demandShare;

        Location(final String id, final Type type, final int city, final int handlingCents, final int dailyCapacity,
            final String services, final int sameDayRadiusKm)
        {
            this.id = id;
            this.type = type;
            this.city = city;
            this.handlingCents = handlingCents;
            this.dailyCapacity = dailyCapacity;
            this.services = services;
            this.sameDayRadiusKm = sameDayRadiusKm;
        }
    }

    /** The catalog and the network, shared with the stream. */
    static final class Model
    {
        DemoGeography geo;
        Location[] locations;
        String[] sku;
        int[] category;
        int[] weightG;
        int[] priceCents;
        /** Probability that an order line names this SKU, over the whole stream. */
        double[] lineShare;
        /** Flash-sale SKUs, then the rest by falling popularity. */
        int[] byPopularity;
        int hotCount;
        /** Listed on the marketplace as AMZ-sku. */
        boolean[] listed;
        /** Expected same-day units of each SKU over the stream, network-wide. */
        double[] sameDayUnits;
        /** Stocked[sku] = locations holding a stock row for it, ascending index. */
        int[][] stockedAt;
    }

    /**
     * Writes {@code dir/network/{locations,skus,rates,stock,zips,channel_skus,channel_locations}.csv} and
     * {@code policy.properties}, and {@code dir/commands.jsonl}, creating the folders as needed and replacing those
     * files.
     */
    public void writeTo(final Path dir) throws IOException
    {
        final SplittableRandom root = new SplittableRandom(seed);
        // one independent stream per part, so a change to one part leaves the others as they were
        final SplittableRandom placeRnd = root.split();
        final SplittableRandom catalogRnd = root.split();
        final SplittableRandom rateRnd = root.split();
        final SplittableRandom stockRnd = root.split();
        final SplittableRandom streamRnd = root.split();

        final Model m = new Model();
        m.geo = DemoGeography.load();
        m.locations = placeLocations(m.geo, placeRnd);
        buildCatalog(m, catalogRnd);

        final Path net = dir.resolve("network");
        Files.createDirectories(net);
        writeLocations(net, m);
        writeSkus(net, m, catalogRnd);
        writeRates(net, rateRnd);
        writeStock(net, m, stockRnd);
        Files.write(net.resolve("zips.csv"), m.geo.zipFile);
        writeChannels(net, m);
        writePolicy(net);
        try (BufferedWriter w = writer(dir.resolve("commands.jsonl")))
        {
            new DemoStream(m, orderCount, streamRnd).write(w);
        }
    }

    static BufferedWriter writer(final Path file) throws IOException
    {
        final OutputStream out = Files.newOutputStream(file);
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    // ------------------------------------------------------------------------------------------------- network

    private Location[] placeLocations(final DemoGeography geo, final SplittableRandom rnd)
    {
        final List<Location> out = new ArrayList<>();
        final List<Integer> used = new ArrayList<>();

        for (int d = 0; d < DC_CITIES.length; d++)
        {
            final int c = geo.city(DC_CITIES[d][0], DC_CITIES[d][1]);
            if (c < 0)
            {
                throw new IllegalStateException("demo data lacks " + DC_CITIES[d][0] + ", " + DC_CITIES[d][1]);
            }
            final int handling = 150 + 5 * rnd.nextInt(19);                 // $1.50 – $2.40 a shipment
            out.add(new Location(id("DC", geo, c, out), Type.DC, c, handling, d < 4 ? -1 : dailyCapacity(0.10, rnd),
                "STANDARD|EXPEDITED", 0));
            used.add(c);
        }

        // stores: metro cores drawn by population, at most one within 30 km of another
        final List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c < geo.cityCount; c++)
        {
            if (geo.cityPopulation[c] >= 150_000 && geo.contiguous(c) && !insideLargerCity(geo, c))
            {
                candidates.add(c);
            }
        }
        final List<Integer> stores = drawByPopulation(geo, candidates, STORE_COUNT, 30, new ArrayList<>(), rnd);
        for (final int c : stores)
        {
            final int handling = 420 + 10 * rnd.nextInt(24);                // $4.20 – $6.50: store labour
            final int capacity = 40 + rnd.nextInt(61);                          // more below, by same-day demand
            final int radius = 30 + rnd.nextInt(31);
            out.add(new Location(id("ST", geo, c, out), Type.STORE, c, handling, capacity,
                "STANDARD|EXPEDITED|SAME_DAY", radius));
            used.add(c);
        }

        // drop-ship vendors: mid-size cities, far from each other
        final List<Integer> mid = new ArrayList<>();
        for (int c = 0; c < geo.cityCount; c++)
        {
            final long pop = geo.cityPopulation[c];
            if (pop >= 100_000 && pop <= 700_000 && geo.contiguous(c) && !insideLargerCity(geo, c) &&
                !used.contains(c))
            {
                mid.add(c);
            }
        }
        final List<Integer> vendors = drawByPopulation(geo, mid, DROPSHIP_COUNT, 500, new ArrayList<>(), rnd);
        for (final int c : vendors)
        {
            final int handling = 250 + 10 * rnd.nextInt(16);                // the vendor's fee
            out.add(new Location(id("DS", geo, c, out), Type.DROPSHIP, c, handling, dailyCapacity(0.03, rnd),
                "STANDARD", 0));
        }

        out.sort((a, b) -> a.id.compareTo(b.id));
        demandShares(geo, out);
        for (final Location l : out)
        {
            if (l.type == Type.STORE)
            {
                // staffed for two and a half times its expected same-day orders, in tens; a store packs at most
                // a thousand parcels a day
                final double sameDayPerDay = (double)orderCount / DAYS * DemoStream.sameDayLines() /
                    DemoStream.SAME_DAY_MEAN_LINES * l.demandShare;
                l.dailyCapacity = Math.min(990, (int)Math.round((l.dailyCapacity + 2.5 * sameDayPerDay) / 10) * 10);
            }
        }
        return out.toArray(new Location[0]);
    }

    /** A place within 20 km of a larger one is a part of it (South Boston, the boroughs), not a metro of its own. */
    private static boolean insideLargerCity(final DemoGeography geo, final int c)
    {
        for (int o = 0; o < c; o++)
        {
            if (geo.cityPopulation[o] >= geo.cityPopulation[c] && geo.cityKm(o, c) < 20)
            {
                return true;
            }
        }
        return false;
    }

    /** Draws n cities without replacement, weighted by population, each at least minKm from those drawn. */
    private static List<Integer> drawByPopulation(final DemoGeography geo, final List<Integer> candidates, final int n,
        final double minKm, final List<Integer> drawn, final SplittableRandom rnd)
    {
        final List<Integer> pool = new ArrayList<>(candidates);
        while (drawn.size() < n && !pool.isEmpty())
        {
            long total = 0;
            for (final int c : pool)
            {
                total += geo.cityPopulation[c];
            }
            long pick = rnd.nextLong(total);
            int chosen = pool.size() - 1;
            for (int i = 0; i < pool.size(); i++)
            {
                pick -= geo.cityPopulation[pool.get(i)];
                if (pick < 0)
                {
                    chosen = i;
                    break;
                }
            }
            final int c = pool.remove(chosen);
            boolean far = true;
            for (final int d : drawn)
            {
                far &= geo.cityKm(c, d) >= minKm;
            }
            if (far)
            {
                drawn.add(c);
            }
        }
        return drawn;
    }

    /** PREFIX-ST-CITYNAME in capitals, at most 16 characters, unique. */
    private static String id(final String prefix, final DemoGeography geo, final int c, final List<Location> taken)
    {
        final StringBuilder sb = new StringBuilder(prefix).append('-').append(geo.cityState[c]).append('-');
        for (final char ch : geo.cityName[c].toUpperCase(Locale.ROOT).toCharArray())
        {
            if (ch >= 'A' && ch <= 'Z')
            {
                sb.append(ch);
            }
        }
        String id = sb.length() > 16 ? sb.substring(0, 16) : sb.toString();
        for (int n = 2; contains(taken, id); n++)
        {
            final String suffix = Integer.toString(n);
            id = (sb.length() > 16 - suffix.length() ? sb.substring(0, 16 - suffix.length()) : sb.toString()) + suffix;
        }
        return id;
    }

    private static boolean contains(final List<Location> locs, final String id)
    {
        for (final Location l : locs)
        {
            if (l.id.equals(id))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Each DC's share of the population for which it is the nearest DC, and each store's share of the population
     * within its same-day radius (nearest store first): how their stock is sized.
     */
    private static void demandShares(final DemoGeography geo, final List<Location> locs)
    {
        final long[] pop = new long[locs.size()];
        long dcTotal = 0;
        long storeTotal = 0;
        for (int c = 0; c < geo.cityCount; c++)
        {
            int dc = -1;
            int store = -1;
            double dcKm = Double.MAX_VALUE;
            double storeKm = Double.MAX_VALUE;
            for (int l = 0; l < locs.size(); l++)
            {
                final Location loc = locs.get(l);
                final double d = geo.cityKm(c, loc.city);
                if (loc.type == Type.DC && d < dcKm)
                {
                    dcKm = d;
                    dc = l;
                }
                else if (loc.type == Type.STORE && d <= loc.sameDayRadiusKm && d < storeKm)
                {
                    storeKm = d;
                    store = l;
                }
            }
            pop[dc] += geo.cityPopulation[c];
            dcTotal += geo.cityPopulation[c];
            if (store >= 0)
            {
                pop[store] += geo.cityPopulation[c];
                storeTotal += geo.cityPopulation[c];
            }
        }
        for (int l = 0; l < locs.size(); l++)
        {
            final long total = locs.get(l).type == Type.DC ? dcTotal : storeTotal;
            locs.get(l).demandShare = total == 0 ? 0 : (double)pop[l] / total;
        }
    }

    private void buildCatalog(final Model m, final SplittableRandom rnd)
    {
        m.sku = new String[skuCount];
        m.category = new int[skuCount];
        m.weightG = new int[skuCount];
        m.priceCents = new int[skuCount];
        m.listed = new boolean[skuCount];
        final int width = Math.max(4, Integer.toString(skuCount).length());
        for (int s = 0; s < skuCount; s++)
        {
            final int cat = s % CATEGORIES.length;
            final int[] spec = CATEGORY_SPEC[cat];
            m.category[s] = cat;
            m.sku[s] = CATEGORIES[cat] + "-" + String.format(Locale.ROOT, "%0" + width + "d", s + 1);
            m.weightG[s] = spec[0] + rnd.nextInt(spec[1] - spec[0] + 1);
            // prices end in 99
            m.priceCents[s] = (spec[2] + rnd.nextInt(spec[3] - spec[2] + 1)) / 100 * 100 + 99;
            m.listed[s] = rnd.nextInt(100) < 75;
        }

        // popularity: a few flash-sale SKUs, then a shuffled Zipf-like long tail across categories
        m.hotCount = Math.max(1, Math.min(5, skuCount / 20));
        final int[] order = new int[skuCount];
        for (int i = 0; i < skuCount; i++)
        {
            order[i] = i;
        }
        for (int i = skuCount - 1; i > 0; i--)
        {
            final int j = rnd.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        m.byPopularity = order;
        m.lineShare = new double[skuCount];
        final double hot = DemoStream.averageHotShare();
        final int tail = skuCount - m.hotCount;
        double zsum = 0;
        for (int r = 0; r < tail; r++)
        {
            zsum += DemoStream.zipf(r);
        }
        for (int r = 0; r < skuCount; r++)
        {
            m.lineShare[order[r]] = r < m.hotCount ? (tail == 0 ? 1.0 : hot) / m.hotCount :
                (1 - hot) * DemoStream.zipf(r - m.hotCount) / zsum;
        }
    }

    private static void writeLocations(final Path net, final Model m) throws IOException
    {
        try (BufferedWriter w = writer(net.resolve("locations.csv")))
        {
            w.write("location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n");
            for (final Location l : m.locations)
            {
                w.write(l.id + "," + l.type + "," + m.geo.cityLatText[l.city] + "," + m.geo.cityLonText[l.city] +
                    "," + l.handlingCents + "," + l.dailyCapacity + "," + l.services + "," + l.sameDayRadiusKm +
                    "\n");
            }
        }
    }

    private static void writeSkus(final Path net, final Model m, final SplittableRandom rnd) throws IOException
    {
        try (BufferedWriter w = writer(net.resolve("skus.csv")))
        {
            w.write("sku,weight_g,lead_time_days\n");
            for (int s = 0; s < m.sku.length; s++)
            {
                final int[] spec = CATEGORY_SPEC[m.category[s]];
                w.write(m.sku[s] + "," + m.weightG[s] + "," + (spec[4] + rnd.nextInt(spec[5] - spec[4] + 1)) + "\n");
            }
        }
    }

    /**
     * Ground, two-day air and courier rate cards. Prices rise with zone, weight and speed; USPS is cheaper for
     * light parcels and dearer for heavy ones, FedEx within a few percent of UPS.
     */
    private static void writeRates(final Path net, final SplittableRandom rnd) throws IOException
    {
        // per weight tier: base price at zone 1, increase per zone
        final int[][] ground = { { 620, 820, 1350, 2400, 3100, 5600 }, { 70, 130, 310, 700, 950, 1900 } };
        final int[][] air = { { 1450, 1900, 3200, 5600, 7400, 13500 }, { 160, 260, 600, 1300, 1800, 3600 } };
        final int[][] courier = { { 1600, 1900, 2800, 4500, 5600 }, { 400, 450, 550, 700, 800 } };
        final double[] uspsFactor = { 0.84, 0.92, 1.08, 1.16, 1.22 };
        final int[] groundDays = { 1, 2, 2, 3, 4, 4, 5, 5 };
        try (BufferedWriter w = writer(net.resolve("rates.csv")))
        {
            w.write("carrier,service,zone,max_weight_g,price_cents,transit_days\n");
            for (final String carrier : CARRIERS)
            {
                final boolean usps = "USPS".equals(carrier);
                final boolean fedex = "FEDEX".equals(carrier);
                for (final String service : new String[]{ "STANDARD", "EXPEDITED", "SAME_DAY" })
                {
                    final int[][] card = "STANDARD".equals(service) ? ground : "EXPEDITED".equals(service) ? air :
                        courier;
                    final int zones = "SAME_DAY".equals(service) ? 2 : 8;
                    for (int zone = 1; zone <= zones; zone++)
                    {
                        // one factor per carrier, service and zone keeps prices rising with weight
                        final double factor = (fedex ? 0.97 : usps ? 1.0 : 1.0) + rnd.nextInt(41) / 1000.0;
                        // USPS takes parcels up to 70 lb, UPS and FedEx up to 150 lb; couriers up to 70 lb
                        final int tiers = usps ? 5 : card[0].length;
                        for (int t = 0; t < tiers; t++)
                        {
                            final double uspsTier = usps ? uspsFactor[t] : 1.0;
                            final long price = Math.round((card[0][t] + card[1][t] * (zone - 1)) * factor * uspsTier);
                            final int days;
                            if ("STANDARD".equals(service))
                            {
                                days = groundDays[zone - 1] + (usps && zone >= 3 ? 1 : 0) -
                                    (fedex && zone == 7 ? 1 : 0);
                            }
                            else if ("EXPEDITED".equals(service))
                            {
                                days = zone <= 2 ? 1 : usps && zone >= 6 ? 3 : 2;
                            }
                            else
                            {
                                days = 0;
                            }
                            w.write(carrier + "," + service + "," + zone + "," + WEIGHT_TIERS_G[t] + "," + price + "," +
                                days + "\n");
                        }
                    }
                }
            }
        }
    }

    /**
     * Stock sized to the stream's expected demand: the DCs together hold 0.9–1.6 times a SKU's expected units
     * (flash-sale SKUs 0.45–0.7, so they sell out), split by each DC's share of the population; stores hold a few
     * to a few dozen units of a subset behind a small safety stock; drop-shippers hold their categories deep.
     */
    private void writeStock(final Path net, final Model m, final SplittableRandom rnd) throws IOException
    {
        final double unitsPerLine = DemoStream.meanQty();
        final double lines = orderCount * DemoStream.meanLines();
        final int[] rank = new int[skuCount];
        for (int r = 0; r < skuCount; r++)
        {
            rank[m.byPopularity[r]] = r;
        }
        final double hotShare = DemoStream.averageHotShare();
        double headSum = 0;
        for (int r = 0; r < Math.min(DemoStream.SAME_DAY_HEAD, skuCount - m.hotCount); r++)
        {
            headSum += DemoStream.zipf(r);
        }
        final Location[] locs = m.locations;
        m.stockedAt = new int[skuCount][];
        m.sameDayUnits = new double[skuCount];
        try (BufferedWriter w = writer(net.resolve("stock.csv")))
        {
            w.write("sku,location_id,on_hand,safety_stock\n");
            final StringBuilder sb = new StringBuilder(64);
            final int[] at = new int[locs.length];
            for (int s = 0; s < skuCount; s++)
            {
                final boolean hot = rank[s] < m.hotCount;
                final double expected = lines * unitsPerLine * m.lineShare[s];
                final double cover = hot ? 0.45 + rnd.nextDouble() * 0.25 : 0.9 + rnd.nextDouble() * 0.7;
                final boolean head = !hot && rank[s] < m.hotCount + DemoStream.SAME_DAY_HEAD;
                final double sameDayShare = hot ? hotShare / m.hotCount :
                    head ? (1 - hotShare) * DemoStream.zipf(rank[s] - m.hotCount) / headSum : 0;
                m.sameDayUnits[s] = orderCount * DemoStream.sameDayLines() * unitsPerLine * sameDayShare;
                final int carryPct = CATEGORY_SPEC[m.category[s]][6];
                int n = 0;
                for (int l = 0; l < locs.length; l++)
                {
                    final Location loc = locs[l];
                    long onHand;
                    long safety;
                    if (loc.type == Type.DC)
                    {
                        if (!hot && rnd.nextInt(100) >= 92)
                        {
                            continue;
                        }
                        final double jitter = 0.7 + rnd.nextDouble() * 0.6;
                        onHand = Math.max(12 + rnd.nextInt(36),
                            Math.round(expected * cover * loc.demandShare * jitter));
                        safety = 2 + Math.round(onHand * (0.02 + rnd.nextDouble() * 0.03));
                    }
                    else if (loc.type == Type.STORE)
                    {
                        // every store has the flash-sale SKUs and most of the head; of the tail, some
                        final int pct = hot ? 95 : head ? Math.min(95, 30 + carryPct) : carryPct / 2;
                        if (rnd.nextInt(100) >= pct)
                        {
                            continue;
                        }
                        safety = 1 + rnd.nextInt(3);
                        // a day and a half of same-day and ship-from-store demand; trucks restock each night
                        final double units = 1.5 * storeDailyUnits(m, s, loc);
                        onHand = safety + (head || hot ?
                            2 + rnd.nextInt(5) + Math.round(units * (0.8 + rnd.nextDouble() * 0.6)) :
                            1 + rnd.nextInt(8));
                    }
                    else
                    {
                        if (!sells(loc, l, locs, m.category[s]))
                        {
                            continue;
                        }
                        onHand = Math.max(200 + rnd.nextInt(300),
                            Math.round(expected * (0.3 + rnd.nextDouble() * 0.5)));
                        safety = rnd.nextInt(11);
                    }
                    at[n++] = l;
                    sb.setLength(0);
                    sb.append(m.sku[s]).append(',').append(loc.id).append(',').append(onHand).append(',')
                        .append(safety).append('\n');
                    w.write(sb.toString());
                }
                m.stockedAt[s] = Arrays.copyOf(at, n);
            }
        }
    }

    /** A store's expected daily units of a SKU: its same-day orders and about as many again shipped from store. */
    static double storeDailyUnits(final Model m, final int sku, final Location store)
    {
        return 3 * m.sameDayUnits[sku] * store.demandShare / DAYS;
    }

    /** Whether this drop-ship vendor (the k-th, in id order) sells this category. */
    private static boolean sells(final Location loc, final int index, final Location[] locs, final int category)
    {
        int k = 0;
        for (int l = 0; l < index; l++)
        {
            k += locs[l].type == Type.DROPSHIP ? 1 : 0;
        }
        for (final int c : DROPSHIP_CATEGORIES[k % DROPSHIP_CATEGORIES.length])
        {
            if (c == category)
            {
                return true;
            }
        }
        return false;
    }

    private static void writeChannels(final Path net, final Model m) throws IOException
    {
        try (BufferedWriter w = writer(net.resolve("channel_skus.csv")))
        {
            w.write("channel,channel_sku,sku\n");
            for (int s = 0; s < m.sku.length; s++)
            {
                if (m.listed[s])
                {
                    w.write("mkt," + DemoStream.MARKETPLACE_PREFIX + m.sku[s] + "," + m.sku[s] + "\n");
                }
            }
        }
        try (BufferedWriter w = writer(net.resolve("channel_locations.csv")))
        {
            w.write("channel,location_id\n");
            for (final Location l : m.locations)
            {
                if (l.type != Type.STORE)
                {
                    w.write("mkt," + l.id + "\n");
                }
            }
        }
    }

    private static void writePolicy(final Path net) throws IOException
    {
        try (BufferedWriter w = writer(net.resolve("policy.properties")))
        {
            w.write("# OmniRoute demo policy\n");
            w.write("# a second parcel costs packaging, a second delivery and a less happy customer\n");
            w.write("split_penalty_cents=250\n");
            w.write("# what the customer pays for shipping; STANDARD is free from the threshold\n");
            w.write("ship_price_STANDARD_cents=599\n");
            w.write("ship_price_EXPEDITED_cents=1499\n");
            w.write("ship_price_SAME_DAY_cents=2499\n");
            w.write("free_shipping_threshold_cents=5000\n");
            w.write("max_open_holds_per_customer=3\n");
            w.write("demand_smoothing=0.3\n");
        }
    }

    /**
     * A daily capacity of about {@code share} of a business day's orders (plus up to 5 points), in hundreds, at
     * least 500: large DCs that rarely fill, drop-shippers that can at peak.
     */
    private int dailyCapacity(final double share, final SplittableRandom rnd)
    {
        final int perDay = Math.max(1, orderCount / DAYS);
        final int cap = (int)Math.ceil(perDay * (share + rnd.nextInt(6) / 100.0) / 100.0) * 100;
        return Math.max(500, cap);
    }
}
