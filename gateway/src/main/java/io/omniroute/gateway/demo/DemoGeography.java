package io.omniroute.gateway.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's real US geography, read from the resources beside this class (see ATTRIBUTION.md there):
 * {@code us-cities.csv}, GeoNames populated places of at least 20,000 people, largest first, and
 * {@code us-zip-centroids.csv}, the Census ZCTA centroids sorted by ZIP. Arrays rather than maps, so that every
 * iteration has one fixed order.
 */
final class DemoGeography
{
    static final double EARTH_RADIUS_KM = 6371.0088;
    static final double KM_PER_MILE = 1.609344;

    /** States outside the contiguous US: they buy, but the demo places no location there. */
    private static final List<String> OFFSHORE = List.of("AK", "HI", "PR", "VI", "GU", "AS", "MP");

    final int cityCount;
    final String[] cityName;
    final String[] cityState;
    final long[] cityPopulation;
    final double[] cityLat;
    final double[] cityLon;
    /** The coordinates as the data file spells them, written back unchanged. */
    final String[] cityLatText;
    final String[] cityLonText;

    final int zipCount;
    final String[] zip;
    final double[] zipLat;
    final double[] zipLon;
    /** The ZIP centroid file byte for byte, header included: it is zips.csv. */
    final byte[] zipFile;

    private static final int GRID_COLS = 360;
    private static final int GRID_ROWS = 180;
    /** ZIP indexes by one-degree cell: cellStart[c] .. cellStart[c + 1] in cellZips. */
    private final int[] cellStart;
    private final int[] cellZips;

    private DemoGeography(final byte[] cityFile, final byte[] zipFile)
    {
        final List<String[]> cities = new ArrayList<>();
        final String[] cityLines = new String(cityFile, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < cityLines.length; i++)
        {
            final String line = cityLines[i].strip();
            if (!line.isEmpty() && !duplicate(cities, splitCsv(line)))
            {
                cities.add(splitCsv(line));
            }
        }
        cityCount = cities.size();
        cityName = new String[cityCount];
        cityState = new String[cityCount];
        cityPopulation = new long[cityCount];
        cityLat = new double[cityCount];
        cityLon = new double[cityCount];
        cityLatText = new String[cityCount];
        cityLonText = new String[cityCount];
        for (int c = 0; c < cityCount; c++)
        {
            // geonameid,name,state,population,lat,lon
            final String[] f = cities.get(c);
            cityName[c] = f[1];
            cityState[c] = f[2];
            cityPopulation[c] = Long.parseLong(f[3]);
            cityLatText[c] = f[4];
            cityLonText[c] = f[5];
            cityLat[c] = Double.parseDouble(f[4]);
            cityLon[c] = Double.parseDouble(f[5]);
        }

        this.zipFile = zipFile;
        final String[] zipLines = new String(zipFile, StandardCharsets.US_ASCII).split("\n");
        final List<String> rows = new ArrayList<>(zipLines.length);
        for (int i = 1; i < zipLines.length; i++)
        {
            final String line = zipLines[i].strip();
            if (!line.isEmpty())
            {
                rows.add(line);
            }
        }
        zipCount = rows.size();
        zip = new String[zipCount];
        zipLat = new double[zipCount];
        zipLon = new double[zipCount];
        final int[] cellOf = new int[zipCount];
        final int[] perCell = new int[GRID_ROWS * GRID_COLS + 1];
        for (int z = 0; z < zipCount; z++)
        {
            final String line = rows.get(z);
            final int a = line.indexOf(',');
            final int b = line.indexOf(',', a + 1);
            zip[z] = line.substring(0, a);
            zipLat[z] = Double.parseDouble(line.substring(a + 1, b));
            zipLon[z] = Double.parseDouble(line.substring(b + 1));
            cellOf[z] = cell((int)Math.floor(zipLat[z]), (int)Math.floor(zipLon[z]));
            perCell[cellOf[z] + 1]++;
        }
        for (int c = 0; c < GRID_ROWS * GRID_COLS; c++)
        {
            perCell[c + 1] += perCell[c];
        }
        cellStart = perCell;
        cellZips = new int[zipCount];
        final int[] fill = Arrays.copyOf(perCell, perCell.length);
        for (int z = 0; z < zipCount; z++)
        {
            cellZips[fill[cellOf[z]]++] = z;
        }
    }

