package io.omniroute.engine;

/**
 * The engine's answer to one command: a reusable holder of status, reason and, for allocations, the shipments.
 * Shipments are held in ascending location order and each shipment's lines in ascending SKU order.
 */
public final class Decision
{
    public static final int MAX_SHIPMENTS = 256;
    public static final int MAX_LINES = 1024;

    public long seq;
    public CommandType type;
    public String typeName;
    public String orderId;
    public Status status;
    public Reason reason = Reason.NONE;
    public String message;
    public long totalCostCents;
    public Service service;

    public int shipmentCount;
    public final int[] shipLocation = new int[MAX_SHIPMENTS];
    public final int[] shipCarrier = new int[MAX_SHIPMENTS];
    public final int[] shipZone = new int[MAX_SHIPMENTS];
    public final int[] shipTransitDays = new int[MAX_SHIPMENTS];
    public final long[] shipCostCents = new long[MAX_SHIPMENTS];
    public final int[] shipLineStart = new int[MAX_SHIPMENTS];
    public final int[] shipLineCount = new int[MAX_SHIPMENTS];

    public int lineCount;
    public final int[] lineSku = new int[MAX_LINES];
    public final long[] lineQty = new long[MAX_LINES];

    public Decision reset(final long seq, final Command command)
    {
        this.seq = seq;
        this.type = command.type;
        this.typeName = command.typeName;
        this.orderId = command.orderId;
        this.status = Status.OK;
        this.reason = Reason.NONE;
        this.message = null;
        this.totalCostCents = 0;
        this.service = null;
        this.shipmentCount = 0;
        this.lineCount = 0;
        return this;
    }

    public Decision ok()
    {
        status = Status.OK;
        reason = Reason.NONE;
        return this;
    }

    public Decision reject(final Reason reason)
    {
        this.status = Status.REJECTED;
        this.reason = reason;
        this.shipmentCount = 0;
        this.lineCount = 0;
        this.totalCostCents = 0;
        return this;
    }

    public Decision invalid(final String message)
    {
        reject(Reason.INVALID);
        this.message = message;
        return this;
    }

    /**
     * Opens a shipment; lines follow with {@link #addLine(int, long)}.
     */
    public void addShipment(final int location, final int carrier, final int zone, final int transitDays,
        final long costCents)
    {
        final int s = shipmentCount++;
        shipLocation[s] = location;
        shipCarrier[s] = carrier;
        shipZone[s] = zone;
        shipTransitDays[s] = transitDays;
        shipCostCents[s] = costCents;
        shipLineStart[s] = lineCount;
        shipLineCount[s] = 0;
    }

    public void addLine(final int sku, final long qty)
    {
        lineSku[lineCount] = sku;
        lineQty[lineCount] = qty;
        lineCount++;
        shipLineCount[shipmentCount - 1]++;
    }
}
