package io.omniroute.gateway.server;

import io.omniroute.gateway.server.GatewayCounters.Counter;
import io.omniroute.gateway.wire.sbe.BooleanType;
import io.omniroute.gateway.wire.sbe.ErrorCode;
import io.omniroute.gateway.wire.sbe.ErrorDecoder;
import io.omniroute.gateway.wire.sbe.LogonAckDecoder;
import io.omniroute.gateway.wire.sbe.MessageHeaderEncoder;
import io.omniroute.gateway.wire.sbe.ResultDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The framing checklist (STYLE.md): a frame split across reads, many frames in one read, zero and oversized lengths,
 * an unknown template, garbage, a disconnect mid-frame and a slow reader. Each bad frame gets an Error naming what
 * was wrong, closes only its own session, and never disturbs the others or the engine.
 */
class FramingTest
{
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception
    {
        gateway = new TestGateway(new GatewayConfig().outboundLimitBytes(64 * 1024), null);
    }

    @AfterAll
    static void stop()
    {
        gateway.close();
    }

    private static RawConnection loggedOn() throws Exception
    {
        final RawConnection c = new RawConnection(gateway.port);
        assertEquals(LogonAckDecoder.TEMPLATE_ID, c.logon("t", "x").templateId);
        return c;
    }

    /** The server still serves a fresh client after whatever a test did. */
    private static void assertServerHealthy(final String orderId) throws Exception
    {
        try (RawConnection c = loggedOn())
        {
            c.write(Frames.command(Frames.order(orderId), 42));
            final ResultDecoder r = c.read().result();
            assertEquals(42, r.correlationId());
            final String json = r.json();
            assertTrue(json.contains("\"order_id\":\"" + orderId + "\""), json);
        }
    }

    private static void assertClosedWithError(final RawConnection c, final ErrorCode code, final String text)
        throws Exception
    {
        final ErrorDecoder e = c.read().error();
        assertEquals(code, e.code());
        assertEquals(BooleanType.TRUE, e.closing());
        final String message = e.message();
        assertTrue(message.contains(text), message);
        assertTrue(c.closedByServer(), "the server closes the session after a bad frame");
    }

    @Test
    void shouldRefuseALogonWhoseClientIdIsNotAnId() throws Exception
    {
        // open mode took any id, and the id goes into the server's log lines: a line break forged one
        for (final String id : new String[] { "", "shop\nomniroute serve: stopped", "x".repeat(65), "a b" })
        {
            try (RawConnection c = new RawConnection(gateway.port))
            {
                c.write(c.logonFrame(id, ""));
                final ErrorDecoder e = c.read().error();
                assertEquals(ErrorCode.LOGON_FAILED, e.code());
                assertEquals(BooleanType.TRUE, e.closing());
                assertEquals("logon refused: a client id is 1-64 printable ASCII characters without spaces",
                    e.message());
                assertTrue(c.closedByServer());
            }
        }
        assertServerHealthy("after-bad-logon");
    }

    @Test
    void shouldDecodeAFrameSplitAcrossReads() throws Exception
    {
        try (RawConnection c = loggedOn())
        {
            final byte[] frame = Frames.command(Frames.order("split-1"), 7);
            for (final byte b : frame)
            {
                c.write(new byte[]{ b });
                Thread.sleep(1);
            }
            final ResultDecoder r = c.read().result();
            assertEquals(7, r.correlationId());
            assertTrue(r.seq() > 0);
        }
    }

