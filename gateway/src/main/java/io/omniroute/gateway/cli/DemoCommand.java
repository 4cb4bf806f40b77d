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
        try
        {
            final Path dir = out != null ? out : Files.createTempDirectory("omniroute-demo");
            Files.createDirectories(dir);
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
            else
            {
                deleteTree(dir);
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
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (var walk = Files.walk(dir))
        {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
