package io.omniroute.gateway.pipeline;

import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.sim.Simulator;
import io.omniroute.gateway.demo.DemoGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Recovery starts from a snapshot, so an engine restored from {@link EngineSnapshot} must decide exactly as the
 * engine it was taken from: every command after the cut, on the realistic demo stream (many locations, carriers and
 * multi-line orders, which the small test network does not exercise).
 */
class RestoreDeterminismTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldDecideAfterARestoreExactlyAsWithoutIt() throws Exception
    {
        new DemoGenerator(42, 6000, 300).writeTo(tmp);
        final Network net = NetworkLoader.load(tmp.resolve("network"));
        final List<String> lines = Files.readAllLines(tmp.resolve("commands.jsonl"));
        final Simulator uninterrupted = new Simulator(new Engine(net));
        Simulator restored = null;
        for (int i = 0; i < lines.size(); i++)
        {
            if (i % 500 == 100)
            {
                restored = new Simulator(EngineSnapshot.read(net,
                    new ByteArrayInputStream(EngineSnapshot.toBytes(uninterrupted.engine()))));
            }
            final String expected = uninterrupted.apply(lines.get(i));
            if (restored != null)
            {
                assertEquals(expected, restored.apply(lines.get(i)), "seq " + (i + 1));
            }
        }
    }
}
