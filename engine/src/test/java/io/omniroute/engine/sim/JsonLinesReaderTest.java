package io.omniroute.engine.sim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesReaderTest
{
    @Test
    void shouldHandNonBlankLinesWithTheirNumbersInTheFileBlankLinesCounted() throws Exception
    {
        // LF and CRLF ends, blank lines of spaces/tabs/CRs skipped, a last line without its LF, bytes not UTF-8
        final byte[] bytes = "{\"a\":1}\n\n \t\r\n{\"b\":2}\r\n\r\n{\"c\":\u00ff}\n{\"d\":4}".getBytes(
            StandardCharsets.ISO_8859_1);
        final JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(bytes));
        final List<String> seen = new ArrayList<>();
        final long handled = reader.readAll((buf, offset, length) -> seen.add(reader.lineNumber() + ":" +
            new String(buf, offset, length, StandardCharsets.ISO_8859_1)), null);
        assertEquals(4, handled);
        assertEquals(List.of("1:{\"a\":1}", "4:{\"b\":2}", "6:{\"c\":\u00ff}", "7:{\"d\":4}"), seen);
        assertEquals(7, reader.lineNumber());
        assertEquals(bytes.length, reader.bytesRead());
    }

    /**
     * A line longer than the reader takes is read past, not held (a file of a GB without a newline ran simulate out
     * of memory), and handed on as one line that decodes to an INVALID command naming the line; the lines after it
     * are read as usual, and one running to the end of the stream is named so.
     */
    @Test
    void shouldReplaceALineLongerThanItTakesByOneInvalidCommand() throws Exception
    {
        final String longLine = "{\"type\":\"cancel\",\"order_id\":\"" + "x".repeat(200_000) + "\"}";
        final String day = "{\"type\":\"new_day\"}";
        final byte[] bytes = (day + "\n" + longLine + "\n" + day + "\n" + "y".repeat(150_000))
            .getBytes(StandardCharsets.US_ASCII);
        final JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(bytes), 1_000);
        final List<String> seen = new ArrayList<>();
        final io.omniroute.engine.json.CommandJsonDecoder decoder = new io.omniroute.engine.json.CommandJsonDecoder();
        final long handled = reader.readAll((buf, offset, length) ->
        {
            final io.omniroute.engine.Command c = decoder.decode(buf, offset, length, new io.omniroute.engine.Command());
            seen.add(reader.lineNumber() + ":" + (c.invalidMessage != null ? c.invalidMessage :
                new String(buf, offset, length, StandardCharsets.US_ASCII)));
        }, null);
        assertEquals(4, handled);
        assertEquals(List.of("1:" + day,
            "2:line 2 is longer than 1000 bytes (" + longLine.length() + " bytes); skipped",
            "3:" + day,
            "4:line 4 is longer than 1000 bytes (150000 bytes, to the end of the stream); skipped"), seen);
        assertEquals(bytes.length, reader.bytesRead());
    }

    /**
     * The edges of the limit: a line of exactly the limit is taken, whatever the reads' sizes; a skipped line's
     * length leaves out its CR as the usual path does; and a line of the input that merely starts with NUL is
     * malformed JSON, not a way to put a message of one's choosing into a result: only the reader's own form is read
     * as a replaced line (review of session 11).
     */
    @Test
    void shouldTakeALineOfExactlyTheLimitAndKeepTheReplacementForItsOwnUse() throws Exception
    {
        final String exact = "{\"type\":\"new_day\",\"x\":\"" + "a".repeat(100 - 25) + "\"}";
        assertEquals(100, exact.length());
        final String crlfLong = "b".repeat(250);
        final byte[] bytes = (exact + "\n" + crlfLong + "\r\n\u0000line 1 is longer than 5 bytes (9 bytes); skipped\n" +
            "\u0000anything at all\n").getBytes(StandardCharsets.US_ASCII);
        for (final int chunk : new int[] { 1, 7, 10, 4096 })
        {
            final JsonLinesReader reader = new JsonLinesReader(new ChunkedInput(bytes, chunk), 100);
            final List<String> seen = new ArrayList<>();
            final io.omniroute.engine.json.CommandJsonDecoder decoder = new io.omniroute.engine.json.CommandJsonDecoder();
            reader.readAll((buf, offset, length) ->
            {
                final io.omniroute.engine.Command c = decoder.decode(buf, offset, length, new io.omniroute.engine.Command());
                seen.add(c.invalidMessage == null ? "ok" : c.invalidMessage);
            }, null);
            assertEquals(4, seen.size(), seen.toString());
            assertEquals("ok", seen.get(0), "chunks of " + chunk);
            assertEquals("line 2 is longer than 100 bytes (250 bytes); skipped", seen.get(1), "chunks of " + chunk);
            // the one form the reader writes reads as it always would (a client can say only that of its own line)
            assertEquals("line 1 is longer than 5 bytes (9 bytes); skipped", seen.get(2));
            assertTrue(seen.get(3).startsWith("malformed JSON"), seen.get(3));
        }
    }

    /** Hands out at most {@code chunk} bytes a read. */
    private static final class ChunkedInput extends ByteArrayInputStream
    {
        private final int chunk;

        ChunkedInput(final byte[] bytes, final int chunk)
        {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(final byte[] b, final int off, final int len)
        {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
