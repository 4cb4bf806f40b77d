package io.omniroute.gateway.pipeline;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One pre-allocated slot of the pipeline's ring. The producer writes a binary command (the journal's SBE
 * {@code Command} message) and its correlation; the engine thread writes the decision's summary and result line into
 * the same slot; the producer's {@link ResultAdapter} reads them back once the slot's entry is durable. The buffers
 * grow for an outsized command and then stay, so the steady state allocates nothing.
 */
public final class CommandSlot
{
    final ExpandableArrayBuffer command = new ExpandableArrayBuffer(1024);
    int commandLength;
    /**
     * The same command decoded from {@link #command} by the publisher, on its thread, when {@link #decoded} is set:
     * the engine thread then applies it without decoding (names resolved to the network's own instances).
     */
    final Command decodedCommand = new Command();
    boolean decoded;
    long correlationId;
    long ingressTimeNs;

    final ExpandableArrayBuffer result = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer resultView = new UnsafeBuffer(0, 0);
    int resultLength;
    long seq;
    CommandType type;
    Status status;
    Reason reason;
    long totalCostCents;

    /**
     * @return the producer's correlation (a client request id, a line number …).
     */
    public long correlationId()
    {
        return correlationId;
    }

    public long ingressTimeNs()
    {
        return ingressTimeNs;
    }

    /**
     * @return the engine's sequence for the command (its journal entry).
     */
    public long seq()
    {
        return seq;
    }

    public CommandType type()
    {
        return type;
    }

    public Status status()
    {
        return status;
    }

    public Reason reason()
    {
        return reason;
    }

    public long totalCostCents()
    {
        return totalCostCents;
    }

    /**
     * @return the result line (UTF-8 JSON, no newline), valid during the callback.
     */
    public DirectBuffer resultLine()
    {
        resultView.wrap(result.byteArray(), 0, resultLength);
        return resultView;
    }

    public int resultLength()
    {
        return resultLength;
    }

    /**
     * The result line's bytes are {@code resultArray()[0, resultLength())}.
     */
    public byte[] resultArray()
    {
        return result.byteArray();
    }

    public String resultString()
    {
        return new String(result.byteArray(), 0, resultLength, StandardCharsets.UTF_8);
    }
}
