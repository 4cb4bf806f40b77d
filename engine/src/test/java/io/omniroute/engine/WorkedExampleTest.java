package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worked example of SPEC (shared/examples/basic, copied into test resources) must be reproduced exactly.
 */
class WorkedExampleTest
{
    static Path example() throws URISyntaxException
    {
        return Paths.get(WorkedExampleTest.class.getResource("/examples/basic/commands.jsonl").toURI()).getParent();
    }

    @Test
    void shouldReproduceEveryExpectedResultOfTheWorkedExample() throws Exception
    {
        final Path dir = example();
        final Engine engine = new Engine(NetworkLoader.load(dir.resolve("network")));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(dir.resolve("commands.jsonl")))
        {
            new Simulator(engine).run(in, out, null);
        }
        final String[] actual = out.toString(StandardCharsets.UTF_8).split("\n");
        final List<String> expected = Files.readAllLines(dir.resolve("expected.jsonl"));
        final ObjectMapper mapper = new ObjectMapper();
        assertEquals(expected.size(), actual.length, "one result per command");
        for (int i = 0; i < expected.size(); i++)
        {
            final JsonNode e = mapper.readTree(expected.get(i));
            final JsonNode a = mapper.readTree(actual[i]);
            assertEquals(e, a, "result line " + (i + 1));
        }
    }

    @Test
    void shouldGiveByteIdenticalOutputForTheSameInput() throws Exception
    {
        final Path dir = example();
        final byte[] input = Files.readAllBytes(dir.resolve("commands.jsonl"));
        final String[] runs = new String[2];
        for (int r = 0; r < 2; r++)
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Simulator(new Engine(NetworkLoader.load(dir.resolve("network"))))
                .run(new java.io.ByteArrayInputStream(input), out, null);
            runs[r] = out.toString(StandardCharsets.UTF_8);
        }
        assertEquals(runs[0], runs[1]);
    }
}
