package io.omniroute.engine;

import io.omniroute.engine.reference.RandomNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-destination lists by zone that the router's single-location pass reads: every location once, under its
 * zone, and within a zone by handling cost, then location order; the same for a ZIP and for its centroid given as a
 * point.
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

    private static void check(final Network network, final DestinationZones zones, final char[] row,
        final String where)
    {
        final int n = network.locationCount();
        final boolean[] seen = new boolean[n];
        assertEquals(0, row[1], where);
        assertEquals(n, row[Geo.MAX_ZONE + 1], where);
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
