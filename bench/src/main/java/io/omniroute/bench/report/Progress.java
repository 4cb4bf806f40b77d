package io.omniroute.bench.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a benchmark run on stderr: numbered phases with the time spent so far, and a bar for long steps
 * (redrawn in place on a terminal, a line per tenth otherwise).
 */
public final class Progress
{
    private final PrintStream out;
    private final long startNs = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private final int phases;
    private int phase;
    private int lastTenth = -1;

    public Progress(final PrintStream out, final int phases)
    {
        this.out = out;
        this.phases = phases;
    }

    public static Progress silent()
    {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), 1);
    }

    private String clock()
    {
        final long s = (System.nanoTime() - startNs) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    public void phase(final String name)
    {
        phase++;
        endBar();
        out.printf(Locale.ROOT, "[%s] (%d/%d) %s%n", clock(), phase, phases, name);
        out.flush();
    }

    public void step(final String message)
    {
        endBar();
        out.printf(Locale.ROOT, "[%s]       %s%n", clock(), message);
        out.flush();
    }

    /**
     * Shows a bar for done of total.
     */
    public void bar(final String label, final long done, final long total)
    {
        final double f = total <= 0 ? 1 : Math.min(1, (double)done / total);
        if (terminal)
        {
            final int w = 30;
            final int filled = (int)Math.round(f * w);
            out.printf(Locale.ROOT, "\r[%s]       %-28s [%s%s] %3.0f%%", clock(), label, "#".repeat(filled),
                " ".repeat(w - filled), f * 100);
            out.flush();
            lastTenth = 0;
        }
        else
        {
            final int tenth = (int)(f * 10);
            if (tenth != lastTenth)
            {
                lastTenth = tenth;
                out.printf(Locale.ROOT, "[%s]       %s %d%%%n", clock(), label, tenth * 10);
                out.flush();
            }
        }
    }

    private void endBar()
    {
        if (terminal && lastTenth >= 0)
        {
            out.println();
        }
        lastTenth = -1;
    }

    public long elapsedSeconds()
    {
        return (System.nanoTime() - startNs) / 1_000_000_000L;
    }
}
