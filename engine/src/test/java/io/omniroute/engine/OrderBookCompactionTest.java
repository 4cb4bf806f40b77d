package io.omniroute.engine;

import io.omniroute.engine.reference.RandomNetworks;
import io.omniroute.engine.reference.RandomStreams;
import io.omniroute.engine.reference.ReferenceRouter;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Re-routes (pick shorts, counts below reserved, backorders filled by receipts) copy an order's record to the end of
 * the book and leave the old copy dead. Compaction drops the dead copies; it must not change a single decision or
 * the state's bytes, and a snapshot must be the same bytes whether the book compacted or not.
 */
class OrderBookCompactionTest
{
    private static final int SEEDS = 60;
    private static final int COMMANDS = 250;

    @TempDir
    Path tmp;

    @Test
    void compactingAfterEveryReRouteChangesNoResultAndNoStateByte() throws Exception
    {
        long compactions = 0;
        long deadSeen = 0;
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final Path dir = tmp.resolve("net-" + seed);
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir, RandomNetworks.Config.CHECKOUT);
            final Network net = NetworkLoader.load(dir);
            final Engine plain = new Engine(net);
            plain.orders().compactWhen(Long.MAX_VALUE, 100);
            final Engine compacting = new Engine(net);
            compacting.orders().compactWhen(1, 0);
            final Simulator a = new Simulator(plain);
            final Simulator b = new Simulator(compacting);
            final ReferenceRouter ref = ReferenceRouter.load(dir);
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL);
            for (int i = 0; i < COMMANDS; i++)
            {
                final String command = stream.next(ref);
                ref.apply(command);
                final String context = "seed " + seed + " command #" + i + " " + command;
                assertEquals(a.apply(command), b.apply(command), context);
                if (i % 10 == 9)
                {
                    assertArrayEquals(EngineSnapshot.toBytes(plain), EngineSnapshot.toBytes(compacting), context);
                }
            }
            assertArrayEquals(EngineSnapshot.toBytes(plain), EngineSnapshot.toBytes(compacting), "seed " + seed);
            compactions += compacting.orders().compactions();
            deadSeen += plain.orders().deadBytes();
            assertEquals(plain.orders().limit() - plain.orders().deadBytes(), compacting.orders().limit() -
                compacting.orders().deadBytes(), "seed " + seed + ": the live bytes");
        }
        assertTrue(compactions > 0, "the streams re-routed nothing, so nothing was compacted");
        assertTrue(deadSeen > 0, "the uncompacted books held no dead copies");
    }

    @Test
    void aSnapshotOfABookWithDeadCopiesReadsBackPackedAndGoesOnAlike() throws Exception
    {
        int checked = 0;
        for (long seed = 100; seed < 100 + SEEDS && checked < 10; seed++)
        {
            final Path dir = tmp.resolve("net-" + seed);
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir, RandomNetworks.Config.CHECKOUT);
            final Network net = NetworkLoader.load(dir);
            final Engine engine = new Engine(net);
            engine.orders().compactWhen(Long.MAX_VALUE, 100);
            final Simulator sim = new Simulator(engine);
            final ReferenceRouter ref = ReferenceRouter.load(dir);
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL);
            Simulator restored = null;
            for (int i = 0; i < COMMANDS; i++)
            {
                if (restored == null && engine.orders().deadBytes() > 0)
                {
                    final byte[] bytes = EngineSnapshot.toBytes(engine);
                    final Engine back = EngineSnapshot.read(net, new ByteArrayInputStream(bytes));
                    assertEquals(0, back.orders().deadBytes(), "seed " + seed + ": read back packed");
                    assertEquals(engine.orders().limit() - engine.orders().deadBytes(), back.orders().limit(),
                        "seed " + seed);
                    assertArrayEquals(bytes, EngineSnapshot.toBytes(back), "seed " + seed);
                    restored = new Simulator(back);
                    checked++;
                }
                final String command = stream.next(ref);
                ref.apply(command);
                final String result = sim.apply(command);
                if (restored != null)
                {
                    assertEquals(result, restored.apply(command), "seed " + seed + " command #" + i);
                }
            }
            if (restored != null)
            {
                assertEquals(EngineSnapshot.stateHash(engine), EngineSnapshot.stateHash(restored.engine()),
                    "seed " + seed);
            }
        }
        assertTrue(checked > 0, "no stream left a dead copy to snapshot");
    }

    /**
     * A book of more than 2 GiB of live records is written with a long length and long offsets (an int could not
     * say them). Written so at any size (the test hook), it reads back to the same state and goes on alike; smaller
     * books keep the int form, so their bytes and state hash are as before.
     */
    @Test
    void aBookWrittenWideReadsBackTheSameAndGoesOnAlike() throws Exception
    {
        for (long seed = 200; seed < 206; seed++)
        {
            final Path dir = tmp.resolve("wide-" + seed);
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir, RandomNetworks.Config.CHECKOUT);
            final Network net = NetworkLoader.load(dir);
            final Engine engine = new Engine(net);
            final Simulator sim = new Simulator(engine);
            final ReferenceRouter ref = ReferenceRouter.load(dir);
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL);
            for (int i = 0; i < 150; i++)
            {
                final String command = stream.next(ref);
                ref.apply(command);
                sim.apply(command);
            }
            final byte[] narrow = EngineSnapshot.toBytes(engine);
            final byte[] wide;
            OrderBook.wideAbove = 0;
            try
            {
                wide = EngineSnapshot.toBytes(engine);
            }
            finally
            {
                OrderBook.wideAbove = Integer.MAX_VALUE;
            }
            assertTrue(wide.length > narrow.length, "seed " + seed + ": the wide form has long offsets");
            final Engine back = EngineSnapshot.read(net, new ByteArrayInputStream(wide));
            assertArrayEquals(narrow, EngineSnapshot.toBytes(back), "seed " + seed);
            final Simulator restored = new Simulator(back);
            for (int i = 0; i < 100; i++)
            {
                final String command = stream.next(ref);
                ref.apply(command);
                assertEquals(sim.apply(command), restored.apply(command), "seed " + seed + " command #" + i);
            }
        }
    }
}
