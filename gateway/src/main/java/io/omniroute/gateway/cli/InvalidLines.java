package io.omniroute.gateway.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Names the file and line of each command the engine rejected as {@code INVALID}, on stderr: SPEC §4 asks for a clear
 * error naming the file, the line and the field, and a result's {@code seq} does not say which line it came from once
 * a file has blank lines. The first {@link #SHOWN} are written out, then how many more there were (a file of a million
 * bad lines must not bury the run's summary); each one's result in {@code --out} says why as well.
 */
final class InvalidLines
{
    static final int SHOWN = 20;

    private static final JsonFactory JSON = new JsonFactory();

    private final String tool;
    private final String file;
    private final PrintStream err;
    private long count;

    InvalidLines(final String tool, final Path file, final PrintStream err)
    {
        this.tool = tool;
        this.file = file.toString();
        this.err = err;
    }

    void report(final long lineNumber, final long seq, final String message)
    {
        if (count++ < SHOWN)
        {
            err.println(tool + ": " + file + ":" + lineNumber + ": INVALID (seq " + seq + "): " + oneLine(message));
        }
    }

    /**
     * {@link #report} for a result line whose message is still in its JSON.
     */
    void report(final long lineNumber, final long seq, final byte[] resultJson, final int length)
    {
        if (count < SHOWN)
        {
            report(lineNumber, seq, message(resultJson, length));
        }
        else
        {
            count++;
        }
    }

    /**
     * Says how many were not written out, if any.
     */
    void finish()
    {
        if (count > SHOWN)
        {
            err.printf("%s: %s: %,d more INVALID commands (%,d in all); each one's result says why%n", tool, file,
                count - SHOWN, count);
        }
    }

    /**
     * @return the message with its control characters (a newline echoed from the input, say) shown as '?', so that
     * each report is one line.
     */
    private static String oneLine(final String message)
    {
        if (message == null)
        {
            return "(no message)";
        }
        final StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++)
        {
            final char c = message.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    private static String message(final byte[] json, final int length)
    {
        try (JsonParser p = JSON.createParser(json, 0, length))
        {
            if (p.nextToken() != JsonToken.START_OBJECT)
            {
                return "(no message)";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = p.currentName();
                p.nextToken();
                if ("message".equals(name))
                {
                    return p.getValueAsString();
                }
                p.skipChildren();
            }
        }
        catch (final IOException ex)
        {
            // a result line the engine wrote is JSON; should it not be, the line still gets named
        }
        return "(no message)";
    }
}
