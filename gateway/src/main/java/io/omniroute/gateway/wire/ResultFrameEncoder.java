package io.omniroute.gateway.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import io.omniroute.engine.Network;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.json.ResultJsonEncoder;
import io.omniroute.gateway.wire.sbe.*;
import io.omniroute.journal.ByteSink;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes engine output as wire frames, on the engine thread: a {@link Decision} as a {@code Result} (structured
 * fields plus the canonical JSON line {@code simulate} writes), and engine events as {@code Availability} and
 * {@code Reorder}. Reuses one JSON generator over a growable byte array, so steady state allocates nothing.
 */
public final class ResultFrameEncoder
{
    private final Engine engine;
    private final Network network;
    private final ResultJsonEncoder json;
    private final ByteSink sink = new ByteSink();
    private final JsonGenerator generator;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ResultEncoder result = new ResultEncoder();
    private final AvailabilityEncoder availability = new AvailabilityEncoder();
    private final ReorderEncoder reorder = new ReorderEncoder();
    private final ErrorEncoder error = new ErrorEncoder();
    private DirectBuffer external;
    private int externalOffset;
    private int externalLength;

    public ResultFrameEncoder(final Engine engine)
    {
        this.engine = engine;
        this.network = engine.network();
        this.json = new ResultJsonEncoder(engine);
        try
        {
            generator = CommandJsonDecoder.fastFactory().createGenerator(sink, JsonEncoding.UTF8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        generator.setRootValueSeparator(null);
    }

    /**
     * Writes the decision's canonical JSON line (no newline) into the internal buffer.
     *
     * @return the frame length {@link #writeResult} will need, prefix included.
     */
    public int prepareResult(final Decision d)
    {
        return prepareResult(d, null, 0, 0);
    }

    /**
     * As {@link #prepareResult(Decision)}, with the line already encoded (by the journal) when {@code line} is not
     * null: it is used as is, valid until {@link #writeResult} returns.
     */
    public int prepareResult(final Decision d, final DirectBuffer line, final int lineOffset, final int lineLength)
    {
        if (line != null)
        {
            external = line;
            externalOffset = lineOffset;
            externalLength = lineLength;
            return Framing.LENGTH_FIELD_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + ResultEncoder.BLOCK_LENGTH +
                ResultEncoder.jsonHeaderLength() + lineLength;
        }
        external = null;
        sink.reset();
        try
        {
            json.encode(d, generator);
            generator.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return Framing.LENGTH_FIELD_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + ResultEncoder.BLOCK_LENGTH +
            ResultEncoder.jsonHeaderLength() + sink.length();
    }

    /**
     * Writes the frame of the decision last passed to {@link #prepareResult}.
     *
     * @return the frame length, prefix included.
     */
    public int writeResult(final Decision d, final long correlationId, final MutableDirectBuffer buffer,
        final int offset)
    {
        result.wrapAndApplyHeader(buffer, offset + Framing.LENGTH_FIELD_LENGTH, header)
            .correlationId(correlationId)
            .seq(d.seq)
            .command(CommandKind.get((short)d.type.ordinal()))
            .status(ResultStatus.get((short)d.status.ordinal()))
            .reason(RejectReason.get((short)d.reason.ordinal()))
            .totalCostCents(d.totalCostCents)
            .shipmentCount(d.topShipmentCount);
        if (external != null)
        {
            result.putJson(external, externalOffset, externalLength);
            external = null;
        }
        else
        {
            result.putJson(sink.bytes(), 0, sink.length());
        }
        return frame(buffer, offset, result.encodedLength());
    }

    /**
     * @return the frame length of event {@code i}, prefix included.
     */
    public int eventLength(final EngineEvents events, final int i)
    {
        if (events.kind(i) == EngineEvents.AVAILABILITY)
        {
            return Framing.LENGTH_FIELD_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + AvailabilityEncoder.BLOCK_LENGTH +
                2 + WireText.utf8Length(channel(events, i)) + 2 + WireText.utf8Length(sku(events, i));
        }
        return Framing.LENGTH_FIELD_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + ReorderEncoder.BLOCK_LENGTH + 2 +
            WireText.utf8Length(network.sku(events.sku(i)));
    }

    /**
     * Writes event {@code i} as a frame.
     *
     * @return the frame length, prefix included.
     */
    public int writeEvent(final EngineEvents events, final int i, final MutableDirectBuffer buffer, final int offset)
    {
        final int m = offset + Framing.LENGTH_FIELD_LENGTH;
        if (events.kind(i) == EngineEvents.AVAILABILITY)
        {
            availability.wrapAndApplyHeader(buffer, m, header).seq(events.seq(i)).available(events.value(i));
            int limit = availability.limit();
            limit = WireText.putVarString(buffer, limit, channel(events, i));
            limit = WireText.putVarString(buffer, limit, sku(events, i));
            availability.limit(limit);
            return frame(buffer, offset, availability.encodedLength());
        }
        reorder.wrapAndApplyHeader(buffer, m, header).seq(events.seq(i)).networkAvailable(events.value(i))
            .reorderPoint(events.value2(i));
        reorder.limit(WireText.putVarString(buffer, reorder.limit(), network.sku(events.sku(i))));
        return frame(buffer, offset, reorder.encodedLength());
    }

    /**
     * Writes an Error frame (a result too large to send, for example).
     */
    public int writeError(final long correlationId, final ErrorCode code, final boolean closing, final String message,
        final MutableDirectBuffer buffer, final int offset)
    {
        return writeErrorFrame(error, header, correlationId, code, closing, message, buffer, offset);
    }

    static int writeErrorFrame(final ErrorEncoder error, final MessageHeaderEncoder header, final long correlationId,
        final ErrorCode code, final boolean closing, final String message, final MutableDirectBuffer buffer,
        final int offset)
    {
        error.wrapAndApplyHeader(buffer, offset + Framing.LENGTH_FIELD_LENGTH, header).correlationId(correlationId)
            .code(code).closing(closing ? BooleanType.TRUE : BooleanType.FALSE).message(message);
        return frame(buffer, offset, error.encodedLength());
    }

    public String channel(final EngineEvents events, final int i)
    {
        return engine.channelName(events.channel(i));
    }

    public String sku(final EngineEvents events, final int i)
    {
        if (events.listing(i) < 0)
        {
            return network.sku(events.sku(i));
        }
        return network.channelListing(network.channelIndex(channel(events, i)), events.sku(i), events.listing(i));
    }

    private static int frame(final MutableDirectBuffer buffer, final int offset, final int encodedLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encodedLength;
        Framing.writeLength(buffer, offset, length);
        return Framing.LENGTH_FIELD_LENGTH + length;
    }
}
