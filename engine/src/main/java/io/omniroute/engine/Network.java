package io.omniroute.engine;

import org.agrona.collections.Object2IntHashMap;

import java.util.List;
import java.util.Map;

/**
 * The static network an engine routes over: locations, SKUs, ZIP centroids, rates, channel rules and policy.
 * Locations and SKUs are given dense indices in ascending id order, so comparing indices compares ids as strings
 * (the order SPEC's tie-break needs). Immutable after loading; the initial stock rows are kept for engine start.
 */
public final class Network
{
    /** What loading noticed but took (e.g. an unknown policy key), for the caller to show; set by the loader. */
    List<String> loadWarnings = List.of();

    /**
     * @return what loading the folder noticed but took (e.g. an unknown policy key, ignored).
     */
    public List<String> loadWarnings()
    {
        return loadWarnings;
    }

    public static final int MISSING = -1;

    // locations, sorted by id
    final String[] locationIds;
    final LocationType[] locationTypes;
    final double[] locationLat;
    final double[] locationLon;
    final long[] handlingCostCents;
    final int[] dailyCapacity;
    final int[] serviceMask;
    final double[] sameDayRadiusKm;
    final Object2IntHashMap<String> locationIndex;

    // SKUs, sorted by id
    final String[] skus;
    final long[] weightGrams;
    final int[] leadTimeDays;
    final Object2IntHashMap<String> skuIndex;

    // ZIP centroids
    final String[] zips;
    final double[] zipLat;
    final double[] zipLon;
    final Object2IntHashMap<String> zipIndex;
    /** ZIP index by the value of a five-digit ZIP (US ZIP codes): one array read instead of hashing a string. */
    private final int[] fiveDigitZip = new int[100_000];

    // channels named in channel files, sorted
    final String[] channels;
    final Object2IntHashMap<String> channelIndex;
    final Object2IntHashMap<String>[] channelSkuToSku;
    final boolean[][] channelAllowsLocation;
    final String[][] channelSkuNames;
    final String[][][] channelListings;
    /** [channel][sku]: the SKU's master name is one of the channel's listings, of another SKU. */
    private final boolean[][] masterNameListsOther;

    final RateTable rates;

    // initial stock rows
    final int[] stockSku;
    final int[] stockLocation;
    final long[] stockOnHand;
    final long[] stockSafety;

    final long splitPenaltyCents;
    final Map<String, String> policy;

    @SuppressWarnings("checkstyle:ParameterNumber")
    Network(
        final String[] locationIds,
        final LocationType[] locationTypes,
        final double[] locationLat,
        final double[] locationLon,
        final long[] handlingCostCents,
        final int[] dailyCapacity,
        final int[] serviceMask,
        final double[] sameDayRadiusKm,
        final String[] skus,
        final long[] weightGrams,
        final int[] leadTimeDays,
        final String[] zips,
        final double[] zipLat,
        final double[] zipLon,
        final String[] channels,
        final Object2IntHashMap<String>[] channelSkuToSku,
        final boolean[][] channelAllowsLocation,
        final RateTable rates,
        final int[] stockSku,
        final int[] stockLocation,
        final long[] stockOnHand,
        final long[] stockSafety,
        final long splitPenaltyCents,
        final Map<String, String> policy)
    {
        this.locationIds = locationIds;
        this.locationTypes = locationTypes;
        this.locationLat = locationLat;
        this.locationLon = locationLon;
        this.handlingCostCents = handlingCostCents;
        this.dailyCapacity = dailyCapacity;
        this.serviceMask = serviceMask;
        this.sameDayRadiusKm = sameDayRadiusKm;
        this.skus = skus;
        this.weightGrams = weightGrams;
        this.leadTimeDays = leadTimeDays;
        this.zips = zips;
        this.zipLat = zipLat;
        this.zipLon = zipLon;
        this.channels = channels;
        this.channelSkuToSku = channelSkuToSku;
        this.channelAllowsLocation = channelAllowsLocation;
        this.rates = rates;
        this.stockSku = stockSku;
        this.stockLocation = stockLocation;
        this.stockOnHand = stockOnHand;
        this.stockSafety = stockSafety;
        this.splitPenaltyCents = splitPenaltyCents;
        this.policy = policy;
        this.locationIndex = indexOf(locationIds);
        this.skuIndex = indexOf(skus);
        this.zipIndex = indexOf(zips);
        java.util.Arrays.fill(fiveDigitZip, MISSING);
        for (int z = 0; z < zips.length; z++)
        {
            final int v = fiveDigits(zips[z]);
            if (v >= 0)
            {
                fiveDigitZip[v] = z;
            }
        }
        this.channelIndex = indexOf(channels);
        this.channelSkuNames = new String[channels.length][skus.length];
        this.channelListings = new String[channels.length][skus.length][];
        for (int c = 0; c < channels.length; c++)
        {
            final Object2IntHashMap<String>.KeyIterator it = channelSkuToSku[c].keySet().iterator();
            while (it.hasNext())
            {
                final String listing = it.next();
                final int sku = channelSkuToSku[c].getValue(listing);
                final String[] had = channelListings[c][sku];
                final String[] now = had == null ? new String[1] : java.util.Arrays.copyOf(had, had.length + 1);
                now[now.length - 1] = listing;
                java.util.Arrays.sort(now);
                channelListings[c][sku] = now;
                final String prev = channelSkuNames[c][sku];
                if (prev == null || listing.compareTo(prev) < 0)
                {
                    channelSkuNames[c][sku] = listing;
                }
            }
        }
        this.masterNameListsOther = new boolean[channels.length][skus.length];
        for (int c = 0; c < channels.length; c++)
        {
            for (int k = 0; k < skus.length; k++)
            {
                final int mapped = channelSkuToSku[c].getValue(skus[k]);
                masterNameListsOther[c][k] = mapped != MISSING && mapped != k;
            }
        }
    }

