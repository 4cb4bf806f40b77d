package io.omniroute.gateway.cli;

import io.omniroute.engine.IoMessages;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output files of the commands, where {@code -} means stdout: the journal tools flush it but never close it; the
 * results of simulate and client close it with the stream. A file that cannot be opened or written fails with an
 * {@link IOException} whose message names the option and the file and says what went wrong (the JDK's own often
 * holds only the path, or only the reason: "No space left on device").
 */
final class Streams
{
    private Streams()
    {
    }

    /**
     * @param what the option that named the file, for messages ({@code --out}).
     */
    static OutputStream open(final String what, final String file) throws IOException
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
        return openFile(what, Path.of(file));
    }

    /**
     * The results file of simulate and client; {@code -} is stdout, which closing the stream closes too.
     */
    static OutputStream openResults(final String what, final String file) throws IOException
    {
        if ("-".equals(file))
        {
            return new BufferedOutputStream(System.out, 1 << 16);
        }
        return openFile(what, Path.of(file));
    }

    /**
     * A file created or truncated, buffered; its open and write failures name {@code what} and the file.
     */
    static OutputStream openFile(final String what, final Path file) throws IOException
    {
        final String label = what + " " + file;
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent))
        {
            throw new IOException(label + ": folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file))
        {
            throw new IOException(label + ": is a folder");
        }
        final OutputStream os;
        try
        {
            os = Files.newOutputStream(file);
        }
        catch (final IOException ex)
        {
            throw labelled(label, file.toString(), ex);
        }
        return new BufferedOutputStream(new Labelled(label, file.toString(), os), 1 << 16);
    }

    private static IOException labelled(final String label, final String file, final IOException ex)
    {
        String why = IoMessages.describe(ex);
        if (why.startsWith(file + ": "))
        {
            why = why.substring(file.length() + 2);
        }
        return new IOException(label + ": " + why, ex);
    }

    /**
     * Rethrows a write failure with the option and the file named.
     */
    private static final class Labelled extends FilterOutputStream
    {
        private final String label;
        private final String file;

        Labelled(final String label, final String file, final OutputStream out)
        {
            super(out);
            this.label = label;
            this.file = file;
        }

        @Override
        public void write(final int b) throws IOException
        {
            try
            {
                out.write(b);
            }
            catch (final IOException ex)
            {
                throw labelled(label, file, ex);
            }
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            try
            {
                out.write(b, off, len);
            }
            catch (final IOException ex)
            {
                throw labelled(label, file, ex);
            }
        }

        @Override
        public void flush() throws IOException
        {
            try
            {
                out.flush();
            }
            catch (final IOException ex)
            {
                throw labelled(label, file, ex);
            }
        }

        @Override
        public void close() throws IOException
        {
            try
            {
                out.close();
            }
            catch (final IOException ex)
            {
                throw labelled(label, file, ex);
            }
        }
    }
}
