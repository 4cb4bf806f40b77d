package io.omniroute.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for the benchmark and its tests: {@code initdb} into a folder under /tmp, started
 * with {@code pg_ctl} listening on 127.0.0.1 only on a non-default port (its socket in the same folder), stopped and
 * removed by {@link #close()}. PostgreSQL refuses to run as root, so as root every command runs as the
 * {@code postgres} user through {@code su}.
 */
public final class LocalPostgres implements AutoCloseable
{
    public static final int DEFAULT_PORT = 55432;
    public static final String DATABASE = "omniroute";
    public static final String USER = "postgres";

    private final Path dir;
    private final Path bin;
    private final int port;
    private boolean started;

    private LocalPostgres(final Path dir, final Path bin, final int port)
    {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /**
     * @return the newest /usr/lib/postgresql/N/bin holding initdb and pg_ctl, or null.
     */
    public static Path binDir()
    {
        final Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root))
        {
            return null;
        }
        try (Stream<Path> versions = Files.list(root))
        {
            return versions.map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .max(Comparator.comparingInt(b -> parseVersion(b.getParent().getFileName().toString())))
                .orElse(null);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static int parseVersion(final String v)
    {
        try
        {
            return Integer.parseInt(v);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    /**
     * @return why it cannot run here, or null when it can.
     */
    public static String unavailableReason()
    {
        if (binDir() == null)
        {
            return "PostgreSQL server binaries are not installed (bench/run installs them: apt-get install postgresql)";
        }
        if (LocalServer.isRoot() && LocalServer.findBinary("su", "/bin", "/usr/bin") == null)
        {
            return "running as root and no su to run PostgreSQL as the postgres user";
        }
        return null;
    }

    /**
     * @param synchronousCommit PostgreSQL's synchronous_commit ("on" waits for the WAL flush at every commit).
     */
    public static LocalPostgres start(final int preferredPort, final String synchronousCommit)
        throws IOException, InterruptedException
    {
        final String why = unavailableReason();
        if (why != null)
        {
            throw new IOException(why);
        }
        final int port = LocalServer.freePort(preferredPort);
        final Path dir = Files.createTempDirectory("omniroute-bench-pg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        final LocalPostgres pg = new LocalPostgres(dir, binDir(), port);
        try
        {
            pg.init(synchronousCommit);
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            pg.close();
            throw ex;
        }
        return pg;
    }

    private void init(final String synchronousCommit) throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile("omniroute-bench-pg-", ".log");
        if (LocalServer.isRoot())
        {
            LocalServer.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), log, 10_000);
            LocalServer.run(List.of("chown", "postgres:postgres", log.toString()), log, 10_000);
        }
        final Path data = dir.resolve("data");
        asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
            "-E", "UTF8", "--no-sync", "--no-instructions"), log, 120_000);
        final String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir +
            " -c synchronous_commit=" + synchronousCommit + " -c fsync=on -c max_connections=64" +
            " -c shared_buffers=256MB";
        asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
            dir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start"), log, 90_000);
        started = true;
        LocalServer.awaitPort(port, 30_000, null, dir.resolve("server.log"));
        asServerUser(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
            USER, "-d", "postgres", "-q", "-c", "CREATE DATABASE " + DATABASE), log, 30_000);
        Files.deleteIfExists(log);
    }

    private static void asServerUser(final List<String> command, final Path log, final long timeoutMs)
        throws IOException, InterruptedException
    {
        if (!LocalServer.isRoot())
        {
            LocalServer.run(command, log, timeoutMs);
            return;
        }
        final StringBuilder sh = new StringBuilder();
        for (final String arg : command)
        {
            sh.append(sh.length() == 0 ? "" : " ").append('\'').append(arg.replace("'", "'\\''")).append('\'');
        }
        final List<String> su = new ArrayList<>(List.of("su", "postgres", "-s", "/bin/sh", "-c", sh.toString()));
        LocalServer.run(su, log, timeoutMs);
    }

    public int port()
    {
        return port;
    }

    @Override
    public void close()
    {
        if (started)
        {
            try
            {
                final Path log = Files.createTempFile("omniroute-bench-pg-stop-", ".log");
                if (LocalServer.isRoot())
                {
                    LocalServer.run(List.of("chown", "postgres:postgres", log.toString()), log, 10_000);
                }
                asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "fast", "-w", "-t", "60", "stop"), log, 90_000);
                Files.deleteIfExists(log);
            }
            catch (final IOException ex)
            {
                System.err.println("postgres: stop failed: " + ex.getMessage());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            started = false;
        }
        LocalServer.deleteTree(dir);
    }
}
