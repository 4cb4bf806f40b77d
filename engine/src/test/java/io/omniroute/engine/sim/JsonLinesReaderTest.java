package io.omniroute.engine.sim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
