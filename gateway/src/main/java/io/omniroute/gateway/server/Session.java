package io.omniroute.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.gateway.server.GatewayCounters.Counter;
import io.omniroute.gateway.wire.CommandWireDecoder;
import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.MessageValidator;
import io.omniroute.gateway.wire.sbe.*;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * One client connection on the I/O thread: cuts the byte stream into frames, validates each before decoding, runs
 * the session's state machine (AWAITING_LOGON → AUTHENTICATING → ACTIVE → CLOSING), checks roles and the rate limit,
 * and publishes commands to the engine. On the way out it coalesces frames into one buffer per flush and drops the
 * session, with a reason, when its unsent bytes pass the limit. A bad frame closes only this session, after an Error
 * frame naming what was wrong.
 */
final class Session extends ChannelInboundHandlerAdapter
{
    enum State
    {
        AWAITING_LOGON, AUTHENTICATING, ACTIVE, CLOSING, CLOSED
    }

    private static final int CONSUMED = 0;
    private static final int STALLED = 1;
    private static final int CLOSED_BY_FRAME = 2;
    private static final int COALESCE_BYTES = 16 * 1024;

    final long id;
    private final GatewayServer server;
    private final GatewayConfig config;
    private final GatewayCounters counters;
    private Channel channel;
    private State state = State.AWAITING_LOGON;
    private String clientId = "?";
    private int roles;
    private RateLimiter rateLimiter;
    private ByteBuf cumulation;
    private boolean stalled;
    private ByteBuf pending;
    private boolean touched;
    private final UnsafeBuffer outView = new UnsafeBuffer(0, 0);
    // subscription
    int feeds;
    private byte[] channelFilter;
    // liveness
    long lastReadNs;
    long lastWriteNs;
    long readTimeoutNs;
    /** The longest heartbeat interval a client may ask for. */
    static final long MAX_HEARTBEAT_MS = 60_000;
    long heartbeatIntervalNs;
    private long connectedNs;

    Session(final long id, final GatewayServer server)
    {
        this.id = id;
        this.server = server;
        this.config = server.config();
        this.counters = server.counters();
    }

    State state()
    {
        return state;
    }

    /**
     * @return where the session connects from, for the log.
     */
    String remote()
    {
        final Object address = channel == null ? null : channel.remoteAddress();
        return address == null ? "?" : address.toString();
    }

    String clientId()
    {
        return clientId;
    }

    Channel channel()
    {
        return channel;
    }

