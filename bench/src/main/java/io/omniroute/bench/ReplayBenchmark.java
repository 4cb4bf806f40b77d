package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.PageReserve;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.pipeline.Pipeline;
import io.omniroute.journal.CommandCodec;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournalEntry;
import io.omniroute.journal.JournalReader;
import io.omniroute.journal.ReplayFeed;
import io.omniroute.journal.Replayer;
import io.omniroute.journal.ResultLineEncoder;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Replay speed: a journal of the demo stream ({@link #COMMANDS} orders, written once through the pipeline) re-run
 * through a fresh engine with every decision verified, as {@code omniroute replay --verify} and recovery do (one op =
 * the whole journal; events/s = ops/s × its entries, about 3 % more than COMMANDS with the cancels and receipts: the
 * count is written to the bench report's extras). Baselines in the same run: reading and decoding the journal's
 * entries (frame checks and command decode) with no engine, and the same plus the engine's apply with nothing
 * verified (the engine's own share).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ReplayBenchmark extends ChronicleFork
{
    /**
     * Demo orders in the journal: 100 K (with its cancels and receipts about 103 K entries, half a demo day). A
     * replay runs a whole journal once through a fresh engine, so building that engine (about 10 ms: its books'
     * pages, the caches it fills on first use) is paid once per journal; at 10 K entries (until session 6) it was
     * a fifth of every op, a share no day's journal has.
     */
    public static final int COMMANDS = 100_000;

    private DemoFixture fixture;
    private Path journal;
    private Journal open;
    private final CommandCodec codec = new CommandCodec();
    private final Command command = new Command();
    private final Decision decision = new Decision();

    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params) throws Exception
    {
        // every op builds a fresh engine: an order book sized for this journal, not the suite's 256 MB default (a
        // 256 MB direct buffer per op costs more than the replay itself and drives full GCs to free direct memory)
        System.setProperty("omniroute.orderbook.bytes", Integer.toString(32 << 20));
        fixture = new DemoFixture(COMMANDS);
        journal = fixture.dir.resolve("journal");
        try (Pipeline p = Pipeline.launch(new Context().network(fixture.network, fixture.dir.resolve("network"))
            .journalDir(journal).snapshotInterval(0).snapshotOnClose(false).warnings(w -> { })))
        {
            final CommandJsonDecoder json = new CommandJsonDecoder();
            final Command cmd = new Command();
            final IdleStrategy idle = p.newIdleStrategy();
            long n = 0;
            for (final String line : new String(fixture.commands, StandardCharsets.UTF_8).split("\n"))
            {
                if (line.isBlank())
                {
                    continue;
                }
                json.decode(line, cmd);
                while (!p.publisher().offer(cmd, n))
                {
                    idle.idle(p.results().poll(slot -> { }, 1024));
                    if (p.error() != null)
                    {
                        throw new IllegalStateException("the engine stopped at command " + n, p.error());
                    }
                }
                n++;
            }
            while ((p.inFlight() > 0 || p.results().pending() > 0) && p.error() == null)
            {
                idle.idle(p.results().poll(slot -> { }, 1024));
            }
            if (p.error() != null)
            {
                throw new IllegalStateException("the engine stopped", p.error());
            }
        }
        open = Journal.open(new Journal.Context().dir(journal).readOnly(true));
        final long entries = countEntries();
        System.out.printf("%njournal of %d entries, %d cores%n", entries, Runtime.getRuntime().availableProcessors());
        PipelineBenchmark.writeExtras(params, "{\"entries\":" + entries + "}");
    }

    private long countEntries()
    {
        long n = 0;
        try (JournalReader r = open.newReader())
        {
            while (r.next())
            {
                n++;
            }
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        open.close();
        fixture.deleteFiles();
    }

    /**
     * The whole journal through a fresh engine, every decision compared byte for byte, as replay and recovery run it:
     * a {@link ReplayFeed} reads and decodes on its own thread ahead of the engine's, the engine reads ahead for
     * the order ids of the entries waiting for it, and its books grow into pages a sleeping thread made ahead.
     */
    @Benchmark
    public long replayVerified()
    {
        final Replayer replayer = new Replayer(new Engine(fixture.network));
        long same = 0;
        try (JournalReader r = open.newReader();
            ReplayFeed feed = new ReplayFeed(r, fixture.network).prefetchFor(replayer.engine());
            AgentRunner pages = PageReserve.startFor(replayer.engine(), PageReserve.DEFAULT_SPARE_PAGES,
                Throwable::printStackTrace))
        {
            while (feed.next())
            {
                if (replayer.apply(feed.entry()))
                {
                    same++;
                }
            }
        }
        return checked(same, replayer.replayed());
    }

    /**
     * Baseline: the same replay on one thread (read, decode, apply, encode and compare one entry after another), as
     * replay ran until session 9.
     */
    @Benchmark
    public long replayVerifiedOneThread()
    {
        final Engine engine = new Engine(fixture.network);
        final ResultLineEncoder lines = new ResultLineEncoder(engine);
        final CommandCodec pinned = new CommandCodec().pinNames(fixture.network);
        long same = 0;
        long n = 0;
        try (JournalReader r = open.newReader())
        {
            while (r.next())
            {
                final JournalEntry e = r.entry();
                e.decodeCommand(pinned, command);
                engine.apply(command, decision);
                final int length = lines.encode(decision);
                if (decision.seq == e.seq() && e.resultEquals(lines.array(), length))
                {
                    same++;
                }
                n++;
            }
        }
        return checked(same, n);
    }

    private static long checked(final long same, final long replayed)
    {
        if (same != replayed)
        {
            throw new IllegalStateException("replay diverged");
        }
        return same;
    }

    /**
     * Baseline: the whole journal through a fresh engine, decisions neither encoded nor compared (read, decode and
     * apply: the engine's own share of a replay).
     */
    @Benchmark
    public long readDecodeApplyOnly()
    {
        final Engine engine = new Engine(fixture.network);
        final CommandCodec pinned = new CommandCodec();
        pinned.pinNames(fixture.network);
        long seq = 0;
        try (JournalReader r = open.newReader())
        {
            while (r.next())
            {
                r.entry().decodeCommand(pinned, command);
                seq = engine.apply(command, decision).seq;
            }
        }
        return seq;
    }

    /**
     * Baseline: read and decode every entry, no engine.
     */
    @Benchmark
    public long readAndDecodeOnly()
    {
        long n = 0;
        try (JournalReader r = open.newReader())
        {
            while (r.next())
            {
                r.entry().decodeCommand(codec, command);
                n += command.lineCount;
            }
        }
        return n;
    }
}
