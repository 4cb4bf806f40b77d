package io.omniroute.bench.quality;

import io.omniroute.engine.Service;

/**
 * One order of the routing-quality day, resolved as SPEC §2 says (channel SKUs to master SKUs, lines of one SKU
 * merged, lines in ascending SKU index, the ZIP as its index), with the JSON line the engine is fed.
 */
public final class DayOrder
{
    public final int index;
    public final String json;
    /** Channel index in the network, or {@code Network.MISSING} for a channel with no rule. */
    public final int channel;
    public final Service service;
    public final boolean shipComplete;
    /** The order's transit limit, or -1 for none. */
    public final int maxTransitDays;
    public final int zip;
    public final int[] skus;
    public final long[] qtys;

    public DayOrder(
        final int index,
        final String json,
        final int channel,
        final Service service,
        final boolean shipComplete,
        final int maxTransitDays,
        final int zip,
        final int[] skus,
        final long[] qtys)
    {
        this.index = index;
        this.json = json;
        this.channel = channel;
        this.service = service;
        this.shipComplete = shipComplete;
        this.maxTransitDays = maxTransitDays;
        this.zip = zip;
        this.skus = skus;
        this.qtys = qtys;
    }

    public int lineCount()
    {
        return skus.length;
    }
}
