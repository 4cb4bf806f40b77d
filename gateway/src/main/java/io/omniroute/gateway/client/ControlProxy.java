package io.omniroute.gateway.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOutboundInvoker;
import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.sbe.HeartbeatEncoder;
import io.omniroute.gateway.wire.sbe.LogonEncoder;
import io.omniroute.gateway.wire.sbe.MessageHeaderEncoder;
import io.omniroute.gateway.wire.sbe.SubscribeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes and sends the client's session messages (logon, subscribe, heartbeat) as length-prefixed frames. Used only
 * on the client's I/O thread: one scratch buffer for all of them.
 */
final class ControlProxy
{
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    void logon(final ChannelOutboundInvoker out, final ByteBufAllocator alloc, final ClientConfig config)
    {
        final LogonEncoder e = new LogonEncoder().wrapAndApplyHeader(control, Framing.LENGTH_FIELD_LENGTH,
            headerEncoder);
        e.correlationId(0).heartbeatIntervalMs(config.heartbeatIntervalMs()).clientId(config.clientId())
            .secret(config.secret());
        send(out, alloc, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    /**
     * @param feeds         1 = availability, 2 = reorder, or both.
     * @param channelFilter a sales channel, or null for every channel.
     */
    void subscribe(final ChannelOutboundInvoker out, final ByteBufAllocator alloc, final int feeds,
        final String channelFilter)
    {
        final SubscribeEncoder e = new SubscribeEncoder().wrapAndApplyHeader(control, Framing.LENGTH_FIELD_LENGTH,
            headerEncoder);
        e.correlationId(0);
        e.feeds().clear().availability((feeds & 1) != 0).reorder((feeds & 2) != 0);
        e.channel(channelFilter == null ? "" : channelFilter);
        send(out, alloc, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    void heartbeat(final ChannelOutboundInvoker out, final ByteBufAllocator alloc)
    {
        final HeartbeatEncoder e = new HeartbeatEncoder().wrapAndApplyHeader(control,
            Framing.LENGTH_FIELD_LENGTH, headerEncoder);
        e.timestampMs(System.currentTimeMillis());
        send(out, alloc, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private void send(final ChannelOutboundInvoker out, final ByteBufAllocator alloc, final int length)
    {
        Framing.writeLength(control, 0, length);
        out.writeAndFlush(alloc.buffer(length + 4).writeBytes(control.byteArray(), 0, length + 4));
    }
}
