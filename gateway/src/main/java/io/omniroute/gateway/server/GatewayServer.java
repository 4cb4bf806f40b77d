package io.omniroute.gateway.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.omniroute.engine.Command;
import io.omniroute.gateway.server.GatewayCounters.Counter;
import io.omniroute.gateway.wire.CommandWireDecoder;
import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.MessageValidator;
import io.omniroute.gateway.wire.sbe.*;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import javax.net.ssl.SSLException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The order gateway: a Netty server on one I/O thread (epoll where available) that accepts clients, runs their
 * sessions ({@link Session}), hands commands to an {@link EngineDriver} and sends results back once they are durable.
 * Results come from the engine thread through a ring ({@link OutboundPublisher}) that the I/O thread drains when
 * woken. Logon checks run on one blocking auth thread (PBKDF2 is slow by design); nothing else spins.
 * <p>
 * Lifecycle: {@link #start()} recovers (through the driver) and then binds; {@link #close()} stops accepting, stops
 * taking commands, lets the engine finish what it has, sends the last results, tells each client, and closes.
 */
public final class GatewayServer implements AutoCloseable
{
    private static final int DRAIN_LIMIT = 4096;
    private static final long TICK_MS = 20;

    private final GatewayConfig config;
    private final EngineDriver driver;
    private final PrintStream log;
    private final GatewayCounters counters = new GatewayCounters();
    private final ErrorCounter errors;
    private final OneToOneRingBuffer outbound;
    private final OutboundPublisher publisher;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final Runnable wakeIo = this::wakeIo;
    private final boolean driverEndsBatches;
    private final Runnable batchEndTask = this::endOfBatch;
    private boolean batchEndScheduled;
    private EventLoopGroup group;
    private EventLoop loop;
    private Channel serverChannel;
    private SslContext ssl;
    private ThreadPoolExecutor auth;
    private boolean usingEpoll;
    private volatile boolean closed;

    // ---- I/O thread state
    private final Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>();
    private final ArrayList<Session> subscribers = new ArrayList<>();
    private final ArrayList<Session> touched = new ArrayList<>();
    private final ArrayDeque<Session> stalled = new ArrayDeque<>();
    private Session[] tickScratch = new Session[64];
    private long sessionIds;
    private boolean draining;
    private boolean engineFailed;
    private final UnsafeBuffer frameScratch;
    private final UnsafeBuffer controlScratch = new UnsafeBuffer(new byte[64 * 1024]);
    private final MessageValidator validator = new MessageValidator();
    private final CommandWireDecoder commandDecoder = new CommandWireDecoder();
    private final Command decoded = new Command();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final LogonDecoder logonDecoder = new LogonDecoder();
    private final SubscribeDecoder subscribeDecoder = new SubscribeDecoder();
    private final LogonAckEncoder logonAckEncoder = new LogonAckEncoder();
    private final SubscribeAckEncoder subscribeAckEncoder = new SubscribeAckEncoder();
    private final ErrorEncoder errorEncoder = new ErrorEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final Dispatcher dispatcher = new Dispatcher();
    private final TagTable tags = new TagTable(1 << 16);

    public GatewayServer(final GatewayConfig config, final EngineDriver driver, final PrintStream log)
    {
        this.config = config.conclude();
        this.driver = driver;
        this.driverEndsBatches = driver.endsBatchesOnIoThread();
        this.log = log;
        this.errors = new ErrorCounter(log);
        this.frameScratch = new UnsafeBuffer(new byte[config.maxInboundFrameLength()]);
        this.outbound = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(config.outboundRingBytes() + RingBufferDescriptor.TRAILER_LENGTH)));
        this.publisher = new OutboundPublisher(outbound, wakeIo, counters);
    }

    /**
     * Recovers the engine (through the driver), then binds and accepts.
     *
     * @return the port bound (useful with port 0).
     * @throws IllegalArgumentException for a TLS file that cannot be read, naming it.
     */
    public int start() throws InterruptedException
    {
        if (config.tlsCert() != null)
        {
            try
            {
                ssl = SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile()).build();
            }
            catch (final SSLException | IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("TLS: cannot use certificate " + config.tlsCert() + " and key " +
                    config.tlsKey() + ": " + rootMessage(ex) + " (the key must be PKCS#8 PEM)");
            }
        }
        auth = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024), r ->
        {
            final Thread t = new Thread(r, "omniroute-auth");
            t.setDaemon(true);
            return t;
        });
        driver.start(publisher);
        if (publisher.engine() != null)
        {
            commandDecoder.pinNames(publisher.engine().network());
        }

        usingEpoll = config.epoll() && Epoll.isAvailable();
        final SelectStrategyFactory busy = () -> (selectSupplier, hasTasks) ->
            usingEpoll ? SelectStrategy.BUSY_WAIT : selectSupplier.get();
        final IoHandlerFactory io;
        if (usingEpoll)
        {
            io = config.ioBusySpin() ? EpollIoHandler.newFactory(0, busy) : EpollIoHandler.newFactory();
        }
        else
        {
            io = config.ioBusySpin() ? NioIoHandler.newFactory(SelectorProvider.provider(), busy) :
                NioIoHandler.newFactory();
        }
        group = new MultiThreadIoEventLoopGroup(1, r ->
        {
            final Thread t = new Thread(r, "omniroute-io");
            t.setDaemon(true);
            return t;
        }, io);
        loop = group.next();
        final Class<? extends ServerChannel> channelClass = usingEpoll ? EpollServerSocketChannel.class :
            NioServerSocketChannel.class;
        final ServerBootstrap b = new ServerBootstrap()
            .group(group, group)
            .channel(channelClass)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.outboundLimitBytes() / 2, config.outboundLimitBytes()))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                    }
                    ch.pipeline().addLast("session", new Session(++sessionIds, GatewayServer.this));
                    counters.increment(Counter.CONNECTIONS_ACCEPTED);
                }
            });
        try
        {
            serverChannel = b.bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
        }
        catch (final InterruptedException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException("cannot listen on " + config.bindAddress() + ":" + config.port() +
                ": " + rootMessage(ex));
        }
        loop.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    private static String rootMessage(final Throwable t)
    {
        Throwable c = t;
        while (c.getCause() != null)
        {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public String describe()
    {
        return (usingEpoll ? "epoll" : "nio") + " I/O thread (" + (config.ioBusySpin() ? "busy-spin" : "blocking") +
            ")" + (ssl != null ? ", TLS" : "") + ", clients " + (config.clients().isOpen() ?
            "open (no clients file: any client id, every role)" : config.clients().size() + " from the clients file") +
            ", ts stamped by the " + config.tsPolicy().name().toLowerCase(java.util.Locale.ROOT) + "; " +
            driver.describe();
    }

    /**
     * The engine the driver started, for reading its live KPIs from another thread; null before {@link #start()}.
     */
    public io.omniroute.engine.Engine engine()
    {
        return publisher.engine();
    }

    public GatewayCounters counters()
    {
        return counters;
    }

    public ErrorCounter errors()
    {
        return errors;
    }

    GatewayConfig config()
    {
        return config;
    }

    EngineDriver driver()
    {
        return driver;
    }

    // --------------------------------------------------------------------------------------- I/O thread plumbing

    long nowNs()
    {
        return System.nanoTime();
    }

    long nowMs()
    {
        return System.currentTimeMillis();
    }

    UnsafeBuffer frameScratch()
    {
        return frameScratch;
    }

    UnsafeBuffer controlScratch()
    {
        return controlScratch;
    }

    MessageValidator validator()
    {
        return validator;
    }

    CommandWireDecoder commandDecoder()
    {
        return commandDecoder;
    }

    Command decoded()
    {
        return decoded;
    }

    MessageHeaderEncoder headerEncoder()
    {
        return headerEncoder;
    }

    LogonDecoder logonDecoder()
    {
        return logonDecoder;
    }

    SubscribeDecoder subscribeDecoder()
    {
        return subscribeDecoder;
    }

    LogonAckEncoder logonAckEncoder()
    {
        return logonAckEncoder;
    }

    SubscribeAckEncoder subscribeAckEncoder()
    {
        return subscribeAckEncoder;
    }

    ErrorEncoder errorEncoder()
    {
        return errorEncoder;
    }

    HeartbeatEncoder heartbeatEncoder()
    {
        return heartbeatEncoder;
    }

    TagTable tags()
    {
        return tags;
    }

    boolean draining()
    {
        return draining;
    }

    /** At most this many session-closed lines a second, so a flood of bad connections cannot flood the log. */
    static final int CLOSED_LOG_LINES_PER_SECOND = 10;
    private long closedLogSecond;
    private int closedLogLines;
    private long closedLogSuppressed;

    /**
     * Logs why a session was closed (a bad frame, a refused logon, a timeout: the client was told, and the operator
     * should see it too), at most {@link #CLOSED_LOG_LINES_PER_SECOND} a second; the lines left out are counted into
     * the next one. I/O thread.
     */
    void logClosed(final Session s, final io.omniroute.gateway.wire.sbe.ErrorCode code, final String message)
    {
        final long second = System.currentTimeMillis() / 1000;
        if (second != closedLogSecond)
        {
            closedLogSecond = second;
            closedLogLines = 0;
        }
        if (closedLogLines >= CLOSED_LOG_LINES_PER_SECOND)
        {
            closedLogSuppressed++;
            return;
        }
        closedLogLines++;
        final long suppressed = closedLogSuppressed;
        closedLogSuppressed = 0;
        log("closed session " + s.id + " from " + s.remote() + " (client " + s.clientId() + "): " + code + ": " +
            message + (suppressed > 0 ? " (" + suppressed + " more closed sessions not logged)" : ""));
    }

    void log(final String line)
    {
        if (log != null)
        {
            log.println("omniroute serve: " + line);
        }
    }

    void register(final Session s)
    {
        sessions.put(s.id, s);
        counters.increment(Counter.SESSIONS_ACTIVE);
        if (draining)
        {
            s.shutdown();
        }
        else if (engineFailed)
        {
            s.closeWithError(0, ErrorCode.INTERNAL_ERROR, engineStoppedMessage());
        }
    }

    void unregister(final Session s)
    {
        if (sessions.remove(s.id) != null)
        {
            counters.add(Counter.SESSIONS_ACTIVE, -1);
        }
        if (subscribers.remove(s))
        {
            publisher.subscribers(subscribers.size());
        }
        stalled.remove(s);
    }

    void subscriptionChanged(final Session s, final boolean was, final boolean is)
    {
        if (!was && is)
        {
            subscribers.add(s);
        }
        else if (was && !is)
        {
            subscribers.remove(s);
        }
        publisher.subscribers(subscribers.size());
    }

    void touched(final Session s)
    {
        touched.add(s);
    }

    void flushTouched()
    {
        for (int i = 0, n = touched.size(); i < n; i++)
        {
            touched.get(i).flush();
        }
        touched.clear();
    }

    void stalled(final Session s)
    {
        stalled.add(s);
    }

    private void resumeStalled()
    {
        if (draining)
        {
            return;
        }
        for (int i = stalled.size(); i > 0; i--)
        {
            final Session s = stalled.poll();
            if (s == null)
            {
                break;
            }
            s.resume();
        }
    }

    void authenticate(final Session session, final long correlationId, final long heartbeatMs, final String clientId,
        final String secret)
    {
        try
        {
            auth.execute(() ->
            {
                ClientRegistry.Client client = null;
                try
                {
                    client = config.clients().authenticate(clientId, secret);
                }
                catch (final RuntimeException ex)
                {
                    errors.onError(ex);
                }
                final ClientRegistry.Client result = client;
                loop.execute(() -> session.onAuthenticated(correlationId, heartbeatMs, clientId, result));
            });
        }
        catch (final RejectedExecutionException ex)
        {
            session.onAuthenticated(correlationId, heartbeatMs, clientId, null);
        }
    }

    /**
     * I/O thread: a command went to the driver; a driver that applies commands on this thread ends its batch once
     * this pass of the event loop has read everything it will read (a task runs after the pass's I/O).
     */
    void commandOffered()
    {
        if (driverEndsBatches && !batchEndScheduled)
        {
            batchEndScheduled = true;
            loop.execute(batchEndTask);
        }
    }

    private void endOfBatch()
    {
        batchEndScheduled = false;
        driver.endOfBatch();
    }

    private void wakeIo()
    {
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true))
        {
            loop.execute(drainTask);
        }
    }

    /**
     * I/O thread: sends what the engine made durable, then lets stalled sessions go on.
     */
    private void drain()
    {
        drainScheduled.set(false);
        final int n = outbound.read(dispatcher, DRAIN_LIMIT);
        flushTouched();
        resumeStalled();
        flushTouched();
        if (n == DRAIN_LIMIT)
        {
            wakeIo();
        }
    }

    /**
     * @return what a client is told when the engine has stopped: the journal refusing to write (its disk below the
     * reserve it keeps free) is named, anything else is an error of ours.
     */
    private String engineStoppedMessage()
    {
        return journalRefused() ?
            "the journal cannot be written (its disk is nearly full); try again later" :
            "the engine stopped after an error; try again later";
    }

    /** Whether the engine stopped because the journal refused to write (its disk below its reserve). */
    private boolean journalRefused()
    {
        return driver.failure() instanceof io.omniroute.journal.JournalException;
    }

    private void tick()
    {
        if (!engineFailed && driver.failure() != null)
        {
            engineFailed = true;
            final Throwable failure = driver.failure();
            final boolean journalRefused = journalRefused();
            if (!journalRefused)
            {
                errors.onError(failure); // printed once, with its stack trace: this is a bug
            }
            // the journal refusing to write (its disk below the reserve it keeps free) is the operator's to mend
            log((journalRefused ? "the engine stopped: " + failure.getMessage() :
                "the engine stopped after an error: " + failure) + "; closing every session (restart to recover " +
                "from the journal: nothing acknowledged is lost)");
            for (final Session s : new ArrayList<>(sessions.values()))
            {
                s.closeWithError(0, ErrorCode.INTERNAL_ERROR, engineStoppedMessage());
            }
        }
        final long now = nowNs();
        int n = 0;
        if (tickScratch.length < sessions.size())
        {
            tickScratch = new Session[sessions.size() * 2];
        }
        for (final Session s : sessions.values())
        {
            tickScratch[n++] = s;
        }
        final long nowMs = nowMs();
        for (int i = 0; i < n; i++)
        {
            final Session s = tickScratch[i];
            tickScratch[i] = null;
            final Session.State state = s.state();
            if (state == Session.State.AWAITING_LOGON && now - s.lastReadNs > s.readTimeoutNs)
            {
                s.timeout(true);
            }
            else if (state == Session.State.ACTIVE)
            {
                if (now - s.lastReadNs > s.readTimeoutNs)
                {
                    s.timeout(false);
                }
                else if (now - s.lastWriteNs > s.heartbeatIntervalNs)
                {
                    s.sendHeartbeat(nowMs);
                }
            }
        }
        drain();
    }

    /** Routes one outbound record to its session, or an event to its subscribers. */
    private final class Dispatcher implements MessageHandler
    {
        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            if (msgTypeId == OutboundPublisher.MSG_RESULT)
            {
                final long tag = buffer.getLong(index);
                if (!tags.complete(tag))
                {
                    errors.onError(new IllegalStateException("result for tag " + tag + " that is not in flight"));
                    return;
                }
                final Session s = sessions.get(tags.sessionId(tag));
                if (s == null)
                {
                    counters.increment(Counter.RESULTS_FOR_GONE_SESSIONS);
                    return;
                }
                // Result and Error both carry the correlation id first in their block
                buffer.putLong(index + 8 + Framing.LENGTH_FIELD_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH,
                    tags.correlationId(tag), Framing.BYTE_ORDER);
                s.send(buffer, index + 8, length - 8);
                counters.increment(Counter.RESULTS_SENT);
            }
            else
            {
                final int message = index + Framing.LENGTH_FIELD_LENGTH;
                final int templateId = buffer.getShort(message + 2, Framing.BYTE_ORDER) & 0xFFFF;
                final int feed;
                int channelOffset = 0;
                int channelLength = -1;
                if (templateId == AvailabilityDecoder.TEMPLATE_ID)
                {
                    feed = 1;
                    final int at = message + MessageHeaderDecoder.ENCODED_LENGTH + AvailabilityDecoder.BLOCK_LENGTH;
                    channelLength = buffer.getShort(at, Framing.BYTE_ORDER) & 0xFFFF;
                    channelOffset = at + 2;
                }
                else
                {
                    feed = 2;
                }
                for (int i = 0, n = subscribers.size(); i < n; i++)
                {
                    final Session s = subscribers.get(i);
                    if (channelLength < 0 ? (s.feeds & feed) != 0 : s.wants(feed, buffer, channelOffset, channelLength))
                    {
                        s.send(buffer, index, length);
                        counters.increment(Counter.EVENTS_SENT);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- shutdown

    /**
     * Graceful stop: no new connections or commands; the engine finishes what it was given, those results go out,
     * each client is told, and everything closes.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
        if (loop != null)
        {
            loop.submit(() -> draining = true).syncUninterruptibly();
        }
        driver.close();
        if (loop != null)
        {
            loop.submit(() ->
            {
                while (outbound.read(dispatcher, DRAIN_LIMIT) > 0)
                {
                    flushTouched();
                }
                flushTouched();
                for (final Session s : new ArrayList<>(sessions.values()))
                {
                    s.shutdown();
                }
                flushTouched();
            }).syncUninterruptibly();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline)
            {
                final boolean empty = loop.submit(sessions::isEmpty).syncUninterruptibly().getNow();
                if (empty)
                {
                    break;
                }
                try
                {
                    Thread.sleep(10);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (auth != null)
        {
            auth.shutdownNow();
        }
    }
}
