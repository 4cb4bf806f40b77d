package io.omniroute.bench.flash;

import io.omniroute.engine.Engine;
import io.omniroute.engine.Geo;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkException;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.Service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The flash-sale workload every system runs: the demo network's locations, SKUs, rates and ZIPs (real US
 * geography), orders shipped to ZIPs drawn as the demo draws them (by city population), a few hot SKUs with
 * limited stock that sell out about halfway through the run, and a long tail stocked deep.
 * <p>
 * The workload is sized to a run: {@code orders} orders, hot stock at {@link #HOT_COVER} of the hot units ordered,
 * tail stock at {@link #TAIL_COVER} times the expected units. Every system gets the same generator and seed, so runs
 * of different lengths see the same mix. Capacity is unlimited and safety stock 0 (the peers model neither); every
 * order is a STANDARD web order ({@code ship_complete} false), so every location may serve it.
 */
public final class FlashSaleWorkload
{
    public static final double HOT_SHARE = 0.4;
    public static final double HOT_COVER = 0.5;
    public static final double TAIL_COVER = 3.0;
    private static final double[] LINES_CUMULATIVE = { 0.70, 0.90, 1.0 };
    private static final double MEAN_LINES = 0.70 + 2 * 0.20 + 3 * 0.10;
    private static final double MEAN_QTY = 1.1;

    public final Network network;
    public final Path networkDir;
    public final int[] hotSkus;
    /** Opening stock (= available to promise) by sku * locationCount + location. */
    public final long[] stock;

    public final int orderCount;
    public final String[] orderIds;
    public final int[] orderZip;
    /** Lines of order k are lineStart[k] .. lineStart[k + 1] - 1, in ascending SKU index. */
    public final int[] lineStart;
    public final int[] lineSku;
    public final int[] lineQty;

    private final int[][] nearestByZip;

    private FlashSaleWorkload(final Network network, final Path networkDir, final int[] hotSkus, final long[] stock,
        final int orderCount, final int[] orderZip, final int[] lineStart, final int[] lineSku, final int[] lineQty)
    {
        this.network = network;
        this.networkDir = networkDir;
        this.hotSkus = hotSkus;
        this.stock = stock;
        this.orderCount = orderCount;
        this.orderZip = orderZip;
        this.lineStart = lineStart;
        this.lineSku = lineSku;
        this.lineQty = lineQty;
        this.orderIds = new String[orderCount];
        for (int k = 0; k < orderCount; k++)
        {
            orderIds[k] = "f-" + k;
        }
        this.nearestByZip = new int[network.zipCount()][];
        // computed up front, before any client thread starts, so the clients only read them
        for (int k = 0; k < orderCount; k++)
        {
            nearest(orderZip[k]);
        }
    }

    /**
     * Writes the flash-sale network beside the demo's ({@code outDir/network}) and generates the orders.
     *
     * @param demoDir the demo generator's output: {@code network/} and {@code commands.jsonl}.
     */
    public static FlashSaleWorkload create(final Path demoDir, final Path outDir, final int orders, final long seed,
        final int hotCount) throws IOException, NetworkException
    {
        final Network demo = NetworkLoader.load(demoDir.resolve("network"));
        final int[] zipDraws = demoOrderZips(demo, demoDir.resolve("commands.jsonl"));
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int skus = demo.skuCount();
        final int locations = demo.locationCount();
        final boolean[] stocked = demoStocked(demoDir.resolve("network/stock.csv"), demo);

        // hot SKUs: drawn among those the demo stocks widely
        final List<Integer> wide = new ArrayList<>();
        for (int s = 0; s < skus; s++)
        {
            int n = 0;
            for (int l = 0; l < locations; l++)
            {
                n += stocked[s * locations + l] ? 1 : 0;
            }
            if (n >= 6)
            {
                wide.add(s);
            }
        }
        final int[] hot = new int[Math.min(hotCount, wide.size())];
        for (int i = 0; i < hot.length; i++)
        {
            hot[i] = wide.remove(rnd.nextInt(wide.size()));
        }
        java.util.Arrays.sort(hot);
        final boolean[] isHot = new boolean[skus];
        for (final int s : hot)
        {
            isHot[s] = true;
        }
        final int[] tail = new int[skus - hot.length];
        for (int s = 0, t = 0; s < skus; s++)
        {
            if (!isHot[s])
            {
                tail[t++] = s;
            }
        }
        final double[] tailCumulative = new double[tail.length];
        double sum = 0;
        for (int r = 0; r < tail.length; r++)
        {
            sum += 1.0 / (r + 10);
            tailCumulative[r] = sum;
        }

        // orders
        final int[] orderZip = new int[orders];
        final int[] lineStart = new int[orders + 1];
        final int[] lineSku = new int[orders * 3];
        final int[] lineQty = new int[orders * 3];
        int line = 0;
        for (int k = 0; k < orders; k++)
        {
            orderZip[k] = zipDraws[rnd.nextInt(zipDraws.length)];
            lineStart[k] = line;
            final double u = rnd.nextDouble();
            final int n = u < LINES_CUMULATIVE[0] ? 1 : u < LINES_CUMULATIVE[1] ? 2 : 3;
            while (line - lineStart[k] < n)
            {
                final int sku = rnd.nextDouble() < HOT_SHARE ? hot[rnd.nextInt(hot.length)] :
                    tail[draw(tailCumulative, rnd.nextDouble() * sum)];
                boolean dup = false;
                for (int j = lineStart[k]; j < line; j++)
                {
                    dup |= lineSku[j] == sku;
                }
                if (!dup)
                {
                    lineSku[line] = sku;
                    lineQty[line] = rnd.nextDouble() < 0.1 ? 2 : 1;
                    line++;
                }
            }
            sortLines(lineSku, lineQty, lineStart[k], line);
        }
        lineStart[orders] = line;

        // stock sized to the run
        final double lines = orders * MEAN_LINES;
        final long[] stock = new long[skus * locations];
        for (int s = 0; s < skus; s++)
        {
            final double expected;
            if (isHot[s])
            {
                expected = lines * HOT_SHARE / hot.length * MEAN_QTY * HOT_COVER;
            }
            else
            {
                final int r = java.util.Arrays.binarySearch(tail, s);
                expected = lines * (1 - HOT_SHARE) * (1.0 / (r + 10)) / sum * MEAN_QTY * TAIL_COVER + 20;
            }
            int n = 0;
            for (int l = 0; l < locations; l++)
            {
                n += stocked[s * locations + l] ? 1 : 0;
            }
            for (int l = 0; l < locations; l++)
            {
                if (stocked[s * locations + l])
                {
                    stock[s * locations + l] = Math.max(1, Math.round(expected / n * (0.6 + 0.8 * rnd.nextDouble())));
                }
            }
        }
        final Path networkDir = outDir.resolve("network");
        writeNetwork(demoDir.resolve("network"), networkDir, demo, stock);
        final Network network = NetworkLoader.load(networkDir);
        return new FlashSaleWorkload(network, networkDir, hot, stock, orders, orderZip, lineStart,
            java.util.Arrays.copyOf(lineSku, line), java.util.Arrays.copyOf(lineQty, line));
    }

    /**
     * A workload over a given network and stock (tests): orders as (zip, sku, qty) lines.
     */
    public static FlashSaleWorkload of(final Network network, final long[] stock, final int[] orderZip,
        final int[] lineStart, final int[] lineSku, final int[] lineQty)
    {
        return new FlashSaleWorkload(network, null, new int[0], stock, orderZip.length, orderZip, lineStart,
            lineSku, lineQty);
    }

    private static int draw(final double[] cumulative, final double u)
    {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static void sortLines(final int[] sku, final int[] qty, final int from, final int to)
    {
        for (int i = from + 1; i < to; i++)
        {
            for (int j = i; j > from && sku[j - 1] > sku[j]; j--)
            {
                final int ts = sku[j];
                sku[j] = sku[j - 1];
                sku[j - 1] = ts;
                final int tq = qty[j];
                qty[j] = qty[j - 1];
                qty[j - 1] = tq;
            }
        }
    }

    /** The ZIPs of the demo's orders: drawn by city population, so drawing among them is too. */
    private static int[] demoOrderZips(final Network demo, final Path commands) throws IOException
    {
        final org.agrona.collections.IntArrayList zips = new org.agrona.collections.IntArrayList();
        try (BufferedReader in = Files.newBufferedReader(commands, StandardCharsets.UTF_8))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                final int at = line.indexOf("\"zip\":\"");
                if (at >= 0 && line.startsWith("{\"type\":\"order\""))
                {
                    final int end = line.indexOf('"', at + 7);
                    final int zip = demo.zipIndex(line.substring(at + 7, end));
                    if (zip != Network.MISSING)
                    {
                        zips.addInt(zip);
                    }
                }
            }
        }
        if (zips.isEmpty())
        {
            throw new IOException("no orders with a known ZIP in " + commands);
        }
        return zips.toIntArray();
    }

    private static boolean[] demoStocked(final Path stockCsv, final Network demo) throws IOException
    {
        final boolean[] stocked = new boolean[demo.skuCount() * demo.locationCount()];
        final List<String> rows = Files.readAllLines(stockCsv, StandardCharsets.UTF_8);
        for (int i = 1; i < rows.size(); i++)
        {
            final String[] f = rows.get(i).split(",");
            final int s = demo.skuIndex(f[0]);
            final int l = demo.locationIndex(f[1]);
            if (s >= 0 && l >= 0 && demo.offers(l, Service.STANDARD))
            {
                stocked[s * demo.locationCount() + l] = true;
            }
        }
        return stocked;
    }

    private static void writeNetwork(final Path from, final Path to, final Network demo, final long[] stock)
        throws IOException
    {
        Files.createDirectories(to);
        for (final String f : new String[] { "skus.csv", "rates.csv", "zips.csv", "policy.properties" })
        {
            Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        // a full run's 6 M orders keep about 1.2 GB of records: the books' largest ceiling, so none is refused
        Files.writeString(to.resolve("policy.properties"), "\norder_book_max_mib=" + Engine.MAX_BOOK_MAX_MIB + "\n",
            StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        final List<String> locations = Files.readAllLines(from.resolve("locations.csv"), StandardCharsets.UTF_8);
        try (Writer w = Files.newBufferedWriter(to.resolve("locations.csv"), StandardCharsets.UTF_8))
        {
            w.write(locations.get(0) + "\n");
            for (int i = 1; i < locations.size(); i++)
            {
                final String[] f = locations.get(i).split(",", -1);
                f[5] = "-1";
                w.write(String.join(",", f) + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(to.resolve("stock.csv"), StandardCharsets.UTF_8))
        {
            w.write("sku,location_id,on_hand,safety_stock\n");
            final int locs = demo.locationCount();
            for (int s = 0; s < demo.skuCount(); s++)
            {
                for (int l = 0; l < locs; l++)
                {
                    if (stock[s * locs + l] > 0)
                    {
                        w.write(demo.sku(s) + "," + demo.locationId(l) + "," + stock[s * locs + l] + ",0\n");
                    }
                }
            }
        }
    }

    public int lineCount(final int order)
    {
        return lineStart[order + 1] - lineStart[order];
    }

    public long stock(final int sku, final int location)
    {
        return stock[sku * network.locationCount() + location];
    }

    /**
     * @return the locations offering STANDARD, nearest to the ZIP first (ties by location id): the peers' order of
     * preference. Computed for every ZIP of the workload when it is built.
     */
    public int[] nearest(final int zip)
    {
        int[] near = nearestByZip[zip];
        if (near == null)
        {
            final int n = network.locationCount();
            final double[] km = new double[n];
            final List<Integer> locs = new ArrayList<>();
            for (int l = 0; l < n; l++)
            {
                km[l] = Geo.distanceKm(network.latitude(l), network.longitude(l), network.zipLatitude(zip),
                    network.zipLongitude(zip));
                if (network.offers(l, Service.STANDARD))
                {
                    locs.add(l);
                }
            }
            locs.sort((a, b) -> km[a] != km[b] ? Double.compare(km[a], km[b]) : Integer.compare(a, b));
            near = locs.stream().mapToInt(Integer::intValue).toArray();
            nearestByZip[zip] = near;
        }
        return near;
    }

    public long totalStockUnits()
    {
        long t = 0;
        for (final long s : stock)
        {
            t += s;
        }
        return t;
    }
}
