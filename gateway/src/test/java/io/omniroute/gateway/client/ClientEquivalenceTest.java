package io.omniroute.gateway.client;

import io.omniroute.gateway.cli.OmniRouteCli;
import io.omniroute.gateway.demo.DemoGenerator;
import io.omniroute.gateway.server.GatewayConfig;
import io.omniroute.gateway.server.TestGateway;
import org.junit.jupiter.api.Test;
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
        final String window) throws Exception
    {
        final Path simulated = tmp.resolve("simulated.jsonl");
        cli("simulate", "--network", network.toString(), "--commands", commands.toString(), "--out",
            simulated.toString(), "--quiet");
        final Path served = tmp.resolve("served.jsonl");
        try (TestGateway gateway = new TestGateway(config, tmp.resolve("journal"), network))
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

    @Test
    void shouldGiveTheWorkedExampleTheSameResultsAsSimulate() throws Exception
    {
        final Path example = TestGateway.basicExample();
        assertSameAsSimulate(example.resolve("network"), example.resolve("commands.jsonl"), new GatewayConfig(), "8");
    }

    @Test
    void shouldGiveAGeneratedDemoDayTheSameResultsAsSimulate() throws Exception
    {
        final Path demo = tmp.resolve("demo");
        new DemoGenerator(11, 4_000, 120).writeTo(demo);
        assertSameAsSimulate(demo.resolve("network"), demo.resolve("commands.jsonl"),
            new GatewayConfig().tsPolicy(GatewayConfig.TsPolicy.CLIENT), "256");
    }
}
