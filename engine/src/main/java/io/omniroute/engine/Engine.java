package io.omniroute.engine;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The single-writer state machine: applies one command at a time to the stock, capacity and order book, and writes
 * the decision. Deterministic: no clock, no randomness, iteration in dense-index order. Allocation-free on the
 * decision path once warm.
 */
public final class Engine
{
    private static final long MAX_QTY = 1_000_000_000L;

    private final Network network;
    private final StockStore stock;
    private final CapacityStore capacity;
    private final OrderBook orders;
    private final Router router;
    private final Kpis kpis;

    private long seq;
    private long clockMs = Long.MIN_VALUE;
    private long day;

    // scratch for the current order
    private int lineCount;
    private final int[] lineSku = new int[Command.MAX_RAW_LINES];
    private final long[] lineQty = new long[Command.MAX_RAW_LINES];
    private final UnsafeBuffer content = new UnsafeBuffer(new byte[64 + 40 + 8 * Command.MAX_RAW_LINES + 64]);

    public Engine(final Network network)
    {
        this.network = network;
        this.stock = new StockStore(network.skuCount(), network.locationCount());
        this.capacity = new CapacityStore(network);
        this.orders = new OrderBook(1 << 20, 1 << 14);
        this.router = new Router(network, stock, capacity);
        this.kpis = new Kpis(network.locationCount());
        for (int i = 0; i < network.initialStockRows(); i++)
        {
            stock.setOnHand(network.stockSku[i], network.stockLocation[i], network.stockOnHand[i]);
            stock.setSafetyStock(network.stockSku[i], network.stockLocation[i], network.stockSafety[i]);
        }
    }

    public Network network()
    {
        return network;
    }

    public StockStore stock()
    {
        return stock;
    }

    public CapacityStore capacity()
    {
        return capacity;
    }

    public OrderBook orders()
    {
        return orders;
    }

    public Kpis kpis()
    {
        return kpis;
    }

    public long lastSeq()
    {
        return seq;
    }

    public long clockMs()
    {
        return clockMs;
    }

    public long day()
    {
        return day;
    }

    /**
     * Applies one command and writes its result into {@code out}.
     */
    public Decision apply(final Command cmd, final Decision out)
    {
        out.reset(++seq, cmd);
        kpis.commands++;
        if (cmd.ts != Command.ABSENT && cmd.ts > clockMs)
        {
            clockMs = cmd.ts;
        }
        if (cmd.invalidMessage != null)
        {
            return reject(out.invalid(cmd.invalidMessage));
        }
        switch (cmd.type)
        {
            case ORDER:
                return order(cmd, out);
            case CANCEL:
                return cancel(cmd, out);
            case SHIP:
                return ship(cmd, out);
            case RECEIVE:
                return receive(cmd, out);
            case STOCK:
                return stockCount(cmd, out);
            case NEW_DAY:
                capacity.newDay();
                day++;
                return out.ok();
            default:
                return reject(out.invalid(cmd.type == CommandType.UNKNOWN ?
                    "field 'type': unknown command type" : "command type not supported yet"));
        }
    }

    private Decision reject(final Decision out)
    {
        kpis.rejectsByReason[out.reason.ordinal()]++;
        return out;
    }

