package io.omniroute.gateway.server;

import io.omniroute.engine.SystemSettings;
import io.omniroute.gateway.wire.Framing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The gateway server's settings, with defaults from system properties ({@code omniroute.gateway.*}); call
 * {@link #conclude()} once set: it validates and fills in the rest. Setters return this for chaining.
 */
public final class GatewayConfig
{
    /** Where a command's {@code ts} comes from. */
    public enum TsPolicy
    {
        /** The server stamps its ingress time on every command (the default). */
        SERVER,
        /** The client's {@code ts} is kept (replaying a recorded stream); a command without one does not move the clock. */
        CLIENT
    }

    /** Reads the defaults below from system properties; a bad one is refused by {@link #conclude()}. */
    private final SystemSettings settings = new SystemSettings();
    private String bindAddress = System.getProperty("omniroute.gateway.bind", "127.0.0.1");
    private int port = settings.intValue("omniroute.gateway.port", 7070);
    private int maxInboundFrameLength = settings.intValue("omniroute.gateway.maxFrame",
        Framing.DEFAULT_MAX_INBOUND_FRAME_LENGTH);
    private int outboundLimitBytes = settings.intValue("omniroute.gateway.outboundLimit", 8 * 1024 * 1024);
    private long defaultRatePerSecond = settings.longValue("omniroute.gateway.rate", 1_000_000L);
    private int heartbeatIntervalMs = settings.intValue("omniroute.gateway.heartbeatMs", 5_000);
    private int logonTimeoutMs = settings.intValue("omniroute.gateway.logonTimeoutMs", 5_000, 1, Integer.MAX_VALUE);
    private int slowConsumerGraceMs = settings.intValue("omniroute.gateway.slowConsumerGraceMs", 2_000, 0,
        Integer.MAX_VALUE);
    private int outboundRingBytes = settings.intValue("omniroute.gateway.outboundRing", 32 * 1024 * 1024);
    private boolean ioBusySpin = settings.flag("omniroute.gateway.ioBusySpin", false);
    private boolean epoll = !settings.flag("omniroute.gateway.noEpoll", false);
    private TsPolicy tsPolicy = TsPolicy.SERVER;
    private Path tlsCert;
    private Path tlsKey;
    private ClientRegistry clients;
    private boolean concluded;

    public GatewayConfig bindAddress(final String v)
    {
        bindAddress = v;
        return this;
    }

    public String bindAddress()
    {
        return bindAddress;
    }

    public GatewayConfig port(final int v)
    {
        port = v;
        return this;
    }

    public int port()
    {
        return port;
    }

    public GatewayConfig maxInboundFrameLength(final int v)
    {
        maxInboundFrameLength = v;
        return this;
    }

    public int maxInboundFrameLength()
    {
        return maxInboundFrameLength;
    }

    public GatewayConfig outboundLimitBytes(final int v)
    {
        outboundLimitBytes = v;
        return this;
    }

    public int outboundLimitBytes()
    {
        return outboundLimitBytes;
    }

    public GatewayConfig defaultRatePerSecond(final long v)
    {
        defaultRatePerSecond = v;
        return this;
    }

    public long defaultRatePerSecond()
    {
        return defaultRatePerSecond;
    }

    public GatewayConfig heartbeatIntervalMs(final int v)
    {
        heartbeatIntervalMs = v;
        return this;
    }

    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    public GatewayConfig logonTimeoutMs(final int v)
    {
        logonTimeoutMs = v;
        return this;
    }

    public int logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    public GatewayConfig slowConsumerGraceMs(final int v)
    {
        slowConsumerGraceMs = v;
        return this;
    }

    public int slowConsumerGraceMs()
    {
        return slowConsumerGraceMs;
    }

    public GatewayConfig outboundRingBytes(final int v)
    {
        outboundRingBytes = v;
        return this;
    }

    public int outboundRingBytes()
    {
        return outboundRingBytes;
    }

    public GatewayConfig ioBusySpin(final boolean v)
    {
        ioBusySpin = v;
        return this;
    }

    public boolean ioBusySpin()
    {
        return ioBusySpin;
    }

    public GatewayConfig epoll(final boolean v)
    {
        epoll = v;
        return this;
    }

    public boolean epoll()
    {
        return epoll;
    }

    public GatewayConfig tsPolicy(final TsPolicy v)
    {
        tsPolicy = v;
        return this;
    }

    public TsPolicy tsPolicy()
    {
        return tsPolicy;
    }

    public GatewayConfig tls(final Path cert, final Path key)
    {
        tlsCert = cert;
        tlsKey = key;
        return this;
    }

    public Path tlsCert()
    {
        return tlsCert;
    }

    public Path tlsKey()
    {
        return tlsKey;
    }

    public GatewayConfig clients(final ClientRegistry v)
    {
        clients = v;
        return this;
    }

    public ClientRegistry clients()
    {
        return clients;
    }

    /**
     * Validates the settings and fills in defaults.
     *
     * @throws IllegalArgumentException naming the setting that is wrong.
     */
    public GatewayConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (settings.firstBad() != null)
        {
            throw new IllegalArgumentException("gateway setting " + settings.firstBad());
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port " + port + " is not 0..65535");
        }
        if (maxInboundFrameLength < 64 || maxInboundFrameLength > 16 * 1024 * 1024)
        {
            throw new IllegalArgumentException("max frame length " + maxInboundFrameLength + " is not 64..16777216");
        }
        if (outboundLimitBytes < 64 * 1024)
        {
            throw new IllegalArgumentException("outbound limit " + outboundLimitBytes + " is below 65536 bytes");
        }
        if (defaultRatePerSecond <= 0)
        {
            throw new IllegalArgumentException("rate limit must be positive");
        }
        if (heartbeatIntervalMs < 10)
        {
            throw new IllegalArgumentException("heartbeat interval must be at least 10 ms");
        }
        if ((tlsCert == null) != (tlsKey == null))
        {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (Integer.bitCount(outboundRingBytes) != 1)
        {
            throw new IllegalArgumentException("outbound ring size must be a power of two");
        }
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(bindAddress);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("bind address '" + bindAddress + "' is not an address of this host");
        }
        if (clients == null)
        {
            if (!address.isLoopbackAddress())
            {
                throw new IllegalArgumentException("a clients file (--clients) is required to bind " + bindAddress +
                    ": without one any client gets every role, which is allowed on loopback only");
            }
            clients = ClientRegistry.open();
        }
        concluded = true;
        return this;
    }
}
