package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.Network;
import io.omniroute.engine.json.CommandJsonDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference for journal and pipeline tests: the same JSON lines straight through a fresh engine, as simulate
 * runs them, keeping every result line and the state hash after each prefix on request.
 */
public final class DirectRun
{
    private final Engine engine;
    private final CommandJsonDecoder decoder = new CommandJsonDecoder();
    private final Command command = new Command();
    private final Decision decision = new Decision();
    private final ResultLineEncoder lines;
    public final List<String> results = new ArrayList<>();

    public DirectRun(final Network network)
    {
        engine = new Engine(network);
        lines = new ResultLineEncoder(engine);
    }

    public String apply(final String json)
    {
        decoder.decode(json, command);
        engine.apply(command, decision);
        final int n = lines.encode(decision);
        engine.endOfBatch();
        final String line = new String(lines.array(), 0, n, StandardCharsets.UTF_8);
        results.add(line);
        return line;
    }

    public DirectRun applyAll(final List<String> json)
    {
        json.forEach(this::apply);
        return this;
    }

    public Engine engine()
    {
        return engine;
    }

    public long stateHash()
    {
        return EngineSnapshot.stateHash(engine);
    }
}
