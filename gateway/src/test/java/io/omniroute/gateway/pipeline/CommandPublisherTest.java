package io.omniroute.gateway.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Network;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.journal.CommandCodec;
import io.omniroute.journal.TestNetwork;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandPublisherTest
{
    @TempDir
    Path tmp;

    private Network network;
    private RingBuffer<CommandSlot> ring;
    private CommandPublisher publisher;

    @BeforeEach
    void setUp()
    {
        network = TestNetwork.writeTo(tmp.resolve("network")).network;
        ring = RingBuffer.createSingleProducer(CommandSlot::new, 4, new BusySpinWaitStrategy());
        publisher = new CommandPublisher(ring, System::nanoTime, IdleStrategies.engine("backoff"), network);
    }

    @Test
    void shouldHandTheEngineThreadTheCommandDecodedFromTheSlotsOwnBytes()
    {
        final String sku = network.sku(0);
        final Command order = new CommandJsonDecoder().decode("{\"type\":\"order\",\"order_id\":\"o-7\"," +
            "\"channel\":\"web\",\"zip\":\"" + network.zip(0) + "\",\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"" +
            sku + "\",\"qty\":2}],\"ts\":1000}", new Command());

        assertTrue(publisher.offer(order, 1));

        final CommandSlot slot = ring.get(0);
        assertTrue(slot.decoded);
        final Command decoded = slot.decodedCommand;
        assertEquals(CommandType.ORDER, decoded.type);
        assertEquals("o-7", decoded.orderId.toString());
        assertEquals(1000, decoded.ts);
        assertEquals(1, decoded.lineCount);
        assertEquals(2, decoded.lineQty[0]);
        // what the engine thread would have decoded: the network's own name instances
        assertSame(network.sku(0), decoded.lineSku[0]);
        assertSame(network.zip(0), decoded.zip);
        final Command again = new CommandCodec().decode(slot.command, 0, slot.commandLength, new Command());
        assertEquals(again.orderId.toString(), decoded.orderId.toString());
        assertSame(decoded.orderIdText, decoded.orderId, "a new order's id is no new string");
        assertEquals(again.lineSku[0], decoded.lineSku[0]);
    }

    @Test
    void shouldLeaveDecodingToTheEngineThreadWhenToldTo()
    {
        final CommandPublisher engineDecodes = new CommandPublisher(ring, System::nanoTime,
            IdleStrategies.engine("backoff"), null);
        final Command order = new CommandJsonDecoder().decode("{\"type\":\"cancel\",\"order_id\":\"o-7\"}",
            new Command());

        assertTrue(engineDecodes.offer(order, 1));

        assertFalse(ring.get(0).decoded);
        assertEquals("o-7", new CommandCodec().decode(ring.get(0).command, 0, ring.get(0).commandLength,
            new Command()).orderId.toString());
    }

    @Test
    void shouldLeaveBytesThatDoNotDecodeToTheEngineThread()
    {
        final byte[] garbage = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

        assertTrue(publisher.offer(new UnsafeBuffer(garbage), 0, garbage.length, 1));

        assertFalse(ring.get(0).decoded, "the engine decodes it itself and fails as before");
        assertEquals(garbage.length, ring.get(0).commandLength);
    }
}
