package io.omniroute.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeoTest
{
    private static final double EPS_KM = 1e-6;

    @Test
    void shouldPlaceEachBandEdgeInTheLowerZoneInclusive()
    {
        final double[] edgesMiles = { 50, 150, 300, 600, 1000, 1400, 1800 };
        for (int i = 0; i < edgesMiles.length; i++)
        {
            final double km = edgesMiles[i] * Geo.KM_PER_MILE;
            assertEquals(i + 1, Geo.zone(km - EPS_KM), "just inside " + edgesMiles[i] + " mi");
            assertEquals(i + 2, Geo.zone(km + EPS_KM), "just past " + edgesMiles[i] + " mi");
        }
        assertEquals(1, Geo.zone(0));
        assertEquals(8, Geo.zone(10_000));
    }

    @Test
    void shouldMeasureHaversineWithTheSpecRadius()
    {
        // one degree of longitude on the equator = R * pi / 180
        assertEquals(6371.0088 * Math.PI / 180, Geo.distanceKm(0, 0, 0, 1), 1e-9);
        // New York to Los Angeles, about 3936 km
        assertEquals(3936, Geo.distanceKm(40.71427, -74.00597, 34.05223, -118.24368), 5);
        assertEquals(0, Geo.distanceKm(12.5, 33.1, 12.5, 33.1), 0);
    }
}
