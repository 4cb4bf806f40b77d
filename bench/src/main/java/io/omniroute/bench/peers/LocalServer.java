package io.omniroute.bench.peers;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the local peer servers share: finding binaries, free loopback ports, running commands with a deadline,
 * waiting for a port to accept, deleting data folders.
 */
final class LocalServer
{
    private LocalServer()
    {
    }

    static Path findBinary(final String name, final String... extraDirs)
    {
        for (final String dir : extraDirs)
        {
            final Path p = Path.of(dir, name);
            if (Files.isExecutable(p))
            {
                return p;
            }
        }
        final String path = System.getenv("PATH");
        if (path != null)
        {
            for (final String dir : path.split(File.pathSeparator))
            {
                final Path p = Path.of(dir, name);
                if (Files.isExecutable(p))
                {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * @return a port on 127.0.0.1 nothing listens on now, from the given one up.
     */
    static int freePort(final int from)
    {
        for (int port = from; port < from + 200; port++)
        {
            try (ServerSocket s = new ServerSocket())
            {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            }
            catch (final IOException busy)
            {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 from " + from);
    }

    static boolean accepts(final int port)
    {
        try (Socket s = new Socket())
        {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    static void awaitPort(final int port, final long timeoutMs, final Process process, final Path log)
        throws IOException, InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!accepts(port))
        {
            if (process != null && !process.isAlive())
            {
                throw new IOException("server exited (" + process.exitValue() + "): " + tail(log));
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new IOException("server did not listen on 127.0.0.1:" + port + " within " + timeoutMs + " ms: " +
                    tail(log));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Runs a command to its end (at most {@code timeoutMs}), output to the log; fails with the log's tail.
     */
    static void run(final List<String> command, final Path log, final long timeoutMs)
        throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + timeoutMs + " ms");
        }
        if (p.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + tail(log));
        }
    }

    static String tail(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(no log)";
        }
    }

    static void deleteTree(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (var walk = Files.walk(dir))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ignore)
        {
            // a leftover folder under /tmp is harmless
        }
    }

    static boolean isRoot()
    {
        return "root".equals(System.getProperty("user.name"));
    }
}
