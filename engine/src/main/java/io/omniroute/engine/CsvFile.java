package io.omniroute.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict CSV reader for the network files: a header naming the columns, one record a line, fields split on
 * commas (double-quoted fields allowed). Every accessor reports errors as file:line: field 'x': what.
 * <p>
 * Records are read one at a time as {@link #next} is called, so a stock file of tens of millions of rows is never
 * held whole (it was: a list of every row's strings, about 4 GB of heap for 8 M rows).
 */
final class CsvFile implements AutoCloseable
{
    private final String fileName;
    private final Path path;
    private final BufferedReader reader;
    private final String[] header;
    private final int[] columnOf;
    private final List<String> scratch = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private String[] fields;
    private int lineNo;
    /** Characters of a value shown in a message. */
    private static final int SHOWN = 40;

    private CsvFile(final String fileName, final Path path, final BufferedReader reader, final String[] header,
        final int[] columnOf, final int lineNo)
    {
        this.fileName = fileName;
        this.path = path;
        this.reader = reader;
        this.header = header;
        this.columnOf = columnOf;
        this.lineNo = lineNo;
    }

    /**
     * Opens a network file and reads its header; close it when done.
     *
     * @param required the columns that must be present in the header, in the order the accessors use.
     * @param optional columns that may be absent (their fields read as empty).
     */
    static CsvFile open(final Path dir, final String fileName, final String[] required, final String[] optional)
        throws NetworkException
    {
        final Path path = dir.resolve(fileName);
        if (Files.isDirectory(path))
        {
            throw new NetworkException(path + ": is a folder, not a file");
        }
        if (!Files.isRegularFile(path))
        {
            throw new NetworkException(path + ": file not found");
        }
        BufferedReader reader = null;
        try
        {
            reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
            String line = reader.readLine();
            int lineNo = 1;
            while (line != null && line.isBlank())
            {
                line = reader.readLine();
                lineNo++;
            }
            if (line == null)
            {
                throw new NetworkException(fileName + ": empty file, expected header " + String.join(",", required));
            }
            if (line.startsWith("\uFEFF"))
            {
                line = line.substring(1);
            }
            final String[] header = split(line, fileName, lineNo, new ArrayList<>(), new StringBuilder());
            for (int i = 0; i < header.length; i++)
            {
                header[i] = trimBlanks(header[i]);
                if (header[i].isEmpty())
                {
                    throw new NetworkException(fileName + ":" + lineNo + ": column " + (i + 1) + " of the header has " +
                        "no name" + (i == header.length - 1 ? " (a comma at the end of the line?)" : ""));
                }
                if (indexOf(header, header[i]) < i)
                {
                    // which of the two holds the value? neither reading is safe
                    throw new NetworkException(fileName + ":" + lineNo + ": column '" + header[i] + "' appears " +
                        "twice in the header");
                }
            }
            final int[] columnOf = new int[required.length + optional.length];
            for (int i = 0; i < columnOf.length; i++)
            {
                final String name = i < required.length ? required[i] : optional[i - required.length];
                columnOf[i] = indexOf(header, name);
                if (columnOf[i] < 0 && i < required.length)
                {
                    throw NetworkException.at(fileName, lineNo, name,
                        "missing column in header (expected " + String.join(",", required) + ")");
                }
            }
            final CsvFile csv = new CsvFile(fileName, path, reader, header, columnOf, lineNo);
            reader = null;
            return csv;
        }
        catch (final IOException ex)
        {
            throw readError(fileName, path, ex);
        }
        finally
        {
            closeQuietly(reader);
        }
    }

    private static NetworkException readError(final String fileName, final Path path, final IOException ex)
    {
        return ex instanceof CharacterCodingException ? new NetworkException(IoMessages.notUtf8(fileName, path)) :
            new NetworkException(path + ": cannot read: " + IoMessages.describe(ex));
    }

    private static void closeQuietly(final BufferedReader reader)
    {
        if (reader != null)
        {
            try
            {
                reader.close();
            }
            catch (final IOException ex)
            {
                // read only: nothing to lose
            }
        }
    }

    @Override
    public void close()
    {
        closeQuietly(reader);
    }

    /**
     * A value as a message shows it: quoted, control characters escaped, and cut after 40 characters with its length
     * (a 5 MB field is not echoed whole).
     */
    static String quote(final String s)
    {
        final StringBuilder sb = new StringBuilder(Math.min(s.length(), SHOWN) + 32).append('\'');
        final int n = Math.min(s.length(), SHOWN);
        for (int i = 0; i < n; i++)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F)
            {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        if (s.length() > SHOWN)
        {
            sb.append("…' (").append(s.length()).append(" characters)");
        }
        else
        {
            sb.append('\'');
        }
        return sb.toString();
    }

    static int indexOf(final String[] header, final String name)
    {
        for (int i = 0; i < header.length; i++)
        {
            if (header[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    private static String[] split(final String line, final String fileName, final int lineNo,
        final List<String> fields, final StringBuilder sb) throws NetworkException
    {
        fields.clear();
        if (line.indexOf('"') < 0)
        {
            // the common line: no quotes, so the fields are the text between commas
            int from = 0;
            for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', from))
            {
                fields.add(line.substring(from, comma));
                from = comma + 1;
            }
            fields.add(line.substring(from));
            return fields.toArray(new String[0]);
        }
        sb.setLength(0);
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"')
                    {
                        sb.append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    sb.append(c);
                }
            }
            else if (c == '"' && sb.toString().isBlank())
            {
                sb.setLength(0);
                quoted = true;
            }
            else if (c == ',')
            {
                fields.add(sb.toString());
                sb.setLength(0);
            }
            else
            {
                sb.append(c);
            }
        }
        if (quoted)
        {
            throw new NetworkException(fileName + ":" + lineNo + ": unterminated quoted field");
        }
        fields.add(sb.toString());
        return fields.toArray(new String[0]);
    }

    String fileName()
    {
        return fileName;
    }

    /**
     * Reads the next record (blank lines are skipped).
     *
     * @return false at the end of the file.
     * @throws NetworkException when the line is not a record of the header's columns, or the file cannot be read.
     */
    boolean next() throws NetworkException
    {
        try
        {
            String line;
            do
            {
                line = reader.readLine();
                if (line == null)
                {
                    fields = null;
                    return false;
                }
                lineNo++;
            }
            while (line.isBlank());
            final String[] f = split(line, fileName, lineNo, scratch, field);
            if (f.length != header.length)
            {
                throw NetworkException.at(fileName, lineNo, f.length < header.length ? header[f.length] : "(extra)",
                    "expected " + header.length + " fields, found " + f.length);
            }
            fields = f;
            return true;
        }
        catch (final IOException ex)
        {
            throw readError(fileName, path, ex);
        }
    }

    int line()
    {
        return lineNo;
    }

    private String raw(final int column)
    {
        final int idx = columnOf[column];
        return idx < 0 ? "" : trimBlanks(fields[idx]);
    }

    /**
     * @return the text without the spaces and tabs at its ends. Not {@link String#trim()}: that also drops control
     * characters (a NUL at a value's end was silently taken away, "SKU-9\0" loading as "SKU-9"); they stay, and
     * the value is refused where it is checked.
     */
    static String trimBlanks(final String s)
    {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t'))
        {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t'))
        {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private String name(final int column)
    {
        return columnOf[column] < 0 ? "#" + column : header[columnOf[column]];
    }

    NetworkException error(final int column, final String what)
    {
        return NetworkException.at(fileName, line(), name(column), what);
    }

    String text(final int column) throws NetworkException
    {
        final String s = raw(column);
        if (s.isEmpty())
        {
            throw error(column, "missing value");
        }
        return s;
    }

    String optionalText(final int column)
    {
        return raw(column);
    }

    String id(final int column, final int maxLength) throws NetworkException
    {
        final String s = text(column);
        if (s.length() > maxLength)
        {
            throw error(column, quote(s) + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E)
            {
                throw error(column, quote(s) + " must be printable ASCII without spaces");
            }
        }
        return s;
    }

    /**
     * @return whether {@code s} is written as a whole number (an optional sign, then digits), whatever its size: one
     * that does not parse is then out of range, not malformed.
     */
    static boolean isWholeNumber(final String s)
    {
        return s.matches("[+-]?[0-9]+");
    }

    long longValue(final int column, final long min, final long max) throws NetworkException
    {
        final String s = text(column);
        final long v;
        try
        {
            v = Long.parseLong(s);
        }
        catch (final NumberFormatException ex)
        {
            throw error(column, quote(s) + (isWholeNumber(s) ? " is out of range" : " is not a whole number"));
        }
        if (v < min || v > max)
        {
            throw error(column, v + " is out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    long optionalLong(final int column, final long min, final long max, final long dflt) throws NetworkException
    {
        return raw(column).isEmpty() ? dflt : longValue(column, min, max);
    }

    /**
     * @return whether {@code s} is written with digits, a sign, a point and an exponent only.
     */
    private static boolean isDecimal(final String s)
    {
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
            {
                return false;
            }
        }
        return true;
    }

    double doubleValue(final int column, final double min, final double max) throws NetworkException
    {
        final String s = text(column);
        final double v;
        try
        {
            if (!isDecimal(s))
            {
                throw new NumberFormatException(); // Double.parseDouble takes "12d", "0x1p3" and "NaN" too
            }
            v = Double.parseDouble(s);
        }
        catch (final NumberFormatException ex)
        {
            throw error(column, quote(s) + " is not a number");
        }
        if (!(v >= min && v <= max))
        {
            throw error(column, (s.length() > SHOWN ? quote(s) : s) + " is out of range [" + min + ", " + max + "]");
        }
        return v;
    }
}
