package io.omniroute.engine;

import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.reference.RandomNetworks;
import io.omniroute.engine.reference.RandomStreams;
import io.omniroute.engine.reference.ReferenceRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engine allocates nothing once warm: every command of SPEC §3 and §5 (orders, quotes, holds, cancels, ships,
 * pick shorts, returns, counts, receipts, expiries, malformed lines) is applied with the heap untouched. Commands are
 * decoded before the measured window (decoding JSON makes strings; the wire path reuses cached ones).
 */
class SteadyStateAllocationTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldApplyEveryKindOfCommandWithoutAllocating() throws Exception
    {
        final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation counters");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)mx;
        long measured = 0;
        for (long seed = 1; seed <= 3; seed++)
        {
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, tmp.resolve("net-" + seed),
                RandomNetworks.Config.CHECKOUT);
            final ReferenceRouter ref = ReferenceRouter.load(spec.dir());
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL);
            final CommandJsonDecoder decoder = new CommandJsonDecoder();
            final List<Command> commands = new ArrayList<>();
            for (int i = 0; i < 4_000; i++)
            {
                final String line = stream.next(ref);
                ref.apply(line);
                commands.add(decoder.decode(line, new Command()));
            }
            final Engine engine = new Engine(NetworkLoader.load(spec.dir()));
            final Decision decision = new Decision();
            // warm: the JIT, lazily built tables (per-ZIP zones, per-channel candidates), and every code path once
            for (int round = 0; round < 3; round++)
            {
                final Engine warm = new Engine(NetworkLoader.load(spec.dir()));
                for (final Command c : commands)
                {
                    warm.apply(c, decision);
                }
            }
            for (int i = 0; i < 2_000; i++)
            {
                engine.apply(commands.get(i), decision);
            }
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 2_000; i < commands.size(); i++)
            {
                engine.apply(commands.get(i), decision);
            }
            measured += threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        assertEquals(0, measured, "bytes allocated while applying 6,000 warm commands");
    }
}
