package io.omniroute.engine;

import java.util.Arrays;

/**
 * Zone and same-day reach of every location for a destination. ZIP destinations are computed once per ZIP on first
 * use and cached (one byte per ZIP and location), so routing an order from a known ZIP needs no trigonometry.
 * <p>
 * With each row comes the destination's locations by zone: for each zone, its locations by handling cost, then
 * location order ({@link #byZone}). A shipment of given lines costs the same rate from every location of a zone, so
 * the cheapest location of a zone that can ship them is the first of that zone's list that can, and the best single
 * location is the best of at most eight such firsts: the router finds it without pricing every stocked location.
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

    /** A {@link #byZone} row: [z] for zone z = 1..9 is where zone z's locations start after the header (9: the end). */
    static final int BY_ZONE_HEADER = 11;
    /**
     * In a {@link #byZone} row's header: the highest zone holding a location within its same-day radius of the
     * destination (0 when none is). A SAME_DAY walk stops there: a zone grows with the distance, so every location of
     * a higher zone is farther than the farthest one in reach.
     */
    static final int SAME_DAY_LAST_ZONE = Geo.MAX_ZONE + 2;
    /**
     * Networks of more locations go without {@link #byZone} lists: a list costs 2 bytes per ZIP and location (beside
     * the 1 of the zone codes), 270 MB for 33,000 ZIPs at this size, and its header's starts must fit a char.
     */
    static final int MAX_BY_ZONE_LOCATIONS = 4096;
    /** The locations by handling cost, then location order. */
    private final int[] byHandling;
    /** Per ZIP, its locations by zone (see {@link #BY_ZONE_HEADER}), made with its row of codes. */
    private final char[][] zipByZone;
    private final char[] pointByZone;
    private char[] currentByZone;
    private int sameDayLastZone;
    private final int[] zoneCount = new int[Geo.MAX_ZONE + 1];

    DestinationZones(final Network network)
    {
        this.network = network;
        this.locationCount = network.locationCount();
        this.zipCodes = new byte[Math.max(1, network.zipCount() * locationCount)];
        this.pointCodes = new byte[Math.max(1, locationCount)];
        final boolean byZone = locationCount > 0 && locationCount <= MAX_BY_ZONE_LOCATIONS;
        this.zipByZone = byZone ? new char[network.zipCount()][] : null;
        this.pointByZone = byZone ? new char[BY_ZONE_HEADER + locationCount] : null;
        final Integer[] order = new Integer[locationCount];
        for (int l = 0; l < locationCount; l++)
        {
            order[l] = l;
        }
        Arrays.sort(order, (a, b) -> network.handlingCostCents[a] != network.handlingCostCents[b] ?
            Long.compare(network.handlingCostCents[a], network.handlingCostCents[b]) : Integer.compare(a, b));
        this.byHandling = new int[locationCount];
        for (int i = 0; i < locationCount; i++)
        {
            byHandling[i] = order[i];
        }
    }

    void selectZip(final int zip)
    {
        base = zip * locationCount;
        current = zipCodes;
        if (locationCount == 0)
        {
            sameDayReach = false;
            currentByZone = null;
            return;
        }
        if (zipByZone != null)
        {
            // the row of lists is made with the row of codes, and its header says all a selection needs: the codes
            // are read only where a route asks a location's zone or reach, often not at all
            char[] row = zipByZone[zip];
            if (row == null)
            {
                fill(zipCodes, base, network.zipLatitude(zip), network.zipLongitude(zip));
                row = sortByZone(zipCodes, base, new char[BY_ZONE_HEADER + locationCount]);
                zipByZone[zip] = row;
            }
            currentByZone = row;
            sameDayLastZone = row[SAME_DAY_LAST_ZONE];
            sameDayReach = sameDayLastZone != 0;
            return;
        }
        int first = zipCodes[base];
        if ((first & COMPUTED) == 0)
        {
            fill(zipCodes, base, network.zipLatitude(zip), network.zipLongitude(zip));
            first = zipCodes[base];
        }
        sameDayReach = (first & ROW_REACHES_SAME_DAY) != 0;
        currentByZone = null;
        sameDayLastZone = Geo.MAX_ZONE;
    }

    /**
     * @return the selected destination's {@link #SAME_DAY_LAST_ZONE}.
     */
    int sameDayLastZone()
    {
        return sameDayLastZone;
    }

    void selectPoint(final double lat, final double lon)
    {
        base = 0;
        current = pointCodes;
        sameDayReach = fill(pointCodes, 0, lat, lon);
        currentByZone = pointByZone == null ? null : sortByZone(pointCodes, 0, pointByZone);
        sameDayLastZone = currentByZone == null ? Geo.MAX_ZONE : currentByZone[SAME_DAY_LAST_ZONE];
    }

    /**
     * @return the selected destination's locations by zone, then handling cost, then location order: zone z's are
     * {@code row[BY_ZONE_HEADER + row[z]] .. row[BY_ZONE_HEADER + row[z + 1] - 1]}; null when the network has too many
     * locations for them.
     */
    char[] byZone()
    {
        return currentByZone;
    }

    private char[] sortByZone(final byte[] codes, final int offset, final char[] row)
    {
        final int[] count = zoneCount;
        Arrays.fill(count, 0);
        int sameDayLastZone = 0;
        for (int l = 0; l < locationCount; l++)
        {
            final int code = codes[offset + l];
            count[code & ZONE_MASK]++;
            if ((code & WITHIN_SAME_DAY) != 0)
            {
                sameDayLastZone = Math.max(sameDayLastZone, code & ZONE_MASK);
            }
        }
        row[SAME_DAY_LAST_ZONE] = (char)sameDayLastZone;
        int start = 0;
        for (int z = 0; z <= Geo.MAX_ZONE; z++)
        {
            final int size = count[z];
            count[z] = start; // from here on, where zone z's next location goes
            row[z] = (char)start;
            start += size;
        }
        row[Geo.MAX_ZONE + 1] = (char)start;
        for (final int l : byHandling)
        {
            final int z = codes[offset + l] & ZONE_MASK;
            row[BY_ZONE_HEADER + count[z]++] = (char)l;
        }
        return row;
    }

    /**
     * @return whether any location is within its same-day radius of the destination.
     */
    private boolean fill(final byte[] codes, final int offset, final double lat, final double lon)
    {
        boolean reach = false;
        for (int l = 0; l < locationCount; l++)
        {
            final double radiusKm = network.sameDayRadiusKm(l);
            final double km = Geo.distanceKm(network.latitude(l), network.longitude(l), lat, lon, radiusKm);
            int code = Geo.zone(km) | COMPUTED;
            if (km <= radiusKm)
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
