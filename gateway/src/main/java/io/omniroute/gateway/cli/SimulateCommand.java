package io.omniroute.gateway.cli;

import io.omniroute.engine.Engine;
import io.omniroute.engine.IoMessages;
import io.omniroute.engine.Network;
import io.omniroute.engine.PageReserve;
import io.omniroute.engine.sim.KpiReport;
import io.omniroute.engine.sim.Simulator;
import io.omniroute.journal.Durability;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.AgentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code omniroute simulate}: a JSON Lines command stream through the engine, one result line per command. With
 * {@code --journal DIR} it runs through the pipeline and journals as it goes (see {@link JournaledSimulation}); run
 * again on the same journal it recovers and continues after the last entry; with {@code --resume}, a file whose run
 * stopped part way goes on after the commands the journal already holds.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Route a JSON Lines command stream over a network folder; write one result per command.")
public final class SimulateCommand implements Callable<Integer>
{
    @Mixin
    NetworkOption network;

    @Mixin
    CommandStreamOptions stream;

    @Option(names = "--events", paramLabel = "FILE",
        description = "write availability and reorder events here, JSON Lines (one batch = one command)")
    Path events;

    @Option(names = "--quiet", description = "no progress bar and no KPI summary")
    boolean quiet;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "journal every command and decision here (created if new; an existing journal is recovered " +
            "and continued after its last entry)")
    Path journal;

    @Option(names = "--resume",
        description = "with --journal: this file was run on this journal before and stopped part way (killed, a " +
            "full disk): skip the commands the journal already ends with, copy their results to --out from it, and " +
            "go on with the rest")
    boolean resume;

    @Option(names = "--durability", paramLabel = "MODE",
        description = "with --journal: async (survives a crash of the process; default) or sync (the batch's pages msync'ed " +
            "before its results count, survives power loss)")
    String durability;

    @Option(names = "--snapshot-every", paramLabel = "N",
        description = "with --journal: write a snapshot every N commands (default 1000000; 0 = only on snapshot " +
            "commands and at the end)")
    Long snapshotEvery;

    @Option(names = "--idle", paramLabel = "STRATEGY", hidden = true,
        description = "with --journal: idle strategy of the engine and reader threads (busy-spin, yielding, " +
            "backoff, sleeping)")
    String idle;

    @Override
    public Integer call()
    {
        if (journal == null && (durability != null || snapshotEvery != null || idle != null || resume))
        {
            System.err.println(
                "omniroute simulate: --durability, --snapshot-every, --resume and --idle need --journal");
            return 2;
        }
        try
        {
            final Result r = journal == null ?
                simulate(network.network, stream.commands, stream.out, events, quiet ? null : System.err) :
                journaled();
            if (!quiet)
            {
                final PrintStream summary = "-".equals(stream.out) ? System.err : System.out;
                summary.print(KpiReport.format(r.engine.kpis(), r.engine.network(), r.commands, r.elapsedNs));
                summary.print(KpiReport.latency(r.latency));
                if (journal != null)
                {
                    summary.printf("journal %s: now at seq %d (durability %s, %d snapshot%s written); latency is " +
                        "from publish to durable result%n", journal, r.engine.lastSeq(), mode().cliName(),
                        r.snapshots, r.snapshots == 1 ? "" : "s");
                }
            }
            return 0;
        }
        catch (final UserError ex)
        {
            System.err.println("omniroute simulate: " + ex.getMessage());
            return 2;
        }
    }

    static final class Result
    {
        Engine engine;
        long commands;
        long elapsedNs;
        Histogram latency;
        /** With a journal: what recovery did. */
        String recovery;
        /** With a journal: snapshot files written. */
        long snapshots;
    }

    private Durability mode() throws UserError
    {
        if (durability == null)
        {
            return Durability.ASYNC;
        }
        final Durability d = Durability.parse(durability);
        if (d == null)
        {
            throw new UserError("--durability must be async or sync, not '" + durability + "'");
        }
        return d;
    }

    private Result journaled() throws UserError
    {
        final Durability d = mode();
        final long every = snapshotEvery == null ? 1_000_000L : snapshotEvery;
        if (every < 0)
        {
            throw new UserError("--snapshot-every must be 0 or more");
        }
        final Network net = network.load();
        return JournaledSimulation.run(net, network.network, stream.commands, stream.out, events,
            new JournaledSimulation.Settings(journal, d, every, idle == null ? "backoff" : idle, resume),
            quiet ? null : System.err);
    }

    static Result simulate(final Path networkDir, final Path commandsFile, final String outFile,
        final Path eventsFile, final PrintStream progressTo) throws UserError
    {
        final int sparePages = CliChecks.sparePages();
        final Network net = NetworkOption.load(networkDir);
        CliChecks.requireRunFiles(commandsFile, outFile, eventsFile, networkDir, null);
        final Result r = new Result();
        r.engine = new Engine(net);
        final InvalidLines invalid = new InvalidLines("omniroute simulate", commandsFile, System.err);
        final Simulator sim = new Simulator(r.engine).onInvalid(invalid::report);
        final ProgressBar bar = ProgressBar.forFile(progressTo, commandsFile);
        final long start = System.nanoTime();
        r.latency = new Histogram(3_600_000_000_000L, 3);
        try (InputStream in = Files.newInputStream(commandsFile);
            OutputStream os = Streams.openResults("--out", outFile);
            OutputStream es = eventsFile == null ? null :
                Streams.openFile("--events", eventsFile);
            AgentRunner pages = PageReserve.startFor(r.engine, sparePages,
                t -> System.err.println("omniroute simulate: warning: page thread: " + t)))
        {
            r.commands = sim.run(in, os, es, r.latency, bar == null ? null : bar::update);
        }
        catch (final IOException ex)
        {
            throw new UserError("i/o: " + IoMessages.describe(ex));
        }
        r.elapsedNs = System.nanoTime() - start;
        if (bar != null)
        {
            bar.finish();
        }
        invalid.finish();
        return r;
    }
}
