package io.omniroute.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away redis-server for the benchmark and its tests: bound to 127.0.0.1 only, on a non-default port, no
 * persistence, data folder under /tmp; stopped (and the folder removed) by {@link #close()}.
 */
public final class LocalRedis implements AutoCloseable
{
    public static final int DEFAULT_PORT = 56379;

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalRedis(final Path dir, final int port, final Process process)
    {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static Path binary()
    {
        return LocalServer.findBinary("redis-server", "/usr/bin", "/usr/local/bin");
    }

    /**
     * @return why it cannot run here, or null when it can.
     */
    public static String unavailableReason()
    {
        return binary() == null ? "redis-server is not installed (bench/run installs it: apt-get install redis-server)" :
            null;
    }

    public static LocalRedis start(final int preferredPort) throws IOException, InterruptedException
    {
        final Path bin = binary();
        if (bin == null)
        {
            throw new IOException(unavailableReason());
        }
        final int port = LocalServer.freePort(preferredPort);
        final Path dir = Files.createTempDirectory("omniroute-bench-redis-");
        final Path log = dir.resolve("redis.log");
        final Process p = new ProcessBuilder(List.of(bin.toString(), "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--protected-mode", "yes", "--dir", dir.toString(), "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--logfile", log.toString(), "--pidfile",
            dir.resolve("redis.pid").toString()))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        final LocalRedis redis = new LocalRedis(dir, port, p);
        try
        {
            LocalServer.awaitPort(port, 10_000, p, log);
        }
        catch (final IOException ex)
        {
            redis.close();
            throw ex;
        }
        return redis;
    }

    public int port()
    {
        return port;
    }

    @Override
    public void close()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        LocalServer.deleteTree(dir);
    }
}
