package io.omniroute.gateway.pipeline;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * Hands durable results back to the producing side: reads the slots the engine thread has filled, up to the durable
 * sequence (so every result handed out is in the journal per the durability mode), in order, then releases the
 * slots for reuse. Polled by one thread, typically the one that publishes.
 */
public final class ResultAdapter
{
    /**
     * Receives one durable result; the slot is valid during the call only.
     */
    @FunctionalInterface
    public interface ResultHandler
    {
        void onResult(CommandSlot slot);
    }

    private final RingBuffer<CommandSlot> ring;
    private final Sequence durable;
    private final Sequence consumed;

    ResultAdapter(final RingBuffer<CommandSlot> ring, final Sequence durable, final Sequence consumed)
    {
        this.ring = ring;
        this.durable = durable;
        this.consumed = consumed;
    }

    /**
     * @return the number of results handed to {@code handler} (at most {@code limit}).
     */
    public int poll(final ResultHandler handler, final int limit)
    {
        final long from = consumed.get() + 1;
        final long to = Math.min(durable.get(), from + limit - 1);
        if (to < from)
        {
            return 0;
        }
        for (long s = from; s <= to; s++)
        {
            handler.onResult(ring.get(s));
        }
        consumed.set(to);
        return (int)(to - from + 1);
    }

    /**
     * @return results published by the engine and not yet polled.
     */
    public long pending()
    {
        return durable.get() - consumed.get();
    }
}
