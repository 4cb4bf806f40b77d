package io.omniroute.engine;

import org.agrona.collections.Object2IntHashMap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads a network folder (SPEC §4). Every bad row fails with file, line and field named; nothing is half-loaded.
 */
public final class NetworkLoader
{
    public static final String LOCATIONS = "locations.csv";
    public static final String SKUS = "skus.csv";
    public static final String RATES = "rates.csv";
    public static final String STOCK = "stock.csv";
    public static final String ZIPS = "zips.csv";
    public static final String CHANNEL_SKUS = "channel_skus.csv";
    public static final String CHANNEL_LOCATIONS = "channel_locations.csv";
    public static final String POLICY = "policy.properties";

    /** Policy keys whose values must be non-negative whole numbers. */
    private static final String[] LONG_POLICY_KEYS = {
        "split_penalty_cents", "ship_price_STANDARD_cents", "ship_price_EXPEDITED_cents", "ship_price_SAME_DAY_cents",
        "free_shipping_threshold_cents", "max_open_holds_per_customer", "order_retention_days", "order_book_max_mib" };
    /**
     * Settings that look like policy but are the operator's choice per run, given on the command line: in the policy
     * they are ignored with a warning that says where they go (snapshot_every was listed as a policy key that nothing
     * read, so a snapshot interval set there silently did nothing).
     */
    private static final String[][] RUN_SETTINGS = { { "snapshot_every", "--snapshot-every N of simulate and serve" } };
    /**
     * Policy keys that are amounts added into a plan's cost or a price: at most an int, as the cents of the network
     * files are, so that no sum of them can overflow (a split penalty of 2^63 - 1 made costs negative).
     */
    private static final String[] CENTS_POLICY_KEYS = {
        "split_penalty_cents", "ship_price_STANDARD_cents", "ship_price_EXPEDITED_cents", "ship_price_SAME_DAY_cents" };
    private static final String DEMAND_SMOOTHING = "demand_smoothing";
    private static final String HOLD_LIMIT_PREFIX = "max_open_holds_per_customer.";

    private NetworkLoader()
    {
    }

