package io.omniroute.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the report: horizontal bars, grouped bars and lines, no scripts, no external files.
 */
public final class Svg
{
    static final String[] COLORS = { "#1f6feb", "#d1242f", "#8250df", "#1a7f37", "#bf8700", "#57606a", "#0e8a8a" };
    private static final int WIDTH = 760;

    private Svg()
    {
    }

    static String esc(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(final double v)
    {
        if (Double.isNaN(v) || Double.isInfinite(v))
        {
            return "–";
        }
        final double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15)
        {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100_000)
        {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100)
        {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1)
        {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Horizontal bars, one per label; a log scale for values spanning orders of magnitude.
     */
    public static String bars(final String title, final List<String> labels, final List<Double> values,
        final String unit, final boolean log)
    {
        final int rowH = 26;
        final int left = 250;
        final int right = 110;
        final int top = 30;
        final int h = top + rowH * labels.size() + 10;
        double max = 0;
        double min = Double.MAX_VALUE;
        for (final double v : values)
        {
            if (v > 0)
            {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' " +
            "viewBox='0 0 %d %d' role='img' aria-label='%s'>", WIDTH, h, WIDTH, h, esc(title)));
        sb.append(String.format(Locale.ROOT, "<text x='0' y='18' class='t'>%s%s</text>", esc(title),
            log ? " (log scale)" : ""));
        final int span = WIDTH - left - right;
        final double lo = log ? Math.log10(Math.max(1e-9, min)) - 0.3 : 0;
        final double hi = log ? Math.log10(Math.max(1e-9, max)) : max;
        for (int i = 0; i < labels.size(); i++)
        {
            final double v = values.get(i);
            final double f = v <= 0 || max <= 0 ? 0 : log ? (Math.log10(v) - lo) / (hi - lo) : v / hi;
            final int w = (int)Math.max(1, Math.round(f * span));
            final int y = top + i * rowH;
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='l' text-anchor='end'>%s</text>",
                left - 8, y + 16, esc(labels.get(i))));
            sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='%s' rx='2'/>",
                left, y + 4, w, rowH - 8, COLORS[i % COLORS.length]));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='v'>%s %s</text>", left + w + 6, y + 16,
                num(v), esc(unit)));
        }
        return sb.append("</svg>").toString();
    }

    /**
     * Vertical grouped bars: one group per category, one bar per series.
     */
    public static String groupedBars(final String title, final List<String> categories, final List<String> series,
        final double[][] values, final String unit)
    {
        final int h = 300;
        final int left = 60;
        final int bottom = 70;
        final int top = 40;
        double max = 0;
        for (final double[] row : values)
        {
            for (final double v : row)
            {
                max = Math.max(max, v);
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' " +
            "viewBox='0 0 %d %d' role='img' aria-label='%s'>", WIDTH, h, WIDTH, h, esc(title)));
        sb.append(String.format(Locale.ROOT, "<text x='0' y='18' class='t'>%s</text>", esc(title)));
        legend(sb, series, left, 32);
        final int plotH = h - top - bottom;
        final int groupW = (WIDTH - left - 10) / Math.max(1, categories.size());
        final int barW = Math.max(2, (groupW - 8) / Math.max(1, series.size()));
        axis(sb, left, top, plotH, max, unit);
        for (int c = 0; c < categories.size(); c++)
        {
            final int gx = left + c * groupW + 4;
            for (int s = 0; s < series.size(); s++)
            {
                final double v = values[s][c];
                final int bh = (int)Math.round(v / max * plotH);
                sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'>" +
                    "<title>%s, %s: %s %s</title></rect>", gx + s * barW, top + plotH - bh, barW - 1, Math.max(0, bh),
                    COLORS[s % COLORS.length], esc(series.get(s)), esc(categories.get(c)), num(v), esc(unit)));
            }
            sb.append(String.format(Locale.ROOT, "<text class='x' transform='translate(%d,%d) rotate(45)'>%s</text>",
                gx + 2, top + plotH + 12, esc(categories.get(c))));
        }
        return sb.append("</svg>").toString();
    }

    /**
     * Latency by percentile: x on the "nines" scale (−log10(1 − p)), y on a log scale.
     */
    public static String percentileLines(final String title, final List<String> series, final List<double[][]> curves)
    {
        final int h = 320;
        final int left = 70;
        final int bottom = 40;
        final int top = 50;
        final int right = 20;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (final double[][] c : curves)
        {
            for (final double[] p : c)
            {
                if (p[1] > 0)
                {
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        if (maxY <= 0)
        {
            return "";
        }
        final double lo = Math.floor(Math.log10(minY));
        final double hi = Math.ceil(Math.log10(maxY));
        final double maxX = 5;
        final int plotW = WIDTH - left - right;
        final int plotH = h - top - bottom;
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' " +
            "viewBox='0 0 %d %d' role='img' aria-label='%s'>", WIDTH, h, WIDTH, h, esc(title)));
        sb.append(String.format(Locale.ROOT, "<text x='0' y='18' class='t'>%s</text>", esc(title)));
        legend(sb, series, left, 34);
        for (double d = lo; d <= hi; d++)
        {
            final int y = top + plotH - (int)Math.round((d - lo) / Math.max(1, hi - lo) * plotH);
            sb.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' class='g'/>", left,
                left + plotW, y, y));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='l' text-anchor='end'>%s µs</text>",
                left - 6, y + 4, num(Math.pow(10, d))));
        }
        final String[] xl = { "0", "90", "99", "99.9", "99.99", "99.999" };
        for (int i = 0; i <= maxX; i++)
        {
            final int x = left + (int)Math.round(i / maxX * plotW);
            sb.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' class='g'/>", x, x, top,
                top + plotH));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='l' text-anchor='middle'>p%s</text>", x,
                top + plotH + 16, xl[i]));
        }
        for (int s = 0; s < curves.size(); s++)
        {
            final StringBuilder pts = new StringBuilder();
            for (final double[] p : curves.get(s))
            {
                if (p[0] >= 100 || p[1] <= 0)
                {
                    continue;
                }
                final double nines = Math.min(maxX, -Math.log10(1 - p[0] / 100));
                final int x = left + (int)Math.round(nines / maxX * plotW);
                final int y = top + plotH - (int)Math.round((Math.log10(p[1]) - lo) / Math.max(1, hi - lo) * plotH);
                pts.append(x).append(',').append(y).append(' ');
            }
            sb.append(String.format(Locale.ROOT, "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'/>",
                pts.toString().trim(), COLORS[s % COLORS.length]));
        }
        return sb.append("</svg>").toString();
    }

    private static void legend(final StringBuilder sb, final List<String> series, final int x0, final int y)
    {
        int x = x0;
        for (int s = 0; s < series.size(); s++)
        {
            sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>", x, y - 9,
                COLORS[s % COLORS.length]));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='l'>%s</text>", x + 14, y,
                esc(series.get(s))));
            x += 24 + 7 * series.get(s).length();
        }
    }

    private static void axis(final StringBuilder sb, final int left, final int top, final int plotH, final double max,
        final String unit)
    {
        for (int i = 0; i <= 4; i++)
        {
            final int y = top + plotH - plotH * i / 4;
            sb.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' class='g'/>", left, WIDTH - 10,
                y, y));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='l' text-anchor='end'>%s</text>", left - 4,
                y + 4, num(max * i / 4)));
        }
        sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' class='l' text-anchor='end'>%s</text>", WIDTH - 10,
            18, esc(unit)));
    }
}
