package io.omniroute.gateway.client;

import io.omniroute.engine.Command;
import io.omniroute.gateway.wire.CommandWireEncoder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Java client of the order gateway. Async ({@link #submitJson(String)}, {@link #submit(Command)} return a
 * future) and sync ({@link #call(String)}). It logs on, sends heartbeats, and when the connection drops it
 * reconnects and resubmits what was in flight and is safe to repeat: orders (idempotent by order id), cancels,
 * holds, releases, quotes, status and KPI reads. A request that is not safe to repeat (receive, ship, return, ...)
 * fails with {@link ConnectionLostException} instead. A request the gateway throttled is sent again after a pause.
 * <p>
 * All connection state lives on the client's one I/O thread ({@link ClientConnection}); the submit methods may be
 * called from any thread ({@link RequestEncoder}). Futures complete on the I/O thread: do not block in their
 * callbacks.
 */
public final class OmniRouteClient implements AutoCloseable
{
    private final RequestEncoder encoder = new RequestEncoder();
    private final ClientConnection connection;

    private OmniRouteClient(final ClientConfig config)
    {
        connection = new ClientConnection(config);
    }

    /**
     * Connects and logs on.
     *
     * @throws ClientException when the server cannot be reached or refuses the logon, naming why.
     */
    public static OmniRouteClient connect(final ClientConfig config)
    {
        final OmniRouteClient client = new OmniRouteClient(config);
        final CompletableFuture<Void> logon = client.connection.start();
        try
        {
            logon.get(config.connectTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
            return client;
        }
        catch (final ExecutionException ex)
        {
            client.close();
            throw clientException(ex);
        }
        catch (final TimeoutException ex)
        {
            client.close();
            throw new ClientException("no logon answer from " + config.host() + ":" + config.port() + " within " +
                config.connectTimeoutMs() + " ms" + (config.tls() ? " (with --tls: is the server serving TLS? a " +
                "plain server waits for a logon the TLS handshake never lets through)" : ""));
        }
        catch (final InterruptedException ex)
        {
            client.close();
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while connecting");
        }
    }

    /** The server's session id of the current connection. */
    public long sessionId()
    {
        return connection.sessionId();
    }

    /** The engine's sequence when the current session logged on. */
    public long lastSeqAtLogon()
    {
        return connection.lastSeqAtLogon();
    }

    /** How often the client reconnected. */
    public int reconnects()
    {
        return connection.reconnects();
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * Sends one JSON Lines command (SPEC §4): as its structured SBE message when it has one, else as a JSON command,
     * so the server decides exactly as {@code simulate} would.
     */
    public CompletableFuture<ClientResult> submitJson(final String line)
    {
        return connection.enqueue(encoder.encodeJson(line));
    }

    /**
     * Sends one JSON Lines command given as the bytes of its line, without its line end; the bytes may be reused once
     * this returns. A line that is not valid UTF-8 is sent as it is and answered {@code INVALID}, as simulate does.
     */
    public CompletableFuture<ClientResult> submitJson(final byte[] line, final int offset, final int length)
    {
        return connection.enqueue(encoder.encodeJson(line, offset, length));
    }

    /**
     * Sends a command given as an engine {@link Command}; it must be representable as its structured message
     * ({@link CommandWireEncoder#isStructured}).
     */
    public CompletableFuture<ClientResult> submit(final Command command)
    {
        return connection.enqueue(encoder.encodeStructured(command));
    }

    /**
     * Sends one JSON Lines command and waits for its result.
     */
    public ClientResult call(final String line, final long timeout, final TimeUnit unit)
        throws InterruptedException, TimeoutException
    {
        try
        {
            return submitJson(line).get(timeout, unit);
        }
        catch (final ExecutionException ex)
        {
            throw clientException(ex);
        }
    }

    public ClientResult call(final String line) throws InterruptedException
    {
        try
        {
            return call(line, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Subscribes to event feeds (role read); {@code channel} null = every channel. Renewed after a reconnect.
     */
    public CompletableFuture<Void> subscribe(final boolean availability, final boolean reorder, final String channel,
        final EventListener listener)
    {
        return connection.subscribe((availability ? 1 : 0) | (reorder ? 2 : 0), channel, listener);
    }

    /**
     * Closes the connection; requests still in flight fail.
     */
    @Override
    public void close()
    {
        connection.close();
    }

    private static ClientException clientException(final ExecutionException ex)
    {
        return ex.getCause() instanceof ClientException ? (ClientException)ex.getCause() :
            new ClientException(ex.getCause().getMessage(), ex.getCause());
    }
}
