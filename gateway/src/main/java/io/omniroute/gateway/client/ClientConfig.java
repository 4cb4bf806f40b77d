package io.omniroute.gateway.client;

import java.nio.file.Path;

/**
 * Settings of an {@link OmniRouteClient}. Setters return this for chaining; {@link #conclude()} validates.
 */
public final class ClientConfig
{
    private String host = "127.0.0.1";
    private int port = 7070;
    private String clientId = "omniroute-client";
    private String secret = "";
    private int heartbeatIntervalMs = 5_000;
    private long connectTimeoutMs = 5_000;
    private long reconnectTimeoutMs = 30_000;
    private boolean reconnect = true;
    private boolean tls;
    private Path tlsTrust;
    private int maxFrameLength = 16 * 1024 * 1024;

    public ClientConfig host(final String v)
    {
        host = v;
        return this;
    }

    public String host()
    {
        return host;
    }

    public ClientConfig port(final int v)
    {
        port = v;
        return this;
    }

    public int port()
    {
        return port;
    }

    public ClientConfig credentials(final String clientId, final String secret)
    {
        this.clientId = clientId;
        this.secret = secret;
        return this;
    }

    public String clientId()
    {
        return clientId;
    }

    String secret()
    {
        return secret;
    }

    public ClientConfig heartbeatIntervalMs(final int v)
    {
        heartbeatIntervalMs = v;
        return this;
    }

    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    public ClientConfig connectTimeoutMs(final long v)
    {
        connectTimeoutMs = v;
        return this;
    }

    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /**
     * How long to keep trying to reconnect after the connection drops before failing what is in flight.
     */
    public ClientConfig reconnectTimeoutMs(final long v)
    {
        reconnectTimeoutMs = v;
        return this;
    }

    public long reconnectTimeoutMs()
    {
        return reconnectTimeoutMs;
    }

    public ClientConfig reconnect(final boolean v)
    {
        reconnect = v;
        return this;
    }

    public boolean reconnect()
    {
        return reconnect;
    }

    /**
     * TLS, trusting the certificates in {@code trustPem} (the server's certificate or its CA), or the JDK's default
     * trust store when null.
     */
    public ClientConfig tls(final Path trustPem)
    {
        tls = true;
        tlsTrust = trustPem;
        return this;
    }

    public boolean tls()
    {
        return tls;
    }

    public Path tlsTrust()
    {
        return tlsTrust;
    }

    public ClientConfig maxFrameLength(final int v)
    {
        maxFrameLength = v;
        return this;
    }

    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    public ClientConfig conclude()
    {
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port " + port + " is not 1..65535");
        }
        if (clientId == null || clientId.isEmpty() || clientId.length() > 64)
        {
            throw new IllegalArgumentException("client id must be 1-64 characters");
        }
        if (heartbeatIntervalMs < 10)
        {
            throw new IllegalArgumentException("heartbeat interval must be at least 10 ms");
        }
        return this;
    }
}
