package io.omniroute.gateway.server;

import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import org.agrona.DirectBuffer;

/**
 * Where an {@link EngineDriver} hands results and events. Called on the engine thread, in sequence order, while the
 * engine's state is the one the decision was made in (so names and KPIs can be read). Nothing may reach a client
 * before {@link #onDurable()} says the results so far are in the journal per the durability mode.
 */
public interface ResultSink
{
    /**
     * The driver's engine, once recovered (before the first result).
     */
    void onStart(Engine engine);

    /**
     * The result of the command offered with {@code tag}.
     *
     * @param line the canonical result line already encoded by the driver (the journal's form), or null: the sink
     *             encodes it.
     */
    void onResult(long tag, Decision decision, DirectBuffer line, int lineOffset, int lineLength);

    /**
     * A command that could not be applied or journaled (a bug, or the disk): the client is told, the error counted.
     */
    void onFailure(long tag, String message);

    /**
     * The availability and reorder events of the batch just applied.
     */
    void onEvents(EngineEvents events);

    /**
     * Every result and event handed over so far is durable: they may go out.
     */
    void onDurable();
}
