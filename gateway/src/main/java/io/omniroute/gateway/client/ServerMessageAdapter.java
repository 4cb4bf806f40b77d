package io.omniroute.gateway.client;

import io.netty.buffer.ByteBuf;
import io.omniroute.gateway.wire.MessageValidator;
import io.omniroute.gateway.wire.sbe.AvailabilityDecoder;
import io.omniroute.gateway.wire.sbe.BooleanType;
import io.omniroute.gateway.wire.sbe.CommandKind;
import io.omniroute.gateway.wire.sbe.ErrorCode;
import io.omniroute.gateway.wire.sbe.ErrorDecoder;
import io.omniroute.gateway.wire.sbe.LogonAckDecoder;
import io.omniroute.gateway.wire.sbe.MessageHeaderDecoder;
import io.omniroute.gateway.wire.sbe.RejectReason;
import io.omniroute.gateway.wire.sbe.ReorderDecoder;
import io.omniroute.gateway.wire.sbe.ResultDecoder;
import io.omniroute.gateway.wire.sbe.ResultStatus;
import io.omniroute.gateway.wire.sbe.SubscribeAckDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the frames the server sends: validates each, decodes it with reused flyweights and dispatches it to a
 * {@link Handler}; event feeds go straight to the subscriber's {@link EventListener}. Used only on the client's I/O
 * thread.
 */
final class ServerMessageAdapter
{
    /**
     * What the connection does with the server's messages.
     */
    interface Handler
    {
        /** A command's result; {@code d} is valid only during the call. */
        void onResult(long correlationId, ResultDecoder d);

        void onError(long correlationId, ErrorCode code, boolean closing, String message);

        void onLogonAck(long sessionId, long lastSeq, long maxFrameLength);

        void onSubscribeAck();

        /** The subscriber of event feeds, or null. */
        EventListener eventListener();
    }

    private final Handler handler;
    private final UnsafeBuffer in = new UnsafeBuffer(0, 0);
    private byte[] inScratch = new byte[4096];
    private final ResultDecoder resultDecoder = new ResultDecoder();
    private final ErrorDecoder errorDecoder = new ErrorDecoder();
    private final LogonAckDecoder logonAckDecoder = new LogonAckDecoder();
    private final AvailabilityDecoder availabilityDecoder = new AvailabilityDecoder();
    private final ReorderDecoder reorderDecoder = new ReorderDecoder();
    private final MessageValidator validator = new MessageValidator();

    ServerMessageAdapter(final Handler handler)
    {
        this.handler = handler;
    }

    /**
     * Validates one frame (without its length prefix) and dispatches it.
     *
     * @return false when the frame is not a valid message ({@link #error()} says why); nothing was dispatched.
     */
    boolean onFrame(final ByteBuf frame)
    {
        final int length = frame.readableBytes();
        if (frame.hasArray())
        {
            in.wrap(frame.array(), frame.arrayOffset() + frame.readerIndex(), length);
        }
        else
        {
            if (inScratch.length < length)
            {
                inScratch = new byte[Math.max(length, inScratch.length * 2)];
            }
            frame.getBytes(frame.readerIndex(), inScratch, 0, length);
            in.wrap(inScratch, 0, length);
        }
        if (validator.validate(in, 0, length) != MessageValidator.OK)
        {
            return false;
        }
        onMessage(validator.templateId(), validator.blockLength(), validator.version());
        return true;
    }

    /**
     * @return why the last frame refused by {@link #onFrame} is not valid.
     */
    String error()
    {
        return validator.error();
    }

    private void onMessage(final int templateId, final int blockLength, final int version)
    {
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case ResultDecoder.TEMPLATE_ID:
            {
                final ResultDecoder d = resultDecoder.wrap(in, body, blockLength, version);
                handler.onResult(d.correlationId(), d);
                break;
            }
            case ErrorDecoder.TEMPLATE_ID:
            {
                final ErrorDecoder d = errorDecoder.wrap(in, body, blockLength, version);
                final long correlationId = d.correlationId();
                final short codeRaw = d.codeRaw();
                final boolean closing = d.closingRaw() == BooleanType.TRUE.value();
                final String message = d.message();
                handler.onError(correlationId, errorCode(codeRaw), closing, message);
                break;
            }
            case LogonAckDecoder.TEMPLATE_ID:
            {
                final LogonAckDecoder d = logonAckDecoder.wrap(in, body, blockLength, version);
                handler.onLogonAck(d.sessionId(), d.lastSeq(), d.maxFrameLength());
                break;
            }
            case SubscribeAckDecoder.TEMPLATE_ID:
                handler.onSubscribeAck();
                break;
            case AvailabilityDecoder.TEMPLATE_ID:
            {
                final EventListener listener = handler.eventListener();
                if (listener != null)
                {
                    final AvailabilityDecoder d = availabilityDecoder.wrap(in, body, blockLength, version);
                    final long seq = d.seq();
                    final long available = d.available();
                    listener.onAvailability(seq, d.channel(), d.sku(), available);
                }
                break;
            }
            case ReorderDecoder.TEMPLATE_ID:
            {
                final EventListener listener = handler.eventListener();
                if (listener != null)
                {
                    final ReorderDecoder d = reorderDecoder.wrap(in, body, blockLength, version);
                    final long seq = d.seq();
                    final long networkAvailable = d.networkAvailable();
                    final long reorderPoint = d.reorderPoint();
                    listener.onReorder(seq, d.sku(), networkAvailable, reorderPoint);
                }
                break;
            }
            default:
                break; // heartbeats, and messages of newer versions this client does not know
        }
    }

    /**
     * The client's view of a result message.
     */
    static ClientResult result(final ResultDecoder d)
    {
        return new ClientResult(d.correlationId(), d.seq(), kind(d.commandRaw()), status(d.statusRaw()),
            reason(d.reasonRaw()), d.totalCostCents(), d.json());
    }

    private static CommandKind kind(final short raw)
    {
        return raw >= 0 && raw <= CommandKind.UNKNOWN.value() ? CommandKind.get(raw) : CommandKind.NULL_VAL;
    }

    private static ResultStatus status(final short raw)
    {
        return raw >= 0 && raw <= ResultStatus.HELD.value() ? ResultStatus.get(raw) : ResultStatus.NULL_VAL;
    }

    private static RejectReason reason(final short raw)
    {
        return raw >= 0 && raw <= RejectReason.HOLD_EXPIRED.value() ? RejectReason.get(raw) : RejectReason.NULL_VAL;
    }

    private static ErrorCode errorCode(final short raw)
    {
        return raw >= 1 && raw <= ErrorCode.RESULT_TOO_LARGE.value() ? ErrorCode.get(raw) : ErrorCode.NULL_VAL;
    }
}
