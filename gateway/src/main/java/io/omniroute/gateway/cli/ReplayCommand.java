package io.omniroute.gateway.cli;

import io.omniroute.engine.Engine;
import io.omniroute.engine.IoMessages;
import io.omniroute.engine.Network;
import io.omniroute.engine.PageReserve;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournalException;
import io.omniroute.journal.JournalReader;
import io.omniroute.journal.NetworkFingerprint;
import io.omniroute.journal.ReplayFeed;
import io.omniroute.journal.Replayer;
import io.omniroute.journal.ResultLineEncoder;
import org.agrona.concurrent.AgentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code omniroute replay}: re-runs a whole journal through a fresh engine (snapshots are not used) and, with
 * {@code --verify}, checks that every decision comes out byte for byte as journaled. Reads only; the journal is not
 * changed. Exit status: 0, 2 for a user error (missing or unreadable journal, another network), 3 when a decision
 * differs.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-run a journal through a fresh engine; with --verify, check every decision against the journal.")
public final class ReplayCommand implements Callable<Integer>
{
    static final int DIVERGED = 3;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
    Path journal;

    @Option(names = "--network", required = true, paramLabel = "DIR", description = "the network the journal was written over")
    Path network;

    @Option(names = "--out", paramLabel = "FILE", description = "write the re-generated results here ('-' = stdout)")
    String out;

    @Option(names = "--verify", description = "exit " + DIVERGED + " and name the first diverging sequence when any " +
        "decision differs from the journal")
    boolean verify;

    @Override
    public Integer call()
    {
        try
        {
            return replay();
        }
        catch (final UserError ex)
        {
            System.err.println("omniroute replay: " + ex.getMessage());
            return 2;
        }
        catch (final JournalException ex)
        {
            System.err.println("omniroute replay: " + ex.getMessage());
            return 2;
        }
    }

    private int replay() throws UserError
    {
        if (!Files.isDirectory(journal) || !Journal.exists(journal))
        {
            throw new UserError("journal " + journal + ": not found (no journal in that directory)");
        }
        CliChecks.requireOutside("--out", out, journal, "the journal");
        CliChecks.requireNotNetworkFile("--out", out, network);
        final int sparePages = CliChecks.sparePages();
        final Network net = NetworkOption.load(network);
        final long fingerprint = NetworkFingerprint.of(network);
        final PrintStream report = "-".equals(out) ? System.err : System.out;
        final Journal.Context jc = new Journal.Context().dir(journal).readOnly(true)
            .network(fingerprint, net.skuCount(), net.locationCount(), network.toString());
        long entries = 0;
        long diverged = 0;
        String firstDivergence = null;
        final long opened = System.nanoTime();
        long start = opened;
        final Engine engine = new Engine(net);
        try (Journal j = Journal.open(jc);
            JournalReader reader = j.newReader();
            ReplayFeed feed = new ReplayFeed(reader, net);
            OutputStream os = out == null ? null : Streams.open("--out", out);
            AgentRunner pages = PageReserve.startFor(engine, sparePages,
                t -> System.err.println("omniroute replay: warning: page thread: " + t)))
        {
            final Replayer replayer = new Replayer(engine);
            feed.prefetchFor(engine);
            start = System.nanoTime();   // the rate is the replay's own: opening the journal and building the engine
            while (feed.next())           // (Chronicle's start, a large network's stock) are reported apart
            {
                final ReplayFeed.Slot e = feed.entry();
                final boolean same = replayer.apply(e);
                entries++;
                if (!same && diverged++ == 0)
                {
                    firstDivergence = replayer.divergence(e);
                }
                if (os != null)
                {
                    final ResultLineEncoder line = replayer.lastLine();
                    os.write(line.array(), 0, line.length());
                    os.write('\n');
                }
            }
            if (feed.tornTail() != null)
            {
                System.err.println("omniroute replay: warning: the journal ends with " + feed.tornTail().describe() +
                    "; replayed up to it");
            }
            if (os != null)
            {
                os.flush();
            }
        }
        catch (final IOException ex)
        {
            throw new UserError("i/o: " + IoMessages.describe(ex));
        }
        final double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        report.printf(Locale.ROOT, "replayed %,d entries in %.3f s: %,.0f events/s (after %.3f s opening the journal " +
            "and building the engine)%n", entries, secs, entries / secs, (start - opened) / 1e9);
        if (verify)
        {
            if (diverged > 0)
            {
                report.printf("DIVERGED: %,d of %,d decisions differ from the journal; the first at %s%n", diverged,
                    entries, firstDivergence);
                return DIVERGED;
            }
            report.printf("verified: all %,d decisions equal the journal%n", entries);
        }
        return 0;
    }
}