    @Test
    void shouldDecodeManyFramesInOneRead() throws Exception
    {
        try (RawConnection c = loggedOn())
        {
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 1; i <= 200; i++)
            {
                all.write(Frames.command(Frames.order("many-" + i), i));
            }
            c.write(all.toByteArray());
            long lastSeq = 0;
            for (int i = 1; i <= 200; i++)
            {
                final ResultDecoder r = c.read().result();
                assertEquals(i, r.correlationId(), "results come back in order");
                assertTrue(r.seq() > lastSeq);
                lastSeq = r.seq();
            }
        }
    }

    @Test
    void shouldCloseTheSessionOnAZeroLength() throws Exception
    {
        try (RawConnection c = loggedOn())
        {
            c.write(new byte[]{ 0, 0, 0, 0 });
            assertClosedWithError(c, ErrorCode.MALFORMED_FRAME, "frame length 0");
        }
        assertServerHealthy("after-zero");
    }

    @Test
    void shouldCloseTheSessionOnAnOversizedLengthWithoutWaitingForTheBody() throws Exception
    {
        try (RawConnection c = loggedOn())
        {
            c.write(new byte[]{ 0, 0, 0, 0x40 }); // 1 GiB
            assertClosedWithError(c, ErrorCode.FRAME_TOO_LARGE, "exceeds the limit of 65536 bytes");
        }
        try (RawConnection c = loggedOn())
        {
            c.write(new byte[]{ (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF }); // negative as int32
            assertClosedWithError(c, ErrorCode.FRAME_TOO_LARGE, "4294967295");
        }
        assertServerHealthy("after-oversized");
    }

    @Test
    void shouldCloseTheSessionOnAnUnknownTemplate() throws Exception
    {
        try (RawConnection c = loggedOn())
        {
            new MessageHeaderEncoder().wrap(c.buffer(), 4).blockLength(8).templateId(999).schemaId(7070).version(1);
            c.buffer().putLong(12, 5);
            c.write(c.frame(16));
            assertClosedWithError(c, ErrorCode.UNKNOWN_TEMPLATE, "unknown template id 999");
        }
        assertServerHealthy("after-unknown");
    }

    @Test
    void shouldCloseTheSessionOnGarbage() throws Exception
    {
        try (RawConnection c = new RawConnection(gateway.port))
        {
            c.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedWithError(c, ErrorCode.FRAME_TOO_LARGE, "exceeds the limit");
        }
        try (RawConnection c = loggedOn())
        {
            final byte[] junk = { 12, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
            c.write(junk);
            assertClosedWithError(c, ErrorCode.UNSUPPORTED_SCHEMA, "schema id");
        }
        try (RawConnection c = loggedOn())
        {
            // a valid header whose text field claims more bytes than the frame holds
            final byte[] frame = Frames.command("{\"type\":\"cancel\",\"order_id\":\"abc\"}", 3);
            frame[frame.length - 4] = 100;
            c.write(frame);
            assertClosedWithError(c, ErrorCode.MALFORMED_FRAME, "runs past the end of the frame");
        }
        assertServerHealthy("after-garbage");
    }

    @Test
    void shouldRequireLogonFirst() throws Exception
    {
        try (RawConnection c = new RawConnection(gateway.port))
        {
            c.write(Frames.command(Frames.order("no-logon"), 1));
            assertClosedWithError(c, ErrorCode.LOGON_REQUIRED, "first message of a session must be Logon");
        }
    }

    @Test
    void shouldForgetAClientThatDisconnectsMidFrame() throws Exception
    {
        final long before = gateway.counters().get(Counter.SESSIONS_ACTIVE);
        final RawConnection c = loggedOn();
        final byte[] frame = Frames.command(Frames.order("mid-frame"), 1);
        c.write(frame, 0, frame.length / 2);
        c.close();
        // sessions of earlier tests may still be closing when `before` is read, so the count may end below it
        awaitTrue(() -> gateway.counters().get(Counter.SESSIONS_ACTIVE) <= before, "session released");
        assertServerHealthy("after-mid-frame");
    }

    @Test
    void shouldDropASlowReaderWithoutBlockingTheEngineOrOthers() throws Exception
    {
        final long drops = gateway.counters().get(Counter.SLOW_CONSUMER_DROPS);
        try (Socket slow = new Socket())
        {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", gateway.port));
            slow.setSoTimeout(5_000);
            final RawConnection helper = new RawConnection(gateway.port);
            slow.getOutputStream().write(helper.logonFrame("slow", "x"));
            helper.close();
            // ask for large results and never read them
            final byte[] kpi = Frames.command("{\"type\":\"kpi\"}", 1);
            final byte[] batch = new byte[kpi.length * 500];
            for (int i = 0; i < 500; i++)
            {
                System.arraycopy(kpi, 0, batch, i * kpi.length, kpi.length);
            }
            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (gateway.counters().get(Counter.SLOW_CONSUMER_DROPS) == drops && System.nanoTime() < deadline)
            {
                try
                {
                    slow.getOutputStream().write(batch);
                }
                catch (final java.io.IOException ex)
                {
                    break; // dropped
                }
                assertServerHealthy("while-slow-" + System.nanoTime());
            }
            awaitTrue(() -> gateway.counters().get(Counter.SLOW_CONSUMER_DROPS) == drops + 1, "slow reader dropped");
            assertTrue(gateway.log().contains("SLOW_CONSUMER"), gateway.log());
        }
        assertServerHealthy("after-slow");
    }

    static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(5);
        }
    }
}
