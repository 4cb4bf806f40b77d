package io.omniroute.engine;

import java.util.Arrays;

/**
 * The omnichannel lifecycle after allocation (SPEC §3): receipts that fill backorders, stock counts that re-route
 * the newest reservations on a shortage, pick shorts, returns at any location, and order status.
 * Works on the engine's state; called only from the engine thread.
 */
final class Lifecycle
{
    private final Engine e;
    private final int[] oneSku = new int[1];
    private final long[] oneQty = new long[1];

    // backorders, oldest first
    private int backorderCount;
    private int[] backorderOrder = new int[64];
    private int[] backorderSku = new int[64];
    private long[] backorderQty = new long[64];

    Lifecycle(final Engine engine)
    {
        this.e = engine;
    }

    private int cmdSku;
    private int cmdLoc;

    /**
     * Checks the SKU and location of a command.
     *
     * @return true with {@link #cmdSku} and {@link #cmdLoc} set; false when rejected (out says why).
     */
    private boolean skuAndLocation(final Command cmd, final Decision out)
    {
        if (cmd.sku == null)
        {
            e.reject(out.invalid("field 'sku': missing"));
            return false;
        }
        if (cmd.locationId == null)
        {
            e.reject(out.invalid("field 'location_id': missing"));
            return false;
        }
        final int sku = e.network.skuIndex(cmd.sku);
        if (sku == Network.MISSING)
        {
            e.reject(out.reject(Reason.UNKNOWN_SKU));
            return false;
        }
        final int loc = e.network.locationIndex(cmd.locationId);
        if (loc == Network.MISSING)
        {
            e.reject(out.invalid("field 'location_id': unknown location"));
            return false;
        }
        cmdSku = sku;
        cmdLoc = loc;
        return true;
    }

    /**
     * Checks a command about a quantity of one SKU of an order at a location (pick short, return).
     *
     * @return the order's number, with {@link #cmdSku} and {@link #cmdLoc} set; or -1 when rejected (out says why).
     */
    private int orderSkuCommand(final Command cmd, final Decision out)
    {
        if (cmd.orderId == null)
        {
            e.reject(out.invalid("field 'order_id': missing"));
            return -1;
        }
        if (badQty(cmd.qty))
        {
            e.reject(out.invalid(qtyError(cmd.qty)));
            return -1;
        }
        final int no = e.orders.find(cmd.orderId);
        if (no == OrderBook.NOT_FOUND)
        {
            e.reject(out.reject(Reason.UNKNOWN_ORDER));
            return -1;
        }
        return skuAndLocation(cmd, out) ? no : -1;
    }

    private static boolean badQty(final long qty)
    {
        return qty == Command.ABSENT || qty <= 0 || qty > Engine.MAX_QTY;
    }

    private static String qtyError(final long qty)
    {
        return qty == Command.ABSENT ? "field 'qty': missing" : "field 'qty': must be 1..1000000000";
    }

    Decision receive(final Command cmd, final Decision out)
    {
        if (badQty(cmd.qty))
        {
            return e.reject(out.invalid(qtyError(cmd.qty)));
        }
        if (!skuAndLocation(cmd, out))
        {
            return out;
        }
        final int sku = cmdSku;
        final int loc = cmdLoc;
        e.addOnHand(sku, loc, cmd.qty);
        fillBackorders(sku, loc, out);
        return out.ok();
    }

    /**
     * A receipt fills that SKU's backorders first, oldest first, from the location where it landed.
     */
    private void fillBackorders(final int sku, final int loc, final Decision out)
    {
        for (int b = 0; b < backorderCount; b++)
        {
            if (backorderSku[b] != sku || backorderQty[b] == 0)
            {
                continue;
            }
            final long take = Math.min(backorderQty[b], e.stock.atp(sku, loc));
            if (take <= 0)
            {
                return;
            }
            final int no = backorderOrder[b];
            final int g = out.beginGroup(Decision.GROUP_ORDER);
            out.groupOrder[g] = no;
            if (route(no, sku, take, -1, loc, out))
            {
                backorderQty[b] -= take;
                e.orders.backordered(no, e.orders.backordered(no) - take);
                e.kpis.backordersFilledUnits += take;
                out.groupStatus[g] = Status.ALLOCATED;
                refreshState(no);
                out.groupBackordered[g] = e.orders.backordered(no);
                out.endGroup(g);
            }
            else
            {
                out.groupCount--; // this backorder's rules do not let that location ship it; try the next
            }
        }
        compactBackorders();
    }

