package io.omniroute.gateway.pipeline;

import io.omniroute.engine.Command;
import io.omniroute.engine.json.CommandJsonDecoder;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives a pipeline from one thread as a producer would: publishes JSON lines as commands and collects the durable
 * results in order.
 */
final class PipelineHarness
{
    private PipelineHarness()
    {
    }

    /**
     * @param onResult told each result line as it comes back (may be null).
     * @return the result lines, in order.
     */
    static List<String> run(final Pipeline p, final List<String> lines, final Consumer<CommandSlot> onResult)
    {
        final CommandJsonDecoder json = new CommandJsonDecoder();
        final Command cmd = new Command();
        final List<String> results = new ArrayList<>(lines.size());
        final IdleStrategy idle = p.newIdleStrategy();
        final ResultAdapter.ResultHandler handler = slot ->
        {
            if (slot.correlationId() != results.size())
            {
                throw new AssertionError("result for " + slot.correlationId() + ", expected " + results.size());
            }
            results.add(slot.resultString());
            if (onResult != null)
            {
                onResult.accept(slot);
            }
        };
        final long deadline = System.nanoTime() + 120_000_000_000L;
        for (int i = 0; i < lines.size(); i++)
        {
            json.decode(lines.get(i), cmd);
            while (!p.publisher().offer(cmd, i))
            {
                idle.idle(p.results().poll(handler, 256));
                check(p, deadline);
            }
            p.results().poll(handler, 256);
        }
        while (results.size() < lines.size())
        {
            idle.idle(p.results().poll(handler, 256));
            check(p, deadline);
        }
        return results;
    }

    private static void check(final Pipeline p, final long deadline)
    {
        if (p.error() != null)
        {
            throw new AssertionError("pipeline failed", p.error());
        }
        if (System.nanoTime() > deadline)
        {
            throw new AssertionError("pipeline made no progress");
        }
    }
}
