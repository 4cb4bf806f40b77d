package io.omniroute.gateway.wire;

import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Writes {@code varString} fields (uint16 length + UTF-8 bytes) straight from a {@link String}, without the byte
 * array the generated setters allocate when the text is ASCII (ids and names nearly always are).
 */
public final class WireText
{
    private WireText()
    {
    }

    public static int utf8Length(final String s)
    {
        final int n = s.length();
        for (int i = 0; i < n; i++)
        {
            if (s.charAt(i) >= 0x80)
            {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    /**
     * Writes {@code s} as a varString at {@code offset}.
     *
     * @return the offset after it.
     */
    public static int putVarString(final MutableDirectBuffer buffer, final int offset, final String s)
    {
        final int n = s.length();
        for (int i = 0; i < n; i++)
        {
            if (s.charAt(i) >= 0x80)
            {
                final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                buffer.putShort(offset, (short)bytes.length, Framing.BYTE_ORDER);
                buffer.putBytes(offset + 2, bytes);
                return offset + 2 + bytes.length;
            }
        }
        buffer.putShort(offset, (short)n, Framing.BYTE_ORDER);
        buffer.putStringWithoutLengthAscii(offset + 2, s);
        return offset + 2 + n;
    }
}
