package io.omniroute.engine.sim;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a JSON Lines byte stream (SPEC §4) into lines for a {@link LineHandler}: a line ends at LF or at the end of
 * the stream, a CR before the LF is dropped, blank lines (spaces, tabs and CRs only) are skipped. Counts the lines
 * handled and the bytes read, and tells a {@link Simulator.Progress} every 16384 lines. The line buffer grows to the
 * longest line and is reused, so steady-state reading does not allocate.
 */
public final class JsonLinesReader
{
    /**
     * Takes one non-blank line, without its line end; the bytes are valid only during the call.
     */
    @FunctionalInterface
    public interface LineHandler
    {
        void onLine(byte[] buffer, int offset, int length) throws IOException;
    }

    private static final int PROGRESS_MASK = 0x3FFF;

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private long bytesRead;
    private long lineNumber;

    public JsonLinesReader(final InputStream in)
    {
        this.in = in;
    }

    /**
     * Reads the stream to its end, handing each non-blank line to {@code handler}.
     *
     * @param handler  what each line goes to.
     * @param progress told every 16384 lines, after the line was handled; may be null.
     * @return the number of lines handled.
     */
    public long readAll(final LineHandler handler, final Simulator.Progress progress) throws IOException
    {
        long lines = 0;
        byte[] buf = buffer;
        int start = 0;
        int end = 0;
        boolean eof = false;
        while (!eof || start < end)
        {
            int nl = -1;
            for (int i = start; i < end; i++)
            {
                if (buf[i] == '\n')
                {
                    nl = i;
                    break;
                }
            }
            if (nl < 0 && !eof)
            {
                if (start > 0)
                {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.length)
                {
                    final byte[] bigger = new byte[buf.length * 2];
                    System.arraycopy(buf, 0, bigger, 0, end);
                    buf = bigger;
                    buffer = bigger;
                }
                final int n = in.read(buf, end, buf.length - end);
                if (n < 0)
                {
                    eof = true;
                }
                else
                {
                    end += n;
                    bytesRead += n;
                }
                continue;
            }
            final int lineEnd = nl < 0 ? end : nl;
            lineNumber++;
            int len = lineEnd - start;
            if (len > 0 && buf[start + len - 1] == '\r')
            {
                len--;
            }
            if (!isBlank(buf, start, len))
            {
                handler.onLine(buf, start, len);
                lines++;
                if (progress != null && (lines & PROGRESS_MASK) == 0)
                {
                    progress.onProgress(lines, bytesRead);
                }
            }
            start = nl < 0 ? end : nl + 1;
        }
        return lines;
    }

    /**
     * @return the number in the stream (from 1, blank lines counted) of the line being handled, or of the last line
     * read.
     */
    public long lineNumber()
    {
        return lineNumber;
    }

    /**
     * @return bytes read from the stream so far.
     */
    public long bytesRead()
    {
        return bytesRead;
    }

    private static boolean isBlank(final byte[] buf, final int start, final int len)
    {
        for (int i = start; i < start + len; i++)
        {
            final byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r')
            {
                return false;
            }
        }
        return true;
    }
}