    private Decision order(final Command cmd, final Decision out)
    {
        if (cmd.orderId == null)
        {
            return reject(out.invalid("field 'order_id': missing"));
        }
        final Service service = Service.parse(cmd.serviceName);
        if (service == null)
        {
            return reject(out.invalid(cmd.serviceName == null ? "field 'service': missing" :
                "field 'service': must be STANDARD, EXPEDITED or SAME_DAY"));
        }
        if (cmd.channel == null)
        {
            return reject(out.invalid("field 'channel': missing"));
        }
        if (cmd.zip == null && !cmd.hasLatLon())
        {
            return reject(out.invalid("field 'zip': missing (or give lat and lon)"));
        }
        if (cmd.lineCount == 0)
        {
            return reject(out.invalid("field 'lines': an order needs at least one line"));
        }
        if (cmd.maxTransitDays != Command.ABSENT && (cmd.maxTransitDays < 0 || cmd.maxTransitDays > 365))
        {
            return reject(out.invalid("field 'max_transit_days': must be 0..365"));
        }
        for (int i = 0; i < cmd.lineCount; i++)
        {
            if (cmd.lineSku[i] == null)
            {
                return reject(out.invalid("field 'lines[].sku': missing"));
            }
            if (cmd.lineQty[i] == Command.ABSENT)
            {
                return reject(out.invalid("field 'lines[].qty': missing"));
            }
            if (cmd.lineQty[i] <= 0 || cmd.lineQty[i] > MAX_QTY)
            {
                return reject(out.invalid("field 'lines[].qty': must be 1..1000000000"));
            }
        }
        kpis.orders++;

        final int channel = network.channelIndex(cmd.channel);
        boolean unknownSku = false;
        lineCount = 0;
        for (int i = 0; i < cmd.lineCount; i++)
        {
            final int sku = network.resolveSku(channel, cmd.lineSku[i]);
            if (sku == Network.MISSING)
            {
                unknownSku = true;
                continue;
            }
            mergeLine(sku, cmd.lineQty[i]);
        }
        if (lineCount > Router.MAX_LINES)
        {
            return reject(out.invalid("field 'lines': more than " + Router.MAX_LINES + " distinct SKUs"));
        }
        for (int j = 0; j < lineCount; j++)
        {
            if (lineQty[j] > MAX_QTY)
            {
                return reject(out.invalid("field 'lines[].qty': total per SKU must be at most 1000000000"));
            }
        }
        final int zip = cmd.zip != null ? network.zipIndex(cmd.zip) : Network.MISSING;
        final int contentLength = buildContent(cmd, service, zip, unknownSku);

        final int existing = orders.find(cmd.orderId);
        if (existing != OrderBook.NOT_FOUND)
        {
            if (orders.contentEquals(existing, content, contentLength))
            {
                kpis.ordersResubmitted++;
                orders.loadDecision(existing, out);
                return out;
            }
            return reject(out.reject(Reason.DUPLICATE_ORDER_ID));
        }
        if (unknownSku)
        {
            return reject(out.reject(Reason.UNKNOWN_SKU));
        }
        if (cmd.zip != null && zip == Network.MISSING)
        {
            return reject(out.reject(Reason.UNKNOWN_ZIP));
        }

        router.order(channel, service, cmd.shipComplete,
            cmd.maxTransitDays == Command.ABSENT ? -1 : (int)cmd.maxTransitDays, lineCount, lineSku, lineQty);
        if (zip != Network.MISSING)
        {
            router.destinationZip(zip);
        }
        else
        {
            router.destinationPoint(cmd.lat, cmd.lon);
        }
        if (!router.route(out))
        {
            return reject(out.reject(router.rejectReason()));
        }
        allocate(out);
        orders.add(cmd.orderId, content, contentLength, service.ordinal(), channel, out);
        return out;
    }

    private void mergeLine(final int sku, final long qty)
    {
        int pos = lineCount;
        for (int j = 0; j < lineCount; j++)
        {
            if (lineSku[j] == sku)
            {
                lineQty[j] += qty;
                return;
            }
            if (lineSku[j] > sku)
            {
                pos = j;
                break;
            }
        }
        for (int j = lineCount; j > pos; j--)
        {
            lineSku[j] = lineSku[j - 1];
            lineQty[j] = lineQty[j - 1];
        }
        lineSku[pos] = sku;
        lineQty[pos] = qty;
        lineCount++;
    }