    // ------------------------------------------------------------------------------------------------------ inbound

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
        connectedNs = System.nanoTime();
        lastReadNs = connectedNs;
        lastWriteNs = connectedNs;
        readTimeoutNs = TimeUnit.MILLISECONDS.toNanos(config.logonTimeoutMs());
        heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMs());
        server.register(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        state = State.CLOSED;
        release();
        server.unregister(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // a reset connection or a TLS failure: this session ends, nothing else is disturbed
        if (!(cause instanceof java.io.IOException) && !(cause instanceof io.netty.handler.codec.DecoderException))
        {
            server.errors().onError(cause);
        }
        ctx.close();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final ByteBuf in = (ByteBuf)msg;
        if (state == State.CLOSING || state == State.CLOSED)
        {
            in.release();
            return;
        }
        lastReadNs = server.nowNs();
        if (cumulation == null)
        {
            cumulation = in;
        }
        else
        {
            if (cumulation.writableBytes() < in.readableBytes())
            {
                cumulation.discardReadBytes();
                if (cumulation.writableBytes() < in.readableBytes())
                {
                    final ByteBuf bigger = ctx.alloc().buffer(cumulation.readableBytes() + in.readableBytes());
                    bigger.writeBytes(cumulation);
                    cumulation.release();
                    cumulation = bigger;
                }
            }
            cumulation.writeBytes(in);
            in.release();
        }
        process();
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        server.flushTouched();
    }

    /**
     * Handles every whole frame in the cumulation, until it runs out, the engine is full or the session closes.
     */
    void process()
    {
        while (cumulation != null && !stalled)
        {
            if (state == State.CLOSING || state == State.CLOSED || state == State.AUTHENTICATING)
            {
                return;
            }
            final int readable = cumulation.readableBytes();
            if (readable < Framing.LENGTH_FIELD_LENGTH)
            {
                break;
            }
            final int r = cumulation.readerIndex();
            final int length = cumulation.getIntLE(r);
            final int check = Framing.checkLength(length, config.maxInboundFrameLength());
            if (check != Framing.LENGTH_OK)
            {
                counters.increment(Counter.BAD_FRAMES);
                closeWithError(0, check == Framing.LENGTH_TOO_LARGE ? ErrorCode.FRAME_TOO_LARGE :
                    ErrorCode.MALFORMED_FRAME, Framing.describeLength(check, length, config.maxInboundFrameLength()));
                return;
            }
            if (readable < Framing.LENGTH_FIELD_LENGTH + length)
            {
                break;
            }
            final int rc = onFrame(cumulation, r + Framing.LENGTH_FIELD_LENGTH, length);
            if (rc == STALLED)
            {
                stall();
                return;
            }
            if (rc == CLOSED_BY_FRAME)
            {
                return;
            }
            cumulation.readerIndex(r + Framing.LENGTH_FIELD_LENGTH + length);
        }
        if (cumulation != null && !cumulation.isReadable())
        {
            cumulation.release();
            cumulation = null;
        }
    }

    private void stall()
    {
        stalled = true;
        counters.increment(Counter.ENGINE_BACKPRESSURE_STALLS);
        channel.config().setAutoRead(false);
        server.stalled(this);
    }

    /**
     * Called by the server when results came back and engine slots are free again.
     */
    void resume()
    {
        if (stalled && state != State.CLOSED)
        {
            stalled = false;
            channel.config().setAutoRead(true);
            process();
        }
    }

    private int onFrame(final ByteBuf buf, final int index, final int length)
    {
        final UnsafeBuffer scratch = server.frameScratch();
        buf.getBytes(index, scratch.byteArray(), 0, length);
        final MessageValidator validator = server.validator();
        final int rc = validator.validate(scratch, 0, length);
        if (rc != MessageValidator.OK)
        {
            counters.increment(Counter.BAD_FRAMES);
            closeWithError(0, rc == MessageValidator.BAD_SCHEMA ? ErrorCode.UNSUPPORTED_SCHEMA :
                rc == MessageValidator.UNKNOWN_TEMPLATE ? ErrorCode.UNKNOWN_TEMPLATE : ErrorCode.MALFORMED_FRAME,
                validator.error());
            return CLOSED_BY_FRAME;
        }
        final int templateId = validator.templateId();
        if (state == State.AWAITING_LOGON)
        {
            if (templateId != LogonDecoder.TEMPLATE_ID)
            {
                closeWithError(0, ErrorCode.LOGON_REQUIRED, "the first message of a session must be Logon (template " +
                    LogonDecoder.TEMPLATE_ID + "), got template " + templateId);
                return CLOSED_BY_FRAME;
            }
            return logon(scratch, validator) ? CONSUMED : CLOSED_BY_FRAME;
        }
        if (CommandWireDecoder.isCommand(templateId))
        {
            return command(scratch, length, validator);
        }
        switch (templateId)
        {
            case HeartbeatDecoder.TEMPLATE_ID:
                return CONSUMED;
            case SubscribeDecoder.TEMPLATE_ID:
                subscribe(scratch, validator);
                return CONSUMED;
            case LogonDecoder.TEMPLATE_ID:
                sendError(0, ErrorCode.ALREADY_LOGGED_ON, "this session is already logged on as " + clientId, false);
                return CONSUMED;
            default:
                counters.increment(Counter.BAD_FRAMES);
                closeWithError(0, ErrorCode.UNKNOWN_TEMPLATE, "template " + templateId +
                    " is sent by the server, not a request");
                return CLOSED_BY_FRAME;
        }
    }

    /**
     * @return false when the logon was refused at once (the session is closing).
     */
    private boolean logon(final UnsafeBuffer scratch, final MessageValidator validator)
    {
        final LogonDecoder d = server.logonDecoder().wrap(scratch, MessageHeaderDecoder.ENCODED_LENGTH,
            validator.blockLength(), validator.version());
        final long correlationId = d.correlationId();
        final long heartbeatMs = d.heartbeatIntervalMs();
        final String id = d.clientId();
        final String secret = d.secret();
        if (!ClientRegistry.isValidClientId(id))
        {
            // checked in open mode too: the id goes into the server's log lines, where a line break or a 60 KB id
            // would forge or flood them
            counters.increment(Counter.LOGON_FAILURES);
            closeWithError(correlationId, ErrorCode.LOGON_FAILED, "logon refused: a client id is 1-64 printable " +
                "ASCII characters without spaces");
            return false;
        }
        state = State.AUTHENTICATING;
        channel.config().setAutoRead(false); // what follows the logon waits in the socket, not in memory
        server.authenticate(this, correlationId, heartbeatMs, id, secret);
        return true;
    }

    /**
     * Called on the I/O thread when the logon check is done.
     */
    void onAuthenticated(final long correlationId, final long heartbeatMs, final String id,
        final ClientRegistry.Client client)
    {
        if (state != State.AUTHENTICATING)
        {
            return;
        }
        if (client == null)
        {
            counters.increment(Counter.LOGON_FAILURES);
            closeWithError(correlationId, ErrorCode.LOGON_FAILED, "logon refused: unknown client id or wrong secret");
            server.flushTouched();
            return;
        }
        counters.increment(Counter.LOGONS);
        clientId = id;
        roles = client.roles();
        final long rate = client.ratePerSecond() > 0 ? client.ratePerSecond() : config.defaultRatePerSecond();
        rateLimiter = new RateLimiter(rate, System.nanoTime());
        // within [10 ms, a minute]: a client asking for days would never be found dead (the ack says what it got)
        final long hb = heartbeatMs > 0 ? Math.min(MAX_HEARTBEAT_MS, Math.max(10, heartbeatMs)) :
            config.heartbeatIntervalMs();
        heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(hb);
        readTimeoutNs = 3 * heartbeatIntervalNs;
        lastReadNs = System.nanoTime();
        state = State.ACTIVE;
        if (!stalled)
        {
            channel.config().setAutoRead(true);
        }
        final UnsafeBuffer out = server.controlScratch();
        final LogonAckEncoder e = server.logonAckEncoder().wrapAndApplyHeader(out, Framing.LENGTH_FIELD_LENGTH,
            server.headerEncoder());
        e.correlationId(correlationId).sessionId(id()).heartbeatIntervalMs(hb).lastSeq(server.driver().lastSeq())
            .maxFrameLength(config.maxInboundFrameLength());
        e.roles().clear().order((roles & Roles.ORDER) != 0).ops((roles & Roles.OPS) != 0).read((roles & Roles.READ) != 0);
        sendControl(out, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        process();
        server.flushTouched();
    }

    private long id()
    {
        return id;
    }

    private void subscribe(final UnsafeBuffer scratch, final MessageValidator validator)
    {
        final SubscribeDecoder d = server.subscribeDecoder().wrap(scratch, MessageHeaderDecoder.ENCODED_LENGTH,
            validator.blockLength(), validator.version());
        final long correlationId = d.correlationId();
        if ((roles & Roles.READ) == 0)
        {
            counters.increment(Counter.NOT_AUTHORIZED);
            sendError(correlationId, ErrorCode.NOT_AUTHORIZED, "subscriptions need the read role; client " + clientId +
                " has " + Roles.format(roles), false);
            return;
        }
        final int bits = d.feeds().getRaw() & 0b11;
        final int length = d.channelLength();
        byte[] filter = null;
        if (length > 0)
        {
            filter = new byte[length];
            d.getChannel(filter, 0, length);
        }
        else
        {
            d.skipChannel();
        }
        channelFilter = filter;
        final boolean was = feeds != 0;
        feeds = bits;
        server.subscriptionChanged(this, was, feeds != 0);
        final UnsafeBuffer out = server.controlScratch();
        final SubscribeAckEncoder e = server.subscribeAckEncoder().wrapAndApplyHeader(out,
            Framing.LENGTH_FIELD_LENGTH, server.headerEncoder());
        e.correlationId(correlationId).lastSeq(server.driver().lastSeq());
        e.feeds().clear().availability((bits & 1) != 0).reorder((bits & 2) != 0);
        sendControl(out, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private int command(final UnsafeBuffer scratch, final int length, final MessageValidator validator)
    {
        final int templateId = validator.templateId();
        final long correlationId = CommandWireDecoder.correlationId(scratch, 0);
        final Command cmd = server.decoded();
        server.commandDecoder().decode(scratch, 0, length, templateId, validator.blockLength(), validator.version(),
            cmd);
        final CommandType type = cmd.type;
        if (!Roles.allows(roles, type))
        {
            counters.increment(Counter.NOT_AUTHORIZED);
            sendError(correlationId, ErrorCode.NOT_AUTHORIZED, "command '" + type.jsonName() + "' needs the " +
                Roles.required(type) + " role; client " + clientId + " has " + Roles.format(roles), false);
            return CONSUMED;
        }
        if (!rateLimiter.tryAcquire(server.nowNs()))
        {
            counters.increment(Counter.THROTTLED);
            sendError(correlationId, ErrorCode.THROTTLED, "over the rate limit of " + rateLimiter.ratePerSecond() +
                " commands/s; nothing was applied, send it again later", false);
            return CONSUMED;
        }
        if (config.tsPolicy() == GatewayConfig.TsPolicy.SERVER)
        {
            cmd.ts = server.nowMs();
        }
        final TagTable tags = server.tags();
        if (server.draining() || tags.isFull() || !server.driver().offer(cmd, tags.nextTag(), server.nowNs()))
        {
            rateLimiter.refund();
            return STALLED;
        }
        tags.add(id, correlationId);
        server.commandOffered();
        counters.increment(Counter.COMMANDS);
        return CONSUMED;
    }

    // ----------------------------------------------------------------------------------------------------- outbound

    /**
     * True when an event for this channel passes the session's filter.
     */
    boolean wants(final int feedBit, final DirectBuffer channelBytes, final int offset, final int length)
    {
        if ((feeds & feedBit) == 0)
        {
            return false;
        }
        final byte[] filter = channelFilter;
        if (filter == null)
        {
            return true;
        }
        if (filter.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (filter[i] != channelBytes.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Queues one frame (prefix included) for this client; it goes out at the next flush.
     */
    void send(final DirectBuffer src, final int index, final int length)
    {
        if (state != State.ACTIVE && state != State.AUTHENTICATING && state != State.AWAITING_LOGON)
        {
            return;
        }
        final int buffered = pending == null ? 0 : pending.readableBytes();
        if (channel.bytesBeforeUnwritable() < (long)buffered + length)
        {
            slowConsumer();
            return;
        }
        append(src, index, length);
    }

    private void append(final DirectBuffer src, final int index, final int length)
    {
        if (pending != null && pending.writableBytes() < length)
        {
            writePending();
        }
        if (pending == null)
        {
            pending = channel.alloc().directBuffer(Math.max(COALESCE_BYTES, length));
        }
        final int w = pending.writerIndex();
        if (pending.hasMemoryAddress())
        {
            outView.wrap(pending.memoryAddress(), pending.capacity());
            src.getBytes(index, outView, w, length);
            pending.writerIndex(w + length);
        }
        else if (src.byteArray() != null)
        {
            pending.writeBytes(src.byteArray(), src.wrapAdjustment() + index, length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                pending.writeByte(src.getByte(index + i));
            }
        }
        if (!touched)
        {
            touched = true;
            server.touched(this);
        }
    }

    private void writePending()
    {
        if (pending != null)
        {
            channel.write(pending, channel.voidPromise());
            pending = null;
        }
    }

    /**
     * Writes and flushes what was queued since the last flush.
     */
    void flush()
    {
        touched = false;
        if (pending != null && (state == State.CLOSED))
        {
            pending.release();
            pending = null;
            return;
        }
        if (pending != null)
        {
            writePending();
            lastWriteNs = server.nowNs();
            channel.flush();
        }
    }

    private void sendControl(final UnsafeBuffer out, final int messageLength)
    {
        Framing.writeLength(out, 0, messageLength);
        append(out, 0, Framing.LENGTH_FIELD_LENGTH + messageLength);
    }

    void sendError(final long correlationId, final ErrorCode code, final String message, final boolean closing)
    {
        final UnsafeBuffer out = server.controlScratch();
        final ErrorEncoder e = server.errorEncoder().wrapAndApplyHeader(out, Framing.LENGTH_FIELD_LENGTH,
            server.headerEncoder());
        e.correlationId(correlationId).code(code).closing(closing ? BooleanType.TRUE : BooleanType.FALSE)
            .message(message);
        sendControl(out, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    void sendHeartbeat(final long nowMs)
    {
        final UnsafeBuffer out = server.controlScratch();
        final HeartbeatEncoder e = server.heartbeatEncoder().wrapAndApplyHeader(out, Framing.LENGTH_FIELD_LENGTH,
            server.headerEncoder());
        e.timestampMs(nowMs);
        sendControl(out, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    /**
     * Sends an Error frame saying why, then closes once it is written (or after a grace period).
     */
    void closeWithError(final long correlationId, final ErrorCode code, final String message)
    {
        if (state == State.CLOSING || state == State.CLOSED)
        {
            return;
        }
        sendError(correlationId, code, message, true);
        if (code != ErrorCode.SLOW_CONSUMER)   // (logged where it is found, with what it means)
        {
            server.logClosed(this, code, message);
        }
        beginClose(config.slowConsumerGraceMs());
    }

    private void beginClose(final long graceMs)
    {
        state = State.CLOSING;
        if (feeds != 0)
        {
            feeds = 0;
            server.subscriptionChanged(this, true, false);
        }
        if (cumulation != null)
        {
            cumulation.release();
            cumulation = null;
        }
        if (pending != null)
        {
            final ByteBuf last = pending;
            pending = null;
            channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        }
        else
        {
            channel.close();
        }
        channel.eventLoop().schedule(() -> channel.close(), graceMs, TimeUnit.MILLISECONDS);
    }

    private void slowConsumer()
    {
        counters.increment(Counter.SLOW_CONSUMER_DROPS);
        server.log("dropped session " + id + " (client " + clientId + "): more than " + config.outboundLimitBytes() +
            " bytes unsent, the client reads too slowly (SLOW_CONSUMER); its results stay in the journal");
        if (pending != null)
        {
            pending.release();
            pending = null;
        }
        // the reason goes behind what is already queued; a client that never reads is cut after the grace period
        closeWithError(0, ErrorCode.SLOW_CONSUMER, "dropped: more than " + config.outboundLimitBytes() +
            " bytes of results unsent because the client reads too slowly; they stay in the journal");
    }

    void timeout(final boolean logon)
    {
        if (logon)
        {
            closeWithError(0, ErrorCode.LOGON_TIMEOUT, "no Logon within " + config.logonTimeoutMs() + " ms");
        }
        else
        {
            counters.increment(Counter.HEARTBEAT_TIMEOUTS);
            closeWithError(0, ErrorCode.HEARTBEAT_TIMEOUT, "nothing received for " +
                TimeUnit.NANOSECONDS.toMillis(readTimeoutNs) + " ms (3 heartbeat intervals)");
        }
    }

    /**
     * Graceful shutdown: tell the client, close after the last result is written.
     */
    void shutdown()
    {
        if (state != State.CLOSING && state != State.CLOSED)
        {
            sendError(0, ErrorCode.SHUTTING_DOWN, "the server is shutting down; results so far were sent", true);
            beginClose(2_000);
        }
    }

    private void release()
    {
        if (cumulation != null)
        {
            cumulation.release();
            cumulation = null;
        }
        if (pending != null)
        {
            pending.release();
            pending = null;
        }
    }
}
