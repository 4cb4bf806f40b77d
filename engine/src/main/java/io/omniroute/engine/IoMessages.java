package io.omniroute.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * What an {@link IOException} means to the person who gave the path, in one line: the JDK's file-system exceptions
 * often carry nothing but the path ({@code NoSuchFileException: /x/y}), so that a bare {@code getMessage()} reads as
 * if the path itself were the error.
 */
public final class IoMessages
{
    private IoMessages()
    {
    }

    /**
     * @return the file (when the exception names one) and what went wrong with it.
     */
    public static String describe(final IOException ex)
    {
        if (ex instanceof FileSystemException)
        {
            final FileSystemException fse = (FileSystemException)ex;
            final String file = fse.getFile();
            final String other = fse.getOtherFile();
            final String where = file == null ? "" : other == null ? file + ": " : file + " -> " + other + ": ";
            return where + reason(fse);
        }
        if (ex instanceof CharacterCodingException)
        {
            return "not valid UTF-8 text";
        }
        final String m = ex.getMessage();
        return m == null ? ex.getClass().getSimpleName() : m;
    }

    /**
     * @return the number of the first line of a file that is not valid UTF-8 (0 when every line is, or the file
     * cannot be read again): found after the fact, since a reader's decoder reports the bytes but not the line.
     */
    public static int firstLineNotUtf8(final Path path)
    {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path)))
        {
            final ByteArrayOutputStream line = new ByteArrayOutputStream();
            int lineNo = 1;
            int b;
            while (true)
            {
                b = in.read();
                if (b == '\n' || b < 0)
                {
                    try
                    {
                        decoder.reset().decode(ByteBuffer.wrap(line.toByteArray()));
                    }
                    catch (final CharacterCodingException ex)
                    {
                        return lineNo;
                    }
                    if (b < 0)
                    {
                        return 0;
                    }
                    line.reset();
                    lineNo++;
                }
                else
                {
                    line.write(b);
                }
            }
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /**
     * @return "{@code name}:N: not valid UTF-8 text", N the first such line of the file (see {@link #firstLineNotUtf8}).
     */
    public static String notUtf8(final String name, final Path path)
    {
        return name + ":" + firstLineNotUtf8(path) + ": not valid UTF-8 text";
    }

    private static String reason(final FileSystemException ex)
    {
        if (ex.getReason() != null)
        {
            return ex.getReason();
        }
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or folder";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof FileAlreadyExistsException)
        {
            return "already exists";
        }
        if (ex instanceof NotDirectoryException)
        {
            return "not a folder";
        }
        if (ex instanceof DirectoryNotEmptyException)
        {
            return "folder not empty";
        }
        return ex.getClass().getSimpleName();
    }
}
