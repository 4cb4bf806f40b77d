package io.omniroute.gateway.client;

/**
 * The client could not do what was asked: connect, log on, or learn the outcome of a request whose connection
 * dropped. The message says which, in one line.
 */
public class ClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ClientException(final String message)
    {
        super(message);
    }

    public ClientException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
