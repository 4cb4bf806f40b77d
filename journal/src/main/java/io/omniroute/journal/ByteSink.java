package io.omniroute.journal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array a JSON generator writes into, reused line after line: it grows for an outsized line and then
 * stays, so the steady state allocates nothing. Its bytes are {@code bytes()[0, length())}.
 */
public final class ByteSink extends OutputStream
{
    private byte[] bytes = new byte[4096];
    private int length;

    /** Forgets what was written; the array stays. */
    public void reset()
    {
        length = 0;
    }

    public byte[] bytes()
    {
        return bytes;
    }

    public int length()
    {
        return length;
    }

    @Override
    public void write(final int b)
    {
        ensure(1);
        bytes[length++] = (byte)b;
    }

    @Override
    public void write(final byte[] b, final int off, final int len)
    {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    private void ensure(final int more)
    {
        if (length + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
