package io.omniroute.bench.quality;

import java.util.Arrays;

/**
 * A routing plan for one order: one shipment per location used, each carrying (SKU, qty) lines. Reusable.
 */
public final class Plan
{
    private static final int MAX = 64;

    int shipmentCount;
    final int[] shipLocation = new int[MAX];
    final long[] shipWeightGrams = new long[MAX];

    int lineCount;
    final int[] lineShipment = new int[MAX * 4];
    final int[] lineSku = new int[MAX * 4];
    final long[] lineQty = new long[MAX * 4];

    public Plan clear()
    {
        shipmentCount = 0;
        lineCount = 0;
        return this;
    }

    public int shipmentCount()
    {
        return shipmentCount;
    }

    public int location(final int shipment)
    {
        return shipLocation[shipment];
    }

    public long weightGrams(final int shipment)
    {
        return shipWeightGrams[shipment];
    }

    public int lineCount()
    {
        return lineCount;
    }

    public int lineShipment(final int line)
    {
        return lineShipment[line];
    }

    public int lineSku(final int line)
    {
        return lineSku[line];
    }

    public long lineQty(final int line)
    {
        return lineQty[line];
    }

    /**
     * @return the shipment from this location, or -1.
     */
    public int shipmentAt(final int location)
    {
        for (int s = 0; s < shipmentCount; s++)
        {
            if (shipLocation[s] == location)
            {
                return s;
            }
        }
        return -1;
    }

    /**
     * Adds a line to the shipment from the location, opening it when there is none.
     */
    public void add(final int location, final int sku, final long qty, final long unitWeightGrams)
    {
        int s = shipmentAt(location);
        if (s < 0)
        {
            s = shipmentCount++;
            shipLocation[s] = location;
            shipWeightGrams[s] = 0;
        }
        shipWeightGrams[s] += qty * unitWeightGrams;
        lineShipment[lineCount] = s;
        lineSku[lineCount] = sku;
        lineQty[lineCount] = qty;
        lineCount++;
    }

    public void copyFrom(final Plan other)
    {
        shipmentCount = other.shipmentCount;
        lineCount = other.lineCount;
        System.arraycopy(other.shipLocation, 0, shipLocation, 0, shipmentCount);
        System.arraycopy(other.shipWeightGrams, 0, shipWeightGrams, 0, shipmentCount);
        System.arraycopy(other.lineShipment, 0, lineShipment, 0, lineCount);
        System.arraycopy(other.lineSku, 0, lineSku, 0, lineCount);
        System.arraycopy(other.lineQty, 0, lineQty, 0, lineCount);
    }

    /**
     * @return "LOC-A[sku:qty,…] LOC-B[…]" with location and SKU indices, shipments by location (for tests and logs).
     */
    public String describe(final java.util.function.IntFunction<String> locationName,
        final java.util.function.IntFunction<String> skuName)
    {
        final int[] order = new int[shipmentCount];
        for (int s = 0; s < shipmentCount; s++)
        {
            order[s] = s;
        }
        final Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (a, b) -> locationName.apply(shipLocation[a]).compareTo(locationName.apply(shipLocation[b])));
        final StringBuilder sb = new StringBuilder();
        for (final int s : boxed)
        {
            sb.append(sb.length() == 0 ? "" : " ").append(locationName.apply(shipLocation[s])).append('[');
            boolean first = true;
            for (int l = 0; l < lineCount; l++)
            {
                if (lineShipment[l] == s)
                {
                    sb.append(first ? "" : ",").append(skuName.apply(lineSku[l])).append(':').append(lineQty[l]);
                    first = false;
                }
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
