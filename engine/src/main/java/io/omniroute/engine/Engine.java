package io.omniroute.engine;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The single-writer state machine: applies one command at a time to stock, capacity, orders and holds, and writes
 * the decision. Deterministic: the clock is the largest {@code ts} seen, there is no randomness, and iteration is in
 * dense-index order. Allocation-free on the order path once warm.
 */
public final class Engine
{
    static final long MAX_QTY = 1_000_000_000L;
    private static final Service[] ALL_SERVICES = Service.values();

    final Network network;
    final StockStore stock;
    final CapacityStore capacity;
    final OrderBook orders;
    final OrderBook holds;
    final Router router;
    final Kpis kpis;
    final AvailabilityFeed feed;
    final Lifecycle lifecycle;
    private final LiveKpis liveKpis;
    private final HoldExpiryQueue expiries = new HoldExpiryQueue();
    private final Long2LongHashMap openHoldsByCustomer = new Long2LongHashMap(0);
    /** Per channel name, its open-holds limit and the INVALID message when it is reached: looked up once, then kept. */
    private final java.util.HashMap<String, HoldLimit> holdLimitByChannel = new java.util.HashMap<>();
    private final long holdLimitDefault;
    private final long[] shipPriceCents = new long[ALL_SERVICES.length];
    private final long freeShippingThresholdCents;
    /** Policy {@code order_book_max_mib} in bytes: the live records of orders and holds together stay below it. */
    private final long maxBookBytes;
    /** The INVALID message of an order or hold refused because the books are full. */
    private final String booksFullMessage;
    /** Room kept for the largest record one order or hold writes, so the books never pass {@link #maxBookBytes}. */
    static final int ENTRY_ROOM_BYTES = 64 << 10;
    /** Policy {@code order_retention_days}; 0: keep every order. */
    private final long retentionDays;

    /**
     * Commands with an order id {@link #expect} notes at most before a {@link #prefetch}: enough misses to memory in
     * flight at once to overlap most of their latency.
     */
    public static final int PREFETCH_AHEAD = 16;
    private final long[] expectedIdKeys = new long[PREFETCH_AHEAD];
    private int expectedCount;
    /** What {@link #prefetch} read, kept so the reads are not left out. */
    private long prefetched;
    private long idsReadAhead;

    long seq;
    private long clockMs = Long.MIN_VALUE;
    long day;

    // scratch for the current command
    int lineCount;
    final int[] lineSku = new int[Command.MAX_RAW_LINES];
    final long[] lineQty = new long[Command.MAX_RAW_LINES];
    private final UnsafeBuffer content = new UnsafeBuffer(new byte[128 + 8 * Command.MAX_RAW_LINES]);
    /** Per network channel, the first bytes of {@link #buildContent}: the name's length, then its chars as bytes. */
    private final byte[][] channelContent;
    private int[] expiredScratch = new int[64];

    /** The order book's pages: 1 MiB, a few thousand orders each. */
    static final int ORDER_PAGE_BITS = 20;
    public static final int ORDER_PAGE_BYTES = 1 << ORDER_PAGE_BITS;
    /** The hold book's pages: 64 KiB. */
    static final int HOLD_PAGE_BITS = 16;
    public static final int HOLD_PAGE_BYTES = 1 << HOLD_PAGE_BITS;

