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
