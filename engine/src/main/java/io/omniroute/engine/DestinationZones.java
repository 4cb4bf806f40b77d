package io.omniroute.engine;

/**
 * Zone and same-day reach of every location for a destination. ZIP destinations are computed once per ZIP on first
 * use and cached (one byte per ZIP and location), so routing an order from a known ZIP needs no trigonometry.
 */
final class DestinationZones
{
    static final int ZONE_MASK = 0x0F;
    static final int WITHIN_SAME_DAY = 0x10;
    private static final int COMPUTED = 0x20;
    /** In a row's first byte: some location of the row is within its same-day radius (one read answers it). */
    private static final int ROW_REACHES_SAME_DAY = 0x40;

    private final Network network;
    private final int locationCount;
    private final byte[] zipCodes;
    private final byte[] pointCodes;
    private byte[] current;
    private int base;
    private boolean sameDayReach;

    DestinationZones(final Network network)
    {
        this.network = network;
        this.locationCount = network.locationCount();
        this.zipCodes = new byte[Math.max(1, network.zipCount() * locationCount)];
        this.pointCodes = new byte[Math.max(1, locationCount)];
    }

    void selectZip(final int zip)
    {
        base = zip * locationCount;
        current = zipCodes;
        if (locationCount == 0)
        {
            sameDayReach = false;
            return;
        }
        int first = zipCodes[base];
        if ((first & COMPUTED) == 0)
        {
            fill(zipCodes, base, network.zipLatitude(zip), network.zipLongitude(zip));
            first = zipCodes[base];
        }
        sameDayReach = (first & ROW_REACHES_SAME_DAY) != 0;
    }

    void selectPoint(final double lat, final double lon)
    {
        base = 0;
        current = pointCodes;
        sameDayReach = fill(pointCodes, 0, lat, lon);
    }

    /**
     * @return whether any location is within its same-day radius of the destination.
     */
    private boolean fill(final byte[] codes, final int offset, final double lat, final double lon)
    {
        boolean reach = false;
        for (int l = 0; l < locationCount; l++)
        {
            final double km = Geo.distanceKm(network.latitude(l), network.longitude(l), lat, lon);
            int code = Geo.zone(km) | COMPUTED;
            if (km <= network.sameDayRadiusKm(l))
            {
                code |= WITHIN_SAME_DAY;
                reach = true;
            }
            codes[offset + l] = (byte)code;
        }
        if (reach && locationCount > 0)
        {
            codes[offset] |= ROW_REACHES_SAME_DAY;
        }
        return reach;
    }

    /**
     * @return whether any location is within its same-day radius of the selected destination (when none is, no
     * SAME_DAY plan exists whatever the stock, capacity or channel).
     */
    boolean anyWithinSameDay()
    {
        return sameDayReach;
    }

    int zone(final int loc)
    {
        return current[base + loc] & ZONE_MASK;
    }

    boolean withinSameDay(final int loc)
    {
        return (current[base + loc] & WITHIN_SAME_DAY) != 0;
    }
}
