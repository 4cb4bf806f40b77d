package io.omniroute.journal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * A write that a process started and never completed, after the last excerpt of a Chronicle cycle file. Chronicle
 * writes an excerpt's header word last, so a process killed mid-write leaves a zero (or NOT_COMPLETE) header
 * followed by some bytes of data; readers never see it and the next append overwrites it, but possibly only in
 * part. {@link #find} reports such leftovers so recovery can say so, and {@link #erase} zeroes them, so that the
 * journal ends cleanly and a later recovery does not mistake their remains for a new torn write.
 * <p>
 * The region is the non-zero bytes from the end of the last excerpt up to the first run of {@link #ZERO_RUN} zero
 * bytes: cycle files are created zero-filled, and nothing but an excerpt writes past the last one.
 */
final class IncompleteWrite
{
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int END_OF_DATA = 0xC000_0000;
    private static final int LENGTH_MASK = -1 >>> 2;
    private static final int ZERO_RUN = 4096;
    private static final int MAX_METADATA_STEPS = 64;
    private static final long MAX_SCAN = 256L << 20;

    /**
     * @param file   the cycle file.
     * @param start  where the incomplete write begins (4-byte aligned).
     * @param length how many bytes it left behind.
     */
    record Region(File file, long start, long length)
    {
    }

    private IncompleteWrite()
    {
    }

    /**
     * @param file the cycle file of the last excerpt read.
     * @param end  the file position just after that excerpt's data.
     * @return the leftovers of an incomplete write after it, or null when the file ends cleanly (or in any doubt).
     */
    static Region find(final File file, final long end)
    {
        if (file == null || end < 0)
        {
            return null;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file, "r"))
        {
            long pos = end;
            for (int step = 0; step < MAX_METADATA_STEPS; step++)
            {
                pos = (pos + 3) & ~3L;
                if (pos + 4 > raf.length())
                {
                    return null;
                }
                raf.seek(pos);
                final int header = Integer.reverseBytes(raf.readInt());
                if (header == END_OF_DATA)
                {
                    return null;
                }
                if (header != 0 && (header & NOT_COMPLETE) == 0)
                {
                    pos += 4 + (header & LENGTH_MASK); // a complete metadata excerpt (an index): step over it
                    continue;
                }
                final long length = nonZeroLength(raf, pos);
                return length == 0 ? null : new Region(file, pos, length);
            }
            return null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static long nonZeroLength(final RandomAccessFile raf, final long start) throws IOException
    {
        final byte[] chunk = new byte[64 * 1024];
        long lastNonZero = -1;
        long pos = start;
        final long limit = Math.min(raf.length(), start + MAX_SCAN);
        while (pos < limit)
        {
            raf.seek(pos);
            final int n = raf.read(chunk, 0, (int)Math.min(chunk.length, limit - pos));
            if (n <= 0)
            {
                break;
            }
            for (int i = 0; i < n; i++)
            {
                if (chunk[i] != 0)
                {
                    lastNonZero = pos + i;
                }
            }
            pos += n;
            if (lastNonZero < 0 ? pos - start >= ZERO_RUN : pos - lastNonZero > ZERO_RUN)
            {
                break;
            }
        }
        return lastNonZero < 0 ? 0 : lastNonZero + 1 - start;
    }

    /**
     * Zeroes the region (only while holding the journal's lock, before any append).
     */
    static void erase(final Region region) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(region.file(), "rw"))
        {
            final byte[] zeros = new byte[64 * 1024];
            long left = region.length();
            raf.seek(region.start());
            while (left > 0)
            {
                final int n = (int)Math.min(zeros.length, left);
                raf.write(zeros, 0, n);
                left -= n;
            }
            raf.getFD().sync();
        }
    }
}
