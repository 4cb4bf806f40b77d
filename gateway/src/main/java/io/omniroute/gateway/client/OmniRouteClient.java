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
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.wire.CommandWireEncoder;
import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.MessageValidator;
import io.omniroute.gateway.wire.sbe.*;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import javax.net.ssl.SSLException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * All connection state lives on the client's one I/O thread; the submit methods may be called from any thread.
 * Futures complete on the I/O thread: do not block in their callbacks.
 */
public final class OmniRouteClient implements AutoCloseable
{
    private static final long THROTTLE_RETRY_MS = 5;

    /** One request in flight. */
    private static final class InFlight
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

    private final ClientConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    // encoding (any thread, under the lock)
    private final Object encodeLock = new Object();
    private final CommandJsonDecoder jsonDecoder = new CommandJsonDecoder();
    private final CommandWireEncoder encoder = new CommandWireEncoder();
    private final ExpandableArrayBuffer frameBuffer = new ExpandableArrayBuffer(4096);
    private final Command scratch = new Command();
    private long nextCorrelationId;
    // I/O thread state
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private final List<InFlight> unsent = new ArrayList<>();
    private Channel channel;
    private boolean loggedOn;
    private boolean flushScheduled;
    private CompletableFuture<Void> logon = new CompletableFuture<>();
    private long disconnectedSinceNs;
    private int reconnectAttempts;
    private String lastError;
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
    private final UnsafeBuffer in = new UnsafeBuffer(0, 0);
    private byte[] inScratch = new byte[4096];
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ResultDecoder resultDecoder = new ResultDecoder();
    private final ErrorDecoder errorDecoder = new ErrorDecoder();
    private final LogonAckDecoder logonAckDecoder = new LogonAckDecoder();
    private final AvailabilityDecoder availabilityDecoder = new AvailabilityDecoder();
    private final ReorderDecoder reorderDecoder = new ReorderDecoder();
    private final SubscribeAckDecoder subscribeAckDecoder = new SubscribeAckDecoder();
    private final MessageValidator validator = new MessageValidator();
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    private OmniRouteClient(final ClientConfig config)
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
     * Connects and logs on.
     *
     * @throws ClientException when the server cannot be reached or refuses the logon, naming why.
     */
    public static OmniRouteClient connect(final ClientConfig config)
    {
        final OmniRouteClient client = new OmniRouteClient(config);
        client.loop.execute(client::connectNow);
        try
        {
            client.logon.get(config.connectTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
            return client;
        }
        catch (final ExecutionException ex)
        {
            client.close();
            throw ex.getCause() instanceof ClientException ? (ClientException)ex.getCause() :
                new ClientException(ex.getCause().getMessage(), ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            client.close();
            throw new ClientException("no logon answer from " + config.host() + ":" + config.port() + " within " +
                config.connectTimeoutMs() + " ms");
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
        return sessionId;
    }

    /** The engine's sequence when the current session logged on. */
    public long lastSeqAtLogon()
    {
        return lastSeqAtLogon;
    }

    /** How often the client reconnected. */
    public int reconnects()
    {
        return reconnects;
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * Sends one JSON Lines command (SPEC §4): as its structured SBE message when it has one, else as a JSON command,
     * so the server decides exactly as {@code simulate} would.
     */
    public CompletableFuture<ClientResult> submitJson(final String line)
    {
        final InFlight f;
        synchronized (encodeLock)
        {
            jsonDecoder.decode(line, scratch);
            final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            final long correlationId = ++nextCorrelationId;
            final int length = encoder.encode(scratch, correlationId, bytes, 0, bytes.length, frameBuffer, 0);
            f = newInFlight(correlationId, length, scratch.type);
        }
        return enqueue(f);
    }

    /**
     * Sends a command given as an engine {@link Command}; it must be representable as its structured message
     * ({@link CommandWireEncoder#isStructured}).
     */
    public CompletableFuture<ClientResult> submit(final Command command)
    {
        final InFlight f;
        synchronized (encodeLock)
        {
            if (!CommandWireEncoder.isStructured(command))
            {
                throw new IllegalArgumentException("command cannot be sent as a structured message: " +
                    (command.invalidMessage != null ? command.invalidMessage : "use submitJson"));
            }
            final long correlationId = ++nextCorrelationId;
            final int length = encoder.encodeStructured(command, correlationId, frameBuffer, 0);
            f = newInFlight(correlationId, length, command.type);
        }
        return enqueue(f);
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
            throw ex.getCause() instanceof ClientException ? (ClientException)ex.getCause() :
                new ClientException(ex.getCause().getMessage(), ex.getCause());
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
        final CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() ->
        {
            this.listener = listener;
            this.feeds = (availability ? 1 : 0) | (reorder ? 2 : 0);
            this.channelFilter = channel;
            this.subscribed = done;
            if (loggedOn)
            {
                sendSubscribe();
            }
        });
        return done;
    }

    private InFlight newInFlight(final long correlationId, final int length, final CommandType type)
    {
        final byte[] frame = new byte[length];
        frameBuffer.getBytes(0, frame);
        return new InFlight(correlationId, frame, repeatable(type));
    }

    private static boolean repeatable(final CommandType type)
    {
        switch (type)
        {
            case ORDER:
            case CANCEL:
            case HOLD:
            case RELEASE:
            case QUOTE:
            case STATUS:
            case KPI:
            case SNAPSHOT:
            case UNKNOWN: // an invalid command changes nothing
                return true;
            default:
                return false;
        }
    }

    private CompletableFuture<ClientResult> enqueue(final InFlight f)
    {
        if (closed)
        {
            f.future.completeExceptionally(new ClientException("client is closed"));
            return f.future;
        }
        if (f.frame.length - Framing.LENGTH_FIELD_LENGTH > maxInboundFrame)
        {
            f.future.completeExceptionally(new ClientException("command of " + f.frame.length +
                " bytes exceeds the server's frame limit of " + maxInboundFrame + " bytes"));
            return f.future;
        }
        loop.execute(() ->
        {
            if (fatal || closed)
            {
                f.future.completeExceptionally(new ClientException(lastError != null ? lastError : "client is closed"));
                return;
            }
            inFlight.put(f.correlationId, f);
            if (loggedOn)
            {
                write(f);
            }
            else
            {
                unsent.add(f);
            }
        });
        return f.future;
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

    // ---------------------------------------------------------------------------------------------- connection

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
                    done.cause().getMessage();
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
        final LogonEncoder e = new LogonEncoder().wrapAndApplyHeader(control, Framing.LENGTH_FIELD_LENGTH,
            headerEncoder);
        e.correlationId(0).heartbeatIntervalMs(config.heartbeatIntervalMs()).clientId(config.clientId())
            .secret(config.secret());
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        Framing.writeLength(control, 0, length);
        ch.writeAndFlush(ch.alloc().buffer(length + 4).writeBytes(control.byteArray(), 0, length + 4));
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
        final List<InFlight> again = new ArrayList<>(inFlight.values());
        again.sort((a, b) -> Long.compare(a.correlationId, b.correlationId));
        for (final InFlight f : again)
        {
            write(f);
        }
        unsent.clear();
        if (listener != null)
        {
            sendSubscribe();
        }
        logon.complete(null);
    }

    private void sendSubscribe()
    {
        final SubscribeEncoder e = new SubscribeEncoder().wrapAndApplyHeader(control, Framing.LENGTH_FIELD_LENGTH,
            headerEncoder);
        e.correlationId(0);
        e.feeds().clear().availability((feeds & 1) != 0).reorder((feeds & 2) != 0);
        e.channel(channelFilter == null ? "" : channelFilter);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        Framing.writeLength(control, 0, length);
        channel.writeAndFlush(channel.alloc().buffer(length + 4).writeBytes(control.byteArray(), 0, length + 4));
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
        final List<Long> lost = new ArrayList<>();
        for (final InFlight f : inFlight.values())
        {
            if (f.written && !f.repeatable)
            {
                lost.add(f.correlationId);
            }
        }
        for (final Long c : lost)
        {
            inFlight.remove(c).future.completeExceptionally(new ConnectionLostException(
                "connection lost with request " + c + " in flight; it may or may not have been applied" +
                (lastError != null ? " (" + lastError + ")" : "")));
        }
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
                config.reconnectTimeoutMs() + " ms" + (lastError != null ? ": " + lastError : "")));
            return;
        }
        final long delayMs = Math.min(1_000, 20L << Math.min(reconnectAttempts++, 6));
        loop.schedule(this::connectNow, delayMs, TimeUnit.MILLISECONDS);
    }