    public static Network load(final Path dir) throws NetworkException
    {
        if (!Files.isDirectory(dir))
        {
            throw new NetworkException(dir + (Files.exists(dir) ? ": a file, not a network folder" :
                ": network folder not found"));
        }

        // locations
        final TreeMap<String, Object[]> locRows = new TreeMap<>();
        try (CsvFile loc = CsvFile.open(dir, LOCATIONS, new String[]{
            "location_id", "type", "lat", "lon", "handling_cost_cents", "daily_capacity", "services",
            "same_day_radius_km" }, new String[0]))
        {
            while (loc.next())
            {
                final String id = loc.id(0, 16);
                final LocationType type = LocationType.parse(loc.text(1));
                if (type == null)
                {
                    throw loc.error(1, CsvFile.quote(loc.text(1)) + " is not one of DC, STORE, DROPSHIP");
                }
                final double lat = loc.doubleValue(2, -90, 90);
                final double lon = loc.doubleValue(3, -180, 180);
                final long handling = loc.longValue(4, 0, Integer.MAX_VALUE);
                final long capacity = loc.longValue(5, -1, Integer.MAX_VALUE);
                int mask = 0;
                for (final String part : loc.text(6).split("\\|", -1))
                {
                    final String s = CsvFile.trimBlanks(part);   // as every CSV value: blanks, not control characters
                    final Service service = Service.parse(s);
                    if (service == null)
                    {
                        throw loc.error(6, "unknown service " + CsvFile.quote(s) +
                            " (expected STANDARD, EXPEDITED, SAME_DAY)");
                    }
                    mask |= service.bit();
                }
                final double radius = loc.optionalText(7).isEmpty() ? 0 : loc.doubleValue(7, 0, 40_000);
                if (locRows.put(id, new Object[]{ type, lat, lon, handling, capacity, mask, radius }) != null)
                {
                    throw loc.error(0, "duplicate location '" + id + "'");
                }
            }
        }
        final int nLoc = locRows.size();
        final String[] locationIds = locRows.keySet().toArray(new String[0]);
        final LocationType[] types = new LocationType[nLoc];
        final double[] lats = new double[nLoc];
        final double[] lons = new double[nLoc];
        final long[] handling = new long[nLoc];
        final int[] capacity = new int[nLoc];
        final int[] services = new int[nLoc];
        final double[] radius = new double[nLoc];
        int i = 0;
        for (final Object[] r : locRows.values())
        {
            types[i] = (LocationType)r[0];
            lats[i] = (Double)r[1];
            lons[i] = (Double)r[2];
            handling[i] = (Long)r[3];
            capacity[i] = (int)(long)(Long)r[4];
            services[i] = (Integer)r[5];
            radius[i] = (Double)r[6];
            i++;
        }
        final Map<String, Integer> locIdx = indexMap(locationIds);

        // SKUs
        final TreeMap<String, long[]> skuRows = new TreeMap<>();
        try (CsvFile skuCsv = CsvFile.open(dir, SKUS, new String[]{ "sku", "weight_g", "lead_time_days" },
            new String[0]))
        {
            while (skuCsv.next())
            {
                final String sku = skuCsv.id(0, 32);
                final long weight = skuCsv.longValue(1, 0, 1_000_000_000L);
                final long lead = skuCsv.longValue(2, 0, 100_000);
                if (skuRows.put(sku, new long[]{ weight, lead }) != null)
                {
                    throw skuCsv.error(0, "duplicate sku '" + sku + "'");
                }
            }
        }
        final String[] skus = skuRows.keySet().toArray(new String[0]);
        final long[] weights = new long[skus.length];
        final int[] leads = new int[skus.length];
        i = 0;
        for (final long[] r : skuRows.values())
        {
            weights[i] = r[0];
            leads[i] = (int)r[1];
            i++;
        }
        final Map<String, Integer> skuIdx = indexMap(skus);

        // rates
        final List<Object[]> rateRows = new ArrayList<>();
        final Set<String> rateKeys = new HashSet<>();
        final TreeSet<String> carrierNames = new TreeSet<>();
        try (CsvFile rateCsv = CsvFile.open(dir, RATES, new String[]{
            "carrier", "service", "zone", "max_weight_g", "price_cents", "transit_days" }, new String[0]))
        {
            while (rateCsv.next())
            {
                final String carrier = rateCsv.id(0, 32);
                final Service service = Service.parse(rateCsv.text(1));
                if (service == null)
                {
                    throw rateCsv.error(1, "unknown service " + CsvFile.quote(rateCsv.text(1)));
                }
                final long zone = rateCsv.longValue(2, 1, 8);
                final long maxWeight = rateCsv.longValue(3, 0, Long.MAX_VALUE / 4);
                final long price = rateCsv.longValue(4, 0, Integer.MAX_VALUE);
                final long transit = rateCsv.longValue(5, 0, 365);
                if (!rateKeys.add(carrier + "|" + service + "|" + zone + "|" + maxWeight))
                {
                    throw rateCsv.error(3, "duplicate rate for " + carrier + " " + service + " zone " + zone +
                        " max_weight_g " + maxWeight);
                }
                carrierNames.add(carrier);
                rateRows.add(new Object[]{ carrier, service, zone, maxWeight, price, transit });
            }
        }
        final String[] carriers = carrierNames.toArray(new String[0]);
        final Map<String, Integer> carrierIdx = indexMap(carriers);
        final int nRates = rateRows.size();
        final int[] rCarrier = new int[nRates];
        final int[] rService = new int[nRates];
        final int[] rZone = new int[nRates];
        final long[] rMaxWeight = new long[nRates];
        final long[] rPrice = new long[nRates];
        final int[] rTransit = new int[nRates];
        for (i = 0; i < nRates; i++)
        {
            final Object[] r = rateRows.get(i);
            rCarrier[i] = carrierIdx.get((String)r[0]);
            rService[i] = ((Service)r[1]).ordinal();
            rZone[i] = (int)(long)(Long)r[2];
            rMaxWeight[i] = (Long)r[3];
            rPrice[i] = (Long)r[4];
            rTransit[i] = (int)(long)(Long)r[5];
        }
        final RateTable rates = new RateTable(carriers, rCarrier, rService, rZone, rMaxWeight, rPrice, rTransit);

        // policy
        final Map<String, String> policy = new TreeMap<>();
        final List<String> warnings = new ArrayList<>();
        final Path policyPath = dir.resolve(POLICY);
        if (Files.exists(policyPath))
        {
            final java.util.TreeSet<String> givenTwice = new java.util.TreeSet<>();
            final Properties props = new Properties()
            {
                private static final long serialVersionUID = 1L;

                @Override
                public synchronized Object put(final Object key, final Object value)
                {
                    if (containsKey(key))
                    {
                        givenTwice.add(String.valueOf(key)); // Properties.load keeps the last one silently
                    }
                    return super.put(key, value);
                }
            };
            try (Reader r = Files.newBufferedReader(policyPath, StandardCharsets.UTF_8))
            {
                // a byte-order mark (editors on Windows write one) is not part of the first key, as in the CSV files:
                // read as one, the first setting was an unknown key and silently not applied
                r.mark(1);
                if (r.read() != '\uFEFF')
                {
                    r.reset();
                }
                props.load(r);
            }
            catch (final CharacterCodingException ex)
            {
                throw new NetworkException(IoMessages.notUtf8(POLICY, policyPath));
            }
            catch (final IOException ex)
            {
                throw new NetworkException(POLICY + ": cannot read: " + IoMessages.describe(ex));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new NetworkException(POLICY + ": cannot read: " + ex.getMessage());
            }
            for (final String key : props.stringPropertyNames())
            {
                policy.put(key, props.getProperty(key).trim());
            }
            for (final String key : givenTwice)
            {
                warnings.add(POLICY + ": key " + CsvFile.quote(key) + " is given more than once; the last value, " +
                    CsvFile.quote(props.getProperty(key).trim()) + ", is used");
            }
            warnings.addAll(checkPolicy(policy));
        }
        final long splitPenalty = Long.parseLong(policy.getOrDefault("split_penalty_cents", "0"));
        final long bookMaxMib =
            Long.parseLong(policy.getOrDefault("order_book_max_mib", Long.toString(Engine.DEFAULT_BOOK_MAX_MIB)));

        // stock: read a row at a time into primitive arrays (a big retailer's file has tens of millions of rows), the
        // size checked first (the positions are known from the SKUs and locations) and duplicates found in a bitset
        // over the positions
        checkPositions(skus.length, nLoc, bookMaxMib, maxDirectMemory(), warnings);
        final StockRows stockRows = new StockRows();
        final long[] seen = new long[(int)(((long)skus.length * nLoc + 63) >>> 6)];
        try (CsvFile stockCsv = CsvFile.open(dir, STOCK, new String[]{ "sku", "location_id", "on_hand" },
            new String[]{ "safety_stock" }))
        {
            while (stockCsv.next())
            {
                final String sku = stockCsv.text(0);
                final Integer s = skuIdx.get(sku);
                if (s == null)
                {
                    throw stockCsv.error(0, "unknown sku " + CsvFile.quote(sku) + " (not in " + SKUS + ")");
                }
                final String l = stockCsv.text(1);
                final Integer li = locIdx.get(l);
                if (li == null)
                {
                    throw stockCsv.error(1, "unknown location " + CsvFile.quote(l) + " (not in " + LOCATIONS + ")");
                }
                final long position = (long)s * nLoc + li;
                final long bit = 1L << position;
                if ((seen[(int)(position >>> 6)] & bit) != 0)
                {
                    throw stockCsv.error(1, "duplicate stock row for " + sku + " at " + l);
                }
                seen[(int)(position >>> 6)] |= bit;
                stockRows.add(s, li, stockCsv.longValue(2, 0, Integer.MAX_VALUE),
                    stockCsv.optionalLong(3, 0, Integer.MAX_VALUE, 0));
            }
        }
        final int[] sSku = stockRows.trimmedSkus();
        final int[] sLoc = stockRows.trimmedLocations();
        final long[] sOnHand = stockRows.trimmedOnHand();
        final long[] sSafety = stockRows.trimmedSafety();

        // ZIPs
        final List<String> zipList = new ArrayList<>();
        double[] zLat = new double[1024];
        double[] zLon = new double[1024];
        final Set<String> zipSeen = new HashSet<>();
        try (CsvFile zipCsv = CsvFile.open(dir, ZIPS, new String[]{ "zip", "lat", "lon" }, new String[0]))
        {
            while (zipCsv.next())
            {
                final String zip = zipCsv.id(0, 16);
                if (!zipSeen.add(zip))
                {
                    throw zipCsv.error(0, "duplicate zip '" + zip + "'");
                }
                final int z = zipList.size();
                if (z == zLat.length)
                {
                    zLat = Arrays.copyOf(zLat, 2 * z);
                    zLon = Arrays.copyOf(zLon, 2 * z);
                }
                zipList.add(zip);
                zLat[z] = zipCsv.doubleValue(1, -90, 90);
                zLon[z] = zipCsv.doubleValue(2, -180, 180);
            }
        }
        final String[] zips = zipList.toArray(new String[0]);
        zLat = Arrays.copyOf(zLat, zips.length);
        zLon = Arrays.copyOf(zLon, zips.length);

        checkZones(zips.length, nLoc);

        // channels
        final TreeMap<String, TreeMap<String, Integer>> channelSkus = new TreeMap<>();
        final TreeMap<String, boolean[]> channelLocations = new TreeMap<>();
        if (Files.exists(dir.resolve(CHANNEL_SKUS)))
        {
            try (CsvFile cs = CsvFile.open(dir, CHANNEL_SKUS, new String[]{ "channel", "channel_sku", "sku" },
                new String[0]))
            {
                while (cs.next())
                {
                    final String channel = cs.id(0, 32);
                    final String listing = cs.id(1, 32);
                    final String sku = cs.text(2);
                    final Integer s = skuIdx.get(sku);
                    if (s == null)
                    {
                        throw cs.error(2, "unknown sku " + CsvFile.quote(sku) + " (not in " + SKUS + ")");
                    }
                    if (channelSkus.computeIfAbsent(channel, k -> new TreeMap<>()).put(listing, s) != null)
                    {
                        throw cs.error(1, "duplicate channel sku '" + listing + "' for channel '" + channel + "'");
                    }
                }
            }
        }
        if (Files.exists(dir.resolve(CHANNEL_LOCATIONS)))
        {
            try (CsvFile cl = CsvFile.open(dir, CHANNEL_LOCATIONS, new String[]{ "channel", "location_id" },
                new String[0]))
            {
                while (cl.next())
                {
                    final String channel = cl.id(0, 32);
                    final String l = cl.text(1);
                    final Integer li = locIdx.get(l);
                    if (li == null)
                    {
                        throw cl.error(1, "unknown location " + CsvFile.quote(l) + " (not in " + LOCATIONS + ")");
                    }
                    final boolean[] allowed = channelLocations.computeIfAbsent(channel, k -> new boolean[nLoc]);
                    if (allowed[li])
                    {
                        throw cl.error(1, "duplicate rule for channel '" + channel + "' and location '" + l + "'");
                    }
                    allowed[li] = true;
                }
            }
        }
        final TreeSet<String> channelNames = new TreeSet<>(channelSkus.keySet());
        channelNames.addAll(channelLocations.keySet());
        final String[] channels = channelNames.toArray(new String[0]);
        @SuppressWarnings("unchecked")
        final Object2IntHashMap<String>[] channelSkuMaps = new Object2IntHashMap[channels.length];
        final boolean[][] channelAllows = new boolean[channels.length][];
        for (i = 0; i < channels.length; i++)
        {
            channelSkuMaps[i] = new Object2IntHashMap<>(Network.MISSING);
            final TreeMap<String, Integer> m = channelSkus.get(channels[i]);
            if (m != null)
            {
                for (final Map.Entry<String, Integer> e : m.entrySet())
                {
                    channelSkuMaps[i].put(e.getKey(), (int)e.getValue());
                }
            }
            channelAllows[i] = channelLocations.get(channels[i]);
        }

        final Network network = new Network(locationIds, types, lats, lons, handling, capacity, services, radius,
            skus, weights, leads, zips, zLat, zLon, channels, channelSkuMaps, channelAllows, rates,
            sSku, sLoc, sOnHand, sSafety, splitPenalty, policy);
        network.loadWarnings = List.copyOf(warnings);
        return network;
    }

