package io.omniroute.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest
{
    @TempDir
    Path tmp;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static Path example() throws Exception
    {
        return Paths.get(SimulateCommandTest.class.getResource("/examples/basic/commands.jsonl").toURI()).getParent();
    }

    @Test
    void shouldReproduceTheWorkedExampleAndPrintKpis() throws Exception
    {
        final Path ex = example();
        final Path results = tmp.resolve("out.jsonl");
        final Path events = tmp.resolve("events.jsonl");
        final int rc = OmniRouteCli.run("simulate", "--network", ex.resolve("network").toString(),
            "--commands", ex.resolve("commands.jsonl").toString(), "--out", results.toString(),
            "--events", events.toString());
        assertEquals(0, rc, console.err());
        final ObjectMapper m = new ObjectMapper();
        final List<String> expected = Files.readAllLines(ex.resolve("expected.jsonl"));
        final List<String> actual = Files.readAllLines(results);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(m.readTree(expected.get(i)), m.readTree(actual.get(i)), "line " + (i + 1));
        }
        final String summary = console.out();
        assertTrue(summary.contains("fill rate"), summary);
        assertTrue(summary.contains("NO_SERVICE"), summary);
        assertTrue(summary.contains("commands/s"), summary);
        final List<String> ev = Files.readAllLines(events);
        assertFalse(ev.isEmpty(), "allocations change availability");
        final JsonNode first = m.readTree(ev.get(0));
        assertTrue(first.get("type").asText().equals("availability") || first.get("type").asText().equals("reorder"));
    }

    @Test
    void shouldExitTwoWithOneLineForABadNetworkFile() throws Exception
    {
        final Path net = tmp.resolve("net");
        Files.createDirectories(net);
        for (final Path p : Files.newDirectoryStream(example().resolve("network")))
        {
            Files.copy(p, net.resolve(p.getFileName()));
        }
        Files.writeString(net.resolve("skus.csv"), "sku,weight_g,lead_time_days\nA,heavy,3\n");
        final int rc = OmniRouteCli.run("simulate", "--network", net.toString(),
            "--commands", example().resolve("commands.jsonl").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, rc);
        final String e = console.err().trim();
        assertEquals("omniroute simulate: network: skus.csv:2: field 'weight_g': 'heavy' is not a whole number", e);
        assertFalse(e.contains("Exception"));
    }

    @Test
    void shouldExitTwoForMissingFilesAndBadFlags() throws Exception
    {
        assertEquals(2, OmniRouteCli.run("simulate", "--network", example().resolve("network").toString(),
            "--commands", tmp.resolve("nope.jsonl").toString(), "--out", tmp.resolve("o").toString()));
        assertTrue(console.err().contains("nope.jsonl: file not found"));
        assertEquals(2, OmniRouteCli.run("simulate", "--network"));
        assertEquals(2, OmniRouteCli.run("simulate", "--frobnicate"));
    }
}
