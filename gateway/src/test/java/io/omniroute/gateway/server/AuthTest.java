package io.omniroute.gateway.server;

import io.omniroute.gateway.server.GatewayCounters.Counter;
import io.omniroute.gateway.wire.sbe.BooleanType;
import io.omniroute.gateway.wire.sbe.ErrorCode;
import io.omniroute.gateway.wire.sbe.ErrorDecoder;
import io.omniroute.gateway.wire.sbe.LogonAckDecoder;
import io.omniroute.gateway.wire.sbe.ResultDecoder;
import io.omniroute.gateway.wire.sbe.SubscribeEncoder;
import io.omniroute.gateway.wire.sbe.MessageHeaderEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions and security: logon against a clients file with hashed secrets, roles, the per-session rate limit and
 * the logon timeout.
 */
class AuthTest
{
    @TempDir
    static Path tmp;

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception
    {
        final Path clients = tmp.resolve("clients");
        Files.writeString(clients, String.join("\n",
            "# test clients (low iteration counts keep the test fast)",
            "shop   order        " + SecretHash.hash("shop-secret".toCharArray(), 1000),
            "wh     ops          " + SecretHash.hash("wh-secret".toCharArray(), 1000),
            "dash   read         " + SecretHash.hash("dash-secret".toCharArray(), 1000),
            "slow   order        " + SecretHash.hash("slow-secret".toCharArray(), 1000) + "  rate=100",
            ""));
        gateway = new TestGateway(new GatewayConfig().clients(ClientRegistry.load(clients)).logonTimeoutMs(300), null);
    }

    @AfterAll
    static void stop()
    {
        gateway.close();
    }

    private static void assertRefusedLogon(final String clientId, final String secret) throws Exception
    {
        try (RawConnection c = new RawConnection(gateway.port))
        {
            final ErrorDecoder e = c.logon(clientId, secret).error();
            assertEquals(ErrorCode.LOGON_FAILED, e.code());
            assertEquals(BooleanType.TRUE, e.closing());
            final String message = e.message();
            assertEquals("logon refused: unknown client id or wrong secret", message, "no hint which one was wrong");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void shouldRefuseAWrongSecretOrAnUnknownClient() throws Exception
    {
        final long failures = gateway.counters().get(Counter.LOGON_FAILURES);
        assertRefusedLogon("shop", "not-the-secret");
        assertRefusedLogon("nobody", "shop-secret");
        assertRefusedLogon("shop", "");
        assertEquals(failures + 3, gateway.counters().get(Counter.LOGON_FAILURES));
        // the operator sees it too: one line per closed session, where from and why (the secret is not in it)
        final String log = gateway.log();
        assertTrue(log.contains("(client ?): LOGON_FAILED: logon refused: unknown client id or wrong secret") &&
            log.contains(" from /127.0.0.1:"), log);
        assertFalse(log.contains("not-the-secret"), log);
    }

    @Test
    void shouldLogOnWithTheRightSecretAgainAndAgain() throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            try (RawConnection c = new RawConnection(gateway.port))
            {
                final RawConnection.Frame f = c.logon("shop", "shop-secret");
                assertEquals(LogonAckDecoder.TEMPLATE_ID, f.templateId);
                final LogonAckDecoder ack = new LogonAckDecoder().wrap(f.buffer, 8, f.blockLength, f.version);
                assertTrue(ack.roles().order());
                assertFalse(ack.roles().ops());
                assertEquals(65536, ack.maxFrameLength());
            }
        }
    }

    @Test
    void shouldRejectAndCountACommandOutsideTheRoleAndKeepTheSession() throws Exception
    {
        final long before = gateway.counters().get(Counter.NOT_AUTHORIZED);
        try (RawConnection c = new RawConnection(gateway.port))
        {
            assertEquals(LogonAckDecoder.TEMPLATE_ID, c.logon("shop", "shop-secret").templateId);
            c.write(Frames.command("{\"type\":\"receive\",\"sku\":\"SKU-0\",\"location_id\":\"L00-DR\",\"qty\":5}", 9));
            final ErrorDecoder e = c.read().error();
            assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
            assertEquals(9, e.correlationId());
            assertEquals(BooleanType.FALSE, e.closing());
            final String message = e.message();
            assertTrue(message.contains("'receive' needs the ops role; client shop has order"), message);
            // a JSON command is checked by the type inside it
            c.write(Frames.command("{\"type\":\"new_day\",\"extra\":1}", 10));
            assertEquals(ErrorCode.NOT_AUTHORIZED, c.read().error().code());
            // the session goes on
            c.write(Frames.command(Frames.order("auth-1"), 11));
            final ResultDecoder r = c.read().result();
            assertEquals(11, r.correlationId());
        }
        try (RawConnection c = new RawConnection(gateway.port))
        {
            assertEquals(LogonAckDecoder.TEMPLATE_ID, c.logon("wh", "wh-secret").templateId);
            c.write(Frames.command(Frames.order("auth-2"), 1));
            assertEquals(ErrorCode.NOT_AUTHORIZED, c.read().error().code());
            c.write(Frames.command("{\"type\":\"receive\",\"sku\":\"SKU-0\",\"location_id\":\"L00-DR\",\"qty\":5}", 2));
            assertEquals(2, c.read().result().correlationId());
        }
        try (RawConnection c = new RawConnection(gateway.port))
        {
            assertEquals(LogonAckDecoder.TEMPLATE_ID, c.logon("shop", "shop-secret").templateId);
            final SubscribeEncoder s = new SubscribeEncoder().wrapAndApplyHeader(c.buffer(), 4, c.header());
            s.correlationId(5).feeds().availability(true);
            s.channel("");
            c.write(c.frame(MessageHeaderEncoder.ENCODED_LENGTH + s.encodedLength()));
            final ErrorDecoder e = c.read().error();
            assertEquals(ErrorCode.NOT_AUTHORIZED, e.code());
            assertEquals(5, e.correlationId());
        }
        assertEquals(before + 4, gateway.counters().get(Counter.NOT_AUTHORIZED));
    }

    @Test
    void shouldThrottleASessionOverItsRate() throws Exception
    {
        try (RawConnection c = new RawConnection(gateway.port))
        {
            assertEquals(LogonAckDecoder.TEMPLATE_ID, c.logon("slow", "slow-secret").templateId);
            final ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 1; i <= 300; i++)
            {
                burst.write(Frames.command("{\"type\":\"status\",\"order_id\":\"x\"}", i));
            }
            c.write(burst.toByteArray());
            int results = 0;
            int throttled = 0;
            for (int i = 1; i <= 300; i++)
            {
                final RawConnection.Frame f = c.read();
                if (f.templateId == ResultDecoder.TEMPLATE_ID)
                {
                    results++;
                }
                else
                {
                    assertEquals(ErrorCode.THROTTLED, f.error().code());
                    throttled++;
                }
            }
            assertTrue(results >= 100 && results < 300, "burst of 100 passes, the rest mostly throttled: " + results);
            assertEquals(300, results + throttled);
        }
        assertTrue(gateway.counters().get(Counter.THROTTLED) > 0);
    }

    @Test
    void shouldCloseASessionThatNeverLogsOn() throws Exception
    {
        try (RawConnection c = new RawConnection(gateway.port))
        {
            final ErrorDecoder e = c.read().error();
            assertEquals(ErrorCode.LOGON_TIMEOUT, e.code());
            assertTrue(c.closedByServer());
        }
    }
}
