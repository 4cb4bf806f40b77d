package io.omniroute.engine;

/**
 * A network file could not be loaded: names the file, the line and the field so an operator can fix it.
 */
public final class NetworkException extends Exception
{
    private static final long serialVersionUID = 1L;

    public NetworkException(final String message)
    {
        super(message);
    }

    public static NetworkException at(final String file, final int line, final String field, final String what)
    {
        return new NetworkException(file + ":" + line + ": field '" + field + "': " + what);
    }
}
