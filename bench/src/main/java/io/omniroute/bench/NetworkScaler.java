package io.omniroute.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A bigger network from the demo's, for "decision latency by network size": the demo's locations plus extra
 * ship-from-store stores at real ZIP centroids drawn like the demo's orders (by population), each stocking a random
 * third of the catalog. Capacity unlimited for the extra stores, so size, not capacity, is what changes.
 */
public final class NetworkScaler
{
    private NetworkScaler()
    {
    }

    /**
     * @param demoDir the demo generator's output (network/ and commands.jsonl).
     * @return {@code outDir}, holding a complete network folder.
     */
    public static Path addStores(final Path demoDir, final Path outDir, final int extraStores, final long seed)
        throws IOException
    {
        final Path from = demoDir.resolve("network");
        Files.createDirectories(outDir);
        try (var files = Files.list(from))
        {
            for (final Path f : (Iterable<Path>)files::iterator)
            {
                Files.copy(f, outDir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // ZIPs of the demo's orders, in order of first appearance (population-weighted draws)
        final Set<String> zips = new LinkedHashSet<>();
        for (final String line : Files.readAllLines(demoDir.resolve("commands.jsonl"), StandardCharsets.UTF_8))
        {
            final int at = line.indexOf("\"zip\":\"");
            if (at >= 0)
            {
                zips.add(line.substring(at + 7, line.indexOf('"', at + 7)));
            }
            if (zips.size() >= extraStores * 4)
            {
                break;
            }
        }
        final java.util.Map<String, String[]> centroid = new java.util.HashMap<>();
        for (final String row : Files.readAllLines(from.resolve("zips.csv"), StandardCharsets.UTF_8))
        {
            final String[] f = row.split(",");
            centroid.put(f[0], f);
        }
        final List<String> skus = new ArrayList<>();
        final List<String> skuRows = Files.readAllLines(from.resolve("skus.csv"), StandardCharsets.UTF_8);
        for (int i = 1; i < skuRows.size(); i++)
        {
            skus.add(skuRows.get(i).split(",")[0]);
        }
        final SplittableRandom rnd = new SplittableRandom(seed);
        try (Writer loc = Files.newBufferedWriter(outDir.resolve("locations.csv"), StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.APPEND);
            Writer stock = Files.newBufferedWriter(outDir.resolve("stock.csv"), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND))
        {
            int added = 0;
            for (final String zip : zips)
            {
                if (added == extraStores)
                {
                    break;
                }
                final String[] c = centroid.get(zip);
                if (c == null)
                {
                    continue;
                }
                final String id = "XS-" + zip;
                loc.write(id + ",STORE," + c[1] + "," + c[2] + "," + (420 + 10 * rnd.nextInt(24)) +
                    ",-1,STANDARD|EXPEDITED|SAME_DAY,40\n");
                for (final String sku : skus)
                {
                    if (rnd.nextInt(3) == 0)
                    {
                        stock.write(sku + "," + id + "," + (5 + rnd.nextInt(40)) + ",2\n");
                    }
                }
                added++;
            }
        }
        return outDir;
    }
}
