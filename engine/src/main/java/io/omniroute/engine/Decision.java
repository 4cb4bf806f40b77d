package io.omniroute.engine;

/**
 * The engine's answer to one command: a reusable holder of status, reason and shipments.
 * <p>
 * Shipments live in one set of arrays. The first {@link #topShipmentCount} are the command's own shipments (an
 * allocation, a hold, a pick short's new shipments). Beyond them, shipments belong to groups: a quote's options (one
 * group per service) or the orders a stock count or receipt re-routed (one group per order). Each shipment's lines
 * are a range of the line arrays, in ascending SKU order; shipments of a group are in ascending location order.
 */
public final class Decision
{
    public static final int MAX_SHIPMENTS = 512;
    public static final int MAX_LINES = 2048;
    public static final int MAX_GROUPS = 256;

    /** Group kinds. */
    public static final int GROUP_QUOTE_OPTION = 1;
    public static final int GROUP_ORDER = 2;

    public long seq;
    public CommandType type;
    public String typeName;
    public CharSequence orderId;
    public CharSequence holdId;
    public Status status;
    public Reason reason = Reason.NONE;
    public String message;
    /** A number that ends the INVALID message ({@link #NO_NUMBER} when none), so no string is built per reject. */
    public long messageNumber = NO_NUMBER;
    public static final long NO_NUMBER = Long.MIN_VALUE;
    public long totalCostCents;
    public Service service;
    public long expiresTs = Command.ABSENT;
    /** For status: the order's state; else null. */
    public OrderState orderState;
    /** For status and re-routes: units still backordered. */
    public long backorderedUnits;

    public int topShipmentCount;
    public int shipmentCount;
    public int[] shipLocation = new int[MAX_SHIPMENTS];
    public int[] shipCarrier = new int[MAX_SHIPMENTS];
    public int[] shipZone = new int[MAX_SHIPMENTS];
    public int[] shipTransitDays = new int[MAX_SHIPMENTS];
    public long[] shipCostCents = new long[MAX_SHIPMENTS];
    public int[] shipLineStart = new int[MAX_SHIPMENTS];
    public int[] shipLineCount = new int[MAX_SHIPMENTS];
    public int[] shipState = new int[MAX_SHIPMENTS];
    public Service[] shipService = new Service[MAX_SHIPMENTS];
    public long[] shipAllocatedSeq = new long[MAX_SHIPMENTS];
    public long[] shipShippedSeq = new long[MAX_SHIPMENTS];

    public int lineCount;
    public int[] lineSku = new int[MAX_LINES];
    public long[] lineQty = new long[MAX_LINES];

    public int groupCount;
    public int[] groupKind = new int[MAX_GROUPS];
    public int[] groupShipStart = new int[MAX_GROUPS];
    public int[] groupShipCount = new int[MAX_GROUPS];
    public Status[] groupStatus = new Status[MAX_GROUPS];
    public Reason[] groupReason = new Reason[MAX_GROUPS];
    public Service[] groupService = new Service[MAX_GROUPS];
    public long[] groupCostCents = new long[MAX_GROUPS];
    public long[] groupShipPriceCents = new long[MAX_GROUPS];
    public int[] groupTransitDays = new int[MAX_GROUPS];
    /** For order groups: the order's number in the order book (its id is read from there). */
    public int[] groupOrder = new int[MAX_GROUPS];
    public long[] groupBackordered = new long[MAX_GROUPS];

    public Decision reset(final long seq, final Command command)
    {
        this.seq = seq;
        this.type = command.type;
        this.typeName = command.typeName;
        this.orderId = command.orderId;
        this.holdId = command.holdId;
        this.status = Status.OK;
        this.reason = Reason.NONE;
        this.message = null;
        this.messageNumber = NO_NUMBER;
        this.totalCostCents = 0;
        this.service = null;
        this.expiresTs = Command.ABSENT;
        this.orderState = null;
        this.backorderedUnits = 0;
        this.topShipmentCount = 0;
        this.shipmentCount = 0;
        this.lineCount = 0;
        this.groupCount = 0;
        return this;
    }

    /**
     * Forgets shipments, lines and groups (a benchmark reusing one decision for many routes).
     */
    public void clearShipments()
    {
        topShipmentCount = 0;
        shipmentCount = 0;
        lineCount = 0;
        groupCount = 0;
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
        this.topShipmentCount = 0;
        this.shipmentCount = 0;
        this.lineCount = 0;
        this.groupCount = 0;
        this.totalCostCents = 0;
        this.expiresTs = Command.ABSENT;
        this.orderState = null;
        return this;
    }

    public Decision invalid(final String message)
    {
        reject(Reason.INVALID);
        this.message = message;
        this.messageNumber = NO_NUMBER;
        return this;
    }

    /**
     * @return the message as the results write it (a prefix and its number joined), or null: for reports off the hot
     * path (it may allocate).
     */
    public String messageText()
    {
        return message == null || messageNumber == NO_NUMBER ? message : message + messageNumber;
    }

