package io.omniroute.gateway.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.Command;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import io.omniroute.engine.IoMessages;
import io.omniroute.engine.Network;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.json.ResultJsonEncoder;
import io.omniroute.engine.sim.JsonLinesReader;
import io.omniroute.gateway.pipeline.CommandSlot;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.pipeline.Pipeline;
import io.omniroute.gateway.pipeline.ResultAdapter;
import io.omniroute.journal.Durability;
import io.omniroute.journal.JournalException;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code simulate --journal DIR}: the command stream through the real pipeline (ring → engine thread → journal),
 * recovering from the journal first, so a second run on the same journal continues after its last entry. Results
 * are written as they come back durable; they are byte for byte what the plain simulate writes for the same history.
 */
final class JournaledSimulation implements ResultAdapter.ResultHandler
{
    /**
     * What the run was told to do.
     *
     * @param journal          the journal directory.
     * @param durability       async or sync.
     * @param snapshotInterval commands between snapshots (0 = only on command, and at the end).
     * @param idleStrategy     idle strategy of the engine and producer threads.
     * @param resume           the file ran on this journal before and stopped part way: go on after what it holds.
     */
    record Settings(Path journal, Durability durability, long snapshotInterval, String idleStrategy, boolean resume)
    {
    }

    private final SystemEpochNanoClock clock = new SystemEpochNanoClock();
    private OutputStream out;
    private Histogram latency;
    private long received;
    /** Lines of the file the journal already holds (a resumed run), skipped when feeding. */
    private long skip;
    /** Whether commands were published to the pipeline (and so may be in the journal). */
    private boolean launched;
    /** Each command's correlation is its line number in the file, so an INVALID one's line gets named. */
    private InvalidLines invalid;

    static SimulateCommand.Result run(final Network net, final Path networkDir, final Path commandsFile,
        final String outFile, final Path eventsFile, final Settings settings, final PrintStream progressTo)
        throws UserError
    {
        return new JournaledSimulation().simulate(net, networkDir, commandsFile, outFile, eventsFile, settings,
            progressTo);
    }