    private void compactBackorders()
    {
        int w = 0;
        for (int r = 0; r < backorderCount; r++)
        {
            if (backorderQty[r] > 0)
            {
                backorderOrder[w] = backorderOrder[r];
                backorderSku[w] = backorderSku[r];
                backorderQty[w] = backorderQty[r];
                w++;
            }
        }
        backorderCount = w;
    }

    private void addBackorder(final int no, final int sku, final long qty)
    {
        appendBackorder(no, sku, qty);
        e.orders.backordered(no, e.orders.backordered(no) + qty);
        e.kpis.backorderedUnits += qty;
    }

    private void appendBackorder(final int no, final int sku, final long qty)
    {
        if (backorderCount == backorderOrder.length)
        {
            final int n = backorderCount * 2;
            backorderOrder = Arrays.copyOf(backorderOrder, n);
            backorderSku = Arrays.copyOf(backorderSku, n);
            backorderQty = Arrays.copyOf(backorderQty, n);
        }
        backorderOrder[backorderCount] = no;
        backorderSku[backorderCount] = sku;
        backorderQty[backorderCount] = qty;
        backorderCount++;
    }

    void writeTo(final java.io.DataOutput out) throws java.io.IOException
    {
        out.writeInt(backorderCount);
        for (int b = 0; b < backorderCount; b++)
        {
            out.writeInt(backorderOrder[b]);
            out.writeInt(backorderSku[b]);
            out.writeLong(backorderQty[b]);
        }
    }

    void readFrom(final java.io.DataInput in) throws java.io.IOException
    {
        final int n = in.readInt();
        backorderCount = 0;
        for (int b = 0; b < n; b++)
        {
            final int no = in.readInt();
            final int sku = in.readInt();
            final long qty = in.readLong();
            appendBackorder(no, sku, qty);
        }
    }

    void dropBackorders(final int no)
    {
        for (int b = 0; b < backorderCount; b++)
        {
            if (backorderOrder[b] == no)
            {
                backorderQty[b] = 0;
            }
        }
        compactBackorders();
        e.orders.backordered(no, 0);
    }

    /**
     * Routes one SKU quantity of an order again, appending the new shipments to the decision and the order.
     *
     * @return false when nothing can ship it now.
     */
    private boolean route(final int no, final int sku, final long qty, final int excluded, final int only,
        final Decision out)
    {
        oneSku[0] = sku;
        oneQty[0] = qty;
        final OrderBook orders = e.orders;
        e.router.order(orders.channel(no), orders.service(no), false, orders.maxTransitDays(no), 1, oneSku, oneQty);
        e.router.excludeLocation(excluded);
        e.router.onlyLocation(only);
        final int zip = orders.zip(no);
        if (zip != Network.MISSING)
        {
            e.router.destinationZip(zip);
        }
        else
        {
            e.router.destinationPoint(orders.lat(no), orders.lon(no));
        }
        final int from = out.shipmentCount;
        if (!e.router.route(out))
        {
            return false;
        }
        e.allocateShipments(out, from, out.shipmentCount);
        orders.appendShipments(no, out, from, out.shipmentCount, e.seq);
        e.kpis.reroutes++;
        return true;
    }

    /**
     * Routes again, or backorders when nothing can ship it now; records the outcome as a group for that order.
     */
    private void rerouteOrBackorder(final int no, final int sku, final long qty, final int excluded,
        final Decision out)
    {
        final int g = out.beginGroup(Decision.GROUP_ORDER);
        out.groupOrder[g] = no;
        if (route(no, sku, qty, excluded, -1, out))
        {
            out.groupStatus[g] = Status.ALLOCATED;
            out.groupCostCents[g] = e.router.planCostCents();
        }
        else
        {
            addBackorder(no, sku, qty);
            out.groupStatus[g] = Status.BACKORDERED;
        }
        refreshState(no);
        out.groupBackordered[g] = e.orders.backordered(no);
        out.endGroup(g);
    }