    /**
     * @return where a run setting given in the policy goes instead, or null when the key is not one.
     */
    private static String runSetting(final String key)
    {
        for (final String[] setting : RUN_SETTINGS)
        {
            if (setting[0].equals(key))
            {
                return setting[1];
            }
        }
        return null;
    }

    /**
     * Checks every key of policy.properties: every value must be one the engine can use. A key the engine does not
     * know is most likely a mistake (a misspelt {@code split_penalty_cents} would silently route without a penalty),
     * but it may also be a key of a newer build or of another tool sharing the file: it is ignored and warned about.
     *
     * @return the warnings (unknown keys).
     */
    static List<String> checkPolicy(final Map<String, String> policy) throws NetworkException
    {
        final List<String> warnings = new ArrayList<>();
        for (final Map.Entry<String, String> e : policy.entrySet())
        {
            final String key = e.getKey();
            final String v = e.getValue();
            if (key.startsWith(HOLD_LIMIT_PREFIX))
            {
                if (key.length() == HOLD_LIMIT_PREFIX.length())
                {
                    throw new NetworkException(POLICY + ": " + key + ": no channel after the dot (expected " +
                        HOLD_LIMIT_PREFIX + "<channel>)");
                }
                checkWholeNumber(key, v);
            }
            else if (DEMAND_SMOOTHING.equals(key))
            {
                final double alpha;
                try
                {
                    alpha = Double.parseDouble(v);
                }
                catch (final NumberFormatException ex)
                {
                    throw new NetworkException(POLICY + ": " + key + ": " + CsvFile.quote(v) + " is not a number");
                }
                if (!(alpha >= 0 && alpha <= 1))
                {
                    throw new NetworkException(POLICY + ": " + key + ": must be between 0 and 1, got " + v);
                }
            }
            else if (CsvFile.indexOf(LONG_POLICY_KEYS, key) >= 0)
            {
                final long n = checkWholeNumber(key, v);
                if (CsvFile.indexOf(CENTS_POLICY_KEYS, key) >= 0 && n > Integer.MAX_VALUE)
                {
                    throw new NetworkException(POLICY + ": " + key + ": must be at most " + Integer.MAX_VALUE +
                        ", got " + v);
                }
            }
            else if (runSetting(key) != null)
            {
                warnings.add(POLICY + ": " + key + " is not read from the policy (it is a setting of the run, not " +
                    "of the routing): ignored; use " + runSetting(key));
            }
            else
            {
                warnings.add(POLICY + ": unknown key " + CsvFile.quote(key) + " ignored (known: " +
                    String.join(", ", LONG_POLICY_KEYS) + ", " + DEMAND_SMOOTHING + ", " + HOLD_LIMIT_PREFIX +
                    "<channel>)");
            }
        }
        final String retention = policy.get("order_retention_days");
        if (retention != null && Long.parseLong(retention) == 0)
        {
            throw new NetworkException(POLICY + ": order_retention_days: must be at least 1 (leave it out to " +
                "keep every order)");
        }
        final String bookMax = policy.get("order_book_max_mib");
        if (bookMax != null && (Long.parseLong(bookMax) < 1 || Long.parseLong(bookMax) > Engine.MAX_BOOK_MAX_MIB))
        {
            throw new NetworkException(POLICY + ": order_book_max_mib: must be 1.." + Engine.MAX_BOOK_MAX_MIB +
                ", got " + bookMax);
        }
        return warnings;
    }

