package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import io.omniroute.journal.sbe.JournalEntryDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A view of the entry a {@link JournalReader} is on: valid until the reader moves. Flyweight: no copies are made
 * until asked for ({@link #resultLine()}, {@link #decodeCommand}).
 */
public final class JournalEntry
{
    private final UnsafeBuffer command = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer result = new UnsafeBuffer(0, 0);
    private long index;
    private long seq;
    private long ingressTimeNs;
    private long totalCostCents;
    private Status status;
    private Reason reason;
    private CommandType commandType;

    void wrap(final long index, final JournalEntryDecoder decoder)
    {
        this.index = index;
        seq = decoder.seq();
        ingressTimeNs = decoder.ingressTimeNs();
        totalCostCents = decoder.totalCostCents();
        status = CommandCodec.status(decoder.status());
        reason = CommandCodec.reason(decoder.reason());
        commandType = CommandCodec.type(decoder.commandType());
        decoder.wrapCommand(command);
        decoder.wrapResult(result);
    }

    /**
     * @return the entry's Chronicle index (for seeking back to it).
     */
    public long index()
    {
        return index;
    }

    public long seq()
    {
        return seq;
    }

    public long ingressTimeNs()
    {
        return ingressTimeNs;
    }

    public long totalCostCents()
    {
        return totalCostCents;
    }

    /**
     * @return the status, or null when written by a newer version with a status this one does not know.
     */
    public Status status()
    {
        return status;
    }

    public Reason reason()
    {
        return reason;
    }

    public CommandType commandType()
    {
        return commandType;
    }

    /**
     * @return the SBE {@code Command} message bytes (header included).
     */
    public DirectBuffer command()
    {
        return command;
    }

    /**
     * @return the result line's bytes (UTF-8 JSON, no newline).
     */
    public DirectBuffer result()
    {
        return result;
    }

    public Command decodeCommand(final CommandCodec codec, final Command into)
    {
        return codec.decode(command, 0, command.capacity(), into);
    }

    public String resultLine()
    {
        final byte[] bytes = new byte[result.capacity()];
        result.getBytes(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @return whether the journaled result line equals {@code bytes[0, length)} byte for byte.
     */
    public boolean resultEquals(final byte[] bytes, final int length)
    {
        return sameBytes(result, bytes, length);
    }

    /**
     * @return whether the journaled command message equals {@code bytes[0, length)} byte for byte.
     */
    public boolean commandEquals(final byte[] bytes, final int length)
    {
        return sameBytes(command, bytes, length);
    }

    private static boolean sameBytes(final DirectBuffer journaled, final byte[] bytes, final int length)
    {
        if (length != journaled.capacity())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (journaled.getByte(i) != bytes[i])
            {
                return false;
            }
        }
        return true;
    }
}