    /**
     * The canonical content of an order, compared byte for byte when an order id comes again.
     */
    private int buildContent(final Command cmd, final Service service, final int zip, final boolean unknownSku)
    {
        int o = 0;
        final String channel = cmd.channel;
        final int channelLength = Math.min(channel.length(), 64);
        content.putByte(o++, (byte)channelLength);
        for (int i = 0; i < channelLength; i++)
        {
            content.putByte(o++, (byte)channel.charAt(i));
        }
        content.putByte(o++, (byte)service.ordinal());
        content.putByte(o++, (byte)(cmd.shipComplete ? 1 : 0));
        content.putByte(o++, (byte)(unknownSku ? 1 : 0));
        content.putLong(o, cmd.maxTransitDays);
        o += 8;
        if (cmd.zip != null)
        {
            content.putByte(o++, (byte)'Z');
            content.putInt(o, zip);
            o += 4;
            if (zip == Network.MISSING)
            {
                content.putInt(o, cmd.zip.hashCode());
                o += 4;
            }
        }
        else
        {
            content.putByte(o++, (byte)'P');
            content.putDouble(o, cmd.lat);
            o += 8;
            content.putDouble(o, cmd.lon);
            o += 8;
        }
        final int lines = Math.min(lineCount, Command.MAX_RAW_LINES);
        content.putInt(o, lines);
        o += 4;
        for (int j = 0; j < lines; j++)
        {
            content.putInt(o, lineSku[j]);
            content.putInt(o + 4, (int)lineQty[j]);
            o += 8;
        }
        return o;
    }

    private void allocate(final Decision d)
    {
        kpis.ordersAllocated++;
        kpis.totalCostCents += d.totalCostCents;
        kpis.shipmentsPlanned += d.shipmentCount;
        if (d.shipmentCount > 1)
        {
            kpis.splitOrders++;
        }
        if (d.service == Service.SAME_DAY)
        {
            kpis.sameDayOrders++;
        }
        for (int s = 0; s < d.shipmentCount; s++)
        {
            final int loc = d.shipLocation[s];
            capacity.use(loc);
            kpis.zoneSum += d.shipZone[s];
            kpis.shipmentsByLocation[loc]++;
            final int end = d.shipLineStart[s] + d.shipLineCount[s];
            for (int i = d.shipLineStart[s]; i < end; i++)
            {
                stock.addReserved(d.lineSku[i], loc, d.lineQty[i]);
                kpis.unitsAllocated += d.lineQty[i];
            }
        }
    }

    private Decision cancel(final Command cmd, final Decision out)
    {
        if (cmd.orderId == null)
        {
            return reject(out.invalid("field 'order_id': missing"));
        }
        final int rec = orders.find(cmd.orderId);
        if (rec == OrderBook.NOT_FOUND)
        {
            return reject(out.reject(Reason.UNKNOWN_ORDER));
        }
        final OrderState state = orders.state(rec);
        if (state == OrderState.CANCELLED)
        {
            return out.ok();
        }
        if (state == OrderState.SHIPPED)
        {
            return reject(out.reject(Reason.ALREADY_SHIPPED));
        }
        final int shipments = orders.shipmentCount(rec);
        for (int s = 0; s < shipments; s++)
        {
            if (orders.shipmentState(rec, s) == OrderBook.SHIPMENT_OPEN)
            {
                releaseShipment(rec, s);
                orders.shipmentState(rec, s, OrderBook.SHIPMENT_CANCELLED);
            }
        }
        orders.state(rec, OrderState.CANCELLED);
        kpis.cancels++;
        return out.ok();
    }

    private void releaseShipment(final int rec, final int s)
    {
        final int loc = orders.shipmentLocation(rec, s);
        final int start = orders.shipmentLineStart(rec, s);
        final int end = start + orders.shipmentLineCount(rec, s);
        for (int i = start; i < end; i++)
        {
            stock.addReserved(orders.lineSku(rec, i), loc, -orders.lineQty(rec, i));
        }
    }

