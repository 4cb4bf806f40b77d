package io.omniroute.gateway.server;

import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.journal.Durability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A gateway server on 127.0.0.1 and a free port for tests, over the basic example network: in memory (the gateway's
 * local engine driver) or journaled (the Disruptor pipeline, as {@code serve} runs).
 */
public final class TestGateway implements AutoCloseable
{
    public final GatewayServer server;
    public final int port;
    public final EngineDriver driver;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    public TestGateway(final GatewayConfig config, final Path journal) throws Exception
    {
        this(config, journal, basicNetwork());
    }

    public TestGateway(final GatewayConfig config, final Path journal, final Path networkDir) throws Exception
    {
        this(config, journal, networkDir, "pipeline");
    }

    /**
     * @param driverKind with a journal: {@code pipeline} (as {@code serve} runs by default) or {@code inline} (the I/O
     *               thread applies commands); without a journal the local driver in memory.
     */
    public TestGateway(final GatewayConfig config, final Path journal, final Path networkDir, final String driverKind)
        throws Exception
    {
        final Network network = NetworkLoader.load(networkDir);
        final PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        if (journal != null && "inline".equals(driverKind))
        {
            driver = new LocalEngineDriver(new LocalEngineDriver.Context().network(network, networkDir)
                .journal(journal, Durability.ASYNC).inline(true).log(ps));
        }
        else if (journal == null)
        {
            driver = new LocalEngineDriver(new LocalEngineDriver.Context().network(network, networkDir)
                .idleStrategy("backoff").log(ps));
        }
        else
        {
            driver = new PipelineEngineDriver(new Context().network(network, networkDir).journalDir(journal)
                .durability(Durability.ASYNC).idleStrategy("backoff").warnings(ps::println).conclude());
        }
        // the default port means "any free port" here; a test that restarts a server passes the port it had
        server = new GatewayServer(config.bindAddress("127.0.0.1").port(config.port() == 7070 ? 0 : config.port()),
            driver, ps);
        port = server.start();
    }

    public static TestGateway open() throws Exception
    {
        return new TestGateway(new GatewayConfig(), null);
    }

    public static Path basicExample()
    {
        try
        {
            return Paths.get(TestGateway.class.getResource("/examples/basic/commands.jsonl").toURI()).getParent();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public static Path basicNetwork()
    {
        return basicExample().resolve("network");
    }

    public String log()
    {
        return log.toString(StandardCharsets.UTF_8);
    }

    public GatewayCounters counters()
    {
        return server.counters();
    }

    @Override
    public void close()
    {
        server.close();
    }
}