    Decision pickShort(final Command cmd, final Decision out)
    {
        final int no = orderSkuCommand(cmd, out);
        if (no < 0)
        {
            return out;
        }
        final int sku = cmdSku;
        final int loc = cmdLoc;
        final OrderBook orders = e.orders;
        int line = -1;
        int shipment = -1;
        for (int s = 0, n = orders.shipmentCount(no); s < n && line < 0; s++)
        {
            if (orders.shipmentLocation(no, s) != loc || orders.shipmentState(no, s) != OrderBook.SHIPMENT_OPEN)
            {
                continue;
            }
            final int start = orders.shipmentLineStart(no, s);
            for (int i = start, end = start + orders.shipmentLineCount(no, s); i < end; i++)
            {
                if (orders.lineSku(no, i) == sku && orders.lineQty(no, i) > 0)
                {
                    line = i;
                    shipment = s;
                    break;
                }
            }
        }
        if (line < 0)
        {
            return e.reject(out.invalid("field 'sku': the order has no open shipment of it from that location"));
        }
        if (cmd.qty > orders.lineQty(no, line))
        {
            return e.reject(out.invalid("field 'qty': more than the shipment's ", orders.lineQty(no, line)));
        }
        e.kpis.pickShorts++;
        e.kpis.unitsShort += cmd.qty;
        orders.lineQty(no, line, (int)(orders.lineQty(no, line) - cmd.qty));
        e.reserve(sku, loc, -cmd.qty);
        e.addOnHand(sku, loc, -cmd.qty);
        cancelIfEmpty(no, shipment);
        if (route(no, sku, cmd.qty, loc, -1, out))
        {
            out.endTopShipments();
            out.totalCostCents = e.router.planCostCents();
            out.service = orders.service(no);
            refreshState(no);
            return out.ok();
        }
        addBackorder(no, sku, cmd.qty);
        refreshState(no);
        out.status = Status.BACKORDERED;
        out.backorderedUnits = orders.backordered(no);
        return out;
    }

    private void cancelIfEmpty(final int no, final int s)
    {
        final OrderBook orders = e.orders;
        final int start = orders.shipmentLineStart(no, s);
        for (int i = start, end = start + orders.shipmentLineCount(no, s); i < end; i++)
        {
            if (orders.lineQty(no, i) > 0)
            {
                return;
            }
        }
        orders.shipmentState(no, s, OrderBook.SHIPMENT_CANCELLED, e.seq);
    }

    Decision stockCount(final Command cmd, final Decision out)
    {
        if (cmd.onHand == Command.ABSENT || cmd.onHand < 0 || cmd.onHand > Engine.MAX_QTY)
        {
            return e.reject(out.invalid(cmd.onHand == Command.ABSENT ? "field 'on_hand': missing" :
                "field 'on_hand': must be 0..1000000000"));
        }
        if (cmd.safetyStock != Command.ABSENT && (cmd.safetyStock < 0 || cmd.safetyStock > Engine.MAX_QTY))
        {
            return e.reject(out.invalid("field 'safety_stock': must be 0..1000000000"));
        }
        if (!skuAndLocation(cmd, out))
        {
            return out;
        }
        final int sku = cmdSku;
        final int loc = cmdLoc;
        e.stock.setOnHand(sku, loc, cmd.onHand);
        if (cmd.safetyStock != Command.ABSENT)
        {
            e.stock.setSafetyStock(sku, loc, cmd.safetyStock);
        }
        e.feed.markDirty(sku);
        if (e.stock.reserved(sku, loc) > cmd.onHand)
        {
            rerouteShortage(sku, loc, out);
        }
        return out.ok();
    }

    /** Whether reservation a is newer than b: allocation seq, then entry number, then shipment, then line. */
    private boolean newer(final int a, final int b)
    {
        if (seqs[a] != seqs[b])
        {
            return seqs[a] > seqs[b];
        }
        if (nos[a] != nos[b])
        {
            return nos[a] > nos[b];
        }
        return ships[a] != ships[b] ? ships[a] > ships[b] : lines[a] < lines[b]; // one shipment: its lines in order
    }

    // the reservations a count below reserved may take back (grown as needed, then reused); a hold's line is
    // HOLD_LINE (the whole hold goes); an order and a hold never share an allocation seq (each is its own command)
    private static final int HOLD_LINE = -1;
    private long[] seqs = new long[16];
    private int[] nos = new int[16];
    private int[] ships = new int[16];
    private int[] lines = new int[16];
    private int[] idx = new int[16];
    private int candidates;

    private void addCandidate(final long seq, final int no, final int s, final int line)
    {
        final int n = candidates;
        if (n == seqs.length)
        {
            seqs = Arrays.copyOf(seqs, n * 2);
            nos = Arrays.copyOf(nos, n * 2);
            ships = Arrays.copyOf(ships, n * 2);
            lines = Arrays.copyOf(lines, n * 2);
            idx = Arrays.copyOf(idx, n * 2);
        }
        seqs[n] = seq;
        nos[n] = no;
        ships[n] = s;
        lines[n] = line;
        candidates = n + 1;
    }

