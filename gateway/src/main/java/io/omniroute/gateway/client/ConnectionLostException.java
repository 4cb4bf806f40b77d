package io.omniroute.gateway.client;

/**
 * The connection dropped while a request that is not safe to repeat (a receipt, a shipment, a return, ...) was in
 * flight: it may or may not have been applied. Orders, cancels, holds, releases and reads are resubmitted instead.
 */
public final class ConnectionLostException extends ClientException
{
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(final String message)
    {
        super(message);
    }
}
