package io.omniroute.engine;

import org.agrona.DirectBuffer;

/**
 * A reusable identifier of ASCII bytes (an order, hold or customer id) that a binary decoder fills in place of a new
 * {@link String}: ids are unique per order, so a {@code String} each would be the one allocation left on the order
 * path. It belongs to one {@link Command} and is valid until that command is decoded into again; whatever must keep
 * an id longer (a map key, a message) takes {@link #toString()}.
 * <p>
 * {@link #equals} and {@link #hashCode} follow the text (the hash is {@link String#hashCode()}'s), so two ids compare
 * alike whatever holds them; a {@code String}'s own {@code equals} is not true of one: compare with
 * {@link #contentEquals(CharSequence, CharSequence)}.
 */
public final class AsciiId implements CharSequence
{
    private final byte[] bytes;
    private int length;

    /**
     * @param capacity the longest id held (longer ones are decoded as strings).
     */
    public AsciiId(final int capacity)
    {
        bytes = new byte[capacity];
    }

    /**
     * @return whether {@code [offset, offset + length)} of the buffer fits and is all ASCII (then it is held here).
     */
    public boolean set(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > bytes.length)
        {
            return false;
        }
        buffer.getBytes(offset, bytes, 0, length);
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] < 0)
            {
                return false;
            }
        }
        this.length = length;
        return true;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException("index " + index + ", length " + length);
        }
        return (char)bytes[index];
    }

    /**
     * Copies the id's bytes (its ASCII text) to {@code dst} at {@code offset}.
     *
     * @return how many: {@link #length()}.
     */
    public int copyTo(final org.agrona.MutableDirectBuffer dst, final int offset)
    {
        dst.putBytes(offset, bytes, 0, length);
        return length;
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    @Override
    public String toString()
    {
        return new String(bytes, 0, 0, length);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof CharSequence && contentEquals(this, (CharSequence)o);
    }

    @Override
    public int hashCode()
    {
        int h = 0;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    /**
     * @return whether two texts (either may be null) have the same characters.
     */
    public static boolean contentEquals(final CharSequence a, final CharSequence b)
    {
        if (a == b)
        {
            return true;
        }
        if (a == null || b == null || a.length() != b.length())
        {
            return false;
        }
        for (int i = 0, n = a.length(); i < n; i++)
        {
            if (a.charAt(i) != b.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