    /**
     * A count below reserved: the newest reservations of that SKU at that location are taken back until reserved is
     * within on hand — an order's line there is routed again (or backordered), a hold is released (SPEC §5: a hold
     * reserves like an order, so it is a reservation by its age like any other). Only the shipments that ship from
     * that location are looked at (the books' indexes by location).
     */
    private void rerouteShortage(final int sku, final int loc, final Decision out)
    {
        final OrderBook orders = e.orders;
        candidates = 0;
        // the lines of this SKU that ship from this location (an index), not the whole book; finished ones met on
        // the way are unlinked for good
        final int key = orders.key(sku, loc);
        for (int x = orders.first(key), previous = -1; x >= 0; )
        {
            final int next = orders.next(x);
            final int no = orders.entryOrder(x);
            final int s = orders.entryShipment(x);
            if (!orders.state(no).isOpenOrder() || orders.shipmentState(no, s) != OrderBook.SHIPMENT_OPEN)
            {
                orders.unlink(key, previous, x);
                x = next;
                continue;
            }
            final int i = orders.entryLine(x);
            if (orders.lineQty(no, i) > 0)
            {
                addCandidate(orders.shipmentAllocatedSeq(no, s), no, s, i);
            }
            previous = x;
            x = next;
        }
        // open holds with a shipment of this SKU from this location (the holds' index is by location)
        final OrderBook holds = e.holds;
        for (int x = holds.first(loc), previous = -1; x >= 0; )
        {
            final int next = holds.next(x);
            final int h = holds.entryOrder(x);
            if (holds.state(h) != OrderState.HELD)
            {
                holds.unlink(loc, previous, x);   // converted, released or expired: for good
                x = next;
                continue;
            }
            final int s = holds.entryShipment(x);
            if (shipsSku(holds, h, s, sku))
            {
                addCandidate(holds.shipmentAllocatedSeq(h, s), h, s, HOLD_LINE);
            }
            previous = x;
            x = next;
        }
        final int n = candidates;
        // newest first: allocation sequence, then order number, then shipment (a shell sort: no allocation)
        for (int i = 0; i < n; i++)
        {
            idx[i] = i;
        }
        for (int gap = n / 2; gap > 0; gap /= 2)
        {
            for (int i = gap; i < n; i++)
            {
                final int v = idx[i];
                int j = i;
                while (j >= gap && newer(v, idx[j - gap]))
                {
                    idx[j] = idx[j - gap];
                    j -= gap;
                }
                idx[j] = v;
            }
        }
        for (int r = 0; r < n && e.stock.reserved(sku, loc) > e.stock.onHand(sku, loc); r++)
        {
            final int no = nos[idx[r]];
            final int s = ships[idx[r]];
            final int line = lines[idx[r]];
            if (line == HOLD_LINE)
            {
                e.endHold(no, OrderState.RELEASED);
                e.kpis.holdsReleased++;
                continue;
            }
            final int qty = orders.lineQty(no, line);
            orders.lineQty(no, line, 0);
            e.reserve(sku, loc, -qty);
            cancelIfEmpty(no, s);
            // routed again over every location, the counted one too: what the count left there is real (a pick
            // short leaves its location out because the units were not found there)
            rerouteOrBackorder(no, sku, qty, -1, out);
        }
    }

    private static boolean shipsSku(final OrderBook book, final int no, final int s, final int sku)
    {
        final int start = book.shipmentLineStart(no, s);
        for (int i = start, end = start + book.shipmentLineCount(no, s); i < end; i++)
        {
            if (book.lineSku(no, i) == sku)
            {
                return true;
            }
        }
        return false;
    }

