package io.omniroute.gateway.client;

import io.omniroute.gateway.cli.OmniRouteCli;
import io.omniroute.gateway.demo.DemoGenerator;
import io.omniroute.gateway.server.GatewayConfig;
import io.omniroute.gateway.server.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same command stream gives the same results, byte for byte, through {@code simulate} and through
 * {@code serve} + {@code client}: on the worked example and on a generated demo day.
 */
class ClientEquivalenceTest
{
    @TempDir
    Path tmp;

    private static int cli(final String... args)
    {
        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            final int rc = OmniRouteCli.run(args);
            if (rc != 0)
            {
                throw new AssertionError("omniroute " + String.join(" ", args) + " exited " + rc + ": " + captured);
            }
            return rc;
        }
        finally
        {
            System.setErr(err);
        }
    }

    private void assertSameAsSimulate(final Path network, final Path commands, final GatewayConfig config,
        final String window, final String driver) throws Exception
    {
        final Path simulated = tmp.resolve("simulated.jsonl");
        cli("simulate", "--network", network.toString(), "--commands", commands.toString(), "--out",
            simulated.toString(), "--quiet");
        final Path served = tmp.resolve("served.jsonl");
        try (TestGateway gateway = new TestGateway(config, tmp.resolve("journal"), network, driver))
        {
            cli("client", "--port", Integer.toString(gateway.port), "--commands", commands.toString(), "--out",
                served.toString(), "--window", window, "--quiet");
        }
        final List<String> expected = Files.readAllLines(simulated);
        final List<String> actual = Files.readAllLines(served);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), actual.get(i), "line " + (i + 1));
        }
    }

    @ParameterizedTest(name = "engine driver {0}")
    @ValueSource(strings = { "pipeline", "inline" })
    void shouldGiveTheWorkedExampleTheSameResultsAsSimulate(final String driver) throws Exception
    {
        final Path example = TestGateway.basicExample();
        assertSameAsSimulate(example.resolve("network"), example.resolve("commands.jsonl"), new GatewayConfig(), "8",
            driver);
    }

    @Test
    void shouldGiveLinesThatAreNotCleanTextTheSameResultsAsSimulate() throws Exception
    {
        // the client read text lines: a line that is not UTF-8 ended its run with "i/o: Input length = 1" after the
        // commands before it were applied (their results never written), a lone CR split a line in two, and a line
        // of Unicode spaces was skipped as blank; simulate splits the bytes at LF and rejects each such line INVALID
        final Path example = TestGateway.basicExample();
        final List<String> lines = Files.readAllLines(example.resolve("commands.jsonl"));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++)
        {
            bytes.write((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            if (i == 5)
            {
                bytes.write(new byte[] { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte)0xFF, '"', '}', '\n' });
                bytes.write("{\"type\":\"kpi\"}\r{\"type\":\"new_day\"}\r\n".getBytes(StandardCharsets.UTF_8));
                bytes.write("\u2003\n \t\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        final Path commands = tmp.resolve("unclean.jsonl");
        Files.write(commands, bytes.toByteArray());
        assertSameAsSimulate(example.resolve("network"), commands, new GatewayConfig(), "8", "pipeline");
    }

    @Test
    void shouldGoOnPastALineTooLargeForTheServersFrames() throws Exception
    {
        // was: "omniroute client: line 4: command of 100099 bytes exceeds the server's frame limit of 65536 bytes;
        // results before it are in ...", exit 1, the rest of the stream never sent
        final Path example = TestGateway.basicExample();
        final List<String> lines = new java.util.ArrayList<>(Files.readAllLines(example.resolve("commands.jsonl")));
        final StringBuilder huge = new StringBuilder("{\"type\":\"order\",\"order_id\":\"big\",\"lines\":[");
        for (int i = 0; i < 4000; i++)
        {
            huge.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-1\",\"qty\":1}");
        }
        lines.add(3, huge.append("]}").toString());
        lines.add("{\"type\":\"order\",\"order_id\":\"no-lines\"}"); // INVALID: its line is named on stderr
        final Path commands = tmp.resolve("huge-line.jsonl");
        Files.write(commands, lines);
        final Path served = tmp.resolve("served.jsonl");
        final int rc;
        final PrintStream err = System.err;
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try (TestGateway gateway = new TestGateway(new GatewayConfig(), tmp.resolve("journal"),
            example.resolve("network"), "pipeline"))
        {
            rc = OmniRouteCli.run("client", "--port", Integer.toString(gateway.port), "--commands",
                commands.toString(), "--out", served.toString(), "--quiet");
        }
        finally
        {
            System.setErr(err);
        }
        assertEquals(1, rc, "a command the gateway refused makes the exit status 1");
        final List<String> out = Files.readAllLines(served);
        assertEquals(lines.size(), out.size(), "one line per command, the rest of the stream went on");
        assertEquals("{\"line\":4,\"error\":\"FRAME_TOO_LARGE\",\"message\":\"command of " +
            (huge.length() + 32) + " bytes exceeds the server's frame limit of 65536 bytes: not sent\"}", out.get(3));
        final List<String> expected = Files.readAllLines(example.resolve("expected.jsonl"));
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(expected.get(69)).get("order_id"),
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.get(70)).get("order_id"));
        final String said = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(said.matches("(?s).*omniroute client: " + java.util.regex.Pattern.quote(commands.toString()) + ":" +
            lines.size() + ": INVALID \\(seq \\d+\\): field '[a-z_]+': missing.*"), said);
    }

    @ParameterizedTest(name = "engine driver {0}")
    @ValueSource(strings = { "pipeline", "inline" })
    void shouldGiveAGeneratedDemoDayTheSameResultsAsSimulate(final String driver) throws Exception
    {
        final Path demo = tmp.resolve("demo");
        new DemoGenerator(11, 4_000, 120).writeTo(demo);
        assertSameAsSimulate(demo.resolve("network"), demo.resolve("commands.jsonl"),
            new GatewayConfig().tsPolicy(GatewayConfig.TsPolicy.CLIENT), "256", driver);
    }

    @Test
    void shouldRecoverAnInlineJournalAndGoOnWhereItStopped() throws Exception
    {
        // half the day through the inline driver, the rest through a restarted one over the same journal: the
        // results equal one simulate run of the whole day
        final Path demo = tmp.resolve("demo");
        new DemoGenerator(12, 2_000, 60).writeTo(demo);
        final List<String> commands = Files.readAllLines(demo.resolve("commands.jsonl"));
        final int half = commands.size() / 2;
        final Path first = tmp.resolve("first.jsonl");
        final Path second = tmp.resolve("second.jsonl");
        Files.write(first, commands.subList(0, half));
        Files.write(second, commands.subList(half, commands.size()));
        final Path simulated = tmp.resolve("simulated.jsonl");
        cli("simulate", "--network", demo.resolve("network").toString(), "--commands",
            demo.resolve("commands.jsonl").toString(), "--out", simulated.toString(), "--quiet");
        final GatewayConfig config = new GatewayConfig().tsPolicy(GatewayConfig.TsPolicy.CLIENT);
        final Path served1 = tmp.resolve("served1.jsonl");
        final Path served2 = tmp.resolve("served2.jsonl");
        try (TestGateway gateway = new TestGateway(config, tmp.resolve("journal"), demo.resolve("network"), "inline"))
        {
            cli("client", "--port", Integer.toString(gateway.port), "--commands", first.toString(), "--out",
                served1.toString(), "--window", "64", "--quiet");
        }
        try (TestGateway gateway = new TestGateway(config, tmp.resolve("journal"), demo.resolve("network"), "inline"))
        {
            assertEquals(half, gateway.driver.lastSeq(), "recovered sequence");
            cli("client", "--port", Integer.toString(gateway.port), "--commands", second.toString(), "--out",
                served2.toString(), "--window", "64", "--quiet");
        }
        final List<String> actual = new java.util.ArrayList<>(Files.readAllLines(served1));
        actual.addAll(Files.readAllLines(served2));
        assertEquals(Files.readAllLines(simulated), actual);
    }
}
