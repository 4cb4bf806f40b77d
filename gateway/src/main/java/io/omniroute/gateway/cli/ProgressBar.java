package io.omniroute.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal's stderr; silent when output is not a terminal.
 */
final class ProgressBar
{
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long totalBytes;
    private final long startNs = System.nanoTime();
    private long lastDrawNs;

    ProgressBar(final PrintStream out, final long totalBytes)
    {
        this.out = out;
        this.totalBytes = totalBytes;
    }

    /**
     * A bar over the size of {@code file} on {@code out}, or null when there is nowhere to draw it.
     */
    static ProgressBar forFile(final PrintStream out, final Path file)
    {
        long size;
        try
        {
            size = Files.size(file);
        }
        catch (final IOException ex)
        {
            size = 0;
        }
        return out != null && enabled() ? new ProgressBar(out, size) : null;
    }

    static boolean enabled()
    {
        return System.console() != null && !"dumb".equals(System.getenv("TERM")) && System.getenv("CI") == null;
    }

    void update(final long commands, final long bytes)
    {
        final long now = System.nanoTime();
        if (now - lastDrawNs < 100_000_000L)
        {
            return;
        }
        lastDrawNs = now;
        final double frac = totalBytes > 0 ? Math.min(1.0, (double)bytes / totalBytes) : 0;
        final int filled = (int)(frac * WIDTH);
        final double secs = (now - startNs) / 1e9;
        out.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%% %,d commands %,.0f/s",
            "#".repeat(filled), " ".repeat(WIDTH - filled), frac * 100, commands, secs > 0 ? commands / secs : 0.0));
        out.flush();
    }

    void finish()
    {
        out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        out.flush();
    }
}
