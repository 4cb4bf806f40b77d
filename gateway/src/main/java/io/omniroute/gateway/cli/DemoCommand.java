package io.omniroute.gateway.cli;

import io.omniroute.engine.IoMessages;
import io.omniroute.engine.sim.KpiReport;
import io.omniroute.gateway.demo.DemoGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code omniroute demo}: builds a realistic network on real US geography and a peak-day order stream, routes it and
 * prints the KPIs. With {@code --out DIR} the generated files stay for editing and re-running with simulate.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate a peak-day network and order stream on real US geography, route it, print KPIs.")
public final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--out", paramLabel = "DIR", description = "keep the generated network, commands and results here")
    Path out;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "200000", description = "orders (default ${DEFAULT-VALUE})")
    int orders;

    @Option(names = "--skus", paramLabel = "N", defaultValue = "300", description = "SKUs (default ${DEFAULT-VALUE})")
    int skus;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call()
    {
        if (orders <= 0 || skus <= 0)
        {
            System.err.println("omniroute demo: --orders and --skus must be positive");
            return 2;
        }
        if (skus > DemoGenerator.MAX_SKUS)
        {
            System.err.printf("omniroute demo: --skus must be at most %,d%n", DemoGenerator.MAX_SKUS);
            return 2;
        }
        if (orders > MAX_ORDERS)
        {
            System.err.printf("omniroute demo: --orders must be at most %,d (a day of that many writes about %,d GB)%n",
                MAX_ORDERS, MAX_ORDERS / 5_000_000);
            return 2;
        }
        Path temporary = null;
        Thread cleanUp = null;
        try
        {
            if (out != null && Files.exists(out) && !Files.isDirectory(out))
            {
                System.err.println("omniroute demo: --out " + out + " is a file, not a folder");
                return 2;
            }
            if (out != null)
            {
                final String other = notDemoFile(out);
                if (other != null)
                {
                    System.err.println("omniroute demo: --out " + out + " holds " + other + ", which the demo did not " +
                        "write: give a new or empty folder (a folder an earlier demo wrote is fine: its files are " +
                        "replaced)");
                    return 2;
                }
            }
            else
            {
                // a temporary folder goes whatever ends the run: an error, Ctrl-C, SIGTERM
                temporary = Files.createTempDirectory("omniroute-demo");
                final Path t = temporary;
                cleanUp = new Thread(() -> quietlyDelete(t), "omniroute-demo-cleanup");
                Runtime.getRuntime().addShutdownHook(cleanUp);
            }
            final Path dir = out != null ? out : temporary;
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "written by omniroute demo: a later demo --out may replace the " +
                "files here\n");
            System.out.printf("generating %,d orders over %d SKUs (seed %d) in %s%n", orders, skus, seed, dir);
            new DemoGenerator(seed, orders, skus).writeTo(dir);
            final Path results = dir.resolve("results.jsonl");
            final SimulateCommand.Result r = SimulateCommand.simulate(
                dir.resolve("network"), dir.resolve("commands.jsonl"), results.toString(), dir.resolve("events.jsonl"),
                System.err);
            System.out.print(KpiReport.format(r.engine.kpis(), r.engine.network(), r.commands, r.elapsedNs));
            System.out.print(KpiReport.latency(r.latency));
            if (out != null)
            {
                System.out.println("files kept in " + dir + " — re-run with:");
                System.out.println("  ./omniroute simulate --network " + dir.resolve("network") + " --commands " +
                    dir.resolve("commands.jsonl") + " --out " + results);
            }
            System.out.println("geography: GeoNames (geonames.org), CC BY 4.0; US Census Bureau ZCTA gazetteer");
            return 0;
        }
        catch (final UserError ex)
        {
            System.err.println("omniroute demo: " + ex.getMessage());
            return 2;
        }
        catch (final IOException ex)
        {
            System.err.println("omniroute demo: i/o: " + IoMessages.describe(ex));
            return 2;
        }
        finally
        {
            if (temporary != null)
            {
                quietlyDelete(temporary);
                try
                {
                    Runtime.getRuntime().removeShutdownHook(cleanUp);
                }
                catch (final IllegalStateException ex)
                {
                    // shutting down already: the hook deletes it (again, harmlessly)
                }
            }
        }
    }

    /** The most orders a demo day generates: 50 M orders write about 10 GB of commands, results and events. */
    static final int MAX_ORDERS = 50_000_000;

    /** The file that says a folder is a demo's (a user's own data may be laid out alike). */
    static final String MARKER = ".omniroute-demo";

    /** What the demo writes into its folder. */
    private static final java.util.Set<String> DEMO_FILES = java.util.Set.of("network", "commands.jsonl",
        "results.jsonl", "events.jsonl", MARKER);

    /**
     * @return a file in {@code dir} the demo does not write (its name), or null when there is none (a new, empty or
     * earlier demo's folder).
     */
    private static String notDemoFile(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return null;
        }
        final boolean marked = Files.exists(dir.resolve(MARKER));
        try (var files = Files.list(dir))
        {
            for (final Path p : (Iterable<Path>)files::iterator)
            {
                final String name = p.getFileName().toString();
                if (!DEMO_FILES.contains(name) || !marked)
                {
                    // (a folder laid out as a demo's but without the marker is someone's own data)
                    return "'" + name + "'";
                }
            }
        }
        final Path network = dir.resolve("network");
        if (Files.isDirectory(network))
        {
            try (var files = Files.list(network))
            {
                for (final Path p : (Iterable<Path>)files::iterator)
                {
                    final String name = p.getFileName().toString();
                    if (!name.endsWith(".csv") && !name.equals("policy.properties"))
                    {
                        return "'network/" + name + "'";
                    }
                }
            }
        }
        return null;
    }

    private static void quietlyDelete(final Path dir)
    {
        try
        {
            deleteTree(dir);
        }
        catch (final IOException | RuntimeException ex)
        {
            // best effort: a temporary folder
        }
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (var walk = Files.walk(dir))
        {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
