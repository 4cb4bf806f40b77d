package io.omniroute.journal;

import io.omniroute.engine.EngineSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * An engine state body ({@link EngineSnapshot#write}) copied onto the heap for a snapshot, in chunks of at most
 * 256 MiB: one array holds at most 2 GiB, and the state of a network of 100 M stock positions is more. Sized from a
 * hint so a state of a GB is neither grown by doubling nor trimmed by a copy. Written by one thread, then handed to
 * the snapshot writer (the hand-over publishes it).
 */
public final class StateBody extends OutputStream
{
    /** The largest chunk. */
    static final int MAX_CHUNK = 1 << 28;
    private static final int MIN_CHUNK = 1 << 16;

    private final int maxChunk;
    private final long sizeHint;
    private byte[][] chunks = new byte[4][];
    private int chunkCount;
    private byte[] current;
    private int position;
    private long length;
    /** A body over a caller's array ({@link #wrap}): read only. */
    private boolean wrapped;

    /**
     * @param sizeHint the bytes expected; chunks are allocated to hold that many, then more as needed.
     */
    public StateBody(final long sizeHint)
    {
        this(sizeHint, MAX_CHUNK);
    }

    StateBody(final long sizeHint, final int maxChunk)
    {
        this.sizeHint = Math.max(0, sizeHint);
        this.maxChunk = maxChunk;
    }

    /**
     * @return a body over the first {@code length} bytes of an array (not copied).
     */
    public static StateBody wrap(final byte[] bytes, final int length)
    {
        final StateBody b = new StateBody(0, Math.max(1, length));
        b.chunks[0] = bytes;
        b.chunkCount = 1;
        b.current = bytes;
        b.position = length;
        b.length = length;
        b.wrapped = true;
        return b;
    }

    @Override
    public void write(final int b)
    {
        checkWritable();
        if (current == null || position == current.length)
        {
            nextChunk();
        }
        current[position++] = (byte)b;
        length++;
    }

    @Override
    public void write(final byte[] bytes, final int off, final int len)
    {
        checkWritable();
        int from = off;
        int left = len;
        while (left > 0)
        {
            if (current == null || position == current.length)
            {
                nextChunk();
            }
            final int n = Math.min(left, current.length - position);
            System.arraycopy(bytes, from, current, position, n);
            position += n;
            from += n;
            left -= n;
        }
        length += len;
    }

    private void checkWritable()
    {
        if (wrapped)
        {
            throw new IllegalStateException("a body over a caller's array is read only");
        }
    }

    private void nextChunk()
    {
        final long wanted = Math.max(MIN_CHUNK, sizeHint - length);
        current = new byte[(int)Math.min(maxChunk, wanted)];
        position = 0;
        if (chunkCount == chunks.length)
        {
            chunks = Arrays.copyOf(chunks, 2 * chunkCount);
        }
        chunks[chunkCount++] = current;
    }

    /**
     * @return the bytes written.
     */
    public long length()
    {
        return length;
    }

    private int chunkLength(final int i)
    {
        return i == chunkCount - 1 ? position : chunks[i].length;
    }

    /**
     * @return the CRC32C of the bytes.
     */
    public int crc32c()
    {
        final CRC32C crc = new CRC32C();
        for (int i = 0; i < chunkCount; i++)
        {
            crc.update(chunks[i], 0, chunkLength(i));
        }
        return (int)crc.getValue();
    }

    /**
     * @return the engine's state hash of these bytes ({@link EngineSnapshot#hash}).
     */
    public long stateHash()
    {
        final EngineSnapshot.StateHasher h = new EngineSnapshot.StateHasher();
        for (int i = 0; i < chunkCount; i++)
        {
            h.write(chunks[i], 0, chunkLength(i));
        }
        return h.hash();
    }

    /**
     * Writes the bytes to a channel, whole.
     */
    public void writeTo(final WritableByteChannel channel) throws IOException
    {
        for (int i = 0; i < chunkCount; i++)
        {
            final int length = chunkLength(i);
            for (int off = 0; off < length; off += WRITE_SLICE)
            {
                // a MiB at a time: the JDK copies a heap buffer handed to a channel into a temporary direct buffer
                // of its size (counted against the direct memory the stock and books use) and keeps it cached in
                // the writing thread; a whole chunk would pin 256 MiB
                final ByteBuffer b = ByteBuffer.wrap(chunks[i], off, Math.min(WRITE_SLICE, length - off));
                while (b.hasRemaining())
                {
                    channel.write(b);
                }
            }
        }
    }

    /** Bytes handed to a channel at a time. */
    private static final int WRITE_SLICE = 1 << 20;

    /**
     * @return the bytes, to read back (tests, the in-memory round trip).
     */
    public InputStream newInputStream()
    {
        return new InputStream()
        {
            private int chunk;
            private int offset;

            private boolean atEnd()
            {
                while (chunk < chunkCount && offset == chunkLength(chunk))
                {
                    chunk++;
                    offset = 0;
                }
                return chunk == chunkCount;
            }

            @Override
            public int read()
            {
                return atEnd() ? -1 : chunks[chunk][offset++] & 0xFF;
            }

            @Override
            public int read(final byte[] b, final int off, final int len)
            {
                if (len == 0)
                {
                    return 0;
                }
                if (atEnd())
                {
                    return -1;
                }
                final int n = Math.min(len, chunkLength(chunk) - offset);
                System.arraycopy(chunks[chunk], offset, b, off, n);
                offset += n;
                return n;
            }
        };
    }

    /**
     * @return the number of arrays the bytes are in (tests).
     */
    int chunkCount()
    {
        return chunkCount;
    }
}
