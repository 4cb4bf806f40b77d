package io.omniroute.engine.json;

import io.omniroute.engine.Engine;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast result writer gives Jackson's bytes exactly, or declines. (Every result of the reference sweeps is also
 * checked against it: {@code ReferenceComparisonTest}.)
 */
class ResultLineWriterTest
{
    private static Path example() throws Exception
    {
        return Paths.get(ResultLineWriterTest.class.getResource("/examples/basic/commands.jsonl").toURI()).getParent();
    }

    /**
     * @return the fast line, or null when it declined.
     */
    static String fastLine(final ResultLineWriter writer, final Simulator sim)
    {
        final int n = writer.write(sim.lastDecision());
        return n == ResultLineWriter.DECLINED ? null : new String(writer.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTheWorkedExamplesResultsByteForByteAsJackson() throws Exception
    {
        final Path dir = example();
        final Simulator sim = new Simulator(new Engine(NetworkLoader.load(dir.resolve("network"))));
        final ResultLineWriter writer = new ResultLineWriter(sim.engine());
        final List<String> commands = Files.readAllLines(dir.resolve("commands.jsonl"));
        int written = 0;
        for (final String command : commands)
        {
            final String jackson = sim.apply(command);
            final String fast = fastLine(writer, sim);
            if (fast != null)
            {
                assertEquals(jackson, fast, command);
                written++;
            }
        }
        // everything but INVALID rejects (a message) and the KPI report takes the fast path
        assertTrue(written >= commands.size() * 3 / 4, written + " of " + commands.size());
    }

    @Test
    void shouldDeclineIdsJsonMustEscapeAndWriteTheRestAsJackson() throws Exception
    {
        final Path dir = example();
        final Simulator sim = new Simulator(new Engine(NetworkLoader.load(dir.resolve("network"))));
        final ResultLineWriter writer = new ResultLineWriter(sim.engine());
        final String[] ids = { "plain-1", "quo\\\"te", "back\\\\slash", "tab\\t", "caf\\u00e9", "ctl\\u0001", "del\\u007f" };
        int declined = 0;
        for (final String id : ids)
        {
            final String jackson = sim.apply("{\"type\":\"cancel\",\"order_id\":\"" + id + "\"}");
            final String fast = fastLine(writer, sim);
            if (fast == null)
            {
                declined++;
            }
            else
            {
                assertEquals(jackson, fast, id);
            }
        }
        assertEquals(ids.length - 1, declined, "only the plain id is written by the fast path");
    }
}
