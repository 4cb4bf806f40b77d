package io.omniroute.engine.sim;

import io.omniroute.engine.json.CommandJsonDecoder;

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
    /**
     * The longest line taken (a command is a few hundred bytes; JSON's own string limit is 20 M characters): a longer
     * one is skipped to its end and handed on as a {@link CommandJsonDecoder#replaced(String)} line, one INVALID
     * command that says so, instead of a buffer that grows to the line (a file of a GB without a newline ran the JVM out of memory).
     */
    public static final int MAX_LINE_BYTES = 32 << 20;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer = new byte[1 << 16];
    private long bytesRead;
    private long lineNumber;

    public JsonLinesReader(final InputStream in)
    {
        this(in, MAX_LINE_BYTES);
    }

    /**
     * @param maxLineBytes the longest line taken (tests use a small one).
     */
    public JsonLinesReader(final InputStream in, final int maxLineBytes)
    {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
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
            if (nl < 0 && !eof && end - start > maxLineBytes)
            {
                lineNumber++;
                lastSkippedWasCr = buf[end - 1] == '\r';
                final long length = skipLine(end - start);
                handOn(handler, tooLong(length, eofInSkip), progress, lines++);
                if (eofInSkip)
                {
                    break;
                }
                start = 0;
                end = pendingAfterSkip;
                pendingAfterSkip = 0;
                continue;
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
            if (len > maxLineBytes)
            {
                handOn(handler, tooLong(len, false), progress, lines++);
            }
            else if (!isBlank(buf, start, len))
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

    private boolean eofInSkip;

    /**
     * Reads past the rest of an over-long line, {@code already} bytes of which are buffered.
     *
     * @return the line's length in bytes (to its newline, or to the end of the stream: {@link #eofInSkip}).
     */
    private long skipLine(final int already) throws IOException
    {
        final byte[] buf = buffer;
        long length = already;
        while (true)
        {
            final int n = in.read(buf, 0, buf.length);
            if (n < 0)
            {
                eofInSkip = true;
                return length;
            }
            bytesRead += n;
            for (int i = 0; i < n; i++)
            {
                if (buf[i] == '\n')
                {
                    // a CR before the LF is the line's end, as on the usual path
                    final boolean cr = i > 0 ? buf[i - 1] == '\r' : lastSkippedWasCr;
                    // keep what follows the newline: the next lines
                    System.arraycopy(buf, i + 1, buf, 0, n - i - 1);
                    pendingAfterSkip = n - i - 1;
                    return length + i - (cr ? 1 : 0);
                }
            }
            lastSkippedWasCr = buf[n - 1] == '\r';
            length += n;
        }
    }

    private int pendingAfterSkip;
    private boolean lastSkippedWasCr;

    /**
     * @return the line that stands for line {@link #lineNumber} of {@code length} bytes, too long to take.
     */
    private byte[] tooLong(final long length, final boolean toEndOfStream)
    {
        return CommandJsonDecoder.replaced("line " + lineNumber + " is longer than " + maxLineBytes + " bytes (" +
            length + (toEndOfStream ? " bytes, to the end of the stream" : " bytes") + "); skipped");
    }

    private void handOn(final LineHandler handler, final byte[] line, final Simulator.Progress progress,
        final long handledBefore) throws IOException
    {
        handler.onLine(line, 0, line.length);
        if (progress != null && ((handledBefore + 1) & PROGRESS_MASK) == 0)
        {
            progress.onProgress(handledBefore + 1, bytesRead);
        }
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
