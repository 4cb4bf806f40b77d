package io.omniroute.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle is validated first: on the worked example of the spec it must give exactly expected.jsonl.
 */
class ReferenceRouterExampleTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path exampleDir() throws URISyntaxException
    {
        final URL url = ReferenceRouterExampleTest.class.getResource("/examples/basic/commands.jsonl");
        assertNotNull(url, "examples/basic on the test classpath");
        return Path.of(url.toURI()).getParent();
    }

    @Test
    void shouldReproduceTheWorkedExampleExactly() throws Exception
    {
        final Path dir = exampleDir();
        final ReferenceRouter ref = ReferenceRouter.load(dir.resolve("network"));
        final List<String> commands = Files.readAllLines(dir.resolve("commands.jsonl"), StandardCharsets.UTF_8);
        final List<String> expected = new ArrayList<>();
        for (final String line : Files.readAllLines(dir.resolve("expected.jsonl"), StandardCharsets.UTF_8))
        {
            if (!line.isBlank())
            {
                expected.add(line);
            }
        }
        final List<ObjectNode> actual = new ArrayList<>();
        for (final String command : commands)
        {
            final ObjectNode r = ref.apply(command);
            if (r != null)
            {
                actual.add(r);
            }
        }
        assertEquals(expected.size(), actual.size(), "one result per non-blank command");
        for (int i = 0; i < expected.size(); i++)
        {
            final JsonNode want = JSON.readTree(expected.get(i));
            assertTrue(JsonValues.same(want, actual.get(i)),
                "line " + (i + 1) + ": " + commands.get(i) + "\n expected " + want + "\n actual   " + actual.get(i));
        }
    }

    @Test
    void shouldSkipBlankLinesAndRejectGarbageAsInvalid()
    {
        final ReferenceRouter ref = ReferenceRouter.load(pathOrFail());
        assertEquals(null, ref.apply("   "));
        final ObjectNode bad = ref.apply("{not json");
        assertEquals("REJECTED", bad.get("status").asText());
        assertEquals("INVALID", bad.get("reason").asText());
        assertEquals(1, bad.get("seq").asLong());
        final ObjectNode unknownType = ref.apply("{\"type\":\"teleport\"}");
        assertEquals("INVALID", unknownType.get("reason").asText());
        assertEquals("teleport", unknownType.get("type").asText());
    }

    private static Path pathOrFail()
    {
        try
        {
            return exampleDir().resolve("network");
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