    private void failAll(final ClientException ex)
    {
        final List<InFlight> all = new ArrayList<>(inFlight.values());
        inFlight.clear();
        unsent.clear();
        for (final InFlight f : all)
        {
            f.future.completeExceptionally(ex);
        }
        if (subscribed != null)
        {
            subscribed.completeExceptionally(ex);
        }
    }

    /**
     * Closes the connection; requests still in flight fail.
     */
    @Override
    public void close()
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
                    final HeartbeatEncoder e = new HeartbeatEncoder().wrapAndApplyHeader(control,
                        Framing.LENGTH_FIELD_LENGTH, headerEncoder);
                    e.timestampMs(System.currentTimeMillis());
                    final int length = MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
                    Framing.writeLength(control, 0, length);
                    ctx.writeAndFlush(ctx.alloc().buffer(length + 4).writeBytes(control.byteArray(), 0, length + 4));
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
                final int length = frame.readableBytes();
                if (frame.hasArray())
                {
                    in.wrap(frame.array(), frame.arrayOffset() + frame.readerIndex(), length);
                }
                else
                {
                    if (inScratch.length < length)
                    {
                        inScratch = new byte[Math.max(length, inScratch.length * 2)];
                    }
                    frame.getBytes(frame.readerIndex(), inScratch, 0, length);
                    in.wrap(inScratch, 0, length);
                }
                if (validator.validate(in, 0, length) != MessageValidator.OK)
                {
                    lastError = "bad frame from the server: " + validator.error();
                    fatal = true;
                    ctx.close();
                    return;
                }
                onMessage(validator.templateId(), validator.blockLength(), validator.version());
            }
            finally
            {
                frame.release();
            }
        }
    }

    private void onMessage(final int templateId, final int blockLength, final int version)
    {
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case ResultDecoder.TEMPLATE_ID:
            {
                final ResultDecoder d = resultDecoder.wrap(in, body, blockLength, version);
                final InFlight f = inFlight.remove(d.correlationId());
                if (f != null)
                {
                    f.future.complete(new ClientResult(d.correlationId(), d.seq(), kind(d.commandRaw()),
                        status(d.statusRaw()), reason(d.reasonRaw()), d.totalCostCents(), d.json()));
                }
                break;
            }
            case ErrorDecoder.TEMPLATE_ID:
            {
                final ErrorDecoder d = errorDecoder.wrap(in, body, blockLength, version);
                final long correlationId = d.correlationId();
                final short codeRaw = d.codeRaw();
                final boolean closing = d.closingRaw() == BooleanType.TRUE.value();
                final String message = d.message();
                final ErrorCode code = errorCode(codeRaw);
                if (code == ErrorCode.LOGON_FAILED || code == ErrorCode.LOGON_REQUIRED)
                {
                    fatal = true;
                    lastError = "logon refused: " + message;
                    logon.completeExceptionally(new ClientException(lastError));
                    break;
                }
                if (closing)
                {
                    lastError = code + ": " + message;
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
                break;
            }
            case LogonAckDecoder.TEMPLATE_ID:
            {
                final LogonAckDecoder d = logonAckDecoder.wrap(in, body, blockLength, version);
                sessionId = d.sessionId();
                lastSeqAtLogon = d.lastSeq();
                maxInboundFrame = (int)Math.min(Integer.MAX_VALUE, d.maxFrameLength());
                onLoggedOn();
                break;
            }
            case SubscribeAckDecoder.TEMPLATE_ID:
                if (subscribed != null)
                {
                    subscribed.complete(null);
                }
                break;
            case AvailabilityDecoder.TEMPLATE_ID:
                if (listener != null)
                {
                    final AvailabilityDecoder d = availabilityDecoder.wrap(in, body, blockLength, version);
                    final long seq = d.seq();
                    final long available = d.available();
                    listener.onAvailability(seq, d.channel(), d.sku(), available);
                }
                break;
            case ReorderDecoder.TEMPLATE_ID:
                if (listener != null)
                {
                    final ReorderDecoder d = reorderDecoder.wrap(in, body, blockLength, version);
                    final long seq = d.seq();
                    final long networkAvailable = d.networkAvailable();
                    final long reorderPoint = d.reorderPoint();
                    listener.onReorder(seq, d.sku(), networkAvailable, reorderPoint);
                }
                break;
            default:
                break; // heartbeats, and messages of newer versions this client does not know
        }
    }

    private static CommandKind kind(final short raw)
    {
        return raw >= 0 && raw <= CommandKind.UNKNOWN.value() ? CommandKind.get(raw) : CommandKind.NULL_VAL;
    }

    private static ResultStatus status(final short raw)
    {
        return raw >= 0 && raw <= ResultStatus.HELD.value() ? ResultStatus.get(raw) : ResultStatus.NULL_VAL;
    }

    private static RejectReason reason(final short raw)
    {
        return raw >= 0 && raw <= RejectReason.HOLD_EXPIRED.value() ? RejectReason.get(raw) : RejectReason.NULL_VAL;
    }

    private static ErrorCode errorCode(final short raw)
    {
        return raw >= 1 && raw <= ErrorCode.RESULT_TOO_LARGE.value() ? ErrorCode.get(raw) : ErrorCode.NULL_VAL;
    }
}
