package io.omniroute.gateway.client;

import java.util.concurrent.CompletableFuture;

/**
 * One request in flight: its frame, ready to write again after a reconnect, whether repeating it is safe, and the
 * future its result completes.
 */
final class InFlight
{
    final long correlationId;
    final byte[] frame;
    final boolean repeatable;
    final CompletableFuture<ClientResult> future;
    boolean written;

    InFlight(final long correlationId, final byte[] frame, final boolean repeatable)
    {
        this.correlationId = correlationId;
        this.frame = frame;
        this.repeatable = repeatable;
        this.future = new CompletableFuture<>();
    }
}
