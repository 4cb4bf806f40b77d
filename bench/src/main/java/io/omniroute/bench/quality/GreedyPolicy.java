package io.omniroute.bench.quality;

import io.omniroute.engine.CapacityStore;
import io.omniroute.engine.StockStore;

/**
 * The greedy routing retail platforms ship with: each line in turn goes whole to the first location, in a policy's
 * order, that can take it (a location already in the plan needs no more capacity); a line no single location can
 * take is split by quantity over the locations in the same order, as Magento MSI's source deduction does. A
 * {@code ship_complete} order goes to the first location that can take all of it. Eligibility (service, same-day
 * radius, channel rule, capacity, available to promise, a rate for the shipment's weight) is SPEC §2's, the same as
 * the engine's; the order is rejected when a line cannot be covered.
 */
public abstract class GreedyPolicy implements RoutingPolicy
{
    protected final RoutingRules rules;
    private final StockStore stock;
    private final CapacityStore capacity;
    private final int[] order;

    protected GreedyPolicy(final RoutingRules rules, final StockStore stock, final CapacityStore capacity)
    {
        this.rules = rules;
        this.stock = stock;
        this.capacity = capacity;
        this.order = new int[rules.network().locationCount()];
    }

    /**
     * Writes every location index into {@code out} in the order this policy tries them for the current order.
     */
    protected abstract void rank(DayOrder o, int[] out);

    @Override
    public final boolean route(final DayOrder o, final Plan out)
    {
        rules.order(o);
        rank(o, order);
        out.clear();
        final boolean planned = o.shipComplete ? single(o, out) : lineByLine(o, out);
        if (!planned)
        {
            out.clear();
            return false;
        }
        for (int l = 0; l < out.lineCount(); l++)
        {
            stock.addReserved(out.lineSku(l), out.location(out.lineShipment(l)), out.lineQty(l));
        }
        for (int s = 0; s < out.shipmentCount(); s++)
        {
            capacity.use(out.location(s));
        }
        return true;
    }

    private boolean single(final DayOrder o, final Plan out)
    {
        for (final int loc : order)
        {
            if (!rules.serves(loc) || !capacity.hasCapacity(loc))
            {
                continue;
            }
            long weight = 0;
            boolean all = true;
            for (int j = 0; j < o.lineCount() && all; j++)
            {
                all = stock.atp(o.skus[j], loc) >= o.qtys[j];
                weight += o.qtys[j] * rules.unitWeightGrams(o.skus[j]);
            }
            if (all && rules.ratePriceCents(loc, weight) != RoutingRules.NO_RATE)
            {
                for (int j = 0; j < o.lineCount(); j++)
                {
                    out.add(loc, o.skus[j], o.qtys[j], rules.unitWeightGrams(o.skus[j]));
                }
                return true;
            }
        }
        return false;
    }

    private boolean lineByLine(final DayOrder o, final Plan out)
    {
        for (int j = 0; j < o.lineCount(); j++)
        {
            final int sku = o.skus[j];
            final long qty = o.qtys[j];
            final long unit = rules.unitWeightGrams(sku);
            boolean placed = false;
            for (int k = 0; k < order.length && !placed; k++)
            {
                final int loc = order[k];
                if (mayAdd(out, loc, sku, qty * unit) && stock.atp(sku, loc) >= qty)
                {
                    out.add(loc, sku, qty, unit);
                    placed = true;
                }
            }
            long remaining = qty;
            for (int k = 0; k < order.length && !placed && remaining > 0; k++)
            {
                final int loc = order[k];
                final long take = Math.min(remaining, stock.atp(sku, loc));
                if (take > 0 && mayAdd(out, loc, sku, take * unit))
                {
                    out.add(loc, sku, take, unit);
                    remaining -= take;
                }
            }
            if (!placed && remaining > 0)
            {
                return false;
            }
        }
        return true;
    }

    private boolean mayAdd(final Plan out, final int loc, final int sku, final long addedWeightGrams)
    {
        if (!rules.serves(loc))
        {
            return false;
        }
        final int s = out.shipmentAt(loc);
        if (s < 0 && !capacity.hasCapacity(loc))
        {
            return false;
        }
        final long weight = (s < 0 ? 0 : out.weightGrams(s)) + addedWeightGrams;
        return rules.ratePriceCents(loc, weight) != RoutingRules.NO_RATE;
    }
}
