package io.omniroute.journal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Wtf8Test
{
    @Property(tries = 2000)
    void shouldRoundTripAnyJavaString(@ForAll final String s)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(8);
        final int n = Wtf8.encode(s, b, 1);
        assertEquals(Wtf8.encodedLength(s), n);
        assertEquals(s, Wtf8.decode(b, 1, n));
    }

    @Property(tries = 1000)
    void shouldWriteExactlyUtf8ForWellFormedText(@ForAll final String s)
    {
        final String wellFormed = s.codePoints().filter(cp -> cp < 0xD800 || cp > 0xDFFF)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString() + "😀é";
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(8);
        final int n = Wtf8.encode(wellFormed, b, 0);
        assertArrayEquals(wellFormed.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.byteArray(), n));
    }

    @Property(tries = 300)
    void shouldRoundTripLoneSurrogates(@ForAll final char c)
    {
        final String s = "a" + c + "\udc00" + c;
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(8);
        assertEquals(s, Wtf8.decode(b, 0, Wtf8.encode(s, b, 0)));
    }
}