    public Engine(final Network network)
    {
        this.network = network;
        this.stock = new StockStore(network.skuCount(), network.locationCount());
        this.capacity = new CapacityStore(network);
        // paged, so the books grow a page at a time and never stall the engine thread for a copy; the pages of
        // -Domniroute.orderbook.bytes (the launcher: 128 MB) are allocated up front, off the order path
        this.orders = new OrderBook(ORDER_PAGE_BITS, 1 << 16,
            Integer.getInteger("omniroute.orderbook.bytes", ORDER_PAGE_BYTES));
        this.holds = new OrderBook(HOLD_PAGE_BITS, 1 << 10, HOLD_PAGE_BYTES);
        this.orders.indexLinesBySkuAndLocation(network.locationCount());
        this.router = new Router(network, stock, capacity);
        this.kpis = new Kpis(network.locationCount());
        for (int i = 0; i < network.initialStockRows(); i++)
        {
            stock.setOnHand(network.stockSku[i], network.stockLocation[i], network.stockOnHand[i]);
            stock.setSafetyStock(network.stockSku[i], network.stockLocation[i], network.stockSafety[i]);
        }
        this.feed = new AvailabilityFeed(network, stock);
        this.lifecycle = new Lifecycle(this);
        this.liveKpis = new LiveKpis(network.locationCount());
        holdLimitDefault = policyLong("max_open_holds_per_customer", Long.MAX_VALUE);
        for (final Service s : ALL_SERVICES)
        {
            shipPriceCents[s.ordinal()] = policyLong("ship_price_" + s.name() + "_cents", 0);
        }
        freeShippingThresholdCents = policyLong("free_shipping_threshold_cents", Long.MAX_VALUE);
        retentionDays = policyLong("order_retention_days", 0);
        maxBookBytes = policyLong("order_book_max_mib", DEFAULT_BOOK_MAX_MIB) << 20;
        booksFullMessage = "the order book is full: orders and holds kept use the " + (maxBookBytes >> 20) +
            " MiB of policy order_book_max_mib" + (retentionDays > 0 ? "; finished ones older than " + retentionDays +
            " days go at the next new_day" : "; set order_retention_days to forget finished ones");
        channelContent = new byte[network.channelCount()][];
        for (int c = 0; c < channelContent.length; c++)
        {
            final String name = network.channel(c);
            final int length = Math.min(name.length(), 64);
            final byte[] bytes = new byte[1 + length];
            bytes[0] = (byte)length;
            for (int i = 0; i < length; i++)
            {
                bytes[1 + i] = (byte)name.charAt(i);
            }
            channelContent[c] = bytes;
        }
    }

    /** The default of policy {@code order_book_max_mib}: about four million orders of a demo day's size. */
    public static final long DEFAULT_BOOK_MAX_MIB = 1024;
    /**
     * The largest {@code order_book_max_mib}: the books address their records in 8-byte units by int (16 GiB with
     * their dead copies, which compaction keeps below the live records' size).
     */
    public static final long MAX_BOOK_MAX_MIB = 8192;

    /**
     * @return whether the books have room for one more entry; deterministic (the live bytes follow from the commands).
     */
    private boolean booksHaveRoom()
    {
        return orders.liveBytes() + holds.liveBytes() + ENTRY_ROOM_BYTES <= maxBookBytes;
    }

