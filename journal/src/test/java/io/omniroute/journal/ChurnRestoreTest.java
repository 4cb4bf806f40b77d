package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.json.CommandJsonDecoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test's command stream (the same 20 K commands again and again, so the same orders are picked short and
 * re-routed over and over and the order book fills with dead record copies), run uninterrupted beside an engine
 * restored from a snapshot of it every few thousand commands: after each stretch both must hold the same state,
 * whichever of them compacted its book in between.
 */
class ChurnRestoreTest
{
    @TempDir
    Path tmp;

    @Test
    void anEngineRestoredMidChurnEndsEachStretchInTheSameState() throws Exception
    {
        run(60_000, 3_000, 1 << 20);
    }

    @Test
    @Tag("slow")
    void anEngineRestoredMidChurnEndsEachStretchInTheSameStateOverALongRun() throws Exception
    {
        run(400_000, 2_000, 64L << 20);
    }

    /**
     * @param compactAtDeadBytes the uninterrupted engine's compaction floor (the restored ones keep the default).
     */
    private void run(final int total, final int every, final long compactAtDeadBytes) throws Exception
    {
        final TestNetwork net = TestNetwork.writeTo(tmp.resolve("network"));
        final List<String> commands = new RandomCommands(777, true).take(20_000);
        final Engine uninterrupted = new Engine(net.network);
        uninterrupted.orders().compactWhen(compactAtDeadBytes, 100);
        Engine restored = null;
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        final Command command = new Command();
        final Decision decision = new Decision();
        for (int i = 0; i < total; i++)
        {
            if (i % every == 0)
            {
                final byte[] state = EngineSnapshot.toBytes(uninterrupted);
                if (restored != null)
                {
                    assertEquals(EngineSnapshot.hash(state), EngineSnapshot.stateHash(restored),
                        "after command " + i + ": the engine restored at " + (i - every) + " differs");
                }
                restored = EngineSnapshot.read(net.network, new ByteArrayInputStream(state));
            }
            final String line = commands.get(i % commands.size());
            decoder.decode(line, command);
            uninterrupted.apply(command, decision);
            uninterrupted.endOfBatch();
            decoder.decode(line, command);
            restored.apply(command, decision);
            restored.endOfBatch();
        }
        assertEquals(EngineSnapshot.stateHash(uninterrupted), EngineSnapshot.stateHash(restored));
        assertTrue(uninterrupted.orders().compactions() > 0, "the run never compacted: nothing was tested");
    }
}
