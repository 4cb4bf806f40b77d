package io.omniroute.gateway.wire;

import io.omniroute.engine.Command;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.journal.CommandCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The I/O thread's work on a new order allocates nothing once warm: validate and decode its frame, encode it into a
 * ring slot in the journal's form and decode that back with the network's names looked up, as the pipeline's
 * publisher does. Every order has a new id (a new {@code String} each, before the ids were held in the command's own
 * {@link io.omniroute.engine.AsciiId}s).
 */
class IngressAllocationTest
{
    private static final int ORDERS = 6_000;

    @Test
    void shouldDecodeNewOrdersWithoutAllocating() throws Exception
    {
        final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation counters");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)mx;
        final Path basic = Paths.get(IngressAllocationTest.class.getResource("/examples/basic/commands.jsonl").toURI())
            .getParent();
        final Network network = NetworkLoader.load(basic.resolve("network"));

        final CommandJsonDecoder json = new CommandJsonDecoder();
        final CommandWireEncoder encoder = new CommandWireEncoder();
        final Command sent = new Command();
        final List<byte[]> frames = new ArrayList<>();
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1024);
        for (int i = 0; i < ORDERS; i++)
        {
            final String line = "{\"type\":\"order\",\"order_id\":\"web-" + (1_000_000 + i) + "\",\"channel\":\"pos\"," +
                "\"zip\":\"85173\",\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"SKU-" + (i % 4) + "\",\"qty\":1}," +
                "{\"sku\":\"M-SKU-0\",\"qty\":2}],\"ts\":" + (1_700_000_000_000L + i) + "}";
            json.decode(line, sent);
            final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            final int length = encoder.encode(sent, i, bytes, 0, bytes.length, frame, 0);
            final byte[] copy = new byte[length];
            frame.getBytes(0, copy);
            frames.add(copy);
        }

        final MessageValidator validator = new MessageValidator();
        final CommandWireDecoder decoder = new CommandWireDecoder().pinNames(network);
        final CommandCodec codec = new CommandCodec();
        codec.pinNames(network);
        final Command received = new Command();
        final Command decoded = new Command();
        final ExpandableArrayBuffer slot = new ExpandableArrayBuffer(1024);
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < ORDERS / 2; i++)
            {
                ingress(frames.get(i), view, validator, decoder, codec, received, decoded, slot, network);
            }
        }
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = ORDERS / 2; i < ORDERS; i++)
        {
            ingress(frames.get(i), view, validator, decoder, codec, received, decoded, slot, network);
        }
        final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertNull(decoded.invalidMessage);
        assertEquals("web-" + (1_000_000 + ORDERS - 1), decoded.orderId.toString());
        assertEquals(0, allocated, "bytes allocated while taking in " + ORDERS / 2 + " new orders");
    }

    private static void ingress(final byte[] bytes, final UnsafeBuffer view, final MessageValidator validator,
        final CommandWireDecoder decoder, final CommandCodec codec, final Command received, final Command decoded,
        final ExpandableArrayBuffer slot, final Network network)
    {
        view.wrap(bytes, Framing.LENGTH_FIELD_LENGTH, bytes.length - Framing.LENGTH_FIELD_LENGTH);
        if (validator.validate(view, 0, view.capacity()) != MessageValidator.OK)
        {
            throw new IllegalStateException(validator.error());
        }
        decoder.decode(view, 0, view.capacity(), validator.templateId(), validator.blockLength(), validator.version(),
            received);
        final int length = codec.encode(received, slot, 0);
        codec.decode(slot, 0, length, decoded);
        decoded.resolveNames(network);
    }
}
