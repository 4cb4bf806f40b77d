package io.omniroute.gateway.demo;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The peak-season command stream (SPEC §3, §4): Black Friday to Cyber Monday compressed into
 * {@link DemoGenerator#DAYS} business days separated by {@code new_day}, each day's orders spread over sixteen
 * hours of {@code ts}.
 * <ul>
 * <li>ship-to ZIPs drawn by city population, each city spread over the ZIP centroids around it;</li>
 * <li>channels web 50 %, app 20 %, marketplace 20 %, store POS 10 % (endless aisle: shoppers near a store);</li>
 * <li>service STANDARD 80 %, EXPEDITED 15 %, SAME_DAY 5 % (offered only to ZIPs within a store's radius, never
 * on the marketplace, which the stores do not serve);</li>
 * <li>1 line 55 %, 2 lines 25 %, 3 lines 12 %, 4–8 lines 8 %, distinct SKUs; mostly one unit;</li>
 * <li>a few flash-sale SKUs take 16 % of lines in each morning's doorbuster hours and 6 % after, the rest follow
 * a Zipf-like long tail; marketplace lines name the listing ({@code AMZ-<sku>}) where there is one;</li>
 * <li>{@code ship_complete} on 10 % of orders, {@code max_transit_days} on 8 %;</li>
 * <li>about 1.5 % of orders cancelled a few minutes later, and replenishment {@code receive}s, mostly at DCs
 * for the SKUs that sell.</li>
 * </ul>
 */
final class DemoStream
{
    static final String MARKETPLACE_PREFIX = "AMZ-";

    /** 2025-11-28T11:00:00Z, 06:00 on the US east coast on Black Friday. */
    static final long FIRST_MORNING_TS = 1_764_327_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final long SELLING_HOURS_MS = 16 * 3_600_000L;

    private static final double HOT_SHARE_DOORBUSTER = 0.30;
    private static final double HOT_SHARE_LATER = 0.10;
    private static final double DOORBUSTER_FRACTION = 0.10;
    /** The long tail's weights are 1 / (rank + ZIPF_OFFSET): Zipf-Mandelbrot, the top SKU about 3 % of lines. */
    private static final double ZIPF_OFFSET = 10;
    /** Same-day shoppers want what the store down the road has: the head of the catalog. */
    static final int SAME_DAY_HEAD = 60;
    static final double SAME_DAY_MEAN_LINES = 1.25;

    private static final double CANCEL_RATE = 0.015;
    private static final double RECEIVE_RATE = 0.005;

    private final DemoGenerator.Model m;
    private final DemoGeography geo;
    private final int orderCount;
    private final SplittableRandom rnd;

    /** Per city, the ZIPs its orders ship to. */
    private final int[][] cityZips;
    private final Draw anyCity;
    private final Draw nearStoreCity;
    private final Draw sameDayCity;
    /** Per city, its ZIPs within some store's same-day radius (only for cities in sameDayCity). */
    private final int[][] sameDayZips;
    /** Long-tail ranks by Zipf weight. */
    private final double[] tailCumulative;
    /** SKUs by their share of order lines, for replenishment. */
    private final double[] skuCumulative;

    private final StringBuilder sb = new StringBuilder(512);
    private final int[] chosen = new int[8];
    private final int[] nearStores;

    DemoStream(final DemoGenerator.Model m, final int orderCount, final SplittableRandom rnd)
    {
        this.m = m;
        this.geo = m.geo;
        this.orderCount = orderCount;
        this.rnd = rnd;

        nearStores = new int[m.locations.length];
        cityZips = new int[geo.cityCount][];
        sameDayZips = new int[geo.cityCount][];
        final long[] all = new long[geo.cityCount];
        final long[] nearStore = new long[geo.cityCount];
        final long[] sameDay = new long[geo.cityCount];
        for (int c = 0; c < geo.cityCount; c++)
        {
            final long pop = geo.cityPopulation[c];
            final double spreadKm = Math.max(3, Math.min(20, 2 + Math.sqrt(pop) / 150));
            cityZips[c] = geo.zipsNear(geo.cityLat[c], geo.cityLon[c], spreadKm, 48);
            if (cityZips[c].length == 0)
            {
                continue;
            }
            all[c] = pop;
            double nearestStoreKm = Double.MAX_VALUE;
            for (final DemoGenerator.Location l : m.locations)
            {
                if (l.type == DemoGenerator.Type.STORE)
                {
                    nearestStoreKm = Math.min(nearestStoreKm, geo.cityKm(c, l.city));
                }
            }
            if (nearestStoreKm <= 50)
            {
                nearStore[c] = pop;
            }
            final int[] within = withinSameDayRadius(cityZips[c]);
            if (within.length > 0)
            {
                sameDayZips[c] = within;
                sameDay[c] = pop;
            }
        }
        anyCity = new Draw(all);
        nearStoreCity = new Draw(nearStore);
        sameDayCity = new Draw(sameDay);

        final int tail = m.sku.length - m.hotCount;
        tailCumulative = new double[Math.max(1, tail)];
        double sum = 0;
        for (int r = 0; r < tail; r++)
        {
            sum += zipf(r);
            tailCumulative[r] = sum;
        }
        skuCumulative = new double[m.sku.length];
        sum = 0;
        for (int s = 0; s < m.sku.length; s++)
        {
            sum += m.lineShare[s];
            skuCumulative[s] = sum;
        }
    }

    private int[] withinSameDayRadius(final int[] zips)
    {
        final List<Integer> out = new ArrayList<>();
        for (final int z : zips)
        {
            for (final DemoGenerator.Location l : m.locations)
            {
                if (l.type == DemoGenerator.Type.STORE &&
                    geo.zipKm(z, geo.cityLat[l.city], geo.cityLon[l.city]) <= l.sameDayRadiusKm)
                {
                    out.add(z);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static double zipf(final int rank)
    {
        return 1.0 / (rank + ZIPF_OFFSET);
    }

    static double averageHotShare()
    {
        return DOORBUSTER_FRACTION * HOT_SHARE_DOORBUSTER + (1 - DOORBUSTER_FRACTION) * HOT_SHARE_LATER;
    }

    /** Expected lines per order (before capping at the catalog's size). */
    static double meanLines()
    {
        return 0.55 * 1 + 0.25 * 2 + 0.12 * 3 + 0.08 * 6;
    }

    /** Expected same-day order lines per order of the stream: 5 % of the 80 % not on the marketplace, 1.25 lines. */
    static double sameDayLines()
    {
        return 0.8 * 0.05 * SAME_DAY_MEAN_LINES;
    }

    /** Expected units per line. */
    static double meanQty()
    {
        return 0.88 * 1 + 0.09 * 2 + 0.03 * 4.5;
    }

    void write(final Writer w) throws IOException
    {
        final int days = Math.min(DemoGenerator.DAYS, Math.max(1, orderCount));
        // cancels waiting for their moment: (due order number << 32) | order number
        final PriorityQueue<Long> cancels = new PriorityQueue<>();
        int n = 0;
        long ts = FIRST_MORNING_TS;
        for (int d = 0; d < days; d++)
        {
            final long morning = FIRST_MORNING_TS + d * DAY_MS;
            ts = Math.max(ts + 1, morning);
            final int today = orderCount / days + (d < orderCount % days ? 1 : 0);
            final int doorbuster = (int)(today * DOORBUSTER_FRACTION);
            for (int i = 0; i < today; i++)
            {
                // the i-th of today's orders arrives at a random moment of the i-th slice of the selling hours
                ts = Math.max(ts + 1, morning + (long)((i + rnd.nextDouble()) * SELLING_HOURS_MS / today));
                n++;
                order(w, n, ts, i < doorbuster ? HOT_SHARE_DOORBUSTER : HOT_SHARE_LATER);
                if (rnd.nextDouble() < CANCEL_RATE)
                {
                    final long due = n + 1 + rnd.nextInt(400);
                    cancels.add(due << 32 | n);
                }
                while (!cancels.isEmpty() && cancels.peek() >>> 32 <= n)
                {
                    final long c = cancels.poll();
                    ts += 1 + rnd.nextInt(1000);
                    sb.setLength(0);
                    sb.append("{\"type\":\"cancel\",\"order_id\":\"o-").append(c & 0xFFFF_FFFFL).append("\",\"ts\":")
                        .append(ts).append("}\n");
                    w.write(sb.toString());
                }
                if (rnd.nextDouble() < RECEIVE_RATE)
                {
                    ts += 1 + rnd.nextInt(1000);
                    receive(w, ts);
                }
            }
            if (d < days - 1)
            {
                ts = Math.max(ts + 1, morning + 18 * 3_600_000L); // midnight on the east coast
                w.write("{\"type\":\"new_day\",\"ts\":" + ts + "}\n");
                ts = restockStores(w, ts);
            }
        }
    }

    private void order(final Writer w, final int n, final long ts, final double hotShare) throws IOException
    {
        final int channelRoll = rnd.nextInt(100);
        final String channel = channelRoll < 50 ? "web" : channelRoll < 70 ? "app" : channelRoll < 90 ? "mkt" : "pos";
        final boolean mkt = "mkt".equals(channel);
        final int serviceRoll = rnd.nextInt(100);
        final String service = serviceRoll < 80 ? "STANDARD" : serviceRoll < 95 || mkt ? "EXPEDITED" : "SAME_DAY";

        final String zip;
        int reachable = 0;
        if ("SAME_DAY".equals(service) && sameDayCity.total > 0)
        {
            final int c = sameDayCity.pick(rnd);
            final int z = sameDayZips[c][rnd.nextInt(sameDayZips[c].length)];
            zip = geo.zip[z];
            for (int l = 0; l < m.locations.length; l++)
            {
                final DemoGenerator.Location loc = m.locations[l];
                if (loc.type == DemoGenerator.Type.STORE &&
                    geo.zipKm(z, geo.cityLat[loc.city], geo.cityLon[loc.city]) <= loc.sameDayRadiusKm)
                {
                    nearStores[reachable++] = l;
                }
            }
        }
        else
        {
            final boolean nearStore = "pos".equals(channel) && nearStoreCity.total > 0;
            final int c = nearStore ? nearStoreCity.pick(rnd) : anyCity.pick(rnd);
            zip = geo.zip[cityZips[c][rnd.nextInt(cityZips[c].length)]];
        }

        final boolean sameDay = "SAME_DAY".equals(service);
        final int lineRoll = rnd.nextInt(100);
        final int wanted = Math.min(m.sku.length, sameDay ? (lineRoll < 75 ? 1 : 2) :
            lineRoll < 55 ? 1 : lineRoll < 80 ? 2 : lineRoll < 92 ? 3 : 4 + rnd.nextInt(5));
        int lines = 0;
        for (int tries = 0; lines < wanted && tries < 4 * wanted + 8; tries++)
        {
            final int s = drawSku(hotShare, sameDay ? SAME_DAY_HEAD : Integer.MAX_VALUE);
            if (reachable > 0 && tries < 4 * wanted && !carried(s, reachable))
            {
                continue; // the storefront offers same-day only on what a store within reach carries
            }
            boolean dup = false;
            for (int i = 0; i < lines; i++)
            {
                dup |= chosen[i] == s;
            }
            if (!dup)
            {
                chosen[lines++] = s;
            }
        }

        sb.setLength(0);
        sb.append("{\"type\":\"order\",\"order_id\":\"o-").append(n).append("\",\"channel\":\"").append(channel)
            .append("\",\"zip\":\"").append(zip).append("\",\"service\":\"").append(service)
            .append("\",\"ship_complete\":").append(rnd.nextInt(100) < 10);
        if (!"SAME_DAY".equals(service) && rnd.nextInt(100) < 8)
        {
            final int[] choices = "STANDARD".equals(service) ? new int[]{ 2, 3, 3, 4, 4, 5 } : new int[]{ 1, 2, 2 };
            sb.append(",\"max_transit_days\":").append(choices[rnd.nextInt(choices.length)]);
        }
        sb.append(",\"lines\":[");
        for (int i = 0; i < lines; i++)
        {
            final int s = chosen[i];
            final int qtyRoll = rnd.nextInt(100);
            final int qty = qtyRoll < 88 ? 1 : qtyRoll < 97 ? 2 : 3 + rnd.nextInt(4);
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append("{\"sku\":\"");
            if (mkt && m.listed[s])
            {
                sb.append(MARKETPLACE_PREFIX);
            }
            sb.append(m.sku[s]).append("\",\"qty\":").append(qty).append(",\"unit_price_cents\":")
                .append(m.priceCents[s]).append('}');
        }
        sb.append("],\"ts\":").append(ts).append("}\n");
        w.write(sb.toString());
    }

    private boolean carried(final int sku, final int reachable)
    {
        for (int i = 0; i < reachable; i++)
        {
            if (Arrays.binarySearch(m.stockedAt[sku], nearStores[i]) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /** A flash-sale SKU with probability hotShare, else one of the first {@code head} of the long tail by weight. */
    private int drawSku(final double hotShare, final int head)
    {
        final int tail = Math.min(head, m.sku.length - m.hotCount);
        if (tail == 0 || rnd.nextDouble() < hotShare)
        {
            return m.byPopularity[rnd.nextInt(m.hotCount)];
        }
        return m.byPopularity[m.hotCount + search(tailCumulative, tail, rnd.nextDouble() * tailCumulative[tail - 1])];
    }

    /** The first index below n whose cumulative weight exceeds u. */
    private static int search(final double[] cumulative, final int n, final double u)
    {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
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

    /**
     * A delivery: four in five at a DC, in cases, sized to a few days of the SKU's demand; the rest a small
     * transfer into a store that carries the SKU.
     */
    private void receive(final Writer w, final long ts) throws IOException
    {
        final int last = skuCumulative.length - 1;
        final int s = search(skuCumulative, skuCumulative.length, rnd.nextDouble() * skuCumulative[last]);
        final int[] at = m.stockedAt[s];
        if (at.length == 0)
        {
            return;
        }
        final boolean toStore = rnd.nextInt(100) < 20;
        final List<Integer> fit = new ArrayList<>();
        for (final int l : at)
        {
            final boolean store = m.locations[l].type == DemoGenerator.Type.STORE;
            if (store == toStore && m.locations[l].type != DemoGenerator.Type.DROPSHIP)
            {
                fit.add(l);
            }
        }
        final int l = fit.isEmpty() ? at[rnd.nextInt(at.length)] : fit.get(rnd.nextInt(fit.size()));
        final long qty;
        if (m.locations[l].type == DemoGenerator.Type.STORE)
        {
            qty = 6 + rnd.nextInt(19);
        }
        else
        {
            final double units = orderCount * meanLines() * meanQty() * m.lineShare[s];
            final int casePack = m.weightG[s] > 5_000 ? 4 : 12;
            final long cases = Math.max(1, Math.round(units * (0.05 + rnd.nextDouble() * 0.15) / casePack));
            qty = cases * casePack;
        }
        sb.setLength(0);
        sb.append("{\"type\":\"receive\",\"sku\":\"").append(m.sku[s]).append("\",\"location_id\":\"")
            .append(m.locations[l].id).append("\",\"qty\":").append(qty).append(",\"ts\":").append(ts).append("}\n");
        w.write(sb.toString());
    }

    /**
     * The night's trucks restock each store with about a day of what it sells of the flash-sale SKUs and the head
     * of the catalog, in packs of six, where that is at least two units.
     */
    private long restockStores(final Writer w, final long after) throws IOException
    {
        long ts = after;
        for (int l = 0; l < m.locations.length; l++)
        {
            final DemoGenerator.Location store = m.locations[l];
            if (store.type != DemoGenerator.Type.STORE)
            {
                continue;
            }
            for (int r = 0; r < Math.min(m.sku.length, m.hotCount + SAME_DAY_HEAD); r++)
            {
                final int s = m.byPopularity[r];
                final double daily = DemoGenerator.storeDailyUnits(m, s, store);
                if (daily < 2 || Arrays.binarySearch(m.stockedAt[s], l) < 0)
                {
                    continue;
                }
                final long qty = 6 * Math.max(1, Math.round(daily * (0.8 + rnd.nextDouble() * 0.4) / 6));
                ts += 1 + rnd.nextInt(200);
                sb.setLength(0);
                sb.append("{\"type\":\"receive\",\"sku\":\"").append(m.sku[s]).append("\",\"location_id\":\"")
                    .append(store.id).append("\",\"qty\":").append(qty).append(",\"ts\":").append(ts).append("}\n");
                w.write(sb.toString());
            }
        }
        return ts;
    }

    /** Draws an index with probability proportional to its weight. */
    private static final class Draw
    {
        final long[] cumulative;
        final long total;

        Draw(final long[] weights)
        {
            cumulative = new long[weights.length];
            long sum = 0;
            for (int i = 0; i < weights.length; i++)
            {
                sum += weights[i];
                cumulative[i] = sum;
            }
            total = sum;
        }

        int pick(final SplittableRandom rnd)
        {
            final long u = rnd.nextLong(total);
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi)
            {
                final int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u)
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
    }
}
