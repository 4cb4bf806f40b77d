package io.omniroute.gateway.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output files of the commands, where {@code -} means stdout: the journal tools flush it but never close it; the
 * results of simulate and client close it with the stream.
 */
final class Streams
{
    private Streams()
    {
    }

    static OutputStream open(final String file) throws IOException
    {
        if ("-".equals(file))
        {
            return new BufferedOutputStream(new FilterOutputStream(System.out)
            {
                @Override
                public void write(final byte[] b, final int off, final int len) throws IOException
                {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException
                {
                    flush();
                }
            }, 1 << 16);
        }
        return new BufferedOutputStream(Files.newOutputStream(Path.of(file)), 1 << 16);
    }

    /**
     * The results file of simulate and client; {@code -} is stdout, which closing the stream closes too.
     */
    static OutputStream openResults(final String file) throws IOException
    {
        if ("-".equals(file))
        {
            return new BufferedOutputStream(System.out, 1 << 16);
        }
        return new BufferedOutputStream(Files.newOutputStream(Path.of(file)), 1 << 16);
    }
}
