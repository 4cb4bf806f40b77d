package io.omniroute.gateway.cli;

/**
 * A mistake in the user's input (files, flags): reported as one line, exit status 2, no stack trace.
 */
final class UserError extends Exception
{
    private static final long serialVersionUID = 1L;

    UserError(final String message)
    {
        super(message);
    }
}