    private SimulateCommand.Result simulate(final Network net, final Path networkDir, final Path commandsFile,
        final String outFile, final Path eventsFile, final Settings s, final PrintStream progressTo) throws UserError
    {
        CliChecks.requireRunFiles(commandsFile, outFile, eventsFile, networkDir, s.journal());
        CliChecks.requireJournalDirectory(s.journal());
        final SimulateCommand.Result r = new SimulateCommand.Result();
        r.latency = new Histogram(3_600_000_000_000L, 3);
        latency = r.latency;
        invalid = new InvalidLines("omniroute simulate", commandsFile, System.err);
        final ProgressBar bar = ProgressBar.forFile(progressTo, commandsFile);
        final EventsWriter events = eventsFile == null ? null : new EventsWriter();
        final Context ctx = new Context().network(net, networkDir).journalDir(s.journal()).durability(s.durability())
            .snapshotInterval(s.snapshotInterval()).idleStrategy(s.idleStrategy())
            .warnings(w -> System.err.println("omniroute simulate: warning: " + w));
        if (events != null)
        {
            ctx.eventsListener(events, true); // one batch = one command, as the plain simulate
        }
        // what can refuse the run is asked before --out and --events are opened (an existing --out stays as it was
        // when the journal does not end with the file's first commands, or cannot be opened or recovered)
        JournaledPrefix prefix = null;
        if (s.resume())
        {
            // a run of this file that stopped part way: its journaled commands are not applied again, and their
            // results go to --out from the journal, so the file comes out as one uninterrupted run would write it
            try
            {
                prefix = JournaledPrefix.find(s.journal(), commandsFile);
            }
            catch (final IOException ex)
            {
                throw new UserError("i/o: " + IoMessages.describe(ex));
            }
            if (prefix.commands == 0)
            {
                throw new UserError("--resume: journal " + s.journal() + " does not end with the first " +
                    "commands of " + commandsFile + ", so nothing of it is there to resume after (without " +
                    "--resume the whole file is applied after the journal's last entry)");
            }
        }
        try (InputStream in = Files.newInputStream(commandsFile))
        {
            final long start = System.nanoTime();
            try (Pipeline p = Pipeline.launch(ctx);
                OutputStream os = Streams.open("--out", outFile);
                OutputStream es = eventsFile == null ? null : Streams.openFile("--events", eventsFile))
            {
                // where this file's run begins in the journal, written down before anything is applied, so that a
                // --resume after a stop knows it without guessing
                JournaledPrefix.recordRunStart(s.journal(), commandsFile,
                    prefix != null ? prefix.firstSeq : p.recovery().lastSeq() + 1);
                launched = true;
                if (events != null)
                {
                    events.open(es);
                }
                out = os;
                if (prefix != null)
                {
                    prefix.copyResults(s.journal(), os);
                    skip = prefix.commands;
                }
                r.recovery = p.recovery().describe();
                if (progressTo != null)
                {
                    progressTo.println("omniroute simulate: " + r.recovery);
                    if (skip > 0)
                    {
                        progressTo.printf("omniroute simulate: resuming %s after its first %,d commands: the journal " +
                            "ends with them (a run that stopped part way); their results are copied from it%n",
                            commandsFile, skip);
                    }
                }
                try
                {
                    r.commands = feed(p, in, bar);
                }
                finally
                {
                    // before --out and --events close: the engine thread may still write events of commands published
                    p.close();
                }
                r.elapsedNs = System.nanoTime() - start;
                r.engine = p.engine();
                r.snapshots = p.snapshotsWritten();
                final Throwable error = p.error();
                if (error != null)
                {
                    throw new EngineFailure(error);
                }
                if (events != null)
                {
                    events.close();
                }
            }
        }
        catch (final EngineFailure ex)
        {
            final String why = CliChecks.journalWriteFailure(s.journal(), ex.getCause());
            if (why == null)
            {
                throw ex;
            }
            final boolean refused = ex.getCause() instanceof JournalException;
            if (skip + received == 0 && journalHoldsNoneOf(s.journal(), commandsFile))
            {
                // --resume would be refused: the journal does not end with any of the file's commands
                throw new UserError(why + ". No command of " + commandsFile + " is in the journal: free space and " +
                    "run the same command again, without --resume");
            }
            throw new UserError(why + ". " + (skip + received) + " results were written to " +
                outName(outFile) + (refused ? ", all of them journaled" : "; the last may be torn in the journal") +
                ". Free space and run the same command again with --resume: it recovers and goes on after what " +
                "the journal holds, copying those results from it");
        }
        catch (final JournalException ex)
        {
            throw new UserError(ex.getMessage());
        }
        catch (final IOException ex)
        {
            throw new UserError("i/o: " + IoMessages.describe(ex) + afterJournaling());
        }
        catch (final UncheckedIOException ex)
        {
            throw new UserError("i/o: " + IoMessages.describe(ex.getCause()) + afterJournaling());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UserError(ex.getMessage());
        }
        if (bar != null)
        {
            bar.finish();
        }
        return r;
    }

    /**
     * @return whether the journal certainly ends with none of the file's commands (then --resume would be refused);
     * false when it cannot be told.
     */
    private static boolean journalHoldsNoneOf(final Path journal, final Path commandsFile)
    {
        try
        {
            return JournaledPrefix.find(journal, commandsFile).commands == 0;
        }
        catch (final IOException | RuntimeException ex)
        {
            return false;
        }
    }

