package io.omniroute.gateway.server;

import io.omniroute.gateway.server.GatewayCounters.Counter;
import io.omniroute.gateway.wire.sbe.ErrorCode;
import io.omniroute.gateway.wire.sbe.ErrorDecoder;
import io.omniroute.gateway.wire.sbe.HeartbeatDecoder;
import io.omniroute.gateway.wire.sbe.LogonAckDecoder;
import io.omniroute.gateway.wire.sbe.LogonEncoder;
import io.omniroute.gateway.wire.sbe.MessageHeaderDecoder;
import io.omniroute.gateway.wire.sbe.MessageHeaderEncoder;
import io.omniroute.gateway.wire.sbe.ResultDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heartbeats both ways, and a graceful shutdown that sends every result the engine made before closing.
 */
class SessionLifecycleTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldSendHeartbeatsAndDropASilentClient() throws Exception
    {
        try (TestGateway gateway = TestGateway.open(); RawConnection c = new RawConnection(gateway.port))
        {
            final LogonEncoder e = new LogonEncoder().wrapAndApplyHeader(c.buffer(), 4, c.header());
            e.correlationId(1).heartbeatIntervalMs(50).clientId("quiet").secret("");
            c.write(c.frame(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()));
            final DataInputStream in = new DataInputStream(c.socket.getInputStream());
            int heartbeats = 0;
            ErrorDecoder error = null;
            while (error == null)
            {
                final byte[] b = new byte[Integer.reverseBytes(in.readInt())];
                in.readFully(b);
                final RawConnection.Frame f = new RawConnection.Frame(b);
                if (f.templateId == HeartbeatDecoder.TEMPLATE_ID)
                {
                    heartbeats++;
                }
                else if (f.templateId != LogonAckDecoder.TEMPLATE_ID)
                {
                    error = f.error();
                }
            }
            assertEquals(ErrorCode.HEARTBEAT_TIMEOUT, error.code());
            assertTrue(heartbeats >= 1, "the server keeps an idle session alive from its side");
            assertTrue(c.closedByServer());
            assertEquals(1, gateway.counters().get(Counter.HEARTBEAT_TIMEOUTS));
        }
    }

    /**
     * A heartbeat interval is held to [10 ms, a minute]: a client asking for 49 days (the field's largest value)
     * would never be found dead. The ack says the interval it got.
     */
    @Test
    void shouldHoldTheHeartbeatIntervalToAMinute() throws Exception
    {
        try (TestGateway gateway = TestGateway.open(); RawConnection c = new RawConnection(gateway.port))
        {
            final LogonEncoder e = new LogonEncoder().wrapAndApplyHeader(c.buffer(), 4, c.header());
            e.correlationId(1).heartbeatIntervalMs(LogonEncoder.heartbeatIntervalMsMaxValue()).clientId("slow")
                .secret("");
            c.write(c.frame(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()));
            final DataInputStream in = new DataInputStream(c.socket.getInputStream());
            final byte[] b = new byte[Integer.reverseBytes(in.readInt())];
            in.readFully(b);
            final RawConnection.Frame f = new RawConnection.Frame(b);
            assertEquals(LogonAckDecoder.TEMPLATE_ID, f.templateId);
            final LogonAckDecoder ack = new LogonAckDecoder().wrap(f.buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                f.blockLength, f.version);
            assertEquals(Session.MAX_HEARTBEAT_MS, ack.heartbeatIntervalMs());
        }
    }

    /** An engine driver whose engine dies on the first command. */
    private static final class DyingDriver implements EngineDriver
    {
        private final Throwable cause;
        private volatile Throwable failure;

        DyingDriver(final Throwable cause)
        {
            this.cause = cause;
        }

        @Override
        public void start(final ResultSink sink)
        {
            try
            {
                sink.onStart(new io.omniroute.engine.Engine(io.omniroute.engine.NetworkLoader.load(
                    TestGateway.basicNetwork())));
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public boolean offer(final io.omniroute.engine.Command command, final long tag, final long ingressTimeNs)
        {
            failure = cause;
            return true;
        }

        @Override
        public long lastSeq()
        {
            return 0;
        }

        @Override
        public Throwable failure()
        {
            return failure;
        }

        @Override
        public String describe()
        {
            return "dying";
        }

        @Override
        public void close()
        {
        }
    }

    @Test
    void shouldCloseEverySessionWhenTheEngineStops() throws Exception
    {
        final String[] seen = sendToADyingEngine(new IllegalStateException("boom"));
        assertTrue(seen[0].contains("the engine stopped after an error"), seen[0]);
        assertTrue(seen[1].contains("the engine stopped after an error: java.lang.IllegalStateException: boom"),
            seen[1]);
    }

    /**
     * The journal refusing to write (its disk below the reserve it keeps free) is the operator's to mend, not a bug:
     * one log line with the journal's reason and no stack trace, and clients are told the journal cannot be written.
     */
    @Test
    void shouldSayTheJournalCannotBeWrittenWhenItRefusesForDiskSpace() throws Exception
    {
        final String why = "journal /j: only 3 MiB left on its disk, below the 64 MiB it keeps free";
        final String[] seen = sendToADyingEngine(new io.omniroute.journal.JournalException(why));
        assertTrue(seen[0].contains("the journal cannot be written"), seen[0]);
        assertTrue(seen[1].contains("the engine stopped: " + why + "; closing every session"), seen[1]);
        assertFalse(seen[1].contains("\tat "), "no stack trace: " + seen[1]);
    }

    /**
     * Sends an order to a server whose engine stops on it with {@code cause}.
     *
     * @return the message of the error frame that closed the session, and the server's log.
     */
    private static String[] sendToADyingEngine(final Throwable cause) throws Exception
    {
        final java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        final GatewayServer server = new GatewayServer(new GatewayConfig().port(0), new DyingDriver(cause),
            new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        final int port = server.start();
        try (RawConnection c = new RawConnection(port))
        {
            assertEquals(LogonAckDecoder.TEMPLATE_ID, c.logon("t", "").templateId);
            c.write(Frames.command(Frames.order("dies"), 1));
            final ErrorDecoder e = c.read().error();
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
            final String message = e.message(); // var data: read once
            assertTrue(c.closedByServer());
            return new String[] { message, log.toString(java.nio.charset.StandardCharsets.UTF_8) };
        }
        finally
        {
            server.close();
        }
    }

    /**
     * The Java client, giving up on a server whose journal refuses to write, says why the server closed the session,
     * not only what its last reconnect attempt met.
     */
    @Test
    void shouldTellTheClientWhyTheServerKeepsClosingTheSession() throws Exception
    {
        final GatewayServer server = new GatewayServer(new GatewayConfig().port(0),
            new DyingDriver(new io.omniroute.journal.JournalException("journal /j: only 3 MiB left on its disk")),
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        final int port = server.start();
        try (io.omniroute.gateway.client.OmniRouteClient client = io.omniroute.gateway.client.OmniRouteClient.connect(
            new io.omniroute.gateway.client.ClientConfig().port(port).reconnectTimeoutMs(1_500)))
        {
            final java.util.concurrent.ExecutionException ex = assertThrows(
                java.util.concurrent.ExecutionException.class, () -> client.submitJson(
                    "{\"type\":\"order\",\"order_id\":\"o-1\",\"channel\":\"web\",\"zip\":\"10001\"," +
                    "\"lines\":[{\"sku\":\"SKU-1\",\"qty\":1}]}").get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(ex.getCause().getMessage().contains(
                "INTERNAL_ERROR: the journal cannot be written (its disk is nearly full)"), ex.getCause().getMessage());
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldSendEveryResultBeforeClosingOnShutdown() throws Exception
    {
        final TestGateway gateway = new TestGateway(new GatewayConfig(), tmp.resolve("journal"));
        try (RawConnection c = new RawConnection(gateway.port))
        {
            assertEquals(LogonAckDecoder.TEMPLATE_ID, c.logon("t", "").templateId);
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 1; i <= 500; i++)
            {
                all.write(Frames.command(Frames.order("shut-" + i), i));
            }
            c.write(all.toByteArray());
            c.read().result(); // the server has started on them
            gateway.close();
            int results = 1;
            while (true)
            {
                final RawConnection.Frame f = c.read();
                if (f.templateId == ResultDecoder.TEMPLATE_ID)
                {
                    assertEquals(++results, f.result().correlationId());
                    continue;
                }
                assertEquals(ErrorCode.SHUTTING_DOWN, f.error().code());
                break;
            }
            assertEquals(gateway.counters().get(Counter.COMMANDS), results, "every command taken got its result");
            assertTrue(c.closedByServer());
        }
        finally
        {
            gateway.close();
        }
    }
}
