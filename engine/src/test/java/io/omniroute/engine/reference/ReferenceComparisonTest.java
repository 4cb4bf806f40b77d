package io.omniroute.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkException;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Differential test: the real engine against {@link ReferenceRouter} on seeded random networks and command streams.
 * Every result must be the same JSON value (INVALID rejects: same status and reason), and after every command the
 * engine's stock and capacity must equal the reference's and keep the SPEC §2 invariants, with conservation of
 * Σ on_hand (see {@link EngineState#check}). {@link ReferenceFullStreamTest} runs the same comparison on streams of
 * every command ({@link Options#FULL}).
 * <p>
 * Replay one seed: {@code mvn -pl engine test -Dtest=ReferenceComparisonTest#oneSeed -Dreference.seed=1234}.
 */
public class ReferenceComparisonTest
{
    /** Fast sweep for every build (≲ 60 s on 2 cores). */
    static final int FAST_PAIRS = Integer.getInteger("reference.pairs", 2_000);
    static final int FAST_COMMANDS = 60;
    /** The slow sweep: many more, longer streams. */
    static final int SLOW_PAIRS = Integer.getInteger("reference.slowPairs", 40_000);
    static final int SLOW_COMMANDS = 150;

    @TempDir
    Path tmp;

    @Test
    void engineAgreesWithTheReferenceOnRandomNetworks()
    {
        sweep(1L, FAST_PAIRS, FAST_COMMANDS);
    }

    @Test
    @Tag("slow")
    void engineAgreesWithTheReferenceOnManyMoreRandomNetworks()
    {
        sweep(1_000_000L, SLOW_PAIRS, SLOW_COMMANDS);
    }

    /** Replays one seed given by -Dreference.seed (skipped without it). */
    @Test
    void oneSeed()
    {
        final String seed = System.getProperty("reference.seed");
        assumeTrue(seed != null, "give -Dreference.seed=N to replay one seed");
        final String failure = runPair(Long.parseLong(seed), Integer.getInteger("reference.commands",
            SLOW_COMMANDS), tmp);
        if (failure != null)
        {
            fail(failure);
        }
    }

    private void sweep(final long firstSeed, final int pairs, final int commands)
    {
        for (long seed = firstSeed; seed < firstSeed + pairs; seed++)
        {
            final String failure = runPair(seed, commands, tmp);
            if (failure != null)
            {
                fail(failure);
            }
        }
    }

    /**
     * Runs one (network, stream) pair of the classic mix.
     *
     * @return null when the engine agreed throughout, else a message with the seed, command index, command,
     * expected and actual.
     */
    /**
     * @return the line the fast result writer makes for the simulator's last decision, or null when it declined.
     */
    static String fastLine(final io.omniroute.engine.json.ResultLineWriter writer, final Simulator sim)
    {
        final int n = writer.write(sim.lastDecision());
        return n == io.omniroute.engine.json.ResultLineWriter.DECLINED ? null :
            new String(writer.array(), 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String runPair(final long seed, final int commands, final Path tmp)
    {
        return runPair(seed, commands, tmp, Options.CLASSIC);
    }

    /**
     * How a pair is run: the stream's mix, the networks drawn, whether quotes may carry a transit limit, and whether
     * a second engine restored from a snapshot taken part way must go on byte for byte like the first. For FULL,
     * {@code -Dreference.quoteTransitLimits=true} lets quotes carry {@code max_transit_days} and
     * {@code -Dreference.noRestore=true} leaves out the restored engine (to look past a restore divergence).
     */
    public record Options(RandomStreams.Mix mix, RandomNetworks.Config config, boolean quoteTransitLimits,
        boolean restoreMidway, String replayTest)
    {
        public static final Options CLASSIC = new Options(RandomStreams.Mix.CLASSIC, RandomNetworks.Config.DEFAULT,
            false, false, "ReferenceComparisonTest#oneSeed");
        public static final Options FULL = new Options(RandomStreams.Mix.FULL, RandomNetworks.Config.CHECKOUT,
            Boolean.getBoolean("reference.quoteTransitLimits"), !Boolean.getBoolean("reference.noRestore"),
            "ReferenceFullStreamTest#oneSeed");
    }

    /**
     * Runs one (network, stream) pair.
     *
     * @return null when the engine agreed throughout, else a message with the seed, command index, command,
     * expected and actual.
     */
    public static String runPair(final long seed, final int commands, final Path tmp, final Options options)
    {
        final Path dir = tmp.resolve("net-" + seed);
        final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir, options.config());
        try
        {
            final Network net;
            try
            {
                net = NetworkLoader.load(dir);
            }
            catch (final NetworkException ex)
            {
                return "seed " + seed + ": the engine refused a generated network: " + ex.getMessage() + "\n"
                    + RandomNetworks.describe(dir);
            }
            final Engine engine = new Engine(net);
            final Simulator sim = new Simulator(engine);
            final io.omniroute.engine.json.ResultLineWriter fastWriter = new io.omniroute.engine.json.ResultLineWriter(
                engine);
            final ReferenceRouter ref = ReferenceRouter.load(dir);
            final RandomStreams stream = new RandomStreams(spec, seed, options.mix())
                .withQuoteTransitLimits(options.quoteTransitLimits());
            final StringBuilder history = new StringBuilder();
            // a second engine restored from a snapshot of the first part way through must go on identically
            final int restoreAt = options.restoreMidway() ? (int)Math.floorMod(seed * 31 + 7, 97L) : -1;
            Simulator restored = null;
            for (int i = 0; i < commands; i++)
            {
                if (i == restoreAt)
                {
                    try
                    {
                        restored = new Simulator(EngineSnapshot.read(net,
                            new ByteArrayInputStream(EngineSnapshot.toBytes(engine))));
                    }
                    catch (final IOException ex)
                    {
                        return report(seed, i, "(snapshot)", "a snapshot reads back", "threw " + ex, dir, history,
                            options);
                    }
                    if (EngineSnapshot.stateHash(restored.engine()) != EngineSnapshot.stateHash(engine))
                    {
                        return report(seed, i, "(snapshot)", "the restored engine has the same state hash",
                            "it differs", dir, history, options);
                    }
                }
                final String command;
                try
                {
                    command = stream.next(ref);
                }
                catch (final RuntimeException ex)
                {
                    throw new AssertionError("seed " + seed + ", command #" + i + ": the stream generator failed", ex);
                }
                history.append(command).append('\n');
                final EngineState before = EngineState.of(net, engine);
                final long refOnHandBefore = ref.totalOnHand();
                final String actualText;
                try
                {
                    actualText = sim.apply(command);
                }
                catch (final RuntimeException ex)
                {
                    final java.io.StringWriter trace = new java.io.StringWriter();
                    ex.printStackTrace(new java.io.PrintWriter(trace));
                    return report(seed, i, command, ref.applyToString(command), "threw " + trace, dir, history,
                        options);
                }
                final String again = restored == null ? null : restored.apply(command);
                final JsonNode expected;
                try
                {
                    expected = ref.apply(command);
                }
                catch (final RuntimeException ex)
                {
                    throw new AssertionError("seed " + seed + ", command #" + i + ": the reference failed on "
                        + command, ex);
                }
                final JsonNode actual = actualText == null ? null : JsonValues.parse(actualText);
                if (!JsonValues.sameResult(expected, actual))
                {
                    return report(seed, i, command, String.valueOf(expected), actualText, dir, history, options);
                }
                final String broken = EngineState.check(net, engine, ref, before, refOnHandBefore, actual);
                if (broken != null)
                {
                    return report(seed, i, command, String.valueOf(expected), actualText + "\n  state: " + broken,
                        dir, history, options);
                }
                final String fast = fastLine(fastWriter, sim);
                if (fast != null && !fast.equals(actualText))
                {
                    return report(seed, i, command, actualText + "  (Jackson)", fast + "  (ResultLineWriter)", dir,
                        history, options);
                }
                if (again != null && !actualText.equals(again))
                {
                    return report(seed, i, command, actualText + "  (the engine that ran from the start)",
                        again + "  (the engine restored from a snapshot at command #" + restoreAt + ")", dir,
                        history, options);
                }
            }
            if (restored != null && EngineSnapshot.stateHash(restored.engine()) != EngineSnapshot.stateHash(engine))
            {
                return report(seed, commands, "(end)", "the restored engine ends with the same state hash",
                    "it differs", dir, history, options);
            }
            return null;
        }
        finally
        {
            RandomNetworks.delete(dir);
        }
    }

    private static String report(final long seed, final int index, final String command, final String expected,
        final String actual, final Path dir, final CharSequence history, final Options options)
    {
        return "seed " + seed + ", command #" + index + "\n  command:  " + command + "\n  expected: " + expected
            + "\n  actual:   " + actual + "\n\nnetwork:\n" + RandomNetworks.describe(dir) + "\ncommands so far:\n"
            + history + "\nreplay: mvn -pl engine test -Dtest=" + options.replayTest() + " -Dreference.seed="
            + seed + " -Dreference.commands=" + (index + 1);
    }

    /** A copy of the engine's stock and capacity, and the checks made after every command. */
    record EngineState(long[][] onHand, long[][] reserved, long[][] safety, long[] used)
    {
        static EngineState of(final Network net, final Engine engine)
        {
            final int s = net.skuCount();
            final int l = net.locationCount();
            final long[][] onHand = new long[s][l];
            final long[][] reserved = new long[s][l];
            final long[][] safety = new long[s][l];
            final long[] used = new long[l];
            for (int i = 0; i < s; i++)
            {
                for (int j = 0; j < l; j++)
                {
                    onHand[i][j] = engine.stock().onHand(i, j);
                    reserved[i][j] = engine.stock().reserved(i, j);
                    safety[i][j] = engine.stock().safetyStock(i, j);
                }
            }
            for (int j = 0; j < l; j++)
            {
                used[j] = engine.capacity().used(j);
            }
            return new EngineState(onHand, reserved, safety, used);
        }

        /**
         * Null when all holds; else what broke. Checked after every command: the engine's stock, safety stock and
         * capacity equal the reference's; 0 ≤ reserved ≤ on_hand everywhere (a count below reserved re-routes and
         * releases until it holds again); capacity used ≤ daily capacity; a REJECTED command changes nothing (but
         * the holds its ts expired); and Σ on_hand changes by exactly receipts − shipped units + resellable returns
         * − pick-short units + count adjustments.
         */
        static String check(final Network net, final Engine engine, final ReferenceRouter ref,
            final EngineState before, final long refOnHandBefore, final JsonNode result)
        {
            final EngineState now = of(net, engine);
            final boolean rejected = result != null && "REJECTED".equals(result.path("status").asText());
            // holds the command's ts expired give back reserved and capacity before it is handled, rejected or not
            final boolean expired = ref.expiredByLastCommand() > 0;
            final ReferenceRouter.OnHandLedger ledger = ref.lastLedger();
            long sumBefore = 0;
            long sumNow = 0;
            for (int i = 0; i < net.skuCount(); i++)
            {
                for (int j = 0; j < net.locationCount(); j++)
                {
                    sumBefore += before.onHand[i][j];
                    sumNow += now.onHand[i][j];
                }
            }
            if (sumNow - sumBefore != ledger.delta())
            {
                return "conservation: Σ on_hand moved by " + (sumNow - sumBefore) + ", expected " + ledger.delta()
                    + " from " + ledger;
            }
            if (ref.totalOnHand() - refOnHandBefore != ledger.delta())
            {
                return "conservation broken in the reference itself: Σ on_hand moved by "
                    + (ref.totalOnHand() - refOnHandBefore) + ", its ledger says " + ledger;
            }
            if (rejected && ledger.delta() != 0)
            {
                return "the reference's ledger moved Σ on_hand on a REJECTED command: " + ledger;
            }
            for (int i = 0; i < net.skuCount(); i++)
            {
                final String sku = net.sku(i);
                for (int j = 0; j < net.locationCount(); j++)
                {
                    final String loc = net.locationId(j);
                    final long onHand = now.onHand[i][j];
                    final long reserved = now.reserved[i][j];
                    if (reserved < 0 || reserved > onHand)
                    {
                        return "invariant 0 <= reserved <= on_hand broken at (" + sku + ", " + loc + "): on_hand "
                            + onHand + ", reserved " + reserved;
                    }
                    if (onHand != ref.onHand(sku, loc) || reserved != ref.reserved(sku, loc)
                        || now.safety[i][j] != ref.safetyStock(sku, loc))
                    {
                        return "stock of (" + sku + ", " + loc + ") is on_hand/reserved/safety " + onHand + "/"
                            + reserved + "/" + now.safety[i][j] + ", the reference has " + ref.onHand(sku, loc) + "/"
                            + ref.reserved(sku, loc) + "/" + ref.safetyStock(sku, loc);
                    }
                    if (rejected && (onHand != before.onHand[i][j] || (!expired && reserved != before.reserved[i][j])
                        || now.safety[i][j] != before.safety[i][j]))
                    {
                        return "a REJECTED command changed the stock of (" + sku + ", " + loc + ")";
                    }
                }
            }
            for (int j = 0; j < net.locationCount(); j++)
            {
                final String loc = net.locationId(j);
                final long cap = net.dailyCapacity(j);
                if (cap != -1 && now.used[j] > cap)
                {
                    return "capacity of " + loc + ": used " + now.used[j] + " > daily capacity " + cap;
                }
                if (now.used[j] != ref.capacityUsed(loc))
                {
                    return "capacity used at " + loc + " is " + now.used[j] + ", the reference has "
                        + ref.capacityUsed(loc);
                }
                if (rejected && !expired && now.used[j] != before.used[j])
                {
                    return "a REJECTED command changed the capacity used at " + loc;
                }
            }
            return null;
        }
    }
}
