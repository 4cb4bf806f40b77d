package io.omniroute.engine;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

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
