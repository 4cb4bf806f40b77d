package io.omniroute.journal;

/**
 * A journal or snapshot that cannot be used as it is: missing, of another network, corrupt in the middle, or no longer
 * reproduced by the engine. The message is one line meant for the operator.
 */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
