package io.omniroute.gateway.server;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.gateway.pipeline.CommandSlot;
import io.omniroute.gateway.pipeline.Context;
import io.omniroute.gateway.pipeline.Pipeline;
import io.omniroute.gateway.pipeline.ResultAdapter;

/**
 * The gateway over the Disruptor + journal {@link Pipeline}: commands go into the pipeline's ring with the gateway's
 * tag as correlation; results and events are taken on the engine thread through the pipeline's
 * {@link Context.EngineThreadListener} (while the engine's state is the decision's) and released to clients when
 * the pipeline says the batch is durable. The pipeline's own result adapter is polled only to free the slots.
 */
public final class PipelineEngineDriver implements EngineDriver
{
    private static final ResultAdapter.ResultHandler RELEASE = slot ->
    {
    };

    private final Context ctx;
    private Pipeline pipeline;
    private long recoveredSeq;

    /**
     * @param ctx the pipeline's settings (network, journal, durability, idle strategy); its engine-thread listener
     *            and events listener are set here.
     */
    public PipelineEngineDriver(final Context ctx)
    {
        this.ctx = ctx;
    }

    @Override
    public void start(final ResultSink sink)
    {
        ctx.eventsListener((engine, events) -> sink.onEvents(events), false);
        ctx.engineThreadListener(new Context.EngineThreadListener()
        {
            @Override
            public void onResult(final CommandSlot slot, final Decision decision)
            {
                sink.onResult(slot.correlationId(), decision, slot.resultLine(), 0, slot.resultLength());
            }

            @Override
            public void onDurable(final long seq)
            {
                sink.onDurable();
            }
        });
        pipeline = Pipeline.launch(ctx);
        recoveredSeq = pipeline.recovery().lastSeq();
        sink.onStart(pipeline.engine()); // read by the sink on the engine thread only
    }

    @Override
    public boolean offer(final Command command, final long tag, final long ingressTimeNs)
    {
        pipeline.results().poll(RELEASE, Integer.MAX_VALUE);
        return pipeline.error() == null && pipeline.publisher().offer(command, tag);
    }

    @Override
    public long lastSeq()
    {
        return pipeline == null ? 0 : recoveredSeq + pipeline.durableCount();
    }

    @Override
    public Throwable failure()
    {
        return pipeline == null ? null : pipeline.error();
    }

    @Override
    public String describe()
    {
        return pipeline.recovery().describe() + ", durability " + ctx.durability().cliName() +
            "; Disruptor pipeline of " + ctx.ringSize() + " slots, engine thread idle: " + ctx.idleStrategy();
    }

    @Override
    public void close()
    {
        if (pipeline != null)
        {
            pipeline.close();
        }
    }
}