    private static long checkWholeNumber(final String key, final String v) throws NetworkException
    {
        final long n;
        try
        {
            n = Long.parseLong(v);
        }
        catch (final NumberFormatException ex)
        {
            throw new NetworkException(POLICY + ": " + key + ": " + CsvFile.quote(v) +
                (CsvFile.isWholeNumber(v) ? " is out of range" : " is not a whole number"));
        }
        if (n < 0)
        {
            throw new NetworkException(POLICY + ": " + key + ": must not be negative, got " + v);
        }
        return n;
    }

    /**
     * The engine's stock positions are one record per SKU × location, off the heap: a network with more positions
     * than an int counts, or whose records (32 bytes a position with the derived availability) would not fit in the
     * JVM's direct memory, is refused here, with the numbers, rather than failing inside the engine. When the order
     * books could not grow to their ceiling beside them, a warning says so (the books grow with the orders kept, and
     * a small JVM for a small day is fine).
     *
     * @return the warnings.
     */
    static List<String> checkSize(final long skus, final long locations, final long zips, final long bookMaxMib,
        final long maxDirectBytes) throws NetworkException
    {
        final List<String> warnings = new ArrayList<>();
        checkPositions(skus, locations, bookMaxMib, maxDirectBytes, warnings);
        checkZones(zips, locations);
        return warnings;
    }

