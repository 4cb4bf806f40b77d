package io.omniroute.gateway.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.sbe.ErrorCode;
import io.omniroute.gateway.wire.sbe.ResultDecoder;

import javax.net.ssl.SSLException;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's connection to the gateway and its one I/O thread: connects and logs on, sends heartbeats, writes
 * requests, completes them from the server's messages, and when the connection drops reconnects and resubmits what
 * is safe to repeat ({@link InFlightRequests}). All its state lives on the I/O thread; {@link #enqueue},
 * {@link #subscribe} and {@link #close} may be called from any thread.
 */
final class ClientConnection implements ServerMessageAdapter.Handler
{
    private static final long THROTTLE_RETRY_MS = 5;

    private final ClientConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final ControlProxy control = new ControlProxy();
    private final ServerMessageAdapter adapter = new ServerMessageAdapter(this);
    // I/O thread state
    private Channel channel;
    private boolean loggedOn;
    private boolean flushScheduled;
    private final CompletableFuture<Void> logon = new CompletableFuture<>();
    private long disconnectedSinceNs;
    private int reconnectAttempts;
    private String lastError;
    /** Why the server last closed the session (its Error frame), kept past later connection errors. */
    private String lastServerReason;
    private boolean fatal;
    private EventListener listener;
    private int feeds;
    private String channelFilter;
    private CompletableFuture<Void> subscribed;
    private volatile boolean closed;
    private volatile long sessionId;
    private volatile long lastSeqAtLogon;
    private volatile int maxInboundFrame = Framing.DEFAULT_MAX_INBOUND_FRAME_LENGTH;
    private volatile int reconnects;

    ClientConnection(final ClientConfig config)
    {
        this.config = config.conclude();
        if (config.tls())
        {
            try
            {
                final SslContextBuilder b = SslContextBuilder.forClient();
                if (config.tlsTrust() != null)
                {
                    b.trustManager(config.tlsTrust().toFile());
                }
                ssl = b.build();
            }
            catch (final SSLException | IllegalArgumentException ex)
            {
                throw new ClientException("TLS: cannot use trust file " + config.tlsTrust() + ": " + ex.getMessage());
            }
        }
        else
        {
            ssl = null;
        }
        final boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(1, r ->
        {
            final Thread t = new Thread(r, "omniroute-client-io");
            t.setDaemon(true);
            return t;
        }, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        loop = group.next();
        bootstrap = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, config.connectTimeoutMs()))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), config.host(), config.port()));
                    }
                    final int hb = config.heartbeatIntervalMs();
                    ch.pipeline().addLast(new IdleStateHandler(3L * hb, hb, 0, TimeUnit.MILLISECONDS));
                    ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN,
                        config.maxFrameLength(), 0, Framing.LENGTH_FIELD_LENGTH, 0, Framing.LENGTH_FIELD_LENGTH,
                        true));
                    ch.pipeline().addLast(new Handler());
                }
            });
    }

    /**
     * Starts connecting; the future completes when the first logon is accepted, or fails naming why not.
     */
    CompletableFuture<Void> start()
    {
        loop.execute(this::connectNow);
        return logon;
    }

    long sessionId()
    {
        return sessionId;
    }

    long lastSeqAtLogon()
    {
        return lastSeqAtLogon;
    }

    int reconnects()
    {
        return reconnects;
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * Sends a request once logged on (at once when logged on now).
     *
     * @return its future, failed at once when the client is closed; a frame too large for the server is not sent,
     * and its future completes at once with a {@code FRAME_TOO_LARGE} error result (the server would close the
     * session on it), so a stream goes on past it as it goes on past any refused command.
     */
    CompletableFuture<ClientResult> enqueue(final InFlight f)
    {
        if (closed)
        {
            f.future.completeExceptionally(new ClientException("client is closed"));
            return f.future;
        }
        if (f.frame.length - Framing.LENGTH_FIELD_LENGTH > maxInboundFrame)
        {
            f.future.complete(new ClientResult(f.correlationId, ErrorCode.FRAME_TOO_LARGE, "command of " +
                f.frame.length + " bytes exceeds the server's frame limit of " + maxInboundFrame + " bytes: not sent"));
            return f.future;
        }
        loop.execute(() ->
        {
            if (fatal || closed)
            {
                f.future.completeExceptionally(new ClientException(lastError != null ? lastError : "client is closed"));
                return;
            }
            inFlight.put(f);
            if (loggedOn)
            {
                write(f);
            }
        });
        return f.future;
    }

    /**
     * Subscribes to event feeds (1 = availability, 2 = reorder); renewed after a reconnect.
     */
    CompletableFuture<Void> subscribe(final int feeds, final String channel, final EventListener listener)
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() ->
        {
            this.listener = listener;
            this.feeds = feeds;
            this.channelFilter = channel;
            this.subscribed = done;
            if (loggedOn)
            {
                sendSubscribe();
            }
        });
        return done;
    }

    private void write(final InFlight f)
    {
        f.written = true;
        channel.write(channel.alloc().buffer(f.frame.length).writeBytes(f.frame), channel.voidPromise());
        if (!flushScheduled)
        {
            flushScheduled = true;
            loop.execute(this::flush);
        }
    }

    private void flush()
    {
        flushScheduled = false;
        if (channel != null)
        {
            channel.flush();
        }
    }

    private void sendSubscribe()
    {
        control.subscribe(channel, channel.alloc(), feeds, channelFilter);
    }

    // ---------------------------------------------------------------------------------------------- connection

    /**
     * @return why a connect failed, in words rather than the transport's ("finishConnect(..) failed with
     * error(-111): Connection refused: /127.0.0.1:1" from Netty's native transport).
     */
    static String connectFailure(final Throwable cause)
    {
        if (cause instanceof io.netty.channel.ConnectTimeoutException)
        {
            return "no answer (connect timed out)";
        }
        if (cause instanceof java.net.NoRouteToHostException)
        {
            return "no route to host";
        }
        if (cause instanceof java.net.UnknownHostException)
        {
            return "unknown host";
        }
        // the native transport's "finishConnect(..) failed with error(-111): " before, and the address after
        final String plain = String.valueOf(cause.getMessage())
            .replaceFirst("^finishConnect\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "")
            .replaceFirst(": /\\S*$", "");
        if (plain.toLowerCase(java.util.Locale.ROOT).contains("refused"))
        {
            return "connection refused (is the server running, on that port?)";
        }
        return plain;
    }

    private void connectNow()
    {
        if (closed)
        {
            return;
        }
        final ChannelFuture cf = bootstrap.connect(config.host(), config.port());
        cf.addListener(done ->
        {
            if (!done.isSuccess())
            {
                lastError = "cannot connect to " + config.host() + ":" + config.port() + ": " +
                    connectFailure(done.cause());
                if (!logon.isDone() && reconnects == 0 && disconnectedSinceNs == 0)
                {
                    fatal = true;
                    logon.completeExceptionally(new ClientException(lastError));
                    return;
                }
                scheduleReconnect();
            }
        });
    }

    private void onConnected(final Channel ch)
    {
        channel = ch;
        control.logon(ch, ch.alloc(), config);
    }

    private void onLoggedOn()
    {
        loggedOn = true;
        if (disconnectedSinceNs != 0)
        {
            reconnects++;
        }
        disconnectedSinceNs = 0;
        reconnectAttempts = 0;
        // resubmit in correlation order: what was in flight first, then what waited
        for (final InFlight f : inFlight.inCorrelationOrder())
        {
            write(f);
        }
        if (listener != null)
        {
            sendSubscribe();
        }
        logon.complete(null);
    }

    private void onDisconnected()
    {
        loggedOn = false;
        channel = null;
        if (closed)
        {
            failAll(new ClientException("client is closed"));
            return;
        }
        if (fatal || !config.reconnect())
        {
            fatal = true; // nothing more can be sent: later requests fail at once
            if (lastError == null)
            {
                lastError = "connection to " + config.host() + ":" + config.port() + " closed";
            }
            failAll(new ClientException(lastError != null ? lastError : "connection closed by the server"));
            if (!logon.isDone())
            {
                logon.completeExceptionally(new ClientException(lastError != null ? lastError :
                    "connection closed before logon"));
            }
            return;
        }
        if (disconnectedSinceNs == 0)
        {
            disconnectedSinceNs = System.nanoTime();
        }
        // what cannot be repeated safely fails now; the rest is resubmitted after the reconnect
        inFlight.failUnrepeatable(lastError);
        scheduleReconnect();
    }

    private void scheduleReconnect()
    {
        if (closed)
        {
            return;
        }
        if (disconnectedSinceNs == 0)
        {
            disconnectedSinceNs = System.nanoTime();
        }
        if (System.nanoTime() - disconnectedSinceNs > TimeUnit.MILLISECONDS.toNanos(config.reconnectTimeoutMs()))
        {
            fatal = true;
            failAll(new ClientException("gave up reconnecting to " + config.host() + ":" + config.port() + " after " +
                config.reconnectTimeoutMs() + " ms" + (lastError != null ? ": " + lastError : "") +
                (lastServerReason != null && !lastServerReason.equals(lastError) ?
                "; the server had closed the session with " + lastServerReason : "")));
            return;
        }
        final long delayMs = Math.min(1_000, 20L << Math.min(reconnectAttempts++, 6));
        loop.schedule(this::connectNow, delayMs, TimeUnit.MILLISECONDS);
    }

    private void failAll(final ClientException ex)
    {
        inFlight.failAll(ex);
        if (subscribed != null)
        {
            subscribed.completeExceptionally(ex);
        }
    }

    /**
     * Closes the connection; requests still in flight fail.
     */
    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            loop.submit(() ->
            {
                if (channel != null)
                {
                    channel.close();
                }
                else
                {
                    failAll(new ClientException("client is closed"));
                }
            }).await(2, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------------- inbound

    @Override
    public void onResult(final long correlationId, final ResultDecoder d)
    {
        final InFlight f = inFlight.remove(correlationId);
        if (f != null)
        {
            f.future.complete(ServerMessageAdapter.result(d));
        }
    }

    @Override
    public void onError(final long correlationId, final ErrorCode code, final boolean closing, final String message)
    {
        if (code == ErrorCode.LOGON_FAILED || code == ErrorCode.LOGON_REQUIRED)
        {
            fatal = true;
            // the server's text says it already ("logon refused: unknown client id …")
            lastError = message.startsWith("logon refused") ? message : "logon refused: " + message;
            logon.completeExceptionally(new ClientException(lastError));
            return;
        }
        if (closing)
        {
            lastError = code + ": " + message;
            lastServerReason = lastError;
        }
        final InFlight f = correlationId == 0 ? null : inFlight.get(correlationId);
        if (f != null)
        {
            if (code == ErrorCode.THROTTLED)
            {
                loop.schedule(() ->
                {
                    if (loggedOn && inFlight.get(f.correlationId) == f)
                    {
                        write(f);
                    }
                }, THROTTLE_RETRY_MS, TimeUnit.MILLISECONDS);
            }
            else
            {
                inFlight.remove(correlationId);
                f.future.complete(new ClientResult(correlationId, code, message));
            }
        }
    }

    @Override
    public void onLogonAck(final long sessionId, final long lastSeq, final long maxFrameLength)
    {
        this.sessionId = sessionId;
        this.lastSeqAtLogon = lastSeq;
        this.maxInboundFrame = (int)Math.min(Integer.MAX_VALUE, maxFrameLength);
        onLoggedOn();
    }

    @Override
    public void onSubscribeAck()
    {
        if (subscribed != null)
        {
            subscribed.complete(null);
        }
    }

    @Override
    public EventListener eventListener()
    {
        return listener;
    }

    private final class Handler extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelActive(final ChannelHandlerContext ctx)
        {
            onConnected(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            onDisconnected();
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (evt instanceof IdleStateEvent)
            {
                if (((IdleStateEvent)evt).state() == IdleState.READER_IDLE)
                {
                    lastError = "nothing heard from the server for 3 heartbeat intervals";
                    ctx.close();
                }
                else if (((IdleStateEvent)evt).state() == IdleState.WRITER_IDLE && loggedOn)
                {
                    control.heartbeat(ctx, ctx.alloc());
                }
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            lastError = cause.getMessage();
            ctx.close();
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            final ByteBuf frame = (ByteBuf)msg;
            try
            {
                if (!adapter.onFrame(frame))
                {
                    lastError = "bad frame from the server: " + adapter.error();
                    fatal = true;
                    ctx.close();
                }
            }
            finally
            {
                frame.release();
            }
        }
    }
}
