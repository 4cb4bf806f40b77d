package io.omniroute.gateway.client;

import io.omniroute.gateway.server.GatewayConfig;
import io.omniroute.gateway.server.TestGateway;
import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.MessageValidator;
import io.omniroute.gateway.wire.sbe.*;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client's API: sync and async calls, gateway refusals as results, subscriptions, and reconnecting with
 * resubmission of what is safe to repeat.
 */
class ClientApiTest
{
    @TempDir
    Path tmp;

    private static String order(final String id)
    {
        return "{\"type\":\"order\",\"order_id\":\"" + id + "\",\"channel\":\"web\",\"zip\":\"55101\"," +
            "\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"SKU-0\",\"qty\":1}]}";
    }

    @Test
    void shouldCallSyncAndAsync() throws Exception
    {
        try (TestGateway gateway = TestGateway.open();
            OmniRouteClient client = OmniRouteClient.connect(new ClientConfig().port(gateway.port)))
        {
            final ClientResult r = client.call(order("api-1"), 5, TimeUnit.SECONDS);
            assertFalse(r.isError());
            assertEquals(ResultStatus.ALLOCATED, r.status());
            assertEquals(CommandKind.ORDER, r.command());
            assertTrue(r.seq() > 0);
            assertTrue(r.json().startsWith("{\"seq\":" + r.seq() + ",\"type\":\"order\",\"order_id\":\"api-1\""));
            final List<CompletableFuture<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++)
            {
                futures.add(client.submitJson(order("api-async-" + i)));
            }
            long seq = r.seq();
            for (final CompletableFuture<ClientResult> f : futures)
            {
                final ClientResult x = f.get(5, TimeUnit.SECONDS);
                assertTrue(x.seq() > seq, "in order");
                seq = x.seq();
            }
            final ClientResult bad = client.call("{\"type\":\"order\",\"order_id\":", 5, TimeUnit.SECONDS);
            assertEquals(RejectReason.INVALID, bad.reason());
            assertTrue(bad.json().contains("malformed JSON"), bad.json());
        }
    }

    @Test
    void shouldReportAWrongSecretInOneLine() throws Exception
    {
        final Path clients = tmp.resolve("clients");
        java.nio.file.Files.writeString(clients, "shop order " +
            io.omniroute.gateway.server.SecretHash.hash("right".toCharArray(), 100) + "\n");
        try (TestGateway gateway = new TestGateway(new GatewayConfig().clients(
            io.omniroute.gateway.server.ClientRegistry.load(clients)), null))
        {
            final ClientException ex = assertThrows(ClientException.class, () -> OmniRouteClient.connect(
                new ClientConfig().port(gateway.port).credentials("shop", "wrong")));
            assertEquals("logon refused: unknown client id or wrong secret", ex.getMessage(), "said once");
            try (OmniRouteClient c = OmniRouteClient.connect(new ClientConfig().port(gateway.port)
                .credentials("shop", "right")))
            {
                final ClientResult r = c.call("{\"type\":\"new_day\"}", 5, TimeUnit.SECONDS);
                assertTrue(r.isError());
                assertEquals(ErrorCode.NOT_AUTHORIZED, r.error());
            }
        }
    }

    @Test
    void shouldStreamAvailabilityToASubscriber() throws Exception
    {
        try (TestGateway gateway = TestGateway.open();
            OmniRouteClient reader = OmniRouteClient.connect(new ClientConfig().port(gateway.port));
            OmniRouteClient shop = OmniRouteClient.connect(new ClientConfig().port(gateway.port)))
        {
            final List<String> events = new CopyOnWriteArrayList<>();
            reader.subscribe(true, true, "web", new EventListener()
            {
                @Override
                public void onAvailability(final long seq, final String channel, final String sku, final long available)
                {
                    events.add(channel + "/" + sku + "=" + available + "@" + seq);
                }

                @Override
                public void onReorder(final long seq, final String sku, final long networkAvailable,
                    final long reorderPoint)
                {
                    events.add("reorder " + sku);
                }
            }).get(5, TimeUnit.SECONDS);
            final ClientResult r = shop.call(order("sub-1"), 5, TimeUnit.SECONDS);
            assertEquals(ResultStatus.ALLOCATED, r.status());
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (events.stream().noneMatch(e -> e.startsWith("web/SKU-0=")) && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertTrue(events.stream().anyMatch(e -> e.startsWith("web/SKU-0=") && e.endsWith("@" + r.seq())),
                events.toString());
            assertTrue(events.stream().noneMatch(e -> e.startsWith("pos/") || e.startsWith("mkt/")),
                "only the channel subscribed to: " + events);
        }
    }

    @Test
    void shouldResubmitInFlightOrdersAfterTheServerRestarts() throws Exception
    {
        final Path journal = tmp.resolve("journal");
        TestGateway first = new TestGateway(new GatewayConfig(), journal);
        final int port = first.port;
        final OmniRouteClient client = OmniRouteClient.connect(new ClientConfig().port(port).reconnectTimeoutMs(20_000));
        try
        {
            final List<CompletableFuture<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++)
            {
                futures.add(client.submitJson(order("re-" + i)));
                if (i == 100)
                {
                    first.close(); // graceful: results so far go out, the rest is resubmitted
                    first = null;
                }
            }
            try (TestGateway second = new TestGateway(new GatewayConfig().port(port), journal))
            {
                for (int i = 0; i < futures.size(); i++)
                {
                    final ClientResult r = futures.get(i).get(20, TimeUnit.SECONDS);
                    assertFalse(r.isError(), r.toString());
                    assertTrue(r.json().contains("\"order_id\":\"re-" + i + "\""), r.json());
                }
                assertTrue(client.reconnects() >= 1);
                // resubmitting everything changes nothing already decided: each order gets its first decision
                for (int i = 0; i < 200; i++)
                {
                    final ClientResult again = client.call(order("re-" + i), 5, TimeUnit.SECONDS);
                    final ClientResult first1 = futures.get(i).get();
                    assertEquals(strip(first1.json()), strip(again.json()));
                }
            }
        }
        finally
        {
            client.close();
            if (first != null)
            {
                first.close();
            }
        }
    }

    static String strip(final String json)
    {
        return json.replaceFirst("^\\{\"seq\":\\d+,", "{");
    }

    /**
     * A fake server that takes the first connection, acknowledges the logon, reads two commands and hangs up; then
     * answers everything on the second connection.
     */
    @Test
    void shouldFailWhatIsNotSafeToRepeatAndResubmitOrdersWhenTheConnectionDrops() throws Exception
    {
        try (ServerSocket fake = new ServerSocket(0, 10, InetAddress.getLoopbackAddress()))
        {
            final List<Integer> secondConnectionTemplates = new CopyOnWriteArrayList<>();
            final Thread server = new Thread(() ->
            {
                try
                {
                    try (Socket s = fake.accept())
                    {
                        final DataInputStream in = new DataInputStream(s.getInputStream());
                        read(in); // logon
                        logonAck(s.getOutputStream());
                        read(in);
                        read(in);
                    }
                    try (Socket s = fake.accept())
                    {
                        final DataInputStream in = new DataInputStream(s.getInputStream());
                        read(in);
                        logonAck(s.getOutputStream());
                        final UnsafeBuffer m = read(in);
                        final MessageValidator v = new MessageValidator();
                        v.validate(m, 0, m.capacity());
                        secondConnectionTemplates.add(v.templateId());
                        result(s.getOutputStream(), m.getLong(8, Framing.BYTE_ORDER));
                        Thread.sleep(200);
                    }
                }
                catch (final Exception ex)
                {
                    // the test fails on its own assertions
                }
            });
            server.setDaemon(true);
            server.start();
            try (OmniRouteClient client = OmniRouteClient.connect(new ClientConfig().port(fake.getLocalPort())))
            {
                final CompletableFuture<ClientResult> receive =
                    client.submitJson("{\"type\":\"receive\",\"sku\":\"SKU-0\",\"location_id\":\"L00-DR\",\"qty\":5}");
                final CompletableFuture<ClientResult> order = client.submitJson(order("safe-1"));
                final ExecutionException ex = assertThrows(ExecutionException.class,
                    () -> receive.get(10, TimeUnit.SECONDS));
                assertInstanceOf(ConnectionLostException.class, ex.getCause());
                assertTrue(ex.getCause().getMessage().contains("may or may not have been applied"));
                assertEquals(7, order.get(10, TimeUnit.SECONDS).seq());
                assertEquals(List.of(OrderDecoder.TEMPLATE_ID), secondConnectionTemplates);
            }
        }
    }

    private static UnsafeBuffer read(final DataInputStream in) throws Exception
    {
        final int length = Integer.reverseBytes(in.readInt());
        final byte[] b = new byte[length];
        in.readFully(b);
        return new UnsafeBuffer(b);
    }

    private static void logonAck(final OutputStream out) throws Exception
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(128);
        final LogonAckEncoder e = new LogonAckEncoder().wrapAndApplyHeader(b, 4, new MessageHeaderEncoder())
            .correlationId(0).sessionId(1).heartbeatIntervalMs(5000).lastSeq(0).maxFrameLength(65536);
        e.roles().order(true).ops(true);
        send(out, b, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private static void result(final OutputStream out, final long correlationId) throws Exception
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(128);
        final ResultEncoder e = new ResultEncoder().wrapAndApplyHeader(b, 4, new MessageHeaderEncoder())
            .correlationId(correlationId).seq(7).command(CommandKind.ORDER).status(ResultStatus.ALLOCATED)
            .reason(RejectReason.NONE).totalCostCents(1).shipmentCount(1).json("{\"seq\":7}");
        send(out, b, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private static void send(final OutputStream out, final ExpandableArrayBuffer b, final int length) throws Exception
    {
        Framing.writeLength(b, 0, length);
        out.write(b.byteArray(), 0, length + 4);
        out.flush();
    }
}
