package io.omniroute.engine;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Availability per (channel, SKU) and reorder signals (SPEC §3). SKUs whose stock position changed are marked dirty;
 * at the end of a batch each dirty SKU's availability is recomputed for every known channel and an event is emitted
 * where it differs from the last one published, so each (channel, SKU) gets at most one event per batch. Channels
 * are those named in the network files followed by those seen in commands, in order of first appearance.
 * <p>
 * Demand is units ordered per business day, smoothed at each new day with {@code demand_smoothing} (policy, default
 * 0.3); a reorder event fires when network availability falls below demand × lead time + Σ safety stock, once per
 * crossing.
 */
final class AvailabilityFeed
{
    private final Network network;
    private final StockStore stock;
    private final EngineEvents events = new EngineEvents();
    private final Object2IntHashMap<String> channelIndex = new Object2IntHashMap<>(Network.MISSING);
    private final List<String> channelNames = new ArrayList<>();
    private final double smoothing;
    private boolean enabled;

    private final long[] dirty;
    private long[][] published;
    /**
     * Every location's availability per SKU as of the last flush (the start of the batch): the baseline of a channel
     * first seen during a batch. Such a channel is not in the channel files, so it has no rules and sees every
     * location; taking its baseline when it is registered instead would miss what the batch changed before (a hold
     * expiry in the same command, an earlier command of the batch).
     */
    private long[] publishedAll;
    private final long[] unitsToday;
    private final double[] dailyDemand;
    private final boolean[] belowReorderPoint;
    private boolean reorderCheckAll;

    AvailabilityFeed(final Network network, final StockStore stock)
    {
        this.network = network;
        this.stock = stock;
        final int skus = network.skuCount();
        dirty = new long[(skus + 63) / 64 + 1];
        unitsToday = new long[skus];
        dailyDemand = new double[skus];
        belowReorderPoint = new boolean[skus];
        for (int c = 0; c < network.channelCount(); c++)
        {
            channel(network.channel(c));
        }
        double alpha = 0.3;
        try
        {
            alpha = Double.parseDouble(network.policy("demand_smoothing", "0.3"));
        }
        catch (final NumberFormatException ignore)
        {
            // validated by the loader (NetworkLoader.checkPolicy)
        }
        smoothing = alpha;
        published = new long[channelNames.size()][];
    }

    /**
     * Turns publishing on; the current availability becomes the baseline that later events are compared with.
     */
    void enable()
    {
        if (!enabled)
        {
            enabled = true;
            for (int c = 0; c < channelNames.size(); c++)
            {
                published[c] = baseline(c);
            }
            publishedAll = allLocations();
            for (int s = 0; s < network.skuCount(); s++)
            {
                belowReorderPoint[s] = networkAvailable(s) < reorderPoint(s);
            }
        }
    }

    boolean enabled()
    {
        return enabled;
    }

    private long[] allLocations()
    {
        final long[] p = new long[network.skuCount()];
        for (int s = 0; s < p.length; s++)
        {
            p[s] = networkAvailable(s);
        }
        return p;
    }

    private long[] baseline(final int c)
    {
        final long[] p = new long[network.skuCount()];
        for (int s = 0; s < p.length; s++)
        {
            p[s] = available(c, s);
        }
        return p;
    }

    /**
     * @return the registry index of a channel, registering it on first sight.
     */
    int channel(final String name)
    {
        int idx = channelIndex.getValue(name);
        if (idx == Network.MISSING)
        {
            idx = channelNames.size();
            channelNames.add(name);
            channelIndex.put(name, idx);
            if (published != null)
            {
                published = Arrays.copyOf(published, idx + 1);
                if (enabled)
                {
                    // not in the channel files (those are registered first): no rules, every location
                    published[idx] = publishedAll.clone();
                }
            }
        }
        return idx;
    }

    int channelCount()
    {
        return channelNames.size();
    }

    String channelName(final int c)
    {
        return channelNames.get(c);
    }

    private int networkChannel(final int c)
    {
        return c < network.channelCount() ? c : Network.MISSING;
    }

    long available(final int c, final int sku)
    {
        final int nc = networkChannel(c);
        long sum = 0;
        for (int l = 0, n = network.locationCount(); l < n; l++)
        {
            if (network.channelMayUse(nc, l))
            {
                sum += stock.atp(sku, l);
            }
        }
        return sum;
    }

    long networkAvailable(final int sku)
    {
        long sum = 0;
        for (int l = 0, n = network.locationCount(); l < n; l++)
        {
            sum += stock.atp(sku, l);
        }
        return sum;
    }