    private static void checkPositions(final long skus, final long locations, final long bookMaxMib,
        final long maxDirectBytes, final List<String> warnings) throws NetworkException
    {
        final long positions = skus * locations;
        if (positions > StockStore.MAX_POSITIONS)
        {
            throw new NetworkException(String.format(java.util.Locale.ROOT, "network too large: %,d SKUs × %,d " +
                "locations = %,d stock positions; the engine holds at most %,d", skus, locations, positions,
                StockStore.MAX_POSITIONS));
        }
        if (StockStore.bitsetBytes(skus, locations) > StockStore.MAX_BITSET_BYTES)
        {
            throw new NetworkException(String.format(java.util.Locale.ROOT, "network too large: %,d SKUs × %,d " +
                "locations: the SKUs' availability bitsets would pass 2 GiB (one buffer)", skus, locations));
        }
        final long stockBytes = StockStore.offHeapBytes(skus, locations);
        if (stockBytes > maxDirectBytes)
        {
            // whole SKUs at this many locations, each with its records and its availability bits
            final long fit = maxDirectBytes / StockStore.offHeapBytes(1, locations) * locations;
            throw new NetworkException(String.format(java.util.Locale.ROOT, "network too large for this JVM: %,d " +
                "SKUs × %,d locations = %,d stock positions take %,d MiB off the heap (%d bytes each), more than " +
                "the JVM's %,d MiB of direct memory; at most %,d positions fit. Give the JVM more " +
                "(-XX:MaxDirectMemorySize, or a larger -Xmx, in OMNIROUTE_JAVA_OPTS)", skus, locations, positions,
                stockBytes >> 20, StockStore.BYTES_PER_POSITION, maxDirectBytes >> 20, fit));
        }
        final long bookBytes = bookMaxMib << 20;
        if (stockBytes + bookBytes > maxDirectBytes)
        {
            warnings.add(String.format(java.util.Locale.ROOT, "the stock positions take %,d MiB off the heap and the " +
                "order books may grow to %,d MiB (policy order_book_max_mib): more than the JVM's %,d MiB of direct " +
                "memory. Give the JVM more (-XX:MaxDirectMemorySize, or a larger -Xmx, in OMNIROUTE_JAVA_OPTS) or " +
                "lower order_book_max_mib before the books fill it", stockBytes >> 20, bookMaxMib,
                maxDirectBytes >> 20));
        }
    }