    Decision returned(final Command cmd, final Decision out)
    {
        if (!cmd.resellablePresent)
        {
            return e.reject(out.invalid("field 'resellable': missing (true or false)"));
        }
        final int no = orderSkuCommand(cmd, out);
        if (no < 0)
        {
            return out;
        }
        final int sku = cmdSku;
        final int loc = cmdLoc;
        final OrderBook orders = e.orders;
        long shipped = 0;
        long returnable = 0;
        for (int s = 0, n = orders.shipmentCount(no); s < n; s++)
        {
            if (orders.shipmentState(no, s) != OrderBook.SHIPMENT_SHIPPED)
            {
                continue;
            }
            final int start = orders.shipmentLineStart(no, s);
            for (int i = start, end = start + orders.shipmentLineCount(no, s); i < end; i++)
            {
                if (orders.lineSku(no, i) == sku)
                {
                    shipped += orders.lineQty(no, i);
                    returnable += orders.lineQty(no, i) - orders.lineReturned(no, i);
                }
            }
        }
        if (shipped == 0)
        {
            return e.reject(out.reject(Reason.NOT_SHIPPED));
        }
        if (cmd.qty > returnable)
        {
            return e.reject(out.reject(Reason.QTY_EXCEEDS_SHIPPED));
        }
        long left = cmd.qty;
        for (int s = 0, n = orders.shipmentCount(no); s < n && left > 0; s++)
        {
            if (orders.shipmentState(no, s) != OrderBook.SHIPMENT_SHIPPED)
            {
                continue;
            }
            final int start = orders.shipmentLineStart(no, s);
            for (int i = start, end = start + orders.shipmentLineCount(no, s); i < end && left > 0; i++)
            {
                if (orders.lineSku(no, i) == sku)
                {
                    final long room = orders.lineQty(no, i) - orders.lineReturned(no, i);
                    final long take = Math.min(room, left);
                    orders.lineReturned(no, i, (int)(orders.lineReturned(no, i) + take));
                    left -= take;
                }
            }
        }
        if (cmd.resellable)
        {
            e.addOnHand(sku, loc, cmd.qty);
            e.kpis.unitsReturnedResellable += cmd.qty;
        }
        e.kpis.returns++;
        e.kpis.unitsReturned += cmd.qty;
        final String reason = cmd.reason == null ? "unspecified" : cmd.reason;
        long[] count = e.kpis.returnsByReason.get(reason);
        if (count == null)
        {
            count = new long[1];
            e.kpis.returnsByReason.put(reason, count);
        }
        count[0] += cmd.qty;
        if (allReturned(no) && orders.state(no) != OrderState.CANCELLED)
        {
            // a cancelled order stays cancelled (a retried cancel still answers OK); its lines count the returns
            orders.state(no, OrderState.RETURNED);
        }
        return out.ok();
    }

    private boolean allReturned(final int no)
    {
        final OrderBook orders = e.orders;
        for (int s = 0, n = orders.shipmentCount(no); s < n; s++)
        {
            final int st = orders.shipmentState(no, s);
            if (st == OrderBook.SHIPMENT_OPEN)
            {
                return false;
            }
            if (st == OrderBook.SHIPMENT_SHIPPED)
            {
                final int start = orders.shipmentLineStart(no, s);
                for (int i = start, end = start + orders.shipmentLineCount(no, s); i < end; i++)
                {
                    if (orders.lineReturned(no, i) < orders.lineQty(no, i))
                    {
                        return false;
                    }
                }
            }
        }
        return orders.backordered(no) == 0;
    }

    /**
     * Sets an open order's state from its shipments and backorders.
     */
    void refreshState(final int no)
    {
        final OrderBook orders = e.orders;
        final OrderState state = orders.state(no);
        if (!state.isOpenOrder())
        {
            return;
        }
        int open = 0;
        int shipped = 0;
        for (int s = 0, n = orders.shipmentCount(no); s < n; s++)
        {
            final int st = orders.shipmentState(no, s);
            if (st == OrderBook.SHIPMENT_OPEN)
            {
                open++;
            }
            else if (st == OrderBook.SHIPMENT_SHIPPED)
            {
                shipped++;
            }
        }
        if (orders.backordered(no) > 0)
        {
            orders.state(no, OrderState.BACKORDERED);
        }
        else if (open == 0 && shipped > 0)
        {
            orders.state(no, OrderState.SHIPPED);
        }
        else if (shipped > 0)
        {
            orders.state(no, OrderState.PARTIALLY_SHIPPED);
        }
        else
        {
            orders.state(no, OrderState.ALLOCATED);
        }
    }

    void updateShippedState(final int no)
    {
        refreshState(no);
    }

    Decision status(final Command cmd, final Decision out)
    {
        if (cmd.orderId == null)
        {
            return e.reject(out.invalid("field 'order_id': missing"));
        }
        final int no = e.orders.find(cmd.orderId);
        if (no == OrderBook.NOT_FOUND)
        {
            return e.reject(out.reject(Reason.UNKNOWN_ORDER));
        }
        final OrderBook orders = e.orders;
        orders.copyShipments(no, 0, orders.shipmentCount(no), false, out);
        out.endTopShipments();
        out.orderState = orders.state(no);
        out.backorderedUnits = orders.backordered(no);
        out.service = orders.service(no);
        out.totalCostCents = orders.totalCostCents(no);
        return out.ok();
    }
}