    private Decision ship(final Command cmd, final Decision out)
    {
        if (cmd.orderId == null)
        {
            return reject(out.invalid("field 'order_id': missing"));
        }
        if (cmd.locationId == null)
        {
            return reject(out.invalid("field 'location_id': missing"));
        }
        final int rec = orders.find(cmd.orderId);
        if (rec == OrderBook.NOT_FOUND)
        {
            return reject(out.reject(Reason.UNKNOWN_ORDER));
        }
        final int loc = network.locationIndex(cmd.locationId);
        final int shipments = orders.shipmentCount(rec);
        int s = 0;
        while (s < shipments && orders.shipmentLocation(rec, s) != loc)
        {
            s++;
        }
        if (loc == Network.MISSING || s == shipments)
        {
            return reject(out.invalid("field 'location_id': the order has no shipment from that location"));
        }
        final int shipState = orders.shipmentState(rec, s);
        if (shipState == OrderBook.SHIPMENT_SHIPPED)
        {
            return reject(out.reject(Reason.ALREADY_SHIPPED));
        }
        if (shipState == OrderBook.SHIPMENT_CANCELLED)
        {
            return reject(out.invalid("field 'order_id': the order was cancelled"));
        }
        final int start = orders.shipmentLineStart(rec, s);
        final int end = start + orders.shipmentLineCount(rec, s);
        for (int i = start; i < end; i++)
        {
            final int sku = orders.lineSku(rec, i);
            final int qty = orders.lineQty(rec, i);
            stock.addReserved(sku, loc, -qty);
            stock.addOnHand(sku, loc, -qty);
        }
        orders.shipmentState(rec, s, OrderBook.SHIPMENT_SHIPPED);
        boolean allShipped = true;
        for (int k = 0; k < shipments; k++)
        {
            allShipped &= orders.shipmentState(rec, k) != OrderBook.SHIPMENT_OPEN;
        }
        orders.state(rec, allShipped ? OrderState.SHIPPED : OrderState.PARTIALLY_SHIPPED);
        kpis.shipmentsShipped++;
        return out.ok();
    }

    private int skuAndLocation(final Command cmd, final Decision out)
    {
        if (cmd.sku == null)
        {
            reject(out.invalid("field 'sku': missing"));
            return -1;
        }
        if (cmd.locationId == null)
        {
            reject(out.invalid("field 'location_id': missing"));
            return -1;
        }
        final int sku = network.skuIndex(cmd.sku);
        if (sku == Network.MISSING)
        {
            reject(out.reject(Reason.UNKNOWN_SKU));
            return -1;
        }
        final int loc = network.locationIndex(cmd.locationId);
        if (loc == Network.MISSING)
        {
            reject(out.invalid("field 'location_id': unknown location"));
            return -1;
        }
        return sku * network.locationCount() + loc;
    }

    private Decision receive(final Command cmd, final Decision out)
    {
        if (cmd.qty == Command.ABSENT || cmd.qty <= 0 || cmd.qty > MAX_QTY)
        {
            return reject(out.invalid(cmd.qty == Command.ABSENT ? "field 'qty': missing" :
                "field 'qty': must be 1..1000000000"));
        }
        final int key = skuAndLocation(cmd, out);
        if (key < 0)
        {
            return out;
        }
        final int locations = network.locationCount();
        stock.addOnHand(key / locations, key % locations, cmd.qty);
        return out.ok();
    }

    private Decision stockCount(final Command cmd, final Decision out)
    {
        if (cmd.onHand == Command.ABSENT || cmd.onHand < 0 || cmd.onHand > MAX_QTY)
        {
            return reject(out.invalid(cmd.onHand == Command.ABSENT ? "field 'on_hand': missing" :
                "field 'on_hand': must be 0..1000000000"));
        }
        if (cmd.safetyStock != Command.ABSENT && (cmd.safetyStock < 0 || cmd.safetyStock > MAX_QTY))
        {
            return reject(out.invalid("field 'safety_stock': must be 0..1000000000"));
        }
        final int key = skuAndLocation(cmd, out);
        if (key < 0)
        {
            return out;
        }
        final int locations = network.locationCount();
        final int sku = key / locations;
        final int loc = key % locations;
        stock.setOnHand(sku, loc, cmd.onHand);
        if (cmd.safetyStock != Command.ABSENT)
        {
            stock.setSafetyStock(sku, loc, cmd.safetyStock);
        }
        return out.ok();
    }
}
