package io.omniroute.engine;

/**
 * Great-circle distance and USPS-style distance zones. StrictMath keeps results identical on every JVM.
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

    public static double distanceKm(final double lat1, final double lon1, final double lat2, final double lon2)
    {
        final double phi1 = StrictMath.toRadians(lat1);
        final double phi2 = StrictMath.toRadians(lat2);
        final double dPhi = StrictMath.toRadians(lat2 - lat1);
        final double dLambda = StrictMath.toRadians(lon2 - lon1);
        final double sinPhi = StrictMath.sin(dPhi / 2);
        final double sinLambda = StrictMath.sin(dLambda / 2);
        final double a = sinPhi * sinPhi + StrictMath.cos(phi1) * StrictMath.cos(phi2) * sinLambda * sinLambda;
        return 2 * EARTH_RADIUS_KM * StrictMath.asin(StrictMath.sqrt(StrictMath.min(1.0, a)));
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