    /**
     * Whether a place repeats one listed just before it: the same population within 30 km (the gazetteer lists a
     * few places twice under two names, such as Ironville and Meads, Kentucky). The file is sorted by population,
     * largest first, so a repeat directly follows.
     */
    private static boolean duplicate(final List<String[]> before, final String[] city)
    {
        for (int i = before.size() - 1; i >= 0 && before.get(i)[3].equals(city[3]); i--)
        {
            final String[] o = before.get(i);
            if (km(Double.parseDouble(o[4]), Double.parseDouble(o[5]), Double.parseDouble(city[4]),
                Double.parseDouble(city[5])) < 30)
            {
                return true;
            }
        }
        return false;
    }

    static DemoGeography load() throws IOException
    {
        return new DemoGeography(resource("us-cities.csv"), resource("us-zip-centroids.csv"));
    }

    private static byte[] resource(final String name) throws IOException
    {
        try (InputStream in = DemoGeography.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IOException("demo data missing from the jar: io/omniroute/gateway/demo/" + name);
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** Splits one CSV row; a quoted field ("Washington, D.C.") keeps its comma. */
    static String[] splitCsv(final String line)
    {
        final List<String> out = new ArrayList<>(6);
        final StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char ch = line.charAt(i);
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                out.add(sb.toString());
                sb.setLength(0);
            }
            else
            {
                sb.append(ch);
            }
        }
        out.add(sb.toString());
        return out.toArray(new String[0]);
    }

    boolean contiguous(final int city)
    {
        return !OFFSHORE.contains(cityState[city]);
    }

    /** The index of the city with this name in this state, or -1. */
    int city(final String name, final String state)
    {
        for (int c = 0; c < cityCount; c++)
        {
            if (cityName[c].equals(name) && cityState[c].equals(state))
            {
                return c;
            }
        }
        return -1;
    }

    /** Great-circle distance as SPEC §2 computes it. */
    static double km(final double lat1, final double lon1, final double lat2, final double lon2)
    {
        final double dLat = Math.toRadians(lat2 - lat1);
        final double dLon = Math.toRadians(lon2 - lon1);
        final double s = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
            Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(s)));
    }

    double cityKm(final int a, final int b)
    {
        return km(cityLat[a], cityLon[a], cityLat[b], cityLon[b]);
    }

    double zipKm(final int z, final double lat, final double lon)
    {
        return km(zipLat[z], zipLon[z], lat, lon);
    }

    private static int cell(final int row, final int col)
    {
        final int r = Math.max(-90, Math.min(89, row)) + 90;
        final int c = Math.floorMod(col + 180, GRID_COLS);
        return r * GRID_COLS + c;
    }

    /**
     * The ZIPs whose centroids lie within {@code radiusKm} of a point, nearest first (ties by ZIP), at most
     * {@code max}; the nearest ZIP alone when none is that close.
     */
    int[] zipsNear(final double lat, final double lon, final double radiusKm, final int max)
    {
        final List<double[]> found = new ArrayList<>();
        int nearest = -1;
        double nearestKm = Double.MAX_VALUE;
        // cells are at least ~38 km wide below latitude 70; widen the ring until the nearest ZIP is surely seen
        final int latRow = (int)Math.floor(lat);
        final int lonCol = (int)Math.floor(lon);
        final int reach = Math.max(1, (int)Math.ceil(radiusKm / 38.0));
        for (int ring = 0; ring <= 30; ring++)
        {
            for (int dy = -ring; dy <= ring; dy++)
            {
                for (int dx = -ring; dx <= ring; dx++)
                {
                    if (Math.max(Math.abs(dy), Math.abs(dx)) != ring)
                    {
                        continue;
                    }
                    final int row = latRow + dy;
                    if (row < -90 || row > 89)
                    {
                        continue;
                    }
                    final int c = cell(row, lonCol + dx);
                    for (int i = cellStart[c]; i < cellStart[c + 1]; i++)
                    {
                        final int z = cellZips[i];
                        final double d = zipKm(z, lat, lon);
                        if (d <= radiusKm)
                        {
                            found.add(new double[]{ d, z });
                        }
                        if (d < nearestKm || (d == nearestKm && z < nearest))
                        {
                            nearestKm = d;
                            nearest = z;
                        }
                    }
                }
            }
            // one ring past the first find covers a nearer ZIP just across a cell edge
            if (ring >= reach && nearest >= 0 && ring >= 1 && nearestKm < (ring - 0.5) * 38.0)
            {
                break;
            }
        }
        if (found.isEmpty())
        {
            return nearest < 0 ? new int[0] : new int[]{ nearest };
        }
        found.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        final int n = Math.min(max, found.size());
        final int[] out = new int[n];
        for (int i = 0; i < n; i++)
        {
            out[i] = (int)found.get(i)[1];
        }
        return out;
    }
}
