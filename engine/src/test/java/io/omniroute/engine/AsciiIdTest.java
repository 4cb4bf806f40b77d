package io.omniroute.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reusable id reads as the text it holds (length, characters, string, hash, equality with any text of the same
 * characters), takes only ASCII that fits, and an order book finds an order by it as by the string.
 */
class AsciiIdTest
{
    private static UnsafeBuffer bytes(final String s)
    {
        return new UnsafeBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadAsTheTextItHolds()
    {
        final AsciiId id = new AsciiId(32);
        assertTrue(id.set(bytes("xx-o-17"), 3, 4));
        assertEquals(4, id.length());
        assertEquals('o', id.charAt(0));
        assertEquals("o-17", id.toString());
        assertEquals("o-17".hashCode(), id.hashCode());
        assertTrue(id.equals("o-17"));
        assertTrue(AsciiId.contentEquals("o-17", id));
        assertFalse(AsciiId.contentEquals("o-18", id));
        assertEquals("-1", id.subSequence(1, 3).toString());
        assertEquals(OrderBookHash.of("o-17"), OrderBookHash.of(id));

        assertTrue(id.set(bytes("o-2"), 0, 3), "reused for the next command");
        assertEquals("o-2", id.toString());
    }

    @Test
    void shouldRefuseWhatIsNotAsciiOrDoesNotFit()
    {
        final AsciiId id = new AsciiId(4);
        assertFalse(id.set(bytes("o-123"), 0, 5));
        assertFalse(id.set(bytes("m\u00FCg"), 0, 4));
        assertTrue(id.set(bytes("o-12"), 0, 4));
    }

    /** The order book's hash over the characters, whatever holds them. */
    private static final class OrderBookHash
    {
        static long of(final CharSequence s)
        {
            return OrderBook.hash(s);
        }
    }
}
