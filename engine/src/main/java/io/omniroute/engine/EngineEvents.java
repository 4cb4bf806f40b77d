package io.omniroute.engine;

import java.util.Arrays;

/**
 * Events the engine publishes at the end of a batch: availability per (channel, SKU) and reorder signals. A flat,
 * reusable log of primitive records read by the driver (simulate writes them as JSON Lines, the gateway sends them to
 * subscribers) and then cleared.
 */
public final class EngineEvents
{
    public static final int AVAILABILITY = 1;
    public static final int REORDER = 2;

    private int count;
    private int[] kind = new int[64];
    private long[] seq = new long[64];
    private int[] channel = new int[64];
    private int[] sku = new int[64];
    private int[] listing = new int[64];
    private long[] value = new long[64];
    private long[] value2 = new long[64];

    void add(final int kind, final long seq, final int channel, final int sku, final int listing, final long value,
        final long value2)
    {
        if (count == this.kind.length)
        {
            final int n = count * 2;
            this.kind = Arrays.copyOf(this.kind, n);
            this.seq = Arrays.copyOf(this.seq, n);
            this.channel = Arrays.copyOf(this.channel, n);
            this.sku = Arrays.copyOf(this.sku, n);
            this.listing = Arrays.copyOf(this.listing, n);
            this.value = Arrays.copyOf(this.value, n);
            this.value2 = Arrays.copyOf(this.value2, n);
        }
        this.kind[count] = kind;
        this.seq[count] = seq;
        this.channel[count] = channel;
        this.sku[count] = sku;
        this.listing[count] = listing;
        this.value[count] = value;
        this.value2[count] = value2;
        count++;
    }

    public int count()
    {
        return count;
    }

    public void clear()
    {
        count = 0;
    }

    public int kind(final int i)
    {
        return kind[i];
    }

    /** The sequence of the last command of the batch that produced the event. */
    public long seq(final int i)
    {
        return seq[i];
    }

    /** Availability: the channel's index in the engine's channel registry. */
    public int channel(final int i)
    {
        return channel[i];
    }

    public int sku(final int i)
    {
        return sku[i];
    }

    /** Availability: the listing (channel SKU) index within the channel's listings of the SKU, or -1 for master. */
    public int listing(final int i)
    {
        return listing[i];
    }

    /** Availability: units available to the channel. Reorder: network available. */
    public long value(final int i)
    {
        return value[i];
    }

    /** Reorder: the reorder point. */
    public long value2(final int i)
    {
        return value2[i];
    }
}