    /**
     * @return the JVM's limit on direct buffer memory (-XX:MaxDirectMemorySize, by default the heap's maximum), or
     * no limit when it cannot be read.
     */
    static long maxDirectMemory()
    {
        try
        {
            final com.sun.management.HotSpotDiagnosticMXBean hotspot = java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            final long configured = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return Long.MAX_VALUE;
        }
    }

    private static void checkZones(final long zips, final long locations) throws NetworkException
    {
        if (zips * locations > Integer.MAX_VALUE - 8)
        {
            throw new NetworkException(String.format(java.util.Locale.ROOT, "network too large: %,d ZIPs × %,d " +
                "locations pass the zone cache's %,d entries", zips, locations, Integer.MAX_VALUE - 8));
        }
    }

    /** The stock file's rows as they are read: growing primitive arrays, no object per row. */
    private static final class StockRows
    {
        private int[] sku = new int[1024];
        private int[] location = new int[1024];
        private long[] onHand = new long[1024];
        private long[] safety = new long[1024];
        private int count;

        void add(final int s, final int l, final long onHandUnits, final long safetyUnits)
        {
            if (count == sku.length)
            {
                final int n = count < (1 << 30) ? 2 * count : Integer.MAX_VALUE - 8;
                sku = Arrays.copyOf(sku, n);
                location = Arrays.copyOf(location, n);
                onHand = Arrays.copyOf(onHand, n);
                safety = Arrays.copyOf(safety, n);
            }
            sku[count] = s;
            location[count] = l;
            onHand[count] = onHandUnits;
            safety[count] = safetyUnits;
            count++;
        }

        int[] trimmedSkus()
        {
            return Arrays.copyOf(sku, count);
        }

        int[] trimmedLocations()
        {
            return Arrays.copyOf(location, count);
        }

        long[] trimmedOnHand()
        {
            return Arrays.copyOf(onHand, count);
        }

        long[] trimmedSafety()
        {
            return Arrays.copyOf(safety, count);
        }
    }

    private static Map<String, Integer> indexMap(final String[] keys)
    {
        final Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < keys.length; i++)
        {
            m.put(keys[i], i);
        }
        return m;
    }
}
