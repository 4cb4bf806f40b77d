package io.omniroute.engine;

import io.omniroute.engine.reference.RandomNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-destination lists by zone that the router's single-location pass reads: every location once, under its
 * zone, and within a zone by handling cost, then location order; the same for a ZIP and for its centroid given as a
 * point; and the highest zone holding a location within its same-day radius, where a SAME_DAY walk stops.
 */
class DestinationZonesTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldListEveryLocationUnderItsZoneByHandlingThenLocation() throws Exception
    {
        for (long seed = 1; seed <= 40; seed++)
        {
            final Path dir = tmp.resolve("n" + seed);
            RandomNetworks.write(seed, dir);
            final Network network = NetworkLoader.load(dir);
            final DestinationZones zones = new DestinationZones(network);
            for (int zip = 0; zip < network.zipCount(); zip++)
            {
                zones.selectZip(zip);
                final char[] fromZip = zones.byZone().clone();
                check(network, zones, fromZip, "seed " + seed + " zip " + network.zip(zip));
                zones.selectPoint(network.zipLatitude(zip), network.zipLongitude(zip));
                assertEquals(new String(fromZip), new String(zones.byZone()), "seed " + seed + ": point list");
            }
        }
    }

    @Test
    void shouldListUpToTheirCeilingAndLeaveWiderNetworksToThePassOverEveryLocation() throws Exception
    {
        final int max = DestinationZones.MAX_BY_ZONE_LOCATIONS;
        for (final int count : new int[]{ max, max + 1 })
        {
            final NetworkFixture fixture = new NetworkFixture();
            final StringBuilder locations = new StringBuilder(
                "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n" +
                "A,DC,40.0,-75.0,100,-1,STANDARD,0\nB,DC,40.0,-80.0,100,-1,STANDARD,0\n");
            for (int i = 2; i < count; i++)
            {
                locations.append(String.format("L%05d,DC,%.4f,-90.0,%d,-1,STANDARD,0%n", i, 30 + i * 0.004, i % 7));
            }
            fixture.locations = locations.toString();
            final Network network = NetworkLoader.load(fixture.write(tmp.resolve("wide-" + count)));
            assertEquals(count, network.locationCount());
            final DestinationZones zones = new DestinationZones(network);
            zones.selectZip(0);
            if (count <= max)
            {
                assertNotNull(zones.byZone());
                check(network, zones, zones.byZone(), count + " locations");
            }
            else
            {
                assertNull(zones.byZone(), "no lists past " + max + " locations");
            }
        }
    }

    private static void check(final Network network, final DestinationZones zones, final char[] row,
        final String where)
    {
        final int n = network.locationCount();
        final boolean[] seen = new boolean[n];
        assertEquals(0, row[1], where);
        assertEquals(n, row[Geo.MAX_ZONE + 1], where);
        int sameDayLastZone = 0;
        for (int l = 0; l < n; l++)
        {
            if (zones.withinSameDay(l))
            {
                sameDayLastZone = Math.max(sameDayLastZone, zones.zone(l));
            }
        }
        assertEquals(sameDayLastZone, row[DestinationZones.SAME_DAY_LAST_ZONE], where + ": last same-day zone");
        assertEquals(sameDayLastZone, zones.sameDayLastZone(), where + ": last same-day zone, selected");
        assertEquals(sameDayLastZone > 0, zones.anyWithinSameDay(), where);
        for (int z = 1; z <= Geo.MAX_ZONE; z++)
        {
            assertTrue(row[z] <= row[z + 1], where);
            for (int i = row[z]; i < row[z + 1]; i++)
            {
                final int l = row[DestinationZones.BY_ZONE_HEADER + i];
                assertTrue(!seen[l], where + ": location listed twice");
                seen[l] = true;
                assertEquals(z, zones.zone(l), where + ": " + network.locationId(l) + " under zone " + z);
                if (i > row[z])
                {
                    final int prev = row[DestinationZones.BY_ZONE_HEADER + i - 1];
                    final long h = network.handlingCostCents(l);
                    final long hp = network.handlingCostCents(prev);
                    assertTrue(hp < h || (hp == h && prev < l), where + ": " + network.locationId(prev) +
                        " before " + network.locationId(l));
                }
            }
        }
    }
}
