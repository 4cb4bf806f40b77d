package io.omniroute.bench.flash;

import java.util.ArrayList;
import java.util.List;

/**
 * Units allocated per (SKU, location), checked against the opening stock: Σ allocated ≤ stock everywhere, or the
 * system oversold. One per client thread, merged at the end.
 */
public final class OversellAudit
{
    private final int locationCount;
    private final long[] allocated;

    public OversellAudit(final int skuCount, final int locationCount)
    {
        this.locationCount = locationCount;
        this.allocated = new long[skuCount * locationCount];
    }

    public void add(final int sku, final int location, final long qty)
    {
        allocated[sku * locationCount + location] += qty;
    }

    public void merge(final OversellAudit other)
    {
        for (int i = 0; i < allocated.length; i++)
        {
            allocated[i] += other.allocated[i];
        }
    }

    public long allocated(final int sku, final int location)
    {
        return allocated[sku * locationCount + location];
    }

    public long totalUnits()
    {
        long t = 0;
        for (final long a : allocated)
        {
            t += a;
        }
        return t;
    }

    /**
     * @return one line per (SKU, location) where more was allocated than the opening stock; empty when none.
     */
    public List<String> oversold(final FlashSaleWorkload w)
    {
        final List<String> out = new ArrayList<>();
        for (int s = 0; s < allocated.length / locationCount; s++)
        {
            for (int l = 0; l < locationCount; l++)
            {
                final long a = allocated[s * locationCount + l];
                if (a > w.stock(s, l))
                {
                    out.add(w.network.sku(s) + "@" + w.network.locationId(l) + ": allocated " + a + " > stock " +
                        w.stock(s, l));
                }
            }
        }
        return out;
    }
}