    private static Object2IntHashMap<String> indexOf(final String[] keys)
    {
        final Object2IntHashMap<String> map = new Object2IntHashMap<>(Math.max(8, keys.length * 2), 0.65f, MISSING);
        for (int i = 0; i < keys.length; i++)
        {
            map.put(keys[i], i);
        }
        return map;
    }

    public int locationCount()
    {
        return locationIds.length;
    }

    public String locationId(final int loc)
    {
        return locationIds[loc];
    }

    public int locationIndex(final String id)
    {
        return id == null ? MISSING : locationIndex.getValue(id);
    }

    public LocationType locationType(final int loc)
    {
        return locationTypes[loc];
    }

    public double latitude(final int loc)
    {
        return locationLat[loc];
    }

    public double longitude(final int loc)
    {
        return locationLon[loc];
    }

    public long handlingCostCents(final int loc)
    {
        return handlingCostCents[loc];
    }

    /**
     * @return shipments per business day, -1 for unlimited.
     */
    public int dailyCapacity(final int loc)
    {
        return dailyCapacity[loc];
    }

    public boolean offers(final int loc, final Service service)
    {
        return (serviceMask[loc] & service.bit()) != 0;
    }

    public double sameDayRadiusKm(final int loc)
    {
        return sameDayRadiusKm[loc];
    }

    public int skuCount()
    {
        return skus.length;
    }

    public String sku(final int sku)
    {
        return skus[sku];
    }

    public int skuIndex(final String sku)
    {
        return sku == null ? MISSING : skuIndex.getValue(sku);
    }

    public long weightGrams(final int sku)
    {
        return weightGrams[sku];
    }

    public int leadTimeDays(final int sku)
    {
        return leadTimeDays[sku];
    }

    public int zipCount()
    {
        return zips.length;
    }

    public int zipIndex(final String zip)
    {
        if (zip == null)
        {
            return MISSING;
        }
        final int v = fiveDigits(zip);
        return v >= 0 ? fiveDigitZip[v] : zipIndex.getValue(zip);
    }

    /**
     * @return the value of a ZIP of exactly five ASCII digits, else -1.
     */
    private static int fiveDigits(final String zip)
    {
        if (zip.length() != 5)
        {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 5; i++)
        {
            final char ch = zip.charAt(i);
            if (ch < '0' || ch > '9')
            {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    public String zip(final int zip)
    {
        return zips[zip];
    }

    public double zipLatitude(final int zip)
    {
        return zipLat[zip];
    }

    public double zipLongitude(final int zip)
    {
        return zipLon[zip];
    }

    public int channelCount()
    {
        return channels.length;
    }

    public String channel(final int channel)
    {
        return channels[channel];
    }

    /**
     * @return the index of a channel named in channel_skus.csv or channel_locations.csv, or {@link #MISSING}.
     */
    public int channelIndex(final String channel)
    {
        return channel == null ? MISSING : channelIndex.getValue(channel);
    }

    /**
     * Resolves an order line's SKU as SPEC §2 says: the channel SKU if the channel maps it, else the master SKU.
     */
    public int resolveSku(final int channel, final String sku)
    {
        if (channel != MISSING)
        {
            final int mapped = channelSkuToSku[channel].getValue(sku);
            if (mapped != MISSING)
            {
                return mapped;
            }
        }
        return skuIndex(sku);
    }

    /**
     * @return the channel's listing name for a master SKU, or the master SKU when the channel does not map it.
     */
    public String channelSkuName(final int channel, final int sku)
    {
        if (channel != MISSING)
        {
            final String name = channelSkuNames[channel][sku];
            if (name != null)
            {
                return name;
            }
        }
        return skus[sku];
    }

    /**
     * @return how many of the channel's listings stand for the SKU.
     */
    public int channelListingCount(final int channel, final int sku)
    {
        final String[] l = channelListings[channel][sku];
        return l == null ? 0 : l.length;
    }

    /**
     * @return the k-th listing (ascending) of the channel for the SKU.
     */
    public String channelListing(final int channel, final int sku, final int k)
    {
        return channelListings[channel][sku][k];
    }

    /**
     * @return whether the SKU's master name is, on that channel, a listing of another SKU (the channel's order lines
     * by that name mean the other product, SPEC §2), so the channel cannot address this SKU by its master name.
     */
    public boolean masterNameListsOther(final int channel, final int sku)
    {
        return channel != MISSING && masterNameListsOther[channel][sku];
    }

    public boolean channelMayUse(final int channel, final int loc)
    {
        return channel == MISSING || channelAllowsLocation[channel] == null || channelAllowsLocation[channel][loc];
    }

    public RateTable rates()
    {
        return rates;
    }

    public long splitPenaltyCents()
    {
        return splitPenaltyCents;
    }

    /**
     * @return a policy.properties value, or the default.
     */
    public String policy(final String key, final String dflt)
    {
        return policy.getOrDefault(key, dflt);
    }

    public int initialStockRows()
    {
        return stockSku.length;
    }
}
