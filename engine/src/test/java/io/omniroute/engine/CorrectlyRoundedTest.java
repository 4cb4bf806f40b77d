package io.omniroute.engine;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CorrectlyRounded} and the distance decisions use, against a table made once with Python
 * ({@code libm-reference.csv}): sin, cos and asin over the ranges the haversine gives them, and whole distances
 * between random points of the US, each correctly rounded (70-digit decimal series) and as the platform libm gives
 * them (glibc 2.36). fdlibm ({@link StrictMath}) is off by an ulp on a few per cent of these arguments; glibc on a
 * few in a thousand.
 */
class CorrectlyRoundedTest
{
    private static List<String[]> rows() throws Exception
    {
        final List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
            CorrectlyRoundedTest.class.getResourceAsStream("libm-reference.csv")), StandardCharsets.UTF_8)))
        {
            for (String line; (line = r.readLine()) != null; )
            {
                if (!line.startsWith("#") && !line.isBlank())
                {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }

    @Test
    void shouldGiveTheCorrectlyRoundedSinCosAndAsin() throws Exception
    {
        int checked = 0;
        int fdlibmDiffers = 0;
        int glibcDiffers = 0;
        for (final String[] row : rows())
        {
            if (row[0].equals("dist"))
            {
                continue;
            }
            final double x = Double.parseDouble(row[1]);
            final double expected = Double.parseDouble(row[2]);
            final double got;
            final double fdlibm;
            switch (row[0])
            {
                case "sin" -> { got = CorrectlyRounded.sin(x); fdlibm = StrictMath.sin(x); }
                case "cos" -> { got = CorrectlyRounded.cos(x); fdlibm = StrictMath.cos(x); }
                case "asin" -> { got = CorrectlyRounded.asin(x); fdlibm = StrictMath.asin(x); }
                default -> throw new IllegalStateException(row[0]);
            }
            assertEquals(expected, got, 0, row[0] + "(" + row[1] + ")");
            fdlibmDiffers += fdlibm != expected ? 1 : 0;
            glibcDiffers += Double.parseDouble(row[3]) != expected ? 1 : 0;
            checked++;
        }
        assertEquals(4500, checked);
        assertTrue(glibcDiffers < checked / 100, "glibc off on " + glibcDiffers);
        assertTrue(fdlibmDiffers > 20, "the table should hold arguments where fdlibm is off by an ulp: " +
            fdlibmDiffers);
    }

    @Test
    void shouldMeetARadiusSetToTheDistanceACorrectlyRoundedLibmComputes() throws Exception
    {
        int checked = 0;
        int fastOver = 0;
        int glibcDiffers = 0;
        for (final String[] row : rows())
        {
            if (!row[0].equals("dist"))
            {
                continue;
            }
            final double lat1 = Double.parseDouble(row[1]);
            final double lon1 = Double.parseDouble(row[2]);
            final double lat2 = Double.parseDouble(row[3]);
            final double lon2 = Double.parseDouble(row[4]);
            final double expected = Double.parseDouble(row[5]);
            assertEquals(expected, Geo.exactDistanceKm(lat1, lon1, lat2, lon2), 0, String.join(",", row));
            // a same-day radius set to that distance: met, as an inclusive bound must be
            final double decided = Geo.distanceKm(lat1, lon1, lat2, lon2, expected);
            assertTrue(decided <= expected, String.join(",", row) + ": " + decided);
            assertEquals(Geo.zone(expected), Geo.zone(decided));
            // a radius a hair smaller is not met
            assertTrue(Geo.distanceKm(lat1, lon1, lat2, lon2, Math.nextDown(expected)) > Math.nextDown(expected));
            fastOver += Geo.distanceKm(lat1, lon1, lat2, lon2) > expected ? 1 : 0;
            glibcDiffers += Double.parseDouble(row[6]) != expected ? 1 : 0;
            checked++;
        }
        assertEquals(1000, checked);
        assertTrue(glibcDiffers < checked / 100, "glibc's distance differs on " + glibcDiffers);
        assertTrue(fastOver > 10, "fdlibm's distance should exceed the correctly rounded one on some rows: " + fastOver);
    }

    @Test
    void shouldComputeExactlyOnlyNearABound()
    {
        final long before = Geo.exactDistances;
        // New York to Los Angeles, 3,936 km: no bound near
        final double km = Geo.distanceKm(40.71427, -74.00597, 34.05223, -118.24368, 15);
        assertEquals(Geo.distanceKm(40.71427, -74.00597, 34.05223, -118.24368), km, 0);
        assertEquals(before, Geo.exactDistances);
        // a radius a millionth of a millimetre off the distance is near: computed again, exactly
        Geo.distanceKm(40.71427, -74.00597, 34.05223, -118.24368, km + 1e-12);
        assertEquals(before + 1, Geo.exactDistances);
        // 50 miles exactly is a zone bound: a distance that close to it is computed exactly too
        Geo.distanceKm(0, 0, 0, 50 * Geo.KM_PER_MILE / (Geo.EARTH_RADIUS_KM * Math.PI / 180), -1);
        assertEquals(before + 2, Geo.exactDistances);
        assertEquals(0, Geo.distanceKm(12.5, 33.1, 12.5, 33.1, 0), 0, "co-located: a radius of 0 is met");
    }
}
