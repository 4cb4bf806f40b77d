package io.omniroute.gateway.cli;

import io.omniroute.engine.Network;
import io.omniroute.engine.PageReserve;
import io.omniroute.gateway.metrics.DecisionLatency;
import io.omniroute.gateway.metrics.MetricsServer;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.server.ClientRegistry;
import io.omniroute.gateway.server.EngineDriver;
import io.omniroute.gateway.server.GatewayConfig;
import io.omniroute.gateway.server.GatewayServer;
import io.omniroute.gateway.server.LocalEngineDriver;
import io.omniroute.gateway.server.PipelineEngineDriver;
import io.omniroute.journal.Durability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code omniroute serve}: the order gateway. Recovers from the journal, then accepts clients on TCP (SBE frames,
 * docs/GATEWAY.md) until SIGTERM or SIGINT, when it stops accepting, lets the engine finish, sends the last results,
 * snapshots and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the order gateway: recover from the journal, then take commands over TCP until SIGTERM.")
public final class ServeCommand implements Callable<Integer>
{
    @Mixin
    NetworkOption network;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory (created if new)")
    Path journal;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
        description = "address to listen on (default ${DEFAULT-VALUE}; anything else needs --clients)")
    String bind;

    @Option(names = "--durability", paramLabel = "MODE", defaultValue = "async",
        description = "async (survives kill -9) or sync (the batch's pages msync'ed before its results go out, survives " +
            "power loss); default ${DEFAULT-VALUE}")
    String durability;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "server certificate chain (PEM): turns TLS on")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "server private key (PKCS#8 PEM)")
    Path tlsKey;

    @Option(names = "--clients", paramLabel = "FILE",
        description = "clients file: 'client_id roles secret_hash [rate=N]' per line (see hash-secret)")
    Path clients;

    @Option(names = "--ts", paramLabel = "WHO", defaultValue = "server",
        description = "who stamps a command's ts: server (ingress time, default) or client (replaying a recorded stream)")
    String ts;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "1000000",
        description = "commands per second per session unless the clients file says otherwise (default ${DEFAULT-VALUE})")
    long rate;

    @Option(names = "--max-frame", paramLabel = "BYTES", defaultValue = "65536",
        description = "largest frame a client may send (default ${DEFAULT-VALUE})")
    int maxFrame;

    @Option(names = "--outbound-limit", paramLabel = "BYTES", defaultValue = "8388608",
        description = "unsent bytes after which a slow client is dropped (default ${DEFAULT-VALUE})")
    int outboundLimit;

    @Option(names = "--engine-idle", paramLabel = "STRATEGY", defaultValue = "backoff",
        description = "engine thread when idle: busy-spin, yielding, backoff or sleeping (default ${DEFAULT-VALUE})")
    String engineIdle;

    @Option(names = "--engine-driver", paramLabel = "KIND", defaultValue = "pipeline",
        description = "pipeline (Disruptor ring to an engine thread, default), local (the gateway's own ring to an engine thread) " +
            "or inline (the I/O thread applies commands itself: lowest round trip, one core's peak)")
    String engineDriver;

    @Option(names = "--metrics-port", paramLabel = "N",
        description = "serve Prometheus metrics (KPIs, decision latency) on 127.0.0.1:N/metrics")
    Integer metricsPort;

    @Option(names = "--io-busy-spin", description = "the I/O thread busy-polls instead of blocking in epoll")
    boolean ioBusySpin;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "1000000",
        description = "snapshot every N commands, 0 = only on snapshot commands (default ${DEFAULT-VALUE}); always at shutdown")
    long snapshotEvery;

    @Override
    public Integer call()
    {
        final GatewayServer server;
        final int bound;
        // the engine thread times each command only when someone reads it
        final DecisionLatency latency = metricsPort != null ? new DecisionLatency() : null;
        try
        {
            final Durability mode = Durability.parse(durability);
            if (mode == null)
            {
                throw new UserError("--durability: '" + durability + "' is not async or sync");
            }
            final GatewayConfig.TsPolicy tsPolicy;
            try
            {
                tsPolicy = GatewayConfig.TsPolicy.valueOf(ts.toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new UserError("--ts: '" + ts + "' is not server or client");
            }
            if (snapshotEvery < 0)
            {
                throw new UserError("--snapshot-every must not be negative");
            }
            if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535))
            {
                throw new UserError("--metrics-port " + metricsPort + " is not 0..65535");
            }
            final Network net = network.load();
            final GatewayConfig config = new GatewayConfig().bindAddress(bind).port(port).tsPolicy(tsPolicy)
                .defaultRatePerSecond(rate).maxInboundFrameLength(maxFrame).outboundLimitBytes(outboundLimit)
                .ioBusySpin(ioBusySpin);
            if ((tlsCert == null) != (tlsKey == null))
            {
                throw new UserError("--tls-cert and --tls-key go together");
            }
            if (tlsCert != null)
            {
                CliChecks.requireFile(tlsCert, "--tls-cert");
                CliChecks.requireFile(tlsKey, "--tls-key");
                config.tls(tlsCert, tlsKey);
            }
            if (clients != null)
            {
                CliChecks.requireFile(clients, "--clients");
                config.clients(ClientRegistry.load(clients));
            }
            config.conclude();
            CliChecks.requireJournalDirectory(journal);
            final EngineDriver driver;
            if ("local".equals(engineDriver) || "inline".equals(engineDriver))
            {
                driver = new LocalEngineDriver(new LocalEngineDriver.Context().network(net, network.network)
                    .journal(journal, mode).idleStrategy(engineIdle).snapshotInterval(snapshotEvery)
                    .inline("inline".equals(engineDriver)).decisionLatency(latency)
                    .sparePages(PageReserve.sparePagesSetting()));
            }
            else if ("pipeline".equals(engineDriver))
            {
                driver = new PipelineEngineDriver(new Context().network(net, network.network).journalDir(journal)
                    .durability(mode).idleStrategy(engineIdle).snapshotInterval(snapshotEvery)
                    .decisionLatency(latency)
                    .warnings(w -> System.err.println("omniroute serve: " + w)).conclude());
            }
            else
            {
                throw new UserError("--engine-driver: '" + engineDriver + "' is not pipeline, local or inline");
            }
            server = new GatewayServer(config, driver, System.err);
            try
            {
                bound = server.start();
            }
            catch (final Exception ex)
            {
                server.close();
                throw ex;
            }
        }
        catch (final UserError ex)
        {
            System.err.println("omniroute serve: " + ex.getMessage());
            return 2;
        }
        catch (final IllegalArgumentException | IllegalStateException | IOException ex)
        {
            System.err.println("omniroute serve: " + oneLine(ex));
            return 2;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 1;
        }
        catch (final RuntimeException ex)
        {
            if (ex.getClass().getName().startsWith("io.omniroute.journal") || ex instanceof java.io.UncheckedIOException)
            {
                System.err.println("omniroute serve: " + oneLine(ex));
                return 2;
            }
            throw ex;
        }
        final CountDownLatch stop = new CountDownLatch(1);
        final boolean handled = onSignal("TERM", stop) & onSignal("INT", stop);
        if (!handled)
        {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "omniroute-shutdown"));
        }
        MetricsServer metrics = null;
        if (metricsPort != null && server.engine() != null)
        {
            try
            {
                metrics = MetricsServer.start(metricsPort, server.engine().liveKpis(), server.engine().network(),
                    latency, journal, server.counters());
                System.out.println("omniroute serve: metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
            }
            catch (final IOException | RuntimeException ex)
            {
                System.err.println("omniroute serve: --metrics-port " + metricsPort + ": " + oneLine(ex));
                server.close();
                return 2;
            }
        }
        System.out.println("omniroute serve: listening on " + bind + ":" + bound + " — " + server.describe());
        System.out.flush();
        try
        {
            stop.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        System.out.println("omniroute serve: stopping (drain, snapshot)…");
        if (metrics != null)
        {
            metrics.close();
        }
        server.close();
        System.out.println("omniroute serve: stopped; " + server.counters());
        System.out.flush();
        return 0;
    }

    private static String oneLine(final Throwable ex)
    {
        final String m = ex.getMessage();
        return m == null ? ex.toString() : m;
    }

    /**
     * SIGTERM/SIGINT start the graceful stop instead of killing the JVM, so the exit status is 0.
     */
    @SuppressWarnings("restriction")
    private static boolean onSignal(final String name, final CountDownLatch stop)
    {
        try
        {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.countDown());
            return true;
        }
        catch (final IllegalArgumentException | LinkageError ex)
        {
            return false;
        }
    }
}
