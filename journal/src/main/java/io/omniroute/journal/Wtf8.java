package io.omniroute.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Text of the journal: UTF-8, except that a lone UTF-16 surrogate is written as its 3-byte generalised UTF-8 form
 * (the "WTF-8" convention), so that any Java string, including one decoded from a JSON escape such as
 * {@code "\ud800"}, reads back identical. For well-formed text the bytes are exactly UTF-8.
 */
public final class Wtf8
{
    private Wtf8()
    {
    }

    /**
     * @return the number of bytes {@link #encode} writes for {@code s}.
     */
    public static int encodedLength(final CharSequence s)
    {
        int n = 0;
        final int length = s.length();
        for (int i = 0; i < length; i++)
        {
            final char c = s.charAt(i);
            if (c < 0x80)
            {
                n += 1;
            }
            else if (c < 0x800)
            {
                n += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1)))
            {
                n += 4;
                i++;
            }
            else
            {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Writes {@code s} at {@code offset}; the buffer must have room for {@link #encodedLength} bytes (an expandable
     * buffer grows).
     *
     * @return the number of bytes written.
     */
    public static int encode(final CharSequence s, final MutableDirectBuffer buffer, final int offset)
    {
        int o = offset;
        final int length = s.length();
        for (int i = 0; i < length; i++)
        {
            final char c = s.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(o++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(o++, (byte)(0xC0 | (c >>> 6)));
                buffer.putByte(o++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1)))
            {
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer.putByte(o++, (byte)(0xF0 | (cp >>> 18)));
                buffer.putByte(o++, (byte)(0x80 | ((cp >>> 12) & 0x3F)));
                buffer.putByte(o++, (byte)(0x80 | ((cp >>> 6) & 0x3F)));
                buffer.putByte(o++, (byte)(0x80 | (cp & 0x3F)));
            }
            else
            {
                buffer.putByte(o++, (byte)(0xE0 | (c >>> 12)));
                buffer.putByte(o++, (byte)(0x80 | ((c >>> 6) & 0x3F)));
                buffer.putByte(o++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return o - offset;
    }

    /**
     * Reads {@code length} bytes written by {@link #encode}. Bytes that no encoder writes (only possible when a frame
     * checksum has already failed) become U+FFFD rather than an exception.
     */
    public static String decode(final DirectBuffer buffer, final int offset, final int length)
    {
        // ids are ASCII: one bulk copy, a check, and the JDK's Latin-1 constructor (an array copy)
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        boolean ascii = true;
        for (int i = 0; i < length; i++)
        {
            ascii &= bytes[i] >= 0;
        }
        if (ascii)
        {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        final char[] chars = new char[length];
        int n = 0;
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            final int b0 = buffer.getByte(i) & 0xFF;
            if (b0 < 0x80)
            {
                chars[n++] = (char)b0;
                i++;
            }
            else if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < end && cont(buffer, i + 1))
            {
                chars[n++] = (char)(((b0 & 0x1F) << 6) | (buffer.getByte(i + 1) & 0x3F));
                i += 2;
            }
            else if (b0 >= 0xE0 && b0 < 0xF0 && i + 2 < end && cont(buffer, i + 1) && cont(buffer, i + 2))
            {
                final int c = ((b0 & 0x0F) << 12) | ((buffer.getByte(i + 1) & 0x3F) << 6) |
                    (buffer.getByte(i + 2) & 0x3F);
                chars[n++] = c >= 0x800 ? (char)c : '\uFFFD';
                i += 3;
            }
            else if (b0 >= 0xF0 && b0 < 0xF5 && i + 3 < end && cont(buffer, i + 1) && cont(buffer, i + 2) &&
                cont(buffer, i + 3))
            {
                final int cp = ((b0 & 0x07) << 18) | ((buffer.getByte(i + 1) & 0x3F) << 12) |
                    ((buffer.getByte(i + 2) & 0x3F) << 6) | (buffer.getByte(i + 3) & 0x3F);
                if (cp >= 0x10000 && cp <= Character.MAX_CODE_POINT)
                {
                    chars[n++] = Character.highSurrogate(cp);
                    chars[n++] = Character.lowSurrogate(cp);
                }
                else
                {
                    chars[n++] = '\uFFFD';
                }
                i += 4;
            }
            else
            {
                chars[n++] = '\uFFFD';
                i++;
            }
        }
        return new String(chars, 0, n);
    }

    private static boolean cont(final DirectBuffer buffer, final int index)
    {
        return (buffer.getByte(index) & 0xC0) == 0x80;
    }
}
