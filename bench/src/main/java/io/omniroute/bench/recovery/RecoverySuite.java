package io.omniroute.bench.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omniroute.bench.CommandStream;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.pipeline.Pipeline;
import io.omniroute.gateway.pipeline.ResultAdapter;
import io.omniroute.journal.CommandCodec;
import io.omniroute.journal.Durability;
import io.omniroute.journal.Recovery;
import io.omniroute.journal.SnapshotStore;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Recovery time (issue 4): a journal of N entries is written through the pipeline (async journal) from the demo
 * stream with ten quotes before every order ({@link CommandStream.Mix#QUOTES10}: a storefront's traffic; an
 * orders-only journal of 10 M entries would hold 10 M orders in the order book), with a {@code snapshot} command at
 * {@link #SNAPSHOT_AT} of the way, as the pipeline takes them. Then a cold recovery is timed as {@code serve} and
 * {@code simulate --journal} do it on a restart ({@link Recovery#recover}: the newest valid snapshot, checked and
 * restored, then the journal tail after it replayed with every decision verified against the journaled one), each in
 * a new JVM (a restarted process: cold JIT; the journal's pages are in the page cache, as after a process crash).
 * The recovered state hash and sequence must equal those of the engine that wrote the journal.
 * <p>
 * Baseline in the same run and the same child JVM: a raw Chronicle read of the same journal (every excerpt of the
 * queue copied out, no decoding). Not a JMH benchmark: the journal is written once (minutes for 10 M entries) and each
 * recovery is a single shot. Files go under {@code java.io.tmpdir} and are deleted at the end.
 * <p>
 * {@code java <flags> -cp bench/target/benchmarks.jar io.omniroute.bench.recovery.RecoverySuite DEMO_DIR EVENTS
 * [REPEATS]} runs it alone (DEMO_DIR as {@code omniroute demo --out} writes it).
 */
public final class RecoverySuite
{
    /** Where the snapshot command goes, as a fraction of the journal. */
    public static final double SNAPSHOT_AT = 0.9;
    static final String RECOVER = "--recover-child";

    private RecoverySuite()
    {
    }

    /**
     * @param demo      a demo folder (network/ and commands.jsonl).
     * @param events    journal entries to write (the snapshot command included).
     * @param repeats   recoveries to time (the best and every one are reported).
     * @param childJvm  time recoveries in a new JVM each (the real restart); false: in this JVM (tests).
     * @param progress  one line per step.
     */
    public static ObjectNode run(final Path demo, final long events, final int repeats, final boolean childJvm,
        final Consumer<String> progress) throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode out = mapper.createObjectNode();
        final Path networkDir = demo.resolve("network");
        final Network network = NetworkLoader.load(networkDir);
        final CommandStream stream = new CommandStream(Files.readAllBytes(demo.resolve("commands.jsonl")),
            CommandStream.Mix.QUOTES10);
        final Path work = Files.createTempDirectory("omniroute-recovery-bench");
        try
        {
            final Path journal = work.resolve("journal");
            final long snapshotIndex = Math.max(1, Math.round(events * SNAPSHOT_AT));
            progress.accept(String.format(Locale.ROOT, "recovery: writing a journal of %,d entries (snapshot at " +
                "entry %,d) to %s", events, snapshotIndex, journal));
            final long t0 = System.nanoTime();
            final long[] written = write(network, networkDir, journal, stream, events, snapshotIndex);
            final double buildSeconds = (System.nanoTime() - t0) / 1e9;
            final long expectedHash = written[0];
            final long lastSeq = written[1];
            final long orders = written[2];
            final List<Path> snapshots = new SnapshotStore(journal.resolve("snapshots"), 3).list();
            final long journalBytes = treeSize(journal.resolve("queue"));
            progress.accept(String.format(Locale.ROOT, "recovery: journal written in %.1f s (%,.0f entries/s), " +
                "%,d MB, %d snapshot(s)", buildSeconds, events / buildSeconds, journalBytes >> 20, snapshots.size()));
            out.put("events", events).put("orders", orders).put("quotes_per_order", CommandStream.QUOTES_PER_ORDER)
                .put("mix", "demo stream with " + CommandStream.QUOTES_PER_ORDER + " quotes (1–3-line carts, all " +
                    "services) before every order")
                .put("snapshot_at_entry", snapshotIndex)
                .put("snapshot_bytes", snapshots.isEmpty() ? 0 : Files.size(snapshots.get(0)))
                .put("journal_bytes", journalBytes)
                .put("build_seconds", buildSeconds).put("build_entries_per_s", events / buildSeconds)
                .put("expected_last_seq", lastSeq).put("expected_state_hash", Long.toHexString(expectedHash))
                .put("page_cache", "warm: the journal was just written (as after a process crash, not a reboot)")
                .put("jvm", childJvm ? "a new JVM per recovery (cold JIT, as a restart)" : "the bench JVM (warm JIT)");
            final var runs = out.putArray("runs");
            double best = Double.MAX_VALUE;
            double bestRaw = Double.MAX_VALUE;
            boolean verified = true;
            JsonNode bestRun = null;
            for (int i = 0; i < repeats; i++)
            {
                final JsonNode r = childJvm ? recoverInChild(mapper, journal, networkDir) :
                    recoverHere(mapper, journal, networkDir);
                runs.add(r);
                final boolean same = r.path("state_hash").asText().equals(Long.toHexString(expectedHash)) &&
                    r.path("last_seq").asLong() == lastSeq && r.path("snapshot_seq").asLong() > 0 &&
                    r.path("replayed").asLong() == lastSeq - r.path("snapshot_seq").asLong();
                verified &= same;
                progress.accept(String.format(Locale.ROOT, "recovery %d/%d: %.2f s (snapshot at seq %,d + %,d " +
                    "replayed), state hash %s; raw Chronicle read of the journal %.2f s", i + 1, repeats,
                    r.path("recovery_seconds").asDouble(), r.path("snapshot_seq").asLong(), r.path("replayed").asLong(),
                    same ? "equal" : "DIFFERENT", r.path("raw_read_seconds").asDouble()));
                if (r.path("recovery_seconds").asDouble() < best)
                {
                    best = r.path("recovery_seconds").asDouble();
                    bestRun = r;
                }
                bestRaw = Math.min(bestRaw, r.path("raw_read_seconds").asDouble());
            }
            out.put("verified", verified);
            if (bestRun != null)
            {
                final long replayed = bestRun.path("replayed").asLong();
                out.put("recovery_seconds", best)
                    .put("recovery_events_per_s", events / best)
                    .put("snapshot_load_seconds", bestRun.path("snapshot_load_seconds").asDouble())
                    .put("replayed", replayed)
                    .put("replay_seconds", bestRun.path("replay_seconds").asDouble())
                    .put("replay_events_per_s", replayed / Math.max(1e-9, bestRun.path("replay_seconds").asDouble()))
                    .put("raw_read_seconds", bestRaw)
                    .put("raw_read_events_per_s", bestRun.path("raw_entries").asLong() / bestRaw)
                    .put("cost_ratio", best / bestRaw)
                    .put("target_seconds", 10).put("target_events", 10_000_000L)
                    .put("target_met", events >= 10_000_000L && best <= 10 && verified);
            }
            return out;
        }
        finally
        {
            deleteTree(work);
        }
    }

    /**
     * Writes the journal through a pipeline.
     *
     * @return the state hash and last sequence of the engine that wrote it, and the orders written.
     */
    static long[] write(final Network network, final Path networkDir, final Path journal, final CommandStream stream,
        final long events, final long snapshotIndex)
    {
        final CommandCodec codec = new CommandCodec();
        final Command snapshot = new CommandJsonDecoder().decode("{\"type\":\"snapshot\"}", new Command());
        if (snapshot.type != CommandType.SNAPSHOT)
        {
            throw new IllegalStateException("no snapshot command: " + snapshot.invalidMessage);
        }
        final UnsafeBuffer snapshotBytes = new UnsafeBuffer(new byte[1024]);
        final int snapshotLength = codec.encode(snapshot, snapshotBytes, 0);
        final Pipeline p = Pipeline.launch(new Context().network(network, networkDir).journalDir(journal)
            .durability(Durability.ASYNC).idleStrategy("backoff").snapshotInterval(0).snapshotOnClose(false)
            .warnings(w -> { }));
        long orders = 0;
        try
        {
            final IdleStrategy idle = p.newIdleStrategy();
            final ResultAdapter.ResultHandler ignore = slot -> { };
            final UnsafeBuffer view = new UnsafeBuffer(0, 0);
            stream.rewind();
            for (long n = 1; n <= events; n++)
            {
                final UnsafeBuffer cmd;
                final int length;
                if (n == snapshotIndex)
                {
                    cmd = snapshotBytes;
                    length = snapshotLength;
                }
                else
                {
                    final byte[] b = stream.next();
                    orders += stream.lastWasOrder() ? 1 : 0;
                    view.wrap(b);
                    cmd = view;
                    length = b.length;
                }
                while (!p.publisher().offer(cmd, 0, length, n))
                {
                    idle.idle(p.results().poll(ignore, 4096));
                    if (p.error() != null)
                    {
                        throw new IllegalStateException("the engine stopped at entry " + n, p.error());
                    }
                }
                p.results().poll(ignore, 4096);
            }
            while (p.inFlight() > 0 && p.error() == null)
            {
                idle.idle(p.results().poll(ignore, 4096));
            }
            if (p.error() != null)
            {
                throw new IllegalStateException("the engine stopped", p.error());
            }
        }
        finally
        {
            p.close();
        }
        return new long[] { EngineSnapshot.stateHash(p.engine()), p.engine().lastSeq(), orders };
    }

    private static JsonNode recoverInChild(final ObjectMapper mapper, final Path journal, final Path networkDir)
        throws Exception
    {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true", "-Xms1g", "-Xmx6g", "-XX:+UseParallelGC",
            "-cp", System.getProperty("java.class.path"), RecoverySuite.class.getName(), RECOVER,
            journal.toString(), networkDir.toString()));
        final Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = r.readLine()) != null)
            {
                if (line.startsWith("{"))
                {
                    last = line;
                }
            }
        }
        if (!child.waitFor(10, TimeUnit.MINUTES))
        {
            child.destroyForcibly();
            throw new IllegalStateException("recovery child did not finish in 10 minutes");
        }
        if (child.exitValue() != 0 || last == null)
        {
            throw new IllegalStateException("recovery child failed (exit " + child.exitValue() + ")");
        }
        return mapper.readTree(last);
    }

    /**
     * Recovers the journal once, then reads it raw; the figures as JSON.
     */
    static ObjectNode recoverHere(final ObjectMapper mapper, final Path journal, final Path networkDir)
        throws Exception
    {
        final Network network = NetworkLoader.load(networkDir); // loaded before recovery, as serve does
        final Context ctx = new Context().network(network, networkDir).journalDir(journal).durability(Durability.ASYNC)
            .conclude();
        final ObjectNode r = mapper.createObjectNode();
        final long t0 = System.nanoTime();
        final Recovery.Result result = Recovery.recover(ctx.journalContext(), network, ctx.networkFingerprint(),
            w -> System.err.println("recovery warning: " + w));
        final long t1 = System.nanoTime();
        try
        {
            r.put("recovery_seconds", (t1 - t0) / 1e9).put("last_seq", result.lastSeq())
                .put("snapshot_seq", result.snapshotSeq()).put("replayed", result.replayed())
                .put("state_hash", Long.toHexString(EngineSnapshot.stateHash(result.engine())))
                .put("warnings", result.warnings().size());
        }
        finally
        {
            result.journal().close();
        }
        // the snapshot alone (read, checksums, restore, state hash check): the part of recovery before the replay
        if (result.snapshotFile() != null)
        {
            final long s0 = System.nanoTime();
            SnapshotStore.read(result.snapshotFile(), network, ctx.networkFingerprint());
            final double load = (System.nanoTime() - s0) / 1e9;
            r.put("snapshot_load_seconds", load).put("replay_seconds", Math.max(0, (t1 - t0) / 1e9 - load));
        }
        else
        {
            r.put("snapshot_load_seconds", 0).put("replay_seconds", (t1 - t0) / 1e9);
        }
        final long[] raw = rawRead(journal.resolve("queue"));
        r.put("raw_entries", raw[0]).put("raw_bytes", raw[1]).put("raw_read_seconds", raw[2] / 1e9);
        return r;
    }

    /**
     * Baseline: every excerpt of the queue copied out, nothing decoded.
     *
     * @return excerpts, bytes, nanoseconds.
     */
    static long[] rawRead(final Path queueDir)
    {
        final long t0 = System.nanoTime();
        long n = 0;
        long bytes = 0;
        final byte[] copy = new byte[1 << 16];
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(queueDir.toFile())
            .rollCycle(LargeRollCycles.HUGE_DAILY).readOnly(true).build();
            ExcerptTailer t = q.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = t.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> b = dc.wire().bytes();
                    final int len = (int)Math.min(copy.length, b.readRemaining());
                    b.read(copy, 0, len);
                    bytes += len;
                    n++;
                }
            }
        }
        return new long[] { n, bytes, System.nanoTime() - t0 };
    }

    static long treeSize(final Path dir) throws IOException
    {
        try (var walk = Files.walk(dir))
        {
            return walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (var walk = Files.walk(dir))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper();
        if (args.length == 3 && RECOVER.equals(args[0]))
        {
            System.out.println(mapper.writeValueAsString(recoverHere(mapper, Path.of(args[1]), Path.of(args[2]))));
            return;
        }
        if (args.length < 2)
        {
            System.err.println("usage: RecoverySuite DEMO_DIR EVENTS [REPEATS]");
            System.exit(2);
        }
        final ObjectNode r = run(Path.of(args[0]), Long.parseLong(args[1]),
            args.length > 2 ? Integer.parseInt(args[2]) : 1, true, System.err::println);
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    }
}
