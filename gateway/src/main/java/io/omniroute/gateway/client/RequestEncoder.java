package io.omniroute.gateway.client;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.wire.CommandWireEncoder;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Turns a request into its frame with the next correlation id, and decides whether it is safe to repeat after a
 * lost connection. Called from any thread: one lock around the shared scratch buffers.
 */
final class RequestEncoder
{
    private final Object encodeLock = new Object();
    private final CommandJsonDecoder jsonDecoder = new CommandJsonDecoder();
    private final CommandWireEncoder encoder = new CommandWireEncoder();
    private final ExpandableArrayBuffer frameBuffer = new ExpandableArrayBuffer(4096);
    private final Command scratch = new Command();
    private long nextCorrelationId;

    /**
     * A JSON Lines command as its structured SBE message when it has one, else as a JSON command.
     */
    InFlight encodeJson(final String line)
    {
        synchronized (encodeLock)
        {
            jsonDecoder.decode(line, scratch);
            final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            final long correlationId = ++nextCorrelationId;
            final int length = encoder.encode(scratch, correlationId, bytes, 0, bytes.length, frameBuffer, 0);
            return newInFlight(correlationId, length, scratch.type);
        }
    }

    /**
     * A JSON Lines command given as the bytes of its line (which need not be valid UTF-8: the server then rejects it
     * as simulate does), as its structured SBE message when it has one, else as a JSON command.
     */
    InFlight encodeJson(final byte[] line, final int offset, final int length)
    {
        synchronized (encodeLock)
        {
            jsonDecoder.decode(line, offset, length, scratch);
            final long correlationId = ++nextCorrelationId;
            final int frameLength = encoder.encode(scratch, correlationId, line, offset, length, frameBuffer, 0);
            return newInFlight(correlationId, frameLength, scratch.type);
        }
    }

    /**
     * An engine command as its structured message.
     *
     * @throws IllegalArgumentException when it has none ({@link CommandWireEncoder#isStructured}).
     */
    InFlight encodeStructured(final Command command)
    {
        synchronized (encodeLock)
        {
            if (!CommandWireEncoder.isStructured(command))
            {
                throw new IllegalArgumentException("command cannot be sent as a structured message: " +
                    (command.invalidMessage != null ? command.invalidMessage : "use submitJson"));
            }
            final long correlationId = ++nextCorrelationId;
            final int length = encoder.encodeStructured(command, correlationId, frameBuffer, 0);
            return newInFlight(correlationId, length, command.type);
        }
    }

    private InFlight newInFlight(final long correlationId, final int length, final CommandType type)
    {
        final byte[] frame = new byte[length];
        frameBuffer.getBytes(0, frame);
        return new InFlight(correlationId, frame, repeatable(type));
    }

    /**
     * Whether sending the command again after a lost connection cannot apply it twice.
     */
    static boolean repeatable(final CommandType type)
    {
        switch (type)
        {
            case ORDER:
            case CANCEL:
            case HOLD:
            case RELEASE:
            case QUOTE:
            case STATUS:
            case KPI:
            case SNAPSHOT:
            case UNKNOWN: // an invalid command changes nothing
                return true;
            default:
                return false;
        }
    }
}