    /**
     * Reads the JSON Lines (blank lines skipped, CR LF accepted), publishes each command and writes results as they
     * come back.
     *
     * @return commands published.
     */
    private long feed(final Pipeline p, final InputStream in, final ProgressBar bar) throws IOException
    {
        final IdleStrategy idle = p.newIdleStrategy();
        final ResultAdapter results = p.results();
        final JsonLinesReader reader = new JsonLinesReader(in);
        final long commands = reader.readAll(new CommandFeed(p, reader, idle, results),
            bar == null ? null : bar::update) - skip;
        while (received < commands)
        {
            idle.idle(results.poll(this, 1024));
            failIfStopped(p);
        }
        out.flush();
        if (bar != null)
        {
            bar.update(commands, reader.bytesRead());
        }
        invalid.finish();
        return commands;
    }

    /**
     * Publishes each command line to the pipeline, taking results as they come back while the ring is full.
     */
    private final class CommandFeed implements JsonLinesReader.LineHandler
    {
        private final CommandJsonDecoder decoder = new CommandJsonDecoder();
        private final Command cmd = new Command();
        private final Pipeline p;
        private final JsonLinesReader reader;
        private final IdleStrategy idle;
        private final ResultAdapter results;
        private long skipped;

        CommandFeed(final Pipeline p, final JsonLinesReader reader, final IdleStrategy idle,
            final ResultAdapter results)
        {
            this.p = p;
            this.reader = reader;
            this.idle = idle;
            this.results = results;
        }

        @Override
        public void onLine(final byte[] buf, final int start, final int len)
        {
            if (skipped < skip)
            {
                skipped++;
                return;
            }
            decoder.decode(buf, start, len, cmd);
            while (!p.publisher().offer(cmd, reader.lineNumber()))
            {
                idle.idle(results.poll(JournaledSimulation.this, 1024));
                failIfStopped(p);
            }
            results.poll(JournaledSimulation.this, 1024);
        }
    }

    /**
     * An output that failed once commands were being journaled: the journal holds them, so running the file again
     * without --resume would apply them a second time (a receipt counted twice).
     */
    private String afterJournaling()
    {
        return launched ? ". The journal holds every command applied before it: once the output can be written, run " +
            "the same command again with --resume, which copies their results from the journal and goes on after " +
            "them (without it they would be applied twice)" : "";
    }

    private static String outName(final String outFile)
    {
        return outFile == null || "-".equals(outFile) ? "the output" : outFile;
    }

    private static void failIfStopped(final Pipeline p)
    {
        if (p.error() != null)
        {
            throw new EngineFailure(p.error());
        }
    }

    @Override
    public void onResult(final CommandSlot slot)
    {
        try
        {
            out.write(slot.resultArray(), 0, slot.resultLength());
            out.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        latency.recordValue(Math.min(latency.getHighestTrackableValue(),
            Math.max(0, clock.nanoTime() - slot.ingressTimeNs())));
        received++;
        if (slot.status() == Status.REJECTED && slot.reason() == Reason.INVALID)
        {
            invalid.report(slot.correlationId(), slot.seq(), slot.resultArray(), slot.resultLength());
        }
    }

    /**
     * The engine thread stopped on an error (a bug, or the disk): reported as an internal error.
     */
    static final class EngineFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        EngineFailure(final Throwable cause)
        {
            super("the engine thread stopped: " + cause, cause);
        }
    }

    /**
     * Writes availability and reorder events as JSON Lines, on the engine thread.
     */
    private static final class EventsWriter implements io.omniroute.journal.JournaledEngine.EventsListener
    {
        private JsonGenerator g;
        private ResultJsonEncoder encoder;
        private Engine engine;

        void open(final OutputStream os) throws IOException
        {
            g = CommandJsonDecoder.fastFactory().createGenerator(os, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
        }

        @Override
        public void onEvents(final Engine engine, final EngineEvents events)
        {
            if (this.engine != engine)
            {
                this.engine = engine;
                encoder = new ResultJsonEncoder(engine);
            }
            try
            {
                for (int i = 0; i < events.count(); i++)
                {
                    encoder.encodeEvent(events, i, g);
                    g.writeRaw('\n');
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        void close() throws IOException
        {
            g.flush();
            g.close();
        }
    }
}