    private long policyLong(final String key, final long dflt)
    {
        final String v = network.policy(key, null);
        if (v == null)
        {
            return dflt;
        }
        try
        {
            return Long.parseLong(v.trim());
        }
        catch (final NumberFormatException ex)
        {
            return dflt;
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

    public OrderBook holds()
    {
        return holds;
    }

    public Kpis kpis()
    {
        return kpis;
    }

    /**
     * The router over this engine's stock and capacity, for benchmarks and what-if tools on the engine thread.
     */
    public Router router()
    {
        return router;
    }

    public long lastSeq()
    {
        return seq;
    }

    /**
     * @return the engine clock: the largest {@code ts} seen, or {@code Long.MIN_VALUE} before any.
     */
    public long clockMs()
    {
        return clockMs;
    }

    public long day()
    {
        return day;
    }

    /**
     * Lets the order and hold books grow into pages another thread zeroed ahead ({@link PageReserve}, run by a
     * pipeline beside its engine thread) instead of zeroing and faulting in fresh memory on the engine thread; null
     * goes back to allocating them here. Decisions and state are the same either way. Call before the engine thread
     * starts.
     */
    public void pagesFrom(final PageReserve reserve)
    {
        orders.pagesFrom(reserve);
        holds.pagesFrom(reserve);
    }

    /**
     * @return the reserve the books last took their pages from ({@link #pagesFrom}), open or closed; null when none.
     */
    public PageReserve pageReserve()
    {
        return orders.pageReserve();
    }

    /**
     * Publishing availability and reorder events costs a little per command; it is off until a driver asks.
     */
    public void enableEvents()
    {
        feed.enable();
    }

    /**
     * Ends a batch: computes the availability and reorder events of the commands since the last call.
     */
    public EngineEvents endOfBatch()
    {
        liveKpis.publish(kpis, capacity, orders, holds, maxBookBytes, seq);
        return feed.flush(seq);
    }

    /**
     * KPIs as of the last {@link #endOfBatch()}, safe to read from any thread.
     */
    public LiveKpis liveKpis()
    {
        return liveKpis;
    }

    public String channelName(final int registryIndex)
    {
        return feed.channelName(registryIndex);
    }

    public double dailyDemand(final int sku)
    {
        return feed.dailyDemand(sku);
    }

    /**
     * Notes a command that is about to be applied, for {@link #prefetch}. A new order's id misses the order-id index
     * (millions of ids, one random slot each): alone, that miss to memory stalls the command for hundreds of
     * nanoseconds; read ahead with the next commands' slots, the misses overlap. Reading ahead changes nothing: the
     * decisions are the same with or without it.
     *
     * @return false when {@link #PREFETCH_AHEAD} ids are noted already (this command is not; one without an order id
     * takes no place).
     */
    public boolean expect(final Command cmd)
    {
        if (expectedCount == PREFETCH_AHEAD)
        {
            return false;
        }
        final CharSequence id = cmd.orderId;
        if (id != null && cmd.invalidMessage == null)
        {
            expectedIdKeys[expectedCount++] = OrderBook.hash(id);
        }
        return true;
    }

    /**
     * Reads the order-id index slots of the commands {@link #expect} noted, all at once, and forgets them.
     */
    public void prefetch()
    {
        prefetched += orders.prefetch(expectedIdKeys, expectedCount);
        idsReadAhead += expectedCount;
        expectedCount = 0;
    }

    /**
     * @return order ids whose index slots {@link #prefetch} has read since this engine was made (not state: a
     * restored engine starts at 0).
     */
    public long idsReadAhead()
    {
        return idsReadAhead;
    }

    /**
     * Applies one command and writes its result into {@code out}.
     */
    public Decision apply(final Command cmd, final Decision out)
    {
        out.reset(++seq, cmd);
        kpis.commands++;
        // between commands, where no record offset is held: dead copies left by re-routes go once they outweigh
        // the live records (entry numbers, and so every decision, are unaffected)
        orders.maybeCompact();
        holds.maybeCompact();
        if (cmd.invalidMessage != null)
        {
            return reject(out.invalid(cmd.invalidMessage));
        }
        if (cmd.ts != Command.ABSENT && cmd.ts > clockMs)
        {
            expireHolds(cmd.ts);
            clockMs = cmd.ts;
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
                return lifecycle.receive(cmd, out);
            case STOCK:
                return lifecycle.stockCount(cmd, out);
            case PICK_SHORT:
                return lifecycle.pickShort(cmd, out);
            case RETURN:
                return lifecycle.returned(cmd, out);
            case STATUS:
                return lifecycle.status(cmd, out);
            case NEW_DAY:
                capacity.newDay();
                feed.newDay();
                day++;
                if (retentionDays > 0)
                {
                    // finished orders and holds created retentionDays or more days ago are forgotten
                    orders.archiveFinished(day - retentionDays);
                    holds.archiveFinished(day - retentionDays);
                }
                return out.ok();
            case QUOTE:
                return quote(cmd, out);
            case HOLD:
                return hold(cmd, out);
            case RELEASE:
                return release(cmd, out);
            case KPI:
            case SNAPSHOT:
                return out.ok();
            default:
                return reject(out.invalid("field 'type': unknown command type"));
        }
    }

    Decision reject(final Decision out)
    {
        kpis.rejectsByReason[out.reason.ordinal()]++;
        return out;
    }

    void reserve(final int sku, final int loc, final long qty)
    {
        stock.addReserved(sku, loc, qty);
        feed.markDirty(sku);
    }

    void addOnHand(final int sku, final int loc, final long qty)
    {
        stock.addOnHand(sku, loc, qty);
        feed.markDirty(sku);
    }

    /**
     * Reserves stock and uses capacity for shipments [from, to) of a decision.
     */
    void allocateShipments(final Decision d, final int from, final int to)
    {
        for (int s = from; s < to; s++)
        {
            final int loc = d.shipLocation[s];
            capacity.use(loc);
            kpis.zoneSum += d.shipZone[s];
            kpis.shipmentsPlanned++;
            kpis.shipmentsByLocation[loc]++;
            final int end = d.shipLineStart[s] + d.shipLineCount[s];
            for (int i = d.shipLineStart[s]; i < end; i++)
            {
                reserve(d.lineSku[i], loc, d.lineQty[i]);
                kpis.unitsAllocated += d.lineQty[i];
            }
        }
    }

    /**
     * Releases the reservations of an open shipment of an order or hold; with {@code giveCapacity} the day's capacity
     * unit comes back too.
     */
    void releaseShipment(final OrderBook book, final int no, final int s, final boolean giveCapacity)
    {
        final int loc = book.shipmentLocation(no, s);
        final int start = book.shipmentLineStart(no, s);
        final int end = start + book.shipmentLineCount(no, s);
        for (int i = start; i < end; i++)
        {
            reserve(book.lineSku(no, i), loc, -book.lineQty(no, i));
        }
        if (giveCapacity)
        {
            capacity.release(loc);
        }
    }

    // ---------------------------------------------------------------------------------------------------- orders

    /**
     * Checks the fields every routed command needs and resolves its lines.
     *
     * @return null when fine, else the INVALID message.
     */
    private String resolve(final Command cmd, final boolean needsService)
    {
        if (needsService)
        {
            if (cmd.serviceName == null)
            {
                return "field 'service': missing";
            }
            service = Service.parse(cmd.serviceName);
            if (service == null)
            {
                return "field 'service': must be STANDARD, EXPEDITED or SAME_DAY";
            }
        }
        if (cmd.channel == null)
        {
            return "field 'channel': missing";
        }
        if (cmd.zip == null && !cmd.hasLatLon())
        {
            return "field 'zip': missing (or give lat and lon)";
        }
        if (cmd.lineCount == 0)
        {
            return "field 'lines': needs at least one line";
        }
        if (cmd.maxTransitDays != Command.ABSENT && (cmd.maxTransitDays < 0 || cmd.maxTransitDays > 365))
        {
            return "field 'max_transit_days': must be 0..365";
        }
        for (int i = 0; i < cmd.lineCount; i++)
        {
            if (cmd.lineSku[i] == null)
            {
                return "field 'lines[].sku': missing";
            }
            if (cmd.lineQty[i] == Command.ABSENT)
            {
                return "field 'lines[].qty': missing";
            }
            if (cmd.lineQty[i] <= 0 || cmd.lineQty[i] > MAX_QTY)
            {
                return "field 'lines[].qty': must be 1..1000000000";
            }
            if (cmd.lineUnitPriceCents[i] != Command.ABSENT && cmd.lineUnitPriceCents[i] < 0)
            {
                return "field 'lines[].unit_price_cents': must not be negative";
            }
        }
        // names a decoder looked up already (the same instances, in this network) are not looked up again
        final boolean resolved = cmd.resolvedNetwork == network && cmd.resolvedChannelName == cmd.channel;
        final int channel = resolved ? cmd.resolvedChannel : network.channelIndex(cmd.channel);
        this.channel = channel;
        final int resolvedLines = resolved ? cmd.resolvedLineCount : 0;
        unknownSku = false;
        lineCount = 0;
        for (int i = 0; i < cmd.lineCount; i++)
        {
            final String name = cmd.lineSku[i];
            final int sku = i < resolvedLines && cmd.resolvedSkuName[i] == name ? cmd.resolvedSku[i] :
                network.resolveSku(channel, name);
            if (sku == Network.MISSING)
            {
                unknownSku = true;
                continue;
            }
            mergeLine(sku, cmd.lineQty[i]);
        }
        if (lineCount > Router.MAX_LINES)
        {
            return "field 'lines': more than " + Router.MAX_LINES + " distinct SKUs";
        }
        for (int j = 0; j < lineCount; j++)
        {
            if (lineQty[j] > MAX_QTY)
            {
                return "field 'lines[].qty': total per SKU must be at most 1000000000";
            }
        }
        zip = cmd.zip == null ? Network.MISSING :
            resolved && cmd.resolvedZipName == cmd.zip ? cmd.resolvedZip : network.zipIndex(cmd.zip);
        return null;
    }

    private boolean unknownSku;
    private int zip;
    /** The command's channel index ({@link Network#MISSING} when unknown), set by {@link #resolve}. */
    private int channel;
    /** The command's service, set by {@link #resolve} when it needs one. */
    private Service service;

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
     * Registers the command's channel with the availability feed. The network's channels are registered first, in
     * index order, so a known channel's registry index is its network index and only an unknown one needs a look-up.
     */
    private void registerChannel(final Command cmd, final int channel)
    {
        if (channel == Network.MISSING)
        {
            feed.channel(cmd.channel);
        }
    }

    /**
     * The canonical content of an order or hold, compared byte for byte when an id comes again. The merged lines
     * come last, so a hold's lines can be compared with an order's ({@link #linesTailLength}).
     */
    private int buildContent(final Command cmd, final Service service, final int channelIndex)
    {
        int o = 0;
        if (channelIndex != Network.MISSING)
        {
            // the same name as the network's: its bytes are ready
            final byte[] name = channelContent[channelIndex];
            content.putBytes(o, name, 0, name.length);
            o += name.length;
        }
        else
        {
            final String channel = cmd.channel;
            final int channelLength = Math.min(channel.length(), 64);
            content.putByte(o++, (byte)channelLength);
            for (int i = 0; i < channelLength; i++)
            {
                content.putByte(o++, (byte)channel.charAt(i));
            }
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
            content.putInt(o, zip == Network.MISSING ? cmd.zip.hashCode() : 0);
            o += 4;
        }
        else
        {
            content.putByte(o++, (byte)'P');
            content.putDouble(o, cmd.lat);
            o += 8;
            content.putDouble(o, cmd.lon);
            o += 8;
        }
        content.putInt(o, lineCount);
        o += 4;
        for (int j = 0; j < lineCount; j++)
        {
            content.putInt(o, lineSku[j]);
            content.putInt(o + 4, (int)lineQty[j]);
            o += 8;
        }
        return o;
    }

    private int linesTailLength()
    {
        return 4 + 8 * lineCount;
    }

    private void routerFor(final Command cmd, final Service service, final int channel, final boolean shipComplete)
    {
        router.order(channel, service, shipComplete,
            cmd.maxTransitDays == Command.ABSENT ? -1 : (int)cmd.maxTransitDays, lineCount, lineSku, lineQty);
        if (zip != Network.MISSING)
        {
            router.destinationZip(zip);
        }
        else
        {
            router.destinationPoint(cmd.lat, cmd.lon);
        }
    }

    private Decision order(final Command cmd, final Decision out)
    {
        if (cmd.orderId == null)
        {
            return reject(out.invalid("field 'order_id': missing"));
        }
        // looked up first although used only after the checks: a new id misses the index, a read from memory, and the
        // core goes on with the checks and name look-ups while it waits (nothing in between changes the book)
        final int existing = orders.find(cmd.orderId);
        final String invalid = resolve(cmd, true);
        if (invalid != null)
        {
            return reject(out.invalid(invalid));
        }
        final Service service = this.service;
        final int channel = this.channel;
        kpis.orders++;
        final int contentLength = buildContent(cmd, service, channel);
        if (existing != OrderBook.NOT_FOUND)
        {
            if (orders.contentEquals(existing, content, contentLength))
            {
                kpis.ordersResubmitted++;
                orders.loadFirstDecision(existing, out, Status.ALLOCATED);
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
        if (!booksHaveRoom())
        {
            return reject(out.invalid(booksFullMessage));
        }
        registerChannel(cmd, channel);
        for (int j = 0; j < lineCount; j++)
        {
            kpis.unitsOrdered += lineQty[j];
            feed.ordered(lineSku[j], lineQty[j]);
        }
        out.service = service;
        if (cmd.holdId != null && convertHold(cmd, out, contentLength))
        {
            kpis.holdsConverted++;
        }
        else
        {
            routerFor(cmd, service, channel, cmd.shipComplete);
            if (!router.route(out))
            {
                return reject(out.reject(router.rejectReason()));
            }
            out.endTopShipments();
            out.totalCostCents = router.planCostCents();
            allocateShipments(out, 0, out.topShipmentCount);
        }
        out.status = Status.ALLOCATED;
        countAllocation(out);
        final int no = orders.add(cmd.orderId, content, contentLength, out, channel, zip, cmd.lat, cmd.lon,
            cmd.maxTransitDays == Command.ABSENT ? -1 : (int)cmd.maxTransitDays, cmd.shipComplete, seq,
            OrderState.ALLOCATED);
        orders.day(no, day);
        return out;
    }

    private void countAllocation(final Decision d)
    {
        kpis.ordersAllocated++;
        kpis.totalCostCents += d.totalCostCents;
        if (d.topShipmentCount > 1)
        {
            kpis.splitOrders++;
        }
        if (d.service == Service.SAME_DAY)
        {
            kpis.sameDayOrders++;
        }
    }

    /**
     * Turns an active hold with the same lines into the order: its plan, reservations and capacity carry over.
     */
    private boolean convertHold(final Command cmd, final Decision out, final int contentLength)
    {
        final int h = holds.find(cmd.holdId);
        if (h == OrderBook.NOT_FOUND || holds.state(h) != OrderState.HELD ||
            !holds.contentTailEquals(h, content, contentLength, linesTailLength()))
        {
            return false;
        }
        holds.copyShipments(h, 0, holds.shipmentCount(h), false, out);
        out.endTopShipments();
        out.totalCostCents = holds.totalCostCents(h);
        holds.state(h, OrderState.CONVERTED);
        adjustOpenHolds(holds.tag(h), -1);
        return true;
    }

    private Decision cancel(final Command cmd, final Decision out)
    {
        if (cmd.orderId == null)
        {
            return reject(out.invalid("field 'order_id': missing"));
        }
        final int no = orders.find(cmd.orderId);
        if (no == OrderBook.NOT_FOUND)
        {
            return reject(out.reject(Reason.UNKNOWN_ORDER));
        }
        final OrderState state = orders.state(no);
        if (state == OrderState.CANCELLED)
        {
            return out.ok();
        }
        if (state == OrderState.SHIPPED || state == OrderState.RETURNED)
        {
            return reject(out.reject(Reason.ALREADY_SHIPPED));
        }
        final int shipments = orders.shipmentCount(no);
        for (int s = 0; s < shipments; s++)
        {
            if (orders.shipmentState(no, s) == OrderBook.SHIPMENT_OPEN)
            {
                releaseShipment(orders, no, s, false);
                orders.shipmentState(no, s, OrderBook.SHIPMENT_CANCELLED, seq);
            }
        }
        lifecycle.dropBackorders(no);
        orders.state(no, OrderState.CANCELLED);
        kpis.cancels++;
        return out.ok();
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
        final int no = orders.find(cmd.orderId);
        if (no == OrderBook.NOT_FOUND)
        {
            return reject(out.reject(Reason.UNKNOWN_ORDER));
        }
        final int loc = network.locationIndex(cmd.locationId);
        final int shipments = orders.shipmentCount(no);
        boolean anyThere = false;
        boolean anyShipped = false;
        int shippedNow = 0;
        for (int s = 0; s < shipments; s++)
        {
            if (orders.shipmentLocation(no, s) != loc)
            {
                continue;
            }
            anyThere = true;
            final int st = orders.shipmentState(no, s);
            anyShipped |= st == OrderBook.SHIPMENT_SHIPPED;
            if (st == OrderBook.SHIPMENT_OPEN)
            {
                // every shipment of the order still open there leaves: a re-route can add one beside the first
                final int start = orders.shipmentLineStart(no, s);
                for (int i = start, end = start + orders.shipmentLineCount(no, s); i < end; i++)
                {
                    final int sku = orders.lineSku(no, i);
                    final int qty = orders.lineQty(no, i);
                    reserve(sku, loc, -qty);
                    addOnHand(sku, loc, -qty);
                }
                orders.shipmentState(no, s, OrderBook.SHIPMENT_SHIPPED, seq);
                shippedNow++;
            }
        }
        if (!anyThere)
        {
            return reject(out.invalid("field 'location_id': the order has no shipment from that location"));
        }
        if (shippedNow == 0)
        {
            return anyShipped ? reject(out.reject(Reason.ALREADY_SHIPPED)) :
                reject(out.invalid("field 'order_id': that shipment was cancelled"));
        }
        lifecycle.updateShippedState(no);
        kpis.shipmentsShipped += shippedNow;
        return out.ok();
    }

    // -------------------------------------------------------------------------------------------------- checkout

    private Decision quote(final Command cmd, final Decision out)
    {
        final String invalid = resolve(cmd, false);
        if (invalid != null)
        {
            return reject(out.invalid(invalid));
        }
        int serviceMask = 0;
        if (cmd.serviceCount == 0)
        {
            serviceMask = 0b111;
        }
        for (int i = 0; i < cmd.serviceCount; i++)
        {
            final Service s = Service.parse(cmd.services[i]);
            if (s == null)
            {
                return reject(out.invalid("field 'services[]': must be STANDARD, EXPEDITED or SAME_DAY"));
            }
            serviceMask |= s.bit();
        }
        if (unknownSku)
        {
            return reject(out.reject(Reason.UNKNOWN_SKU));
        }
        if (cmd.zip != null && zip == Network.MISSING)
        {
            return reject(out.reject(Reason.UNKNOWN_ZIP));
        }
        kpis.quotes++;
        final int channel = this.channel;
        registerChannel(cmd, channel);
        long merchandiseCents = 0;
        for (int i = 0; i < cmd.lineCount; i++)
        {
            if (cmd.lineUnitPriceCents[i] != Command.ABSENT)
            {
                merchandiseCents = Saturating.add(merchandiseCents,
                    Saturating.multiply(cmd.lineQty[i], cmd.lineUnitPriceCents[i]));
            }
        }
        boolean first = true;
        for (final Service s : ALL_SERVICES)
        {
            if ((serviceMask & s.bit()) == 0)
            {
                continue;
            }
            if (first)
            {
                routerFor(cmd, s, channel, false);
                first = false;
            }
            else
            {
                router.service(s); // same lines and destination: only the service changes
            }
            final int g = out.beginGroup(Decision.GROUP_QUOTE_OPTION);
            out.groupService[g] = s;
            if (router.route(out))
            {
                out.groupCostCents[g] = router.planCostCents();
                out.groupTransitDays[g] = router.planTransitDays();
                out.groupShipPriceCents[g] = s == Service.STANDARD && merchandiseCents >= freeShippingThresholdCents ?
                    0 : shipPriceCents[s.ordinal()];
            }
            else
            {
                out.groupStatus[g] = Status.REJECTED;
                out.groupReason[g] = router.rejectReason();
            }
            out.endGroup(g);
        }
        return out.ok();
    }

    private Decision hold(final Command cmd, final Decision out)
    {
        if (cmd.holdId == null)
        {
            return reject(out.invalid("field 'hold_id': missing"));
        }
        if (cmd.holdSeconds == Command.ABSENT || cmd.holdSeconds <= 0 || cmd.holdSeconds > 30L * 86_400)
        {
            return reject(out.invalid(cmd.holdSeconds == Command.ABSENT ? "field 'hold_seconds': missing" :
                "field 'hold_seconds': must be 1..2592000"));
        }
        final String invalid = resolve(cmd, true);
        if (invalid != null)
        {
            return reject(out.invalid(invalid));
        }
        final Service service = this.service;
        final int channel = this.channel;
        final int contentLength = buildContent(cmd, service, channel);
        final int existing = holds.find(cmd.holdId);
        if (existing != OrderBook.NOT_FOUND && holds.state(existing) == OrderState.HELD)
        {
            if (holds.contentEquals(existing, content, contentLength))
            {
                holds.loadFirstDecision(existing, out, Status.HELD);
                return out;
            }
            return reject(out.invalid("field 'hold_id': already holds other lines"));
        }
        if (unknownSku)
        {
            return reject(out.reject(Reason.UNKNOWN_SKU));
        }
        if (cmd.zip != null && zip == Network.MISSING)
        {
            return reject(out.reject(Reason.UNKNOWN_ZIP));
        }
        long customerKey = 0;
        if (cmd.customerId != null)
        {
            customerKey = OrderBook.hash(cmd.channel) * 31 + OrderBook.hash(cmd.customerId);
            HoldLimit limit = holdLimitByChannel.get(cmd.channel);
            if (limit == null)
            {
                final long max = policyLong("max_open_holds_per_customer." + cmd.channel, holdLimitDefault);
                limit = new HoldLimit(max, "field 'customer_id': already has " + max + " open holds on channel " +
                    cmd.channel + " (policy max_open_holds_per_customer)");
                holdLimitByChannel.put(cmd.channel, limit);
            }
            if (openHoldsByCustomer.get(customerKey) >= limit.max())
            {
                return reject(out.invalid(limit.message()));
            }
        }
        if (!booksHaveRoom())
        {
            return reject(out.invalid(booksFullMessage));
        }
        registerChannel(cmd, channel);
        routerFor(cmd, service, channel, cmd.shipComplete);
        if (!router.route(out))
        {
            return reject(out.reject(router.rejectReason()));
        }
        out.endTopShipments();
        out.service = service;
        out.totalCostCents = router.planCostCents();
        final long now = clockMs == Long.MIN_VALUE ? 0 : clockMs;
        out.expiresTs = Saturating.add(now, cmd.holdSeconds * 1000); // near the end of time: never expires
        out.status = Status.HELD;
        allocateShipments(out, 0, out.topShipmentCount);
        final int h = holds.add(cmd.holdId, content, contentLength, out, channel, zip, cmd.lat, cmd.lon,
            cmd.maxTransitDays == Command.ABSENT ? -1 : (int)cmd.maxTransitDays, cmd.shipComplete, seq,
            OrderState.HELD);
        holds.tag(h, customerKey);
        holds.day(h, day);
        adjustOpenHolds(customerKey, 1);
        expiries.add(out.expiresTs, h);
        kpis.holds++;
        return out;
    }

    private Decision release(final Command cmd, final Decision out)
    {
        if (cmd.holdId == null)
        {
            return reject(out.invalid("field 'hold_id': missing"));
        }
        final int h = holds.find(cmd.holdId);
        if (h == OrderBook.NOT_FOUND || holds.state(h) == OrderState.CONVERTED)
        {
            return reject(out.reject(Reason.UNKNOWN_HOLD));
        }
        if (holds.state(h) == OrderState.EXPIRED)
        {
            return reject(out.reject(Reason.HOLD_EXPIRED));
        }
        if (holds.state(h) == OrderState.HELD)
        {
            endHold(h, OrderState.RELEASED);
            kpis.holdsReleased++;
        }
        return out.ok();
    }

    /**
     * Counts a customer's open holds; the map's missing value is 0, so a count back at 0 is removed, not stored.
     */
    void adjustOpenHolds(final long customerKey, final int delta)
    {
        if (customerKey == 0)
        {
            return;
        }
        final long count = openHoldsByCustomer.get(customerKey) + delta;
        if (count <= 0)
        {
            openHoldsByCustomer.remove(customerKey);
        }
        else
        {
            openHoldsByCustomer.put(customerKey, count);
        }
    }

    /**
     * Ends an open hold (released, expired, or taken back by a count): its reservations, and on its own day its
     * capacity, are given back.
     */
    void endHold(final int h, final OrderState state)
    {
        final boolean sameDay = holds.day(h) == day;
        for (int s = 0, n = holds.shipmentCount(h); s < n; s++)
        {
            releaseShipment(holds, h, s, sameDay);
        }
        holds.state(h, state);
        adjustOpenHolds(holds.tag(h), -1);
    }

    /**
     * Releases, oldest first, every hold whose expiry the new clock passes (SPEC §5).
     */
    private void expireHolds(final long newClockMs)
    {
        int n = 0;
        while (!expiries.isEmpty() && expiries.peekExpires() < newClockMs)
        {
            final int h = expiries.poll();
            if (holds.state(h) == OrderState.HELD)
            {
                if (n == expiredScratch.length)
                {
                    expiredScratch = java.util.Arrays.copyOf(expiredScratch, n * 2);
                }
                expiredScratch[n++] = h;
            }
        }
        if (n > 1)
        {
            java.util.Arrays.sort(expiredScratch, 0, n); // hold numbers are in creation order
        }
        for (int i = 0; i < n; i++)
        {
            endHold(expiredScratch[i], OrderState.EXPIRED);
            kpis.holdsExpired++;
        }
    }

    void restoreClock(final long seq, final long clockMs, final long day)
    {
        this.seq = seq;
        this.clockMs = clockMs;
        this.day = day;
    }

    /**
     * After a restore: the expiry queue and per-customer counts are derived from the holds still open.
     */
    void rebuildHoldIndexes()
    {
        openHoldsByCustomer.clear();
        for (int h = 0; h < holds.count(); h++)
        {
            if (holds.state(h) == OrderState.HELD)
            {
                expiries.add(holds.expiresTs(h), h);
                adjustOpenHolds(holds.tag(h), 1);
            }
        }
    }

    int openHolds()
    {
        int open = 0;
        for (int i = 0; i < expiries.size(); i++)
        {
            if (holds.state(expiries.holdAt(i)) == OrderState.HELD)
            {
                open++;
            }
        }
        return open;
    }

    private record HoldLimit(long max, String message)
    {
    }
}
