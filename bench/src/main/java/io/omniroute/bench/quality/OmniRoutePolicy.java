package io.omniroute.bench.quality;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.Status;
import io.omniroute.engine.json.CommandJsonDecoder;

/**
 * OmniRoute's exact routing: the order's JSON line through a real {@link Engine}, the decision read back as a plan.
 * The engine's own total cost is kept so the report can check it against {@link RoutingRules#planCostCents}.
 */
public final class OmniRoutePolicy implements RoutingPolicy
{
    private final Engine engine;
    private final Network network;
    private final CommandJsonDecoder decoder = new CommandJsonDecoder();
    private final Command command = new Command();
    private final Decision decision = new Decision();
    private long lastEngineCostCents;
    private long defects;
    private String firstDefect;

    public OmniRoutePolicy(final Network network)
    {
        this.network = network;
        this.engine = new Engine(network);
    }

    public Engine engine()
    {
        return engine;
    }

    @Override
    public String name()
    {
        return "OmniRoute";
    }

    @Override
    public boolean route(final DayOrder order, final Plan out)
    {
        out.clear();
        decoder.decode(order.json, command.reset());
        try
        {
            engine.apply(command, decision);
        }
        catch (final RuntimeException ex)
        {
            defect(order, "engine threw " + ex);
            return false;
        }
        if (decision.status != Status.ALLOCATED)
        {
            return false;
        }
        for (int s = 0; s < decision.topShipmentCount; s++)
        {
            final int loc = decision.shipLocation[s];
            for (int l = decision.shipLineStart[s], end = l + decision.shipLineCount[s]; l < end; l++)
            {
                out.add(loc, decision.lineSku[l], decision.lineQty[l], network.weightGrams(decision.lineSku[l]));
            }
        }
        lastEngineCostCents = decision.totalCostCents;
        if (!shipsExactly(order, out))
        {
            defect(order, "allocated a plan that does not ship the order's lines: " +
                out.describe(network::locationId, network::sku));
        }
        return true;
    }

    private static boolean shipsExactly(final DayOrder order, final Plan plan)
    {
        for (int j = 0; j < order.lineCount(); j++)
        {
            long shipped = 0;
            for (int l = 0; l < plan.lineCount(); l++)
            {
                shipped += plan.lineSku(l) == order.skus[j] ? plan.lineQty(l) : 0;
            }
            if (shipped != order.qtys[j])
            {
                return false;
            }
        }
        long lines = 0;
        for (int l = 0; l < plan.lineCount(); l++)
        {
            lines += plan.lineQty(l);
        }
        long ordered = 0;
        for (final long q : order.qtys)
        {
            ordered += q;
        }
        return lines == ordered;
    }

    private void defect(final DayOrder order, final String what)
    {
        if (defects++ == 0)
        {
            firstDefect = order.json + " -> " + what;
        }
    }

    /**
     * @return decisions that broke SPEC (an exception, or an allocation not shipping exactly the order's lines).
     */
    public long defects()
    {
        return defects;
    }

    public String firstDefect()
    {
        return firstDefect;
    }

    /**
     * @return the engine's total cost of the last allocated order.
     */
    public long lastEngineCostCents()
    {
        return lastEngineCostCents;
    }
}