    /**
     * INVALID with a message that ends in a number: {@code prefix + number}, written out by the result encoders.
     */
    public Decision invalid(final String prefix, final long number)
    {
        invalid(prefix);
        this.messageNumber = number;
        return this;
    }

    /*
     * The arrays start at MAX_SHIPMENTS, MAX_LINES and MAX_GROUPS (an order's decision fits them) and grow, doubling, in
     * addShipment, addLine and beginGroup for a decision that lists many orders (a stock count re-routing thousands of
     * them): fixed, a count past 256 orders stopped the engine, and past 512 shipments re-routed orders were
     * backordered for want of room in the result.
     */
    private void growShipments()
    {
        final int n = shipLocation.length * 2;
        shipLocation = java.util.Arrays.copyOf(shipLocation, n);
        shipCarrier = java.util.Arrays.copyOf(shipCarrier, n);
        shipZone = java.util.Arrays.copyOf(shipZone, n);
        shipTransitDays = java.util.Arrays.copyOf(shipTransitDays, n);
        shipCostCents = java.util.Arrays.copyOf(shipCostCents, n);
        shipLineStart = java.util.Arrays.copyOf(shipLineStart, n);
        shipLineCount = java.util.Arrays.copyOf(shipLineCount, n);
        shipState = java.util.Arrays.copyOf(shipState, n);
        shipService = java.util.Arrays.copyOf(shipService, n);
        shipAllocatedSeq = java.util.Arrays.copyOf(shipAllocatedSeq, n);
        shipShippedSeq = java.util.Arrays.copyOf(shipShippedSeq, n);
    }

    private void growLines()
    {
        final int n = lineSku.length * 2;
        lineSku = java.util.Arrays.copyOf(lineSku, n);
        lineQty = java.util.Arrays.copyOf(lineQty, n);
    }

    private void growGroups()
    {
        final int n = groupKind.length * 2;
        groupKind = java.util.Arrays.copyOf(groupKind, n);
        groupShipStart = java.util.Arrays.copyOf(groupShipStart, n);
        groupShipCount = java.util.Arrays.copyOf(groupShipCount, n);
        groupStatus = java.util.Arrays.copyOf(groupStatus, n);
        groupReason = java.util.Arrays.copyOf(groupReason, n);
        groupService = java.util.Arrays.copyOf(groupService, n);
        groupCostCents = java.util.Arrays.copyOf(groupCostCents, n);
        groupShipPriceCents = java.util.Arrays.copyOf(groupShipPriceCents, n);
        groupTransitDays = java.util.Arrays.copyOf(groupTransitDays, n);
        groupOrder = java.util.Arrays.copyOf(groupOrder, n);
        groupBackordered = java.util.Arrays.copyOf(groupBackordered, n);
    }

    /**
     * Opens a shipment; lines follow with {@link #addLine(int, long)}.
     */
    public void addShipment(final int location, final int carrier, final int zone, final int transitDays,
        final long costCents, final Service service)
    {
        if (shipmentCount == shipLocation.length)
        {
            growShipments();
        }
        final int s = shipmentCount++;
        shipLocation[s] = location;
        shipCarrier[s] = carrier;
        shipZone[s] = zone;
        shipTransitDays[s] = transitDays;
        shipCostCents[s] = costCents;
        shipLineStart[s] = lineCount;
        shipLineCount[s] = 0;
        shipState[s] = OrderBook.SHIPMENT_OPEN;
        shipService[s] = service;
        shipAllocatedSeq[s] = 0;
        shipShippedSeq[s] = 0;
    }

    public void addLine(final int sku, final long qty)
    {
        if (lineCount == lineSku.length)
        {
            growLines();
        }
        lineSku[lineCount] = sku;
        lineQty[lineCount] = qty;
        lineCount++;
        shipLineCount[shipmentCount - 1]++;
    }

    /**
     * Starts a group whose shipments are those added from now until the next group starts.
     */
    public int beginGroup(final int kind)
    {
        if (groupCount == groupKind.length)
        {
            growGroups();
        }
        final int g = groupCount++;
        groupKind[g] = kind;
        groupShipStart[g] = shipmentCount;
        groupShipCount[g] = 0;
        groupStatus[g] = Status.OK;
        groupReason[g] = Reason.NONE;
        groupService[g] = null;
        groupCostCents[g] = 0;
        groupShipPriceCents[g] = 0;
        groupTransitDays[g] = 0;
        groupOrder[g] = -1;
        groupBackordered[g] = 0;
        return g;
    }

    public void endGroup(final int g)
    {
        groupShipCount[g] = shipmentCount - groupShipStart[g];
    }

    /**
     * Marks all shipments so far as the command's own.
     */
    public void endTopShipments()
    {
        topShipmentCount = shipmentCount;
    }
}
