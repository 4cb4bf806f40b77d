package io.omniroute.gateway.server;

import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import io.omniroute.gateway.wire.Framing;
import io.omniroute.gateway.wire.ResultFrameEncoder;
import io.omniroute.gateway.wire.sbe.ErrorCode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The engine thread's side of the way back: encodes each result and event as a wire frame into a staging buffer, and
 * when the driver says the batch is durable moves the staged frames into the ring the I/O thread drains, then wakes
 * it. Nothing reaches a client before it is durable. If the ring is full the engine waits for the I/O thread, which
 * never waits for a client (slow clients are dropped there), so the wait is short.
 * <p>
 * Ring records: type {@link #MSG_RESULT} = [long tag][frame]; {@link #MSG_EVENT} = [frame]. A result frame is
 * written with correlation id 0: the I/O thread knows which session and request a tag stands for and patches it in.
 */
final class OutboundPublisher implements ResultSink
{
    static final int MSG_RESULT = 1;
    static final int MSG_EVENT = 2;
    private static final int RECORD_HEADER = 8; // [int type][int length]

    private final OneToOneRingBuffer ring;
    private final Runnable wakeIo;
    private final GatewayCounters counters;
    private final ExpandableDirectByteBuffer staging = new ExpandableDirectByteBuffer(1 << 20);
    private final int maxFrame;
    private int stagedLength;
    private ResultFrameEncoder encoder;
    private volatile Engine engine;
    private volatile int subscribers;

    OutboundPublisher(final OneToOneRingBuffer ring, final Runnable wakeIo, final GatewayCounters counters)
    {
        this.ring = ring;
        this.wakeIo = wakeIo;
        this.counters = counters;
        this.maxFrame = Math.min(Framing.MAX_OUTBOUND_FRAME_LENGTH, ring.maxMsgLength() - 8);
    }

    /**
     * Set by the I/O thread: with no subscriber, events are not encoded.
     */
    void subscribers(final int count)
    {
        subscribers = count;
    }

    @Override
    public void onStart(final Engine engine)
    {
        encoder = new ResultFrameEncoder(engine);
        this.engine = engine;
    }

    /**
     * The engine once started (for its thread-safe live KPIs), else null.
     */
    Engine engine()
    {
        return engine;
    }

    @Override
    public void onResult(final long tag, final Decision decision, final DirectBuffer line, final int lineOffset,
        final int lineLength)
    {
        final int frameLength = encoder.prepareResult(decision, line, lineOffset, lineLength);
        final int record = stagedLength;
        staging.checkLimit(record + RECORD_HEADER + 8 + Math.min(frameLength, maxFrame) + 256);
        staging.putLong(record + RECORD_HEADER, tag);
        final int written;
        if (frameLength <= maxFrame)
        {
            written = encoder.writeResult(decision, 0, staging, record + RECORD_HEADER + 8);
        }
        else
        {
            counters.increment(GatewayCounters.Counter.RESULTS_TOO_LARGE);
            written = encoder.writeError(0, ErrorCode.RESULT_TOO_LARGE, false,
                "result of seq " + decision.seq + " is " + frameLength + " bytes, over the frame limit of " + maxFrame +
                "; it is in the journal", staging, record + RECORD_HEADER + 8);
        }
        staging.putInt(record, MSG_RESULT);
        staging.putInt(record + 4, 8 + written);
        stagedLength = record + RECORD_HEADER + 8 + written;
    }

    @Override
    public void onFailure(final long tag, final String message)
    {
        final int record = stagedLength;
        staging.checkLimit(record + RECORD_HEADER + 8 + 64 + message.length() * 3);
        staging.putLong(record + RECORD_HEADER, tag);
        final int written = encoder.writeError(0, ErrorCode.INTERNAL_ERROR, false, message, staging,
            record + RECORD_HEADER + 8);
        staging.putInt(record, MSG_RESULT);
        staging.putInt(record + 4, 8 + written);
        stagedLength = record + RECORD_HEADER + 8 + written;
    }

    @Override
    public void onEvents(final EngineEvents events)
    {
        if (subscribers == 0)
        {
            return;
        }
        for (int i = 0, n = events.count(); i < n; i++)
        {
            final int frameLength = encoder.eventLength(events, i);
            final int record = stagedLength;
            staging.checkLimit(record + RECORD_HEADER + frameLength);
            final int written = encoder.writeEvent(events, i, staging, record + RECORD_HEADER);
            staging.putInt(record, MSG_EVENT);
            staging.putInt(record + 4, written);
            stagedLength = record + RECORD_HEADER + written;
        }
    }

    @Override
    public void onDurable()
    {
        int pos = 0;
        while (pos < stagedLength)
        {
            final int type = staging.getInt(pos);
            final int length = staging.getInt(pos + 4);
            int spins = 0;
            while (!ring.write(type, staging, pos + RECORD_HEADER, length))
            {
                counters.increment(GatewayCounters.Counter.ENGINE_BACKPRESSURE_STALLS);
                wakeIo.run();
                if (++spins > 100)
                {
                    Thread.yield();
                }
            }
            pos += RECORD_HEADER + length;
        }
        if (stagedLength > 0)
        {
            stagedLength = 0;
            wakeIo.run();
        }
    }
}
