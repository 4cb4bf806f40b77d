package io.omniroute.engine;

/**
 * Great-circle distance and USPS-style distance zones. StrictMath, and {@link CorrectlyRounded} where the last bit
 * decides a comparison, keep results identical on every JVM.
 */
public final class Geo
{
    public static final double EARTH_RADIUS_KM = 6371.0088;
    public static final double KM_PER_MILE = 1.609344;
    /** Zones are 1..MAX_ZONE. */
    public static final int MAX_ZONE = 8;
    private static final double[] ZONE_UPPER_MILES = { 50, 150, 300, 600, 1000, 1400, 1800 };

    private Geo()
    {
    }

    /**
     * The distance within a few ulps (fdlibm's sin, cos and asin, each within one ulp): enough wherever no bound lies
     * that close to it. {@link #distanceKm(double, double, double, double, double)} is the one decisions use.
     */
    public static double distanceKm(final double lat1, final double lon1, final double lat2, final double lon2)
    {
        return haversine(lat1, lon1, lat2, lon2, false);
    }

    /**
     * SPEC's haversine in double precision with each of sin, cos and asin correctly rounded (the double nearest the
     * exact value), the other steps as written: {@code a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2}, {@code d = 2 * R *
     * asin(sqrt(min(1, a)))}. Slow; see {@link CorrectlyRounded}.
     */
    static double exactDistanceKm(final double lat1, final double lon1, final double lat2, final double lon2)
    {
        return haversine(lat1, lon1, lat2, lon2, true);
    }

    /**
     * One chain of steps for both, so that they differ only in the three functions' last bits.
     */
    private static double haversine(final double lat1, final double lon1, final double lat2, final double lon2,
        final boolean exact)
    {
        final double phi1 = StrictMath.toRadians(lat1);
        final double phi2 = StrictMath.toRadians(lat2);
        final double dPhi = StrictMath.toRadians(lat2 - lat1);
        final double dLambda = StrictMath.toRadians(lon2 - lon1);
        final double sinPhi = exact ? CorrectlyRounded.sin(dPhi / 2) : StrictMath.sin(dPhi / 2);
        final double sinLambda = exact ? CorrectlyRounded.sin(dLambda / 2) : StrictMath.sin(dLambda / 2);
        final double cosPhi1 = exact ? CorrectlyRounded.cos(phi1) : StrictMath.cos(phi1);
        final double cosPhi2 = exact ? CorrectlyRounded.cos(phi2) : StrictMath.cos(phi2);
        final double a = sinPhi * sinPhi + cosPhi1 * cosPhi2 * sinLambda * sinLambda;
        final double root = StrictMath.sqrt(StrictMath.min(1.0, a));
        return 2 * EARTH_RADIUS_KM * (exact ? CorrectlyRounded.asin(root) : StrictMath.asin(root));
    }

    /**
     * Relative closeness to a bound inside which the fast distance may compare with it otherwise than the exact one
     * (they differ by a few ulps, about 1e-15 relative; this is a thousand times that).
     */
    static final double NEAR = 1e-12;

    /**
     * The distance as decisions use it: compared with the zone bounds and with {@code boundKm} (a location's same-day
     * radius) exactly as {@link #exactDistanceKm} compares, so an inclusive bound set to the distance a correctly
     * rounded libm computes is met (and one glibc computes, C's and Python's, on all but a few in a thousand). Computed fast; only a distance within a
     * hair of a bound is computed again, exactly (SPEC's example ZIPs and random coordinates essentially never are;
     * a test that sets a radius to the computed distance always is).
     */
    public static double distanceKm(final double lat1, final double lon1, final double lat2, final double lon2,
        final double boundKm)
    {
        final double km = distanceKm(lat1, lon1, lat2, lon2);
        if (near(km, boundKm) || nearZoneBound(km))
        {
            exactDistances++;
            return exactDistanceKm(lat1, lon1, lat2, lon2);
        }
        return km;
    }

    /** Distances computed exactly, for tests (any thread; a count, not a measure). */
    static volatile long exactDistances;

    private static boolean near(final double km, final double boundKm)
    {
        return Math.abs(km - boundKm) <= NEAR * Math.max(Math.abs(km), Math.abs(boundKm));
    }

    private static boolean nearZoneBound(final double km)
    {
        final double miles = km / KM_PER_MILE;
        for (final double bound : ZONE_UPPER_MILES)
        {
            if (Math.abs(miles - bound) <= NEAR * bound)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return zone 1..8 for a distance, bounds inclusive.
     */
    public static int zone(final double distanceKm)
    {
        final double miles = distanceKm / KM_PER_MILE;
        for (int i = 0; i < ZONE_UPPER_MILES.length; i++)
        {
            if (miles <= ZONE_UPPER_MILES[i])
            {
                return i + 1;
            }
        }
        return MAX_ZONE;
    }
}
