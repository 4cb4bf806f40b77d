package io.omniroute.gateway.server;

import io.omniroute.engine.Command;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.wire.CommandWireEncoder;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Builds command frames for tests from JSON Lines commands, as the Java client would send them.
 */
public final class Frames
{
    private static final CommandJsonDecoder JSON = new CommandJsonDecoder();
    private static final CommandWireEncoder WIRE = new CommandWireEncoder();

    private Frames()
    {
    }

    public static synchronized byte[] command(final String json, final long correlationId)
    {
        final Command cmd = JSON.decode(json, new Command());
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = WIRE.encode(cmd, correlationId, bytes, 0, bytes.length, buffer, 0);
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    public static String order(final String orderId)
    {
        return "{\"type\":\"order\",\"order_id\":\"" + orderId + "\",\"channel\":\"web\",\"zip\":\"55101\"," +
            "\"service\":\"STANDARD\",\"ship_complete\":false,\"lines\":[{\"sku\":\"SKU-0\",\"qty\":1}]}";
    }
}
