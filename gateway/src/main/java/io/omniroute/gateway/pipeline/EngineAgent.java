package io.omniroute.gateway.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.gateway.metrics.DecisionLatency;
import io.omniroute.journal.JournaledEngine;
import io.omniroute.journal.ResultLineEncoder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * The engine thread, the single writer: polls the ring for published command slots, applies each one (engine, on
 * the command the publisher decoded; result line into the slot; journal append), and at the end of each batch
 * flushes the journal per the durability mode and only then advances the durable sequence that lets results out. A batch is whatever the
 * producers published since the last poll, capped at {@code maxBatch}.
 * <p>
 * Before applying a slot it has not read ahead for, it notes the commands of the next {@link Engine#PREFETCH_AHEAD}
 * published slots and has the engine read their order ids' index slots at once ({@link Engine#prefetch}): one
 * overlapped wait for memory instead of one per new order.
 * <p>
 * A failure while applying a command (a bug, or the disk) stops the agent: the commands before it in the batch are
 * made durable and published, the failing one is not, and the pipeline reports the error. The engine's state may be
 * half-changed by the failing command; the journal is not, so a restart recovers a consistent state.
 */
final class EngineAgent implements Agent, EventPoller.Handler<CommandSlot>
{
    private final EventPoller<CommandSlot> poller;
    /** The ring, for reading ahead of the poller; null when not reading ahead. */
    private final RingBuffer<CommandSlot> ring;
    private long readAheadTo;
    private final JournaledEngine journaled;
    private final Sequence durable;
    private final int maxBatch;
    private final Context.EngineThreadListener listener;
    private final DecisionLatency latency;
    private int batch;
    private long lastApplied = -1;
    private volatile Throwable failure;

    EngineAgent(final EventPoller<CommandSlot> poller, final RingBuffer<CommandSlot> ring,
        final JournaledEngine journaled, final Sequence durable, final int maxBatch,
        final Context.EngineThreadListener listener, final DecisionLatency latency)
    {
        this.poller = poller;
        this.ring = ring;
        this.journaled = journaled;
        this.durable = durable;
        this.maxBatch = maxBatch;
        this.listener = listener;
        this.latency = latency;
    }

    @Override
    public int doWork() throws Exception
    {
        batch = 0;
        poller.poll(this);
        final int applied = batch;
        if (applied > 0)
        {
            endOfBatch();
        }
        final Throwable f = failure;
        if (f != null)
        {
            throw new AgentTerminationException(f);
        }
        return applied;
    }

    private void endOfBatch()
    {
        journaled.endOfBatch();
        if (listener != null)
        {
            listener.onDurable(journaled.engine().lastSeq());
        }
        durable.set(lastApplied);
    }

    @Override
    public boolean onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        try
        {
            final long startNs = latency != null ? System.nanoTime() : 0; // the read-ahead is the engine's work too
            if (sequence >= readAheadTo && ring != null)
            {
                readAhead(sequence);
            }
            final Decision d = slot.decoded ?
                journaled.apply(slot.decodedCommand, slot.command, 0, slot.commandLength, slot.ingressTimeNs) :
                journaled.apply(slot.command, 0, slot.commandLength, slot.ingressTimeNs);
            if (latency != null)
            {
                latency.record(System.nanoTime() - startNs);
            }
            final ResultLineEncoder line = journaled.resultLine();
            slot.result.putBytes(0, line.array(), 0, line.length());
            slot.resultLength = line.length();
            slot.seq = d.seq;
            slot.type = d.type;
            slot.status = d.status;
            slot.reason = d.reason;
            slot.totalCostCents = d.totalCostCents;
            if (listener != null)
            {
                listener.onResult(slot, d);
            }
        }
        catch (final Throwable t)
        {
            failure = t;
            if (listener != null)
            {
                listener.onFailure(slot, t);
            }
            return false;
        }
        lastApplied = sequence;
        return ++batch < maxBatch;
    }

    /**
     * Has the engine read ahead for the slots from {@code sequence} on that are published (a single producer's cursor
     * is the last published slot; reading it makes their contents visible here).
     */
    private void readAhead(final long sequence)
    {
        final Engine engine = journaled.engine();
        final long last = Math.min(ring.getCursor(), sequence + Engine.PREFETCH_AHEAD - 1);
        for (long s = sequence; s <= last; s++)
        {
            final CommandSlot slot = ring.get(s);
            if (slot.decoded)
            {
                engine.expect(slot.decodedCommand);
            }
        }
        engine.prefetch();
        readAheadTo = last + 1;
    }

    Throwable failure()
    {
        return failure;
    }

    @Override
    public void onClose()
    {
        // the caller finishes (final snapshot, journal close) on its own thread once this thread has stopped
    }

    @Override
    public String roleName()
    {
        return "omniroute-engine";
    }
}
