package io.omniroute.gateway.pipeline;

import com.lmax.disruptor.RingBuffer;
import io.omniroute.engine.Command;
import io.omniroute.engine.Network;
import io.omniroute.journal.CommandCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Puts commands into the pipeline's ring: claims a slot, encodes the command into it in the journal's binary form,
 * decodes that form into the slot's command object and looks its names up in the network (on this thread: the engine
 * thread only applies it), stamps the ingress time, publishes, and wakes the engine thread if it is parked. Never
 * blocks: when the ring is full (the engine, or the producer's own reading of results, is behind) {@link #offer}
 * returns false and the caller drains results and tries again. One publisher per producing thread.
 */
public final class CommandPublisher
{
    private final RingBuffer<CommandSlot> ring;
    private final CommandCodec codec = new CommandCodec();
    private final CommandCodec decoder = new CommandCodec();
    private final boolean decodes;
    private final Network network;
    private final EpochNanoClock clock;
    private final WakeableIdleStrategy engineIdle;
    private long published;

    /**
     * @param network the network whose names the decoder pins, or null to leave decoding to the engine thread.
     */
    CommandPublisher(final RingBuffer<CommandSlot> ring, final EpochNanoClock clock,
        final WakeableIdleStrategy engineIdle, final Network network)
    {
        decodes = network != null;
        this.network = network;
        if (decodes)
        {
            decoder.pinNames(network);
        }
        this.ring = ring;
        this.clock = clock;
        this.engineIdle = engineIdle;
    }

    /**
     * @param correlationId the producer's tag, handed back with the result.
     * @return false when the ring has no free slot (nothing was taken).
     */
    public boolean offer(final Command command, final long correlationId)
    {
        return offer(command, correlationId, clock.nanoTime());
    }

    /**
     * As {@link #offer(Command, long)}, with the ingress time stamped by the caller (when the frame was read).
     */
    public boolean offer(final Command command, final long correlationId, final long ingressTimeNs)
    {
        if (!ring.hasAvailableCapacity(1))
        {
            return false;
        }
        final long sequence = ring.next();
        final CommandSlot slot = ring.get(sequence);
        slot.commandLength = codec.encode(command, slot.command, 0);
        slot.decoded = decode(slot);
        slot.correlationId = correlationId;
        slot.ingressTimeNs = ingressTimeNs;
        ring.publish(sequence);
        engineIdle.wake();
        published++;
        return true;
    }

    /**
     * Offers a command already in binary form (an SBE {@code Command} message, as {@link CommandCodec} writes it).
     */
    public boolean offer(final DirectBuffer command, final int offset, final int length, final long correlationId)
    {
        if (!ring.hasAvailableCapacity(1))
        {
            return false;
        }
        final long sequence = ring.next();
        final CommandSlot slot = ring.get(sequence);
        slot.command.putBytes(0, command, offset, length);
        slot.commandLength = length;
        slot.decoded = decode(slot);
        slot.correlationId = correlationId;
        slot.ingressTimeNs = clock.nanoTime();
        ring.publish(sequence);
        engineIdle.wake();
        published++;
        return true;
    }

    /**
     * Decodes the slot's bytes on this thread, as the engine thread would, so that it only applies them.
     *
     * @return false when they do not decode (the engine thread then decodes them itself and fails as it always did),
     * or when this publisher leaves decoding to the engine thread.
     */
    private boolean decode(final CommandSlot slot)
    {
        if (!decodes)
        {
            return false;
        }
        try
        {
            decoder.decode(slot.command, 0, slot.commandLength, slot.decodedCommand);
            slot.decodedCommand.resolveNames(network); // the engine thread then skips these look-ups
            return true;
        }
        catch (final RuntimeException notACommand)
        {
            return false;
        }
    }

    /**
     * @return commands published through this publisher.
     */
    public long published()
    {
        return published;
    }
}
