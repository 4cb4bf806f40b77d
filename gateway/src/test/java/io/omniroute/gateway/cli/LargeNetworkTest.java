package io.omniroute.gateway.cli;

import io.omniroute.journal.JournalFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A big retailer's network, 100,000 SKUs at 1,000 stores: 100 M stock positions, a state of 2.4 GB, more than one
 * array or buffer holds. Loaded, journaled with a snapshot, recovered from that snapshot, replayed and dumped, in a
 * child JVM given the memory (8 GB of heap for the snapshot's copy). Slow (about two minutes, 9 GB of memory): run
 * with {@code -Pslow}.
 */
@Tag("slow")
class LargeNetworkTest
{
    private static final int SKUS = 100_000;
    private static final int STORES = 1_000;

    @TempDir
    Path tmp;

    @Test
    void aNetworkOf100MillionPositionsLoadsSnapshotsRecoversAndReplays() throws Exception
    {
        final Path network = tmp.resolve("network");
        writeNetwork(network);
        final Path journal = tmp.resolve("journal");
        final SplittableRandom rnd = new SplittableRandom(3);
        final Path first = commands(tmp.resolve("first.jsonl"), "a", 1_000, rnd, true);
        final Path second = commands(tmp.resolve("second.jsonl"), "b", 500, rnd, false);

        final String run1 = cli("simulate", "--network", network.toString(), "--commands", first.toString(),
            "--out", tmp.resolve("first.out").toString(), "--journal", journal.toString());
        assertTrue(run1.contains("2 snapshots written"), run1);
        try (Stream<Path> files = Files.list(journal.resolve("snapshots")))
        {
            for (final Path snap : files.toList())
            {
                assertTrue(Files.size(snap) > (2L << 30), snap + ": " + Files.size(snap) + " bytes");
            }
        }

        final String run2 = cli("simulate", "--network", network.toString(), "--commands", second.toString(),
            "--out", tmp.resolve("second.out").toString(), "--journal", journal.toString());
        assertTrue(run2.contains("recovered to seq 1001 from snapshot at seq 1001 + 0 replayed entries"), run2);

        final String replay = cli("replay", "--journal", journal.toString(), "--network", network.toString(),
            "--verify");
        assertTrue(replay.contains("verified: all 1,501 decisions equal the journal"), replay);

        final Path dumped = tmp.resolve("dump.out");
        cli("dump", "--journal", journal.toString(), "--out", dumped.toString());
        final List<String> simulated = new ArrayList<>(Files.readAllLines(tmp.resolve("first.out")));
        simulated.addAll(Files.readAllLines(tmp.resolve("second.out")));
        assertEquals(simulated, Files.readAllLines(dumped));
        assertTrue(simulated.stream().filter(l -> l.contains("\"ALLOCATED\"")).count() > 1_000, "orders placed");
    }

    /** 1,000 stores from the same points over the country, 100 K SKUs, each stocked at 2 stores. */
    private static void writeNetwork(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        final StringBuilder locations = new StringBuilder(
            "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n");
        final StringBuilder zips = new StringBuilder("zip,lat,lon\n");
        for (int l = 0; l < STORES; l++)
        {
            final double lat = 26 + (l % 40) * 0.5;
            final double lon = -122 + (l / 40) * 2.0;
            locations.append(String.format(java.util.Locale.ROOT, "S%04d,STORE,%.2f,%.2f,%d,-1,STANDARD,0%n", l, lat,
                lon, 300 + l % 200));
            zips.append(String.format(java.util.Locale.ROOT, "Z%04d,%.2f,%.2f%n", l, lat + 0.1, lon + 0.1));
        }
        Files.writeString(dir.resolve("locations.csv"), locations);
        Files.writeString(dir.resolve("zips.csv"), zips);
        Files.writeString(dir.resolve("rates.csv"), "carrier,service,zone,max_weight_g,price_cents,transit_days\n" +
            "UPS,STANDARD,1,40000,500,1\nUPS,STANDARD,2,40000,600,2\nUPS,STANDARD,3,40000,700,3\n" +
            "UPS,STANDARD,4,40000,800,3\nUPS,STANDARD,5,40000,900,4\nUPS,STANDARD,6,40000,1000,4\n" +
            "UPS,STANDARD,7,40000,1100,5\nUPS,STANDARD,8,40000,1200,5\n");
        try (BufferedWriter skus = Files.newBufferedWriter(dir.resolve("skus.csv"), StandardCharsets.UTF_8);
            BufferedWriter stock = Files.newBufferedWriter(dir.resolve("stock.csv"), StandardCharsets.UTF_8))
        {
            skus.write("sku,weight_g,lead_time_days\n");
            stock.write("sku,location_id,on_hand,safety_stock\n");
            for (int s = 0; s < SKUS; s++)
            {
                skus.write(String.format("K%06d,%d,7%n", s, 100 + s % 2000));
                stock.write(String.format("K%06d,S%04d,5,0%nK%06d,S%04d,3,0%n", s, s % STORES, s,
                    (s + 500) % STORES));
            }
        }
    }

    private static Path commands(final Path file, final String prefix, final int orders,
        final SplittableRandom rnd, final boolean snapshotHalfWay) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < orders; i++)
        {
            if (snapshotHalfWay && i == orders / 2)
            {
                lines.add("{\"type\":\"snapshot\"}");
            }
            lines.add(String.format("{\"type\":\"order\",\"order_id\":\"%s%d\",\"channel\":\"web\",\"zip\":\"Z%04d\"," +
                "\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"K%06d\",\"qty\":1}]}", prefix, i, rnd.nextInt(STORES),
                rnd.nextInt(SKUS)));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs the CLI in a child JVM with the memory a 2.4 GB state needs; returns its output, failing on exit != 0. */
    private String cli(final String... args) throws Exception
    {
        final List<String> cmd = new ArrayList<>(JournalFiles.javaCommand(OmniRouteCli.class, args));
        cmd.add(cmd.indexOf("-cp"), "-Xmx8g");
        cmd.remove("-XX:TieredStopAtLevel=1");
        final Path log = Files.createTempFile(tmp, "cli", ".log");
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "CLI finished");
        final String out = Files.readString(log);
        assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + out);
        return out;
    }
}