    long reorderPoint(final int sku)
    {
        long safety = 0;
        for (int l = 0, n = network.locationCount(); l < n; l++)
        {
            safety += stock.safetyStock(sku, l);
        }
        return (long)Math.ceil(dailyDemand[sku] * network.leadTimeDays(sku)) + safety;
    }

    double dailyDemand(final int sku)
    {
        return dailyDemand[sku];
    }

    void markDirty(final int sku)
    {
        dirty[sku >>> 6] |= 1L << (sku & 63);
    }

    void ordered(final int sku, final long units)
    {
        unitsToday[sku] += units;
    }

    void newDay()
    {
        for (int s = 0; s < unitsToday.length; s++)
        {
            dailyDemand[s] = smoothing * unitsToday[s] + (1 - smoothing) * dailyDemand[s];
            unitsToday[s] = 0;
        }
        reorderCheckAll = true;
    }

    /**
     * Emits the batch's events; returns them (valid until the next flush).
     */
    EngineEvents flush(final long seq)
    {
        events.clear();
        if (!enabled)
        {
            Arrays.fill(dirty, 0);
            reorderCheckAll = false;
            return events;
        }
        final int skus = network.skuCount();
        for (int w = 0; w < dirty.length; w++)
        {
            for (long bits = dirty[w]; bits != 0; bits &= bits - 1)
            {
                final int s = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (s >= skus)
                {
                    continue;
                }
                final long all = networkAvailable(s);
                publishedAll[s] = all;
                for (int c = 0; c < channelNames.size(); c++)
                {
                    final int nc = networkChannel(c);
                    final long avail = nc == Network.MISSING ? all : available(c, s);
                    if (avail != published[c][s])
                    {
                        published[c][s] = avail;
                        final int listings = nc == Network.MISSING ? 0 : network.channelListingCount(nc, s);
                        if (listings == 0 && !network.masterNameListsOther(nc, s))
                        {
                            // by master name, unless the channel uses that name for another product: one name,
                            // one product per channel
                            events.add(EngineEvents.AVAILABILITY, seq, c, s, -1, avail, 0);
                        }
                        for (int k = 0; k < listings; k++)
                        {
                            events.add(EngineEvents.AVAILABILITY, seq, c, s, k, avail, 0);
                        }
                    }
                }
                if (!reorderCheckAll)
                {
                    checkReorder(s, all, seq);
                }
            }
            dirty[w] = 0;
        }
        if (reorderCheckAll)
        {
            for (int s = 0; s < skus; s++)
            {
                checkReorder(s, networkAvailable(s), seq);
            }
            reorderCheckAll = false;
        }
        return events;
    }

    private void checkReorder(final int s, final long avail, final long seq)
    {
        final long point = reorderPoint(s);
        final boolean below = avail < point;
        if (below && !belowReorderPoint[s])
        {
            events.add(EngineEvents.REORDER, seq, -1, s, -1, avail, point);
        }
        belowReorderPoint[s] = below;
    }

    EngineEvents events()
    {
        return events;
    }

    void writeTo(final java.io.DataOutput out) throws java.io.IOException
    {
        out.writeInt(channelNames.size());
        for (final String c : channelNames)
        {
            out.writeUTF(c);
        }
        out.writeBoolean(enabled);
        final int skus = network.skuCount();
        for (int s = 0; s < skus; s++)
        {
            out.writeLong(unitsToday[s]);
            out.writeDouble(dailyDemand[s]);
            out.writeBoolean(belowReorderPoint[s]);
        }
        if (enabled)
        {
            for (int c = 0; c < channelNames.size(); c++)
            {
                for (int s = 0; s < skus; s++)
                {
                    out.writeLong(published[c][s]);
                }
            }
        }
    }

    void readFrom(final java.io.DataInput in) throws java.io.IOException
    {
        final int channels = in.readInt();
        for (int c = 0; c < channels; c++)
        {
            channel(in.readUTF());
        }
        final boolean wasEnabled = in.readBoolean();
        final int skus = network.skuCount();
        for (int s = 0; s < skus; s++)
        {
            unitsToday[s] = in.readLong();
            dailyDemand[s] = in.readDouble();
            belowReorderPoint[s] = in.readBoolean();
        }
        if (wasEnabled)
        {
            enabled = true;
            for (int c = 0; c < channelNames.size(); c++)
            {
                published[c] = new long[skus];
                for (int s = 0; s < skus; s++)
                {
                    published[c][s] = in.readLong();
                }
            }
            publishedAll = allLocations(); // the stock is restored first, and a snapshot is taken at a flush
        }
    }
}
