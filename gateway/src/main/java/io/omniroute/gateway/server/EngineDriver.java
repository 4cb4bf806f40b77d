package io.omniroute.gateway.server;

import io.omniroute.engine.Command;

/**
 * What the gateway needs from whatever applies commands to the engine: it takes decoded commands from the I/O
 * thread, and hands results back to a {@link ResultSink} once they are durable. Implemented by
 * {@link LocalEngineDriver} (one engine thread of the gateway's own, with or without the journal) and meant to be
 * implemented by the Disruptor + journal pipeline.
 * <p>
 * Threading: {@link #offer} is called only by the gateway's I/O thread; {@link #start(ResultSink)} and
 * {@link #close()} by the thread that owns the server.
 */
public interface EngineDriver extends AutoCloseable
{
    /**
     * Recovers state (journal replay where there is a journal) and starts applying commands. Blocks until recovered,
     * so the server accepts connections only afterwards.
     */
    void start(ResultSink sink);

    /**
     * Hands one command to the engine (copying what it needs: {@code command} is reused by the caller). Its result
     * comes back to the sink with the same {@code tag}; tags are offered in increasing order and results come back in
     * the same order.
     *
     * @param ingressTimeNs when the command's frame was read ({@link System#nanoTime()}), journaled as metadata.
     * @return false when the engine is too far behind and nothing was taken: the caller stops reading and offers the
     * command again when results come back.
     */
    boolean offer(Command command, long tag, long ingressTimeNs);

    /**
     * Called by the I/O thread once per pass of its event loop in which it offered commands, after the pass's reads,
     * when {@link #endsBatchesOnIoThread()}: a driver that applies commands on the I/O thread makes them durable and
     * hands their results to the sink here.
     */
    default void endOfBatch()
    {
    }

    /**
     * @return whether the I/O thread must call {@link #endOfBatch()} (a driver applying commands on that thread).
     */
    default boolean endsBatchesOnIoThread()
    {
        return false;
    }

    /**
     * @return the sequence of the last command applied (any thread; may lag).
     */
    long lastSeq();

    /**
     * @return the error that stopped the engine, or null while it runs.
     */
    default Throwable failure()
    {
        return null;
    }

    /**
     * A one-line description for the startup banner: durability, journal, idle strategy.
     */
    String describe();

    /**
     * Stops: applies every command already published, hands their results to the sink, makes them durable and writes
     * a snapshot where the driver keeps them. Blocks until done.
     */
    @Override
    void close();
}
