package io.omniroute.engine;

import java.util.Arrays;

/**
 * The routing decision of SPEC §2 for one order: the least-cost plan in which every line ships whole from one
 * location, exact for up to {@link #EXACT_LINES} lines, with SPEC's tie-break; a line-quantity split only when no
 * whole-line plan exists; and the reject reason when there is no plan. Allocation-free: all scratch is sized once.
 * <p>
 * Candidates are the locations that may serve the order and hold available stock of some line, in ascending location
 * order (index order is SPEC's string order). The best single-location plan comes first; when no split can beat it
 * (every shipment costs at least its dearest line's cheapest lone shipment, as a rate never falls with weight), it
 * is the answer. Otherwise, up to {@link #EXACT_LINES} lines: the partition program (each set of lines priced at its
 * cheapest location, then the least partition by dynamic programming over line sets) gives the least plan of a
 * relaxation in which a location may ship two parts; when its plan uses each location once it is the decision, else
 * a branch and bound over parts bounded below by the relaxation finds the least plan with distinct locations, and
 * the candidate program (dynamic programming over candidates and covered lines) settles what the bound cannot in its
 * node budget. Ties on (cost, shipments) are settled by packing each line's location as a 16-bit digit, line 0 most
 * significant, so comparing packed assignments compares plans as SPEC does. Beyond {@link #EXACT_LINES} lines a
 * bounded depth-first branch and bound seeded with the best single location and a greedy cover is used.
 */
public final class Router
{
    public static final int EXACT_LINES = 8;
    public static final int MAX_LINES = 64;
    /** Node budget of the search for orders beyond {@link #EXACT_LINES} lines and for existence checks. */
    static final int HEURISTIC_NODE_BUDGET = 20_000;
    /** Node budget of the search for orders of up to EXACT_LINES lines with more candidates than programs number. */
    static final int EXACT_NODE_BUDGET = 2_000_000;

    static final int STRICT = 0;
    static final int UNLIMITED_STOCK = 1;
    static final int UNLIMITED_CAPACITY = 2;
    static final int IGNORE_SHIP_COMPLETE = 4;

    private static final long UNLIMITED = Long.MAX_VALUE / 4;
    private static final long NO_COST = RateTable.NO_PRICE; // Long.MAX_VALUE: a class price reads as it is

    private final Network network;
    private final StockStore stock;
    private final CapacityStore capacity;
    private final RateTable rates;
    private final DestinationZones zones;
    private final long splitPenaltyCents;
    /** The least handling cost of any location: with a zone's least class price, a bound on a shipment from it. */
    private final long minHandlingCents;

    // the order
    private int lineCount;
    private final int[] lineSku = new int[MAX_LINES];
    private final long[] lineQty = new long[MAX_LINES];
    private final long[] lineUnitWeight = new long[MAX_LINES];
    private final long[] lineWeight = new long[MAX_LINES];
    private long totalWeight;
    private int service;
    private int channel;
    private int maxTransitDays;
    private boolean shipComplete;
    private int excludedLocation = -1;
    private int onlyLocation = -1;
    private long planCostCents;
    private int planTransitDays;

    // candidates of the current mode, ascending location
    private int candCount;
    private final int[] candLoc;
    private final int[] candZone;
    private final long[] candHandling;
    private final long[] candMask;
    private final long[] candAloneCost; // [cand * MAX_LINES + line]
    private final long[] minAloneCost = new long[MAX_LINES];
    /** Per line, the first candidate (the smallest location) whose lone shipment of it costs minAloneCost. */
    private final int[] minAloneCand = new int[MAX_LINES];
    private boolean unlimitedStock;
    private boolean capacityExcluded;
    private boolean strictCapacityExcluded;
    /**
     * The order's stock, read once per {@link #order}: the locations with available stock of some line, and each
     * line's available bits ({@link #coverage} works out a location's covered lines from them when asked).
     */
    private boolean scanned;
    /**
     * Whether the order is one line of one unit: then every stocked location covers it, and no {@link #coverage} is
     * worked out (half the demo's orders and most carts quoted from a product page).
     */
    private boolean singleUnit;
    private final long[] stockedBits;
    /** Per location, the lines whose quantity its stock covers, as {@link #coverage} worked them out for a scan. */
    private final long[] coveredLines;
    /** Per location, the scan ({@link #scans}) its {@link #coveredLines} entry was worked out for. */
    private final long[] coveredScan;
    /** Scans of the stock so far: a coverage is worked out at most once per scan, and only where a pass asks. */
    private long scans;
    /** Per line j and word w, at [j * words + w]: the available bits of its SKU as {@link #scanStock} read them. */
    private final long[] lineAvail;
    /** Locations offering a service that a channel may use: [service][channel + 1], built on first use. */
    private final long[][][] baseCands = new long[Service.values().length][][];

    // carrier prices by weight class (RateTable): the class of each line and of the whole order, and the class
    // table's offset for the order's service and transit limit
    private final boolean classes;
    private int classBase;
    private final int[] lineClass = new int[MAX_LINES];
    private int totalClass;

    // search state
    private final long[] openMask;
    private final int[] openList;
    private int openCount;
    private final int candLimit;
    private final int[] lineCands;
    private final int[] lineCandCount = new int[MAX_LINES];
    private final long[] openWeight;
    private final long[] openCost;
    private final boolean[] open;
    private final int[] assign = new int[MAX_LINES];
    private final int[] bestAssign = new int[MAX_LINES];
    private long bestCost;
    private int bestShips;
    private boolean found;
    private int bestVersion;
    private boolean stopAtFirst;
    private boolean stopped;
    private int nodes;
    private int nodeBudget;
    private boolean budgetExhausted;
    /** The programs pack a location as a 16-bit digit. */
    static final int MAX_PROGRAM_CANDIDATES = 0xFFFE;
    /**
     * Test hook for orders of up to EXACT_LINES lines that need more than one shipment: 0 as in production, 1 the
     * programs settle every one, 2 the candidate program alone settles every one.
     */
    static volatile int forcedProgram;
    /** Test hook: price through {@link RateTable#lookup} as for rate cards too large for the class table. */
    static volatile boolean lookupOnly;
    /**
     * Test hook: find the best single location by a pass over every location, as for networks with too many
     * locations for {@link DestinationZones#byZone} lists.
     */
    static volatile boolean everyLocation;
    private final long[] dpCost = new long[1 << EXACT_LINES];
    private final int[] dpShips = new int[1 << EXACT_LINES];
    private final long[] dpVec = new long[1 << EXACT_LINES];
    private final long[] subsetWeight = new long[1 << EXACT_LINES];
    private final long[] subsetCost = new long[1 << EXACT_LINES];
    private final long[] dpVecLo = new long[1 << EXACT_LINES];
    private final int[] dpPart = new int[1 << EXACT_LINES];
    private final long[] partCost = new long[1 << EXACT_LINES];
    private final int[] partCand = new int[1 << EXACT_LINES];
    private final long[] partVec = new long[1 << EXACT_LINES];
    private final long[] partVecLo = new long[1 << EXACT_LINES];
    private final int[] keptCand;
    /** {@link #partitionProgram}'s scratch: per zone and set of lines, the least handling of a kept location. */
    private final long[] keptHandling = new long[(Geo.MAX_ZONE + 1) << EXACT_LINES];
    private static final long INF = Long.MAX_VALUE / 4;
    private final int[] weightClass = new int[1 << EXACT_LINES];
    /** Per set of lines, a 1 in the 16-bit digit of each line of the set (lines 0–3 high, 4–7 low). */
    private static final long[] SPREAD_HI = new long[1 << EXACT_LINES];
    private static final long[] SPREAD_LO = new long[1 << EXACT_LINES];

    static
    {
        for (int t = 1; t < 1 << EXACT_LINES; t++)
        {
            for (int j = 0; j < EXACT_LINES; j++)
            {
                if ((t & (1 << j)) != 0)
                {
                    if (j < 4)
                    {
                        SPREAD_HI[t] |= digit(j, 0);
                    }
                    else
                    {
                        SPREAD_LO[t] |= digit(j, 0);
                    }
                }
            }
        }
    }
    /** Nodes the branch and bound over parts may visit before the candidate program settles the order. */
    static final int PART_SEARCH_NODES = 20_000;
    private long pbCost;
    private int pbShips;
    private long pbHi;
    private long pbLo;

    // split plan
    private boolean planIsSplit;
    private int entryCount;
    private final int[] entryCand = new int[Decision.MAX_LINES];
    private final int[] entryLine = new int[Decision.MAX_LINES];
    private final long[] entryQty = new long[Decision.MAX_LINES];
    /** The per-unit split plan's entries while the whole-lines-first plan is tried, and a split plan's totals. */
    private final int[] perUnitCand = new int[Decision.MAX_LINES];
    private final int[] perUnitLine = new int[Decision.MAX_LINES];
    private final long[] perUnitQty = new long[Decision.MAX_LINES];
    private long splitCost;
    private int splitShips;
    private final long[] splitAvail;

    public Router(final Network network, final StockStore stock, final CapacityStore capacity)
    {
        this.network = network;
        this.stock = stock;
        this.capacity = capacity;
        this.rates = network.rates();
        this.zones = new DestinationZones(network);
        this.splitPenaltyCents = network.splitPenaltyCents();
        long minHandling = 0;
        for (int l = 0; l < network.locationCount(); l++)
        {
            minHandling = l == 0 ? network.handlingCostCents[l] : Math.min(minHandling, network.handlingCostCents[l]);
        }
        this.minHandlingCents = minHandling;
        this.classes = rates.hasClasses() && !lookupOnly;
        final int n = Math.max(1, network.locationCount());
        candLoc = new int[n];
        candZone = new int[n];
        candHandling = new long[n];
        candMask = new long[n];
        candAloneCost = new long[n * MAX_LINES];
        openWeight = new long[n];
        openMask = new long[n];
        openList = new int[n];
        candLimit = n;
        lineCands = new int[MAX_LINES * n];
        openCost = new long[n];
        open = new boolean[n];
        splitAvail = new long[n * MAX_LINES];
        stockedBits = new long[StockStore.wordsFor(n)];
        coveredLines = new long[n];
        coveredScan = new long[n];
        lineAvail = new long[MAX_LINES * stockedBits.length];
        keptCand = new int[n];
    }

    /**
     * Sets the order to route. Lines must be merged, in ascending SKU index, at most {@link #MAX_LINES}. The order's
     * stock is read at its first route and kept for its later routes and reject reasons: call this again once stock
     * has changed.
     */
    public void order(
        final int channel,
        final Service service,
        final boolean shipComplete,
        final int maxTransitDays,
        final int lineCount,
        final int[] skus,
        final long[] qtys)
    {
        this.channel = channel;
        this.shipComplete = shipComplete;
        this.maxTransitDays = maxTransitDays;
        this.lineCount = lineCount;
        this.excludedLocation = -1;
        this.onlyLocation = -1;
        this.scanned = false;
        long total = 0;
        for (int j = 0; j < lineCount; j++)
        {
            lineSku[j] = skus[j];
            lineQty[j] = qtys[j];
            lineUnitWeight[j] = network.weightGrams(skus[j]);
            lineWeight[j] = Saturating.multiply(qtys[j], lineUnitWeight[j]);
            total = Saturating.add(total, lineWeight[j]);
        }
        totalWeight = total;
        service(service);
    }

    /**
     * Routes the order set by {@link #order} under another service from now on (a quote asks for each service in
     * turn: the lines, destination and location filters stay).
     */
    public void service(final Service service)
    {
        this.service = service.ordinal();
        if (classes)
        {
            classBase = rates.classBase(this.service, maxTransitDays);
            for (int j = 0; j < lineCount; j++)
            {
                lineClass[j] = rates.weightClass(this.service, lineWeight[j]);
            }
            totalClass = lineCount == 1 ? lineClass[0] : rates.weightClass(this.service, totalWeight);
        }
    }

    /**
     * @return the cheapest eligible price of a shipment of this weight to a zone, or {@link #NO_COST}.
     */
    private long priceOf(final int zone, final long weight)
    {
        if (classes)
        {
            return classPrice(zone, rates.weightClass(service, weight));
        }
        final int row = rates.lookup(service, zone, weight, maxTransitDays);
        return row == RateTable.NO_RATE ? NO_COST : rates.priceCents(row);
    }

    /**
     * @return the cheapest eligible price of a shipment of weight class k to a zone, or {@link #NO_COST}.
     */
    private long classPrice(final int zone, final int k)
    {
        return rates.classPriceCents(classBase, zone, k); // NO_PRICE is NO_COST
    }

    /**
     * @return the price of a shipment whose weight class (k, valid when pricing by class) and weight are known, or
     * {@link #NO_COST}.
     */
    private long priceOf(final int zone, final int k, final long weight)
    {
        return classes ? classPrice(zone, k) : priceOf(zone, weight);
    }

    /**
     * Keeps a location out of the next routes of this order (a pick short is routed again from the others).
     */
    public void excludeLocation(final int loc)
    {
        excludedLocation = loc;
    }

    /**
     * @return the cost of the plan the last successful {@link #route} wrote.
     */
    public long planCostCents()
    {
        return planCostCents;
    }

    /**
     * @return the slowest shipment's transit days of the plan the last successful {@link #route} wrote.
     */
    public int planTransitDays()
    {
        return planTransitDays;
    }

    /**
     * Lets only one location ship the next routes of this order (a receipt fills backorders where it lands).
     */
    public void onlyLocation(final int loc)
    {
        onlyLocation = loc;
    }

    /**
     * @return search nodes the last whole-line search visited (diagnostics and benchmarks).
     */
    public int lastSearchNodes()
    {
        return nodes;
    }

    public void destinationZip(final int zip)
    {
        zones.selectZip(zip);
    }

    public void destinationPoint(final double lat, final double lon)
    {
        zones.selectPoint(lat, lon);
    }

    /**
     * Routes the order under today's stock and capacity and appends the plan's shipments to the decision.
     *
     * @return false when there is no plan (the decision is untouched).
     */
    public boolean route(final Decision decision)
    {
        if (sameDayOutOfReach())
        {
            strictCapacityExcluded = false;
            return false; // (most quotes of all services, for a destination no store reaches the same day)
        }
        final boolean planned = plan(STRICT, false);
        strictCapacityExcluded = capacityExcluded;
        if (!planned)
        {
            return false;
        }
        writePlan(decision); // (the decision grows for a plan past its first arrays)
        return true;
    }

    /**
     * The reason an order that {@link #route} could not place is rejected, as SPEC §2 orders them.
     */
    public Reason rejectReason()
    {
        if (sameDayOutOfReach())
        {
            return Reason.NO_SERVICE; // no plan whatever the stock and capacity, as the searches below would find
        }
        // most rejects are stock-outs: one location that could ship everything settles "not NO_SERVICE" without the
        // search (a quarter of a flash sale's orders are rejects, and that search was a tenth of its engine time)
        if (!someLocationShipsAll() && !plan(UNLIMITED_STOCK | UNLIMITED_CAPACITY, true))
        {
            return Reason.NO_SERVICE;
        }
        // when no location was left out for capacity, lifting capacity changes nothing: skip that search
        if (strictCapacityExcluded && plan(UNLIMITED_CAPACITY, true))
        {
            return Reason.NO_CAPACITY;
        }
        if (shipComplete && plan(IGNORE_SHIP_COMPLETE, true))
        {
            return Reason.SHIP_COMPLETE_IMPOSSIBLE;
        }
        return Reason.OUT_OF_STOCK;
    }

    /**
     * @return whether the order is SAME_DAY and no location is within its same-day radius of the destination: no
     * location may ship it, in any mode. {@link #route} and {@link #rejectReason}, the ways into the searches, answer
     * it first (the searches would also skip every location, each being out of its radius).
     */
    private boolean sameDayOutOfReach()
    {
        return service == Service.SAME_DAY.ordinal() && !zones.anyWithinSameDay();
    }

    /**
     * @return whether one location could ship the whole order were stock and capacity unlimited: it offers the
     * service to the channel, is not left out (pick short), reaches a same-day destination, and a rate exists for the
     * order's weight. Then a plan exists under unlimited stock and capacity (that one shipment), as {@link #plan}
     * would find; false says nothing.
     */
    private boolean someLocationShipsAll()
    {
        final boolean sameDay = service == Service.SAME_DAY.ordinal();
        final long[] base = baseCandidates(1 << service, channel);
        for (int w = 0; w < base.length; w++)
        {
            for (long bits = base[w]; bits != 0; bits &= bits - 1)
            {
                final int l = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (leftOut(l, sameDay))
                {
                    continue;
                }
                if (priceOf(zones.zone(l), totalClass, totalWeight) != NO_COST)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean plan(final int mode, final boolean existenceOnly)
    {
        if (mode == STRICT && !existenceOnly)
        {
            if (singleLocationWins())
            {
                return true;
            }
            if (someLineUnplaceable())
            {
                capacityExcluded = capacityLeavesOutSome();
                return false; // (the search below would find no plan)
            }
        }
        prepare(mode);
        final boolean singleOnly = shipComplete && (mode & IGNORE_SHIP_COMPLETE) == 0;
        stopAtFirst = existenceOnly;
        planIsSplit = false;
        if (searchWhole(singleOnly, existenceOnly || lineCount > EXACT_LINES ?
            HEURISTIC_NODE_BUDGET : EXACT_NODE_BUDGET))
        {
            return true;
        }
        if (singleOnly)
        {
            return false;
        }
        planIsSplit = true;
        return split(mode);
    }

    /**
     * After {@link #singleLocationWins} found no plan: whether some line can have no place in any plan, so that the
     * searches need not run. That pass saw every location that could ship a line alone (it leaves a zone, or the
     * walk, only once each line's least lone shipment is known), so a line still without one has no location with
     * its quantity in stock, a rate and capacity. A line of one unit can then ship from nowhere (a shipment carrying
     * it weighs at least as much, and no rate carries a heavier shipment where none carries a lighter one); a line of
     * more units may still be filled from several locations, unless no location serving the order holds any of it.
     * Not for ship-complete orders, whose pass reads no line alone.
     */
    private boolean someLineUnplaceable()
    {
        if (shipComplete)
        {
            return false;
        }
        final long[] base = baseCandidates(1 << service, channel);
        for (int j = 0; j < lineCount; j++)
        {
            if (minAloneCost[j] != NO_COST)
            {
                continue;
            }
            if (lineQty[j] == 1)
            {
                return true;
            }
            long held = 0;
            for (int w = 0; w < base.length; w++)
            {
                held |= stock.availableWord(lineSku[j], w) & base[w];
            }
            if (held == 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return what {@link #prepare} under {@link #STRICT} would leave in {@link #capacityExcluded}: whether a location
     * serving the order and holding some of its stock (and not left out otherwise) has no capacity left today.
     */
    private boolean capacityLeavesOutSome()
    {
        final boolean sameDay = service == Service.SAME_DAY.ordinal();
        final long[] base = baseCandidates(1 << service, channel);
        for (int w = 0; w < base.length; w++)
        {
            for (long bits = base[w] & stockedBits[w] & capacity.fullWord(w); bits != 0; bits &= bits - 1)
            {
                final int l = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (!leftOut(l, sameDay))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The common case settled without listing candidates: when the best single location's plan is the decision (one
     * line; ship complete; or no split can beat it, as {@link #singleBeatsEverySplit} tells from each line's cheapest
     * lone shipment), one pass over the locations finds it and it becomes the plan, as candidate 0. The pass sees the
     * locations {@link #prepare} would list under {@link #STRICT}, in the same order, so the plan is the same.
     *
     * @return false when the full search must decide (nothing is planned then).
     */
    private boolean singleLocationWins()
    {
        final int n = lineCount;
        for (int j = 0; j < n; j++)
        {
            minAloneCost[j] = NO_COST;
        }
        capacityExcluded = false;
        final boolean sameDay = service == Service.SAME_DAY.ordinal();
        if (!scanned)
        {
            scanStock();
        }
        final long full = fullMask();
        final long[] base = baseCandidates(1 << service, channel);
        final char[] byZone = everyLocation || !zoneListsPay(base) ? null : zones.byZone();
        if (byZone != null)
        {
            return n == 1 || shipComplete ? singleByZone(byZone, base, full, sameDay) :
                singleAndLinesByZone(byZone, base, full, sameDay);
        }
        long best = NO_COST;
        int bestLoc = -1;
        int bestZone = 0;
        long bestHandling = 0;
        for (int w = 0; w < base.length; w++)
        {
            for (long bits = base[w] & stockedBits[w]; bits != 0; bits &= bits - 1)
            {
                final int l = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (leftOut(l, sameDay))
                {
                    continue;
                }
                if (!capacity.hasCapacity(l))
                {
                    capacityExcluded = true;
                    continue;
                }
                final long covered = singleUnit ? 1 : coverage(l);
                if (covered == 0)
                {
                    continue;
                }
                final int zone = zones.zone(l);
                final long handling = network.handlingCostCents[l];
                long priced = 0;
                long alone = NO_COST;
                for (long fit = covered; fit != 0; fit &= fit - 1)
                {
                    final int j = Long.numberOfTrailingZeros(fit);
                    final long price = priceOf(zone, lineClass[j], lineWeight[j]);
                    if (price != NO_COST)
                    {
                        alone = handling + price;
                        if (alone < minAloneCost[j])
                        {
                            minAloneCost[j] = alone;
                        }
                        priced |= 1L << j;
                    }
                }
                if (priced == full)
                {
                    final long cost = n == 1 ? alone : singleCost(zone, handling);
                    if (cost < best)
                    {
                        best = cost;
                        bestLoc = l;
                        bestZone = zone;
                        bestHandling = handling;
                    }
                }
            }
        }
        return settleSingle(best, bestLoc, bestZone, bestHandling, full, n > 1 && !shipComplete);
    }

    /**
     * The zone lists are walked past locations that hold none of the order's stock, so they pay only when enough
     * locations serving the order hold some: at least this many, and a quarter of the network. With fewer, the pass
     * over just those is cheaper.
     */
    static final int ZONE_PASS_MIN_STOCKED = 8;

    private boolean zoneListsPay(final long[] base)
    {
        int stocked = 0;
        for (int w = 0; w < base.length; w++)
        {
            stocked += Long.bitCount(base[w] & stockedBits[w]);
        }
        return stocked >= ZONE_PASS_MIN_STOCKED && stocked * 4L >= network.locationCount();
    }

    /**
     * {@link #singleLocationWins} for one line, or ship complete (no split to weigh): the whole order ships at one
     * rate from every location of a zone, so each zone's best is the first location of its list (by handling cost,
     * then location order) that may ship the order, and the plan is the best of those, ties to the smaller location
     * as the full pass over the locations would take them. A zone's list is read only while its locations could still
     * beat the best so far.
     */
    private boolean singleByZone(final char[] byZone, final long[] base, final long full, final boolean sameDay)
    {
        zonePasses++;
        final boolean oneLine = lineCount == 1;
        final long[] handlingCents = network.handlingCostCents;
        long best = NO_COST;
        int bestLoc = -1;
        int bestZone = 0;
        long bestHandling = 0;
        final int lastZone = lastZoneToWalk(sameDay);
        final int k = oneLine ? lineClass[0] : totalClass;
        for (int z = 1; z <= lastZone; z++)
        {
            if (best != NO_COST && classes && !beatableFrom(z, k, best))
            {
                zoneWalksCut++;
                break; // no location of this zone or a farther one can ship it for less
            }
            final int end = DestinationZones.BY_ZONE_HEADER + byZone[z + 1];
            int i = DestinationZones.BY_ZONE_HEADER + byZone[z];
            if (i == end)
            {
                continue;
            }
            final long price = oneLine ? priceOf(z, lineClass[0], lineWeight[0]) : priceOf(z, totalClass, totalWeight);
            if (price == NO_COST)
            {
                continue;
            }
            for (; i < end; i++)
            {
                final int l = byZone[i];
                final long handling = handlingCents[l];
                final long cost = handling + price;
                if (cost > best || (cost == best && l > bestLoc))
                {
                    break; // the rest of this zone costs at least as much, and ties lose to the smaller location
                }
                if (mayShipWhole(l, base, full, sameDay))
                {
                    best = cost;
                    bestLoc = l;
                    bestZone = z;
                    bestHandling = handling;
                    break;
                }
            }
        }
        if (oneLine)
        {
            minAloneCost[0] = best;
        }
        return settleSingle(best, bestLoc, bestZone, bestHandling, full, false);
    }

    /**
     * {@link #singleByZone} for an order of several lines that may split: besides the best single location, each
     * line's cheapest lone shipment ({@link #minAloneCost}), which {@link #singleBeatsEverySplit} weighs. In a zone a
     * line's lone shipment costs the same rate from every location, so its cheapest there is the first location of the
     * list holding the line; a zone's list is read while some line or the whole order could still get cheaper.
     */
    private boolean singleAndLinesByZone(final char[] byZone, final long[] base, final long full, final boolean sameDay)
    {
        zonePasses++;
        final int n = lineCount;
        final long[] handlingCents = network.handlingCostCents;
        final long[] linePrice = zoneLinePrice;
        long best = NO_COST;
        int bestLoc = -1;
        int bestZone = 0;
        long bestHandling = 0;
        final int lastZone = lastZoneToWalk(sameDay);
        for (int z = 1; z <= lastZone; z++)
        {
            if (best != NO_COST && classes && !linesOrWholeBeatableFrom(z, best))
            {
                zoneWalksCut++;
                break; // no location of this zone or a farther one can lower the whole's or a line's cost
            }
            final int end = DestinationZones.BY_ZONE_HEADER + byZone[z + 1];
            int i = DestinationZones.BY_ZONE_HEADER + byZone[z];
            if (i == end)
            {
                continue;
            }
            long open = 0; // lines whose cheapest lone shipment this zone may still lower
            for (int j = 0; j < n; j++)
            {
                final long price = priceOf(z, lineClass[j], lineWeight[j]);
                linePrice[j] = price;
                if (price != NO_COST)
                {
                    open |= 1L << j;
                }
            }
            final long wholePrice = open == full ? priceOf(z, totalClass, totalWeight) : NO_COST;
            boolean wholeOpen = wholePrice != NO_COST;
            for (; i < end; i++)
            {
                final int l = byZone[i];
                final long handling = handlingCents[l];
                if (wholeOpen && (handling + wholePrice > best || (handling + wholePrice == best && l > bestLoc)))
                {
                    wholeOpen = false; // the rest of the zone costs at least as much
                }
                for (long m = open; m != 0; m &= m - 1)
                {
                    final int j = Long.numberOfTrailingZeros(m);
                    if (handling + linePrice[j] >= minAloneCost[j])
                    {
                        open &= ~(1L << j);
                    }
                }
                if (!wholeOpen && open == 0)
                {
                    break;
                }
                final int w = l >>> 6;
                if (((base[w] & stockedBits[w]) & (1L << l)) == 0 || leftOut(l, sameDay) ||
                    !capacity.hasCapacity(l))
                {
                    continue;
                }
                final long covered = coverage(l) & full;
                for (long m = open & covered; m != 0; m &= m - 1)
                {
                    final int j = Long.numberOfTrailingZeros(m);
                    minAloneCost[j] = handling + linePrice[j];
                }
                open &= ~covered;
                if (wholeOpen && covered == full)
                {
                    best = handling + wholePrice;
                    bestLoc = l;
                    bestZone = z;
                    bestHandling = handling;
                    wholeOpen = false;
                }
            }
        }
        return settleSingle(best, bestLoc, bestZone, bestHandling, full, true);
    }

    /**
     * @return the last zone a walk visits: a SAME_DAY order's stops at the last zone that holds a location in reach
     * (past it none is; an out-of-stock SAME_DAY quote would otherwise walk every location of the network).
     */
    private int lastZoneToWalk(final boolean sameDay)
    {
        return sameDay ? zones.sameDayLastZone() : Geo.MAX_ZONE;
    }

    /**
     * @return whether a shipment of weight class k from zone z or a farther one might cost less than {@code best}
     * (or as much, from a smaller location): its price there is at least the class's least price over those zones,
     * and its handling at least the network's least.
     */
    private boolean beatableFrom(final int z, final int k, final long best)
    {
        final long rest = rates.classSuffixMinCents(classBase, z, k);
        return rest != NO_COST && minHandlingCents + rest <= best;
    }

    /**
     * @return whether zone z or a farther one might hold a cheaper single location than {@code best}, or a cheaper
     * lone shipment of some line than its {@link #minAloneCost} so far (the zone walks' two results).
     */
    private boolean linesOrWholeBeatableFrom(final int z, final long best)
    {
        if (beatableFrom(z, totalClass, best))
        {
            return true;
        }
        for (int j = 0; j < lineCount; j++)
        {
            final long rest = rates.classSuffixMinCents(classBase, z, lineClass[j]);
            if (rest != NO_COST && minHandlingCents + rest < minAloneCost[j])
            {
                return true;
            }
        }
        return false;
    }

    /** Single-location passes that walked the zone lists (tests check the lists are used). */
    private long zonePasses;
    private long zoneWalksCut;

    long zonePasses()
    {
        return zonePasses;
    }

    /**
     * @return the zone walks stopped before the last zone because no farther location could do better (tests).
     */
    long zoneWalksCut()
    {
        return zoneWalksCut;
    }

    /** {@link #singleAndLinesByZone}'s scratch: each line's lone rate in the zone at hand. */
    private final long[] zoneLinePrice = new long[MAX_LINES];

    /**
     * @return whether location l may not ship this order whatever its stock and capacity: left out by a pick short,
     * not the one location a receipt fills from, or out of its same-day reach for a SAME_DAY order.
     */
    private boolean leftOut(final int l, final boolean sameDay)
    {
        return l == excludedLocation || (onlyLocation >= 0 && l != onlyLocation) ||
            (sameDay && !zones.withinSameDay(l));
    }

    /**
     * @return whether location l may ship the whole order now, rate aside: it serves the service to the channel, holds
     * every line's quantity, is not left out, reaches a same-day destination, and has capacity left.
     */
    private boolean mayShipWhole(final int l, final long[] base, final long full, final boolean sameDay)
    {
        final int w = l >>> 6;
        return ((base[w] & stockedBits[w]) & (1L << l)) != 0 &&
            (singleUnit || (coverage(l) & full) == full) &&
            !leftOut(l, sameDay) && capacity.hasCapacity(l);
    }

    /**
     * Makes the best single location found (none: best is {@link #NO_COST}) the plan, as candidate 0, unless a split
     * is to be weighed and could beat it.
     *
     * @return whether it is the plan.
     */
    private boolean settleSingle(final long best, final int loc, final int zone, final long handling, final long full,
        final boolean weighSplits)
    {
        if (best == NO_COST)
        {
            return false;
        }
        bestCost = best;
        if (weighSplits && !singleBeatsEverySplit())
        {
            return false;
        }
        candCount = 1;
        candLoc[0] = loc;
        candZone[0] = zone;
        candHandling[0] = handling;
        candMask[0] = full;
        for (int j = 0; j < lineCount; j++)
        {
            bestAssign[j] = 0;
        }
        bestShips = 1;
        found = true;
        planIsSplit = false;
        return true;
    }

    /**
     * Lists the candidate locations of the current mode in ascending location order: those offering the service to
     * the channel (and reaching the destination for same-day), with capacity left unless capacity is lifted, and,
     * unless stock is lifted, holding some available stock of a line (a location with none can ship nothing).
     */
    private void prepare(final int mode)
    {
        unlimitedStock = (mode & UNLIMITED_STOCK) != 0;
        capacityExcluded = false;
        final boolean unlimitedCapacity = (mode & UNLIMITED_CAPACITY) != 0;
        final boolean sameDay = service == Service.SAME_DAY.ordinal();
        final int n = lineCount;
        for (int j = 0; j < n; j++)
        {
            minAloneCost[j] = NO_COST;
        }
        if (!unlimitedStock && !scanned)
        {
            scanStock();
        }
        final long all = fullMask();
        int c = 0;
        final long[] base = baseCandidates(1 << service, channel);
        for (int w = 0; w < base.length; w++)
        {
            long bits = unlimitedStock ? base[w] : base[w] & stockedBits[w];
            for (; bits != 0; bits &= bits - 1)
            {
                final int l = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (leftOut(l, sameDay))
                {
                    continue;
                }
                if (!unlimitedCapacity && !capacity.hasCapacity(l))
                {
                    capacityExcluded = true;
                    continue;
                }
                final int zone = zones.zone(l);
                final long handling = network.handlingCostCents[l];
                final int row = c * MAX_LINES;
                long mask = 0;
                for (long fit = unlimitedStock ? all : singleUnit ? 1 : coverage(l); fit != 0; fit &= fit - 1)
                {
                    final int j = Long.numberOfTrailingZeros(fit);
                    final long price = priceOf(zone, lineClass[j], lineWeight[j]);
                    if (price != NO_COST)
                    {
                        final long alone = handling + price;
                        candAloneCost[row + j] = alone;
                        if (alone < minAloneCost[j])
                        {
                            minAloneCost[j] = alone;
                            minAloneCand[j] = c;
                        }
                        mask |= 1L << j;
                    }
                }
                candLoc[c] = l;
                candZone[c] = zone;
                candHandling[c] = handling;
                candMask[c] = mask;
                c++;
            }
        }
        candCount = c;
    }

    /**
     * Reads the order's stock once for all the routes of this order (a quote routes it once per service): each line's
     * available bits and their union, the locations holding available stock of some line. A line of one unit is
     * covered exactly where its SKU's available bit is set (the bit is set when the available-to-promise is above
     * zero), so only {@link #coverage} of larger quantities reads the available-to-promise itself.
     */
    private void scanStock()
    {
        final int n = lineCount;
        singleUnit = n == 1 && lineQty[0] == 1;
        if (singleUnit)
        {
            for (int w = 0; w < stockedBits.length; w++)
            {
                stockedBits[w] = stock.availableWord(lineSku[0], w);
            }
            scanned = true;
            return;
        }
        scans++;
        final int words = stockedBits.length;
        for (int w = 0; w < words; w++)
        {
            long stocked = 0;
            for (int j = 0; j < n; j++)
            {
                final long word = stock.availableWord(lineSku[j], w);
                lineAvail[j * words + w] = word;
                stocked |= word;
            }
            stockedBits[w] = stocked;
        }
        scanned = true;
    }

    /**
     * @return the lines whose quantity the stock of location l covers (l stocked, of an order that is not
     * {@link #singleUnit}), worked out on first asking after {@link #scanStock}: the passes ask at a few of the
     * stocked locations, not all.
     */
    private long coverage(final int l)
    {
        if (coveredScan[l] == scans)
        {
            return coveredLines[l];
        }
        final int words = stockedBits.length;
        final int w = l >>> 6;
        long covered = 0;
        for (int j = 0; j < lineCount; j++)
        {
            // without a branch on the stock (it differs from cart to cart): l's bit of word w (a long shift takes
            // its distance mod 64), or atp - qty not negative (atp >= 0 and qty >= 1: no overflow)
            final long qty = lineQty[j];
            final long fits = qty == 1 ? lineAvail[j * words + w] >>> l : ~(stock.atp(lineSku[j], l) - qty) >>> 63;
            covered |= (fits & 1) << j;
        }
        coveredLines[l] = covered;
        coveredScan[l] = scans;
        return covered;
    }

    /**
     * @return the bitset of locations offering the service that the channel may use, built on first use.
     */
    private long[] baseCandidates(final int serviceBit, final int channel)
    {
        long[][] byChannel = baseCands[service];
        if (byChannel == null)
        {
            byChannel = new long[network.channelCount() + 1][];
            baseCands[service] = byChannel;
        }
        long[] bits = byChannel[channel + 1];
        if (bits == null)
        {
            final int locations = network.locationCount();
            bits = new long[StockStore.wordsFor(locations)];
            for (int l = 0; l < locations; l++)
            {
                if ((network.serviceMask[l] & serviceBit) != 0 && network.channelMayUse(channel, l))
                {
                    bits[l >>> 6] |= 1L << l;
                }
            }
            byChannel[channel + 1] = bits;
        }
        return bits;
    }

    private long fullMask()
    {
        return lineCount == 64 ? -1L : (1L << lineCount) - 1;
    }

    private long shipmentCost(final int c, final long weight)
    {
        final long p = priceOf(candZone[c], weight);
        return p == NO_COST ? NO_COST : candHandling[c] + p;
    }

    /**
     * @return the cost of candidate c shipping the whole order, or {@link #NO_COST}.
     */
    private long singleShipmentCost(final int c)
    {
        return singleCost(candZone[c], candHandling[c]);
    }

    private long singleCost(final int zone, final long handling)
    {
        final long p = priceOf(zone, totalClass, totalWeight);
        return p == NO_COST ? NO_COST : handling + p;
    }

    private boolean searchWhole(final boolean singleOnly, final int budget)
    {
        found = false;
        stopped = false;
        bestCost = NO_COST;
        bestShips = Integer.MAX_VALUE;
        final long full = fullMask();
        final int n = lineCount;
        for (int j = 0; j < n; j++)
        {
            if (minAloneCost[j] == NO_COST)
            {
                return false; // some line cannot ship whole from anywhere
            }
        }
        if (n == 1)
        {
            // one line: its cheapest lone shipment, the smallest location on a tie, is the plan
            bestCost = minAloneCost[0];
            bestShips = 1;
            bestAssign[0] = minAloneCand[0];
            found = true;
            return true;
        }
        for (int c = 0; c < candCount; c++)
        {
            if (candMask[c] == full)
            {
                final long cost = singleShipmentCost(c);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestShips = 1;
                    for (int j = 0; j < n; j++)
                    {
                        bestAssign[j] = c;
                    }
                    found = true;
                    if (stopAtFirst)
                    {
                        return true;
                    }
                }
            }
        }
        if (singleOnly || n == 1)
        {
            return found;
        }
        if (found && (stopAtFirst || singleBeatsEverySplit()))
        {
            return true;
        }
        if (stopAtFirst)
        {
            greedyCover(full); // an existence check is settled by any plan: a greedy cover often finds one at once
            if (found)
            {
                return true;
            }
        }
        if (n <= EXACT_LINES && candCount <= MAX_PROGRAM_CANDIDATES)
        {
            exactProgram();
            return found;
        }
        // beyond EXACT_LINES lines (or more candidates than the programs can number): a bounded search from the
        // best single location or a greedy cover, never worse than either
        if (!found)
        {
            greedyCover(full);
        }
        for (int c = 0; c < candCount; c++)
        {
            open[c] = false;
            openWeight[c] = 0;
            openCost[c] = 0;
        }
        openCount = 0;
        sortLineCandidates();
        nodes = 0;
        budgetExhausted = false;
        nodeBudget = budget;
        dfs(0, 0, 0, found ? 0 : -1, 0);
        return found;
    }

    /**
     * With a single-location plan in hand: whether no plan of two or more shipments can beat it. Any shipment that
     * carries line j costs at least the cheapest lone shipment of j (a rate never falls as weight grows), so a split
     * costs at least the dearest line's cheapest lone shipment plus another line's, plus the penalty; on a tie the
     * single shipment wins by having fewer.
     */
    private boolean singleBeatsEverySplit()
    {
        int dearest = 0;
        for (int j = 1; j < lineCount; j++)
        {
            if (minAloneCost[j] > minAloneCost[dearest])
            {
                dearest = j;
            }
        }
        long cheapestOther = NO_COST;
        for (int j = 0; j < lineCount; j++)
        {
            if (j != dearest)
            {
                cheapestOther = Math.min(cheapestOther, minAloneCost[j]);
            }
        }
        return bestCost <= minAloneCost[dearest] + cheapestOther + splitPenaltyCents;
    }

    /**
     * The exact whole-line plan for up to EXACT_LINES lines, in bounded work. First the partition program, a
     * relaxation that lets a location ship two parts: when its least plan uses every location once, that plan is the
     * answer. Else (a location ships two parts because their sum would cross a rate's weight break) a branch and bound
     * over parts, bounded below by the relaxation, finds the least plan with distinct locations; should it run out
     * of nodes, the candidate program settles the order.
     */
    private void exactProgram()
    {
        if (forcedProgram == 2)
        {
            subsetProgram();
            return;
        }
        if (partitionProgram())
        {
            return;
        }
        final int full = (1 << lineCount) - 1;
        for (int c = 0; c < candCount; c++)
        {
            open[c] = false;
        }
        found = false;
        pbCost = NO_COST;
        pbShips = Integer.MAX_VALUE;
        nodes = 0;
        budgetExhausted = false;
        partSearch(full, 0, 0, 0, 0);
        if (budgetExhausted)
        {
            subsetProgram();
            return;
        }
        if (found)
        {
            bestCost = pbCost - splitPenaltyCents;
            bestShips = pbShips;
            bestVersion++;
        }
    }

    /**
     * Branch and bound over the parts of a plan: the part holding the lowest line not yet placed, then a location
     * not yet used for it; the relaxation's least cost of the lines left bounds every completion from below.
     * Costs carry the split penalty once per part.
     */
    private void partSearch(final int left, final long cost, final int ships, final long hi, final long lo)
    {
        if (left == 0)
        {
            if (!found || cost < pbCost || (cost == pbCost && (ships < pbShips ||
                (ships == pbShips && vecLess(hi, lo, pbHi, pbLo)))))
            {
                found = true;
                pbCost = cost;
                pbShips = ships;
                pbHi = hi;
                pbLo = lo;
                System.arraycopy(assign, 0, bestAssign, 0, lineCount);
            }
            return;
        }
        if (++nodes > PART_SEARCH_NODES)
        {
            budgetExhausted = true;
            return;
        }
        final int low = left & -left;
        final int rest = left ^ low;
        final int preferred = dpPart[left]; // the relaxation's part first: it leads to a good incumbent at once
        if (preferred != 0)
        {
            tryPart(left, preferred, cost, ships, hi, lo);
        }
        for (int sub = rest; !budgetExhausted; sub = (sub - 1) & rest)
        {
            final int t = sub | low;
            if (t != preferred)
            {
                tryPart(left, t, cost, ships, hi, lo);
            }
            if (sub == 0)
            {
                break;
            }
        }
    }

    private void tryPart(final int left, final int t, final long cost, final int ships, final long hi, final long lo)
    {
        final long cheapest = partCost[t];
        final int other = left ^ t;
        final long restBound = dpCost[other];
        if (cheapest >= INF || restBound >= INF)
        {
            return;
        }
        final long pen = splitPenaltyCents;
        final int shipsBound = ships + 1 + dpShips[other];
        if (cutByIncumbent(cost + cheapest + restBound, shipsBound))
        {
            return;
        }
        final long weight = subsetWeight[t];
        for (int c = 0; c < candCount; c++)
        {
            if (open[c] || (candMask[c] & t) != t)
            {
                continue;
            }
            final long p = priceOf(candZone[c], weight);
            if (p == NO_COST)
            {
                continue;
            }
            final long childCost = cost + candHandling[c] + p + pen;
            if (cutByIncumbent(childCost + restBound, shipsBound))
            {
                continue;
            }
            for (int m = t; m != 0; m &= m - 1)
            {
                assign[Integer.numberOfTrailingZeros(m)] = c;
            }
            open[c] = true;
            partSearch(other, childCost, ships + 1, hi | (c + 1) * SPREAD_HI[t], lo | (c + 1) * SPREAD_LO[t]);
            open[c] = false;
            if (budgetExhausted)
            {
                return;
            }
        }
    }

    private boolean cutByIncumbent(final long costBound, final int shipsBound)
    {
        return found && (costBound > pbCost || (costBound == pbCost && shipsBound > pbShips));
    }

    /**
     * Packs location c (+1) as line j's 16-bit digit of a two-long assignment vector, line 0 most significant, so that
     * comparing (hi, lo) unsigned compares plans as SPEC's tie-break does.
     */
    private static long digit(final int j, final int c)
    {
        return (long)(c + 1) << ((3 - (j & 3)) * 16);
    }

    private static boolean vecLess(final long hiA, final long loA, final long hiB, final long loB)
    {
        return hiA != hiB ? Long.compareUnsigned(hiA, hiB) < 0 : Long.compareUnsigned(loA, loB) < 0;
    }

    /**
     * The least relaxed plan of a set of lines: over every part holding the set's lowest line (the sub-masks of the
     * rest, each with that line added), that part's cheapest shipment then the least plan of what is left. Costs
     * below {@link #INF} are plans; sums of two INF never overflow.
     */
    private void settleSet(final int set)
    {
        final int low = set & -set;
        final int rest = set ^ low;
        long bestC = INF;
        int bestT = 0;
        for (int sub = rest; ; sub = (sub - 1) & rest)
        {
            final int t = sub | low;
            final long cost = partCost[t] + dpCost[set ^ t];
            if (cost <= bestC && cost < INF)
            {
                if (cost < bestC || betterTie(set, t, bestT))
                {
                    bestC = cost;
                    bestT = t;
                }
            }
            if (sub == 0)
            {
                break;
            }
        }
        dpCost[set] = bestC;
        if (bestC < INF)
        {
            final int other = set ^ bestT;
            dpShips[set] = dpShips[other] + 1;
            dpVec[set] = dpVec[other] | partVec[bestT];
            dpVecLo[set] = dpVecLo[other] | partVecLo[bestT];
            dpPart[set] = bestT;
        }
        else
        {
            dpPart[set] = 0;
        }
    }

    /**
     * On a cost tie within a set: whether taking part t beats taking part u (fewer shipments, then the assignment).
     */
    private boolean betterTie(final int set, final int t, final int u)
    {
        final int ot = set ^ t;
        final int ou = set ^ u;
        final int shipsT = dpShips[ot];
        final int shipsU = dpShips[ou];
        if (shipsT != shipsU)
        {
            return shipsT < shipsU;
        }
        return vecLess(dpVec[ot] | partVec[t], dpVecLo[ot] | partVecLo[t],
            dpVec[ou] | partVec[u], dpVecLo[ou] | partVecLo[u]);
    }

    /**
     * Least plan over partitions of the lines into shipments, each part shipped by its cheapest location (ties: the
     * smaller location), by dynamic programming over line sets: about 3^lines / 2 steps after pricing each
     * location's line sets. A location that is no cheaper than another of its zone for every set it could ship is
     * skipped while pricing.
     *
     * @return true when the least plan uses each location at most once (it is then the decision, written as the
     * best plan); false when the candidate program must settle the order.
     */
    private boolean partitionProgram()
    {
        final int n = lineCount;
        final int full = (1 << n) - 1;
        final long pen = splitPenaltyCents;
        subsetWeight[0] = 0;
        for (int t = 1; t <= full; t++)
        {
            final int low = Integer.numberOfTrailingZeros(t);
            subsetWeight[t] = Saturating.add(subsetWeight[t & (t - 1)], lineWeight[low]);
            partCost[t] = INF;
        }
        // the locations worth pricing: one no cheaper than an earlier one of its zone for every set it could ship is
        // left out. keptHandling[zone << n | m] is the least handling of a location kept so far in that zone that
        // could ship every line of m (a superset of m), so the test is one read, not a pass over those kept
        final long[] keptHandling = this.keptHandling;
        Arrays.fill(keptHandling, 0, (Geo.MAX_ZONE + 1) << n, NO_COST);
        int kept = 0;
        for (int c = 0; c < candCount; c++)
        {
            final int avail = (int)candMask[c];
            if (avail == 0)
            {
                continue;
            }
            final int row = candZone[c] << n;
            final long handling = candHandling[c];
            if (keptHandling[row | avail] <= handling)
            {
                continue;
            }
            keptCand[kept++] = c;
            for (int t = avail; t != 0; t = (t - 1) & avail)
            {
                if (handling < keptHandling[row | t])
                {
                    keptHandling[row | t] = handling;
                }
            }
        }
        // each kept location's cheapest shipment of every set of lines it could ship
        if (classes)
        {
            for (int t = 1; t <= full; t++)
            {
                weightClass[t] = rates.weightClass(service, subsetWeight[t]);
            }
        }
        for (int k = 0; k < kept; k++)
        {
            final int c = keptCand[k];
            final int avail = (int)candMask[c];
            final long handling = candHandling[c];
            final int zone = candZone[c];
            for (int t = avail; t != 0; t = (t - 1) & avail)
            {
                final long p = priceOf(zone, weightClass[t], subsetWeight[t]);
                if (p != NO_COST && handling + p < partCost[t])
                {
                    partCost[t] = handling + p;
                    partCand[t] = c;
                }
            }
        }
        for (int t = 1; t <= full; t++)
        {
            if (partCost[t] < INF)
            {
                partCost[t] += pen;
                partVec[t] = (partCand[t] + 1) * SPREAD_HI[t];
                partVecLo[t] = (partCand[t] + 1) * SPREAD_LO[t];
            }
            else
            {
                partCost[t] = INF;
            }
        }
        // least plans (cost with a penalty per part) of the sets the recursion meets: the whole order and the sets
        // without line 0 (the first part taken always holds the lowest line left)
        dpCost[0] = 0;
        dpShips[0] = 0;
        dpVec[0] = 0;
        dpVecLo[0] = 0;
        for (int sIdx = 2; sIdx <= full; sIdx = sIdx + 2 > full && sIdx != full ? full : sIdx + 2)
        {
            settleSet(sIdx);
        }
        if (dpCost[full] >= INF)
        {
            found = false; // not even a relaxed plan: no whole-line plan at all
            return true;
        }
        // the parts of the least plan, and whether a location ships two of them
        int parts = 0;
        for (int sIdx = full; sIdx != 0; sIdx ^= dpPart[sIdx])
        {
            final int c = partCand[dpPart[sIdx]];
            for (int k = 0; k < parts; k++)
            {
                if (keptCand[k] == c)
                {
                    return false;
                }
            }
            keptCand[parts++] = c;
        }
        for (int sIdx = full; sIdx != 0; sIdx ^= dpPart[sIdx])
        {
            final int t = dpPart[sIdx];
            for (int m = t; m != 0; m &= m - 1)
            {
                bestAssign[Integer.numberOfTrailingZeros(m)] = partCand[t];
            }
        }
        found = true;
        bestCost = dpCost[full] - pen;
        bestShips = dpShips[full];
        bestVersion++;
        return true;
    }

    /**
     * Exact least-cost whole-line plan by dynamic programming over (candidates so far, lines covered), each
     * candidate used at most once: at most candidates × 3^lines steps, whatever the costs. The state keeps the
     * (cost with a penalty per shipment, shipments, assignment) that is least in SPEC's order; the assignment is packed
     * 16 bits per line with line 0 most significant, so comparing the packed values compares plans as SPEC does.
     */
    private void subsetProgram()
    {
        final int n = lineCount;
        final int full = (1 << n) - 1;
        final long pen = splitPenaltyCents;
        java.util.Arrays.fill(dpCost, 0, full + 1, NO_COST);
        dpCost[0] = 0;
        dpShips[0] = 0;
        dpVec[0] = 0;
        dpVecLo[0] = 0;
        for (int c = 0; c < candCount; c++)
        {
            final int avail = (int)candMask[c];
            if (avail == 0)
            {
                continue;
            }
            // this candidate's shipment cost (with the penalty) for every set of its lines, by ascending submasks so
            // each set's smaller part (the set without its lowest line) is already known; its packed assignment for
            // a set is (c + 1) times the set's spread
            subsetWeight[0] = 0;
            for (int t = (-avail) & avail; t != 0; t = (t - avail) & avail)
            {
                final int low = Integer.numberOfTrailingZeros(t);
                final int rest = t & (t - 1);
                subsetWeight[t] = Saturating.add(subsetWeight[rest], lineWeight[low]);
                final long ship = shipmentCost(c, subsetWeight[t]);
                subsetCost[t] = ship == NO_COST ? NO_COST : ship + pen;
            }
            for (int sIdx = full; sIdx >= 0; sIdx--)
            {
                final long base = dpCost[sIdx];
                if (base == NO_COST)
                {
                    continue;
                }
                final int free = avail & ~sIdx;
                final int ships = dpShips[sIdx] + 1;
                final long baseVec = dpVec[sIdx];
                final long baseVecLo = dpVecLo[sIdx];
                final long digitOfC = c + 1;
                for (int t = free; t != 0; t = (t - 1) & free)
                {
                    final long ship = subsetCost[t];
                    if (ship == NO_COST)
                    {
                        continue;
                    }
                    final long cost = base + ship;
                    final int to = sIdx | t;
                    final long had = dpCost[to];
                    final long vec = baseVec | digitOfC * SPREAD_HI[t];
                    final long vecLo = baseVecLo | digitOfC * SPREAD_LO[t];
                    if (cost < had || (cost == had && (ships < dpShips[to] || (ships == dpShips[to] &&
                        vecLess(vec, vecLo, dpVec[to], dpVecLo[to])))))
                    {
                        dpCost[to] = cost;
                        dpShips[to] = ships;
                        dpVec[to] = vec;
                        dpVecLo[to] = vecLo;
                    }
                }
            }
        }
        if (dpCost[full] == NO_COST)
        {
            found = false;
            return;
        }
        found = true;
        bestCost = dpCost[full] - pen;
        bestShips = dpShips[full];
        for (int j = 0; j < n; j++)
        {
            final long v = j < 4 ? dpVec[full] : dpVecLo[full];
            bestAssign[j] = (int)((v >>> ((3 - (j & 3)) * 16)) & 0xFFFF) - 1;
        }
        bestVersion++;
    }

    /**
     * For each line, the candidates that can ship it whole, by lone cost then location (insertion sort: short lists).
     */
    private void sortLineCandidates()
    {
        for (int j = 0; j < lineCount; j++)
        {
            final int base = j * candLimit;
            final long bit = 1L << j;
            int n = 0;
            for (int c = 0; c < candCount; c++)
            {
                if ((candMask[c] & bit) == 0)
                {
                    continue;
                }
                final long cost = candAloneCost[c * MAX_LINES + j];
                int k = n++;
                while (k > 0 && candAloneCost[lineCands[base + k - 1] * MAX_LINES + j] > cost)
                {
                    lineCands[base + k] = lineCands[base + k - 1];
                    k--;
                }
                lineCands[base + k] = c;
            }
            lineCandCount[j] = n;
        }
    }

    /**
     * A quick incumbent: repeatedly open the location with the least cost per newly covered line.
     */
    private void greedyCover(final long full)
    {
        long uncovered = full;
        int ships = 0;
        long total = 0;
        for (int c = 0; c < candCount; c++)
        {
            open[c] = false;
        }
        while (uncovered != 0)
        {
            int bestC = -1;
            long bestC_cost = 0;
            int bestC_k = 1;
            long bestCover = 0;
            for (int c = 0; c < candCount; c++)
            {
                final long cover = candMask[c] & uncovered;
                if (open[c] || cover == 0)
                {
                    continue;
                }
                long w = 0;
                for (long m = cover; m != 0; m &= m - 1)
                {
                    w = Saturating.add(w, lineWeight[Long.numberOfTrailingZeros(m)]);
                }
                final long cost = shipmentCost(c, w);
                if (cost == NO_COST)
                {
                    continue;
                }
                final int k = Long.bitCount(cover);
                if (bestC < 0 || cost * bestC_k < bestC_cost * k)
                {
                    bestC = c;
                    bestC_cost = cost;
                    bestC_k = k;
                    bestCover = cover;
                }
            }
            if (bestC < 0)
            {
                return;
            }
            open[bestC] = true;
            total += bestC_cost;
            ships++;
            uncovered &= ~bestCover;
            for (long m = bestCover; m != 0; m &= m - 1)
            {
                assign[Long.numberOfTrailingZeros(m)] = bestC;
            }
        }
        total += splitPenaltyCents * (ships - 1);
        if (!found || total < bestCost || (total == bestCost && (ships < bestShips ||
            (ships == bestShips && compareAssign(lineCount) < 0))))
        {
            bestCost = total;
            bestShips = ships;
            System.arraycopy(assign, 0, bestAssign, 0, lineCount);
            found = true;
            bestVersion++;
        }
    }

    private int compareAssign(final int upTo)
    {
        for (int j = 0; j < upTo; j++)
        {
            if (assign[j] != bestAssign[j])
            {
                return assign[j] < bestAssign[j] ? -1 : 1;
            }
        }
        return 0;
    }

    /**
     * @param cmp how the assignment so far compares with the incumbent's prefix (-1 less or no incumbent, 0 equal,
     *            1 greater).
     */
    private void dfs(final int j, final long cost, final int ships, final int cmp, final long openUnion)
    {
        final int n = lineCount;
        if (j == n)
        {
            if (!found || cost < bestCost || (cost == bestCost && (ships < bestShips ||
                (ships == bestShips && cmp < 0))))
            {
                bestCost = cost;
                bestShips = ships;
                System.arraycopy(assign, 0, bestAssign, 0, n);
                found = true;
                bestVersion++;
                if (stopAtFirst)
                {
                    stopped = true;
                }
            }
            return;
        }
        if (++nodes > nodeBudget)
        {
            stopped = true;
            budgetExhausted = true;
            return;
        }
        if (found)
        {
            final long remaining = fullMask() & -(1L << j);
            final long uncovered = remaining & ~openUnion;
            long lbCost = cost;
            int lbShips = ships;
            if (uncovered != 0)
            {
                long worst = 0;
                for (long m = uncovered; m != 0; m &= m - 1)
                {
                    worst = Math.max(worst, minAloneCost[Long.numberOfTrailingZeros(m)]);
                }
                lbCost += worst + (ships > 0 ? splitPenaltyCents : 0);
                lbShips++;
            }
            if (lbCost > bestCost || (lbCost == bestCost && (lbShips > bestShips ||
                (lbShips == bestShips && cmp > 0))))
            {
                return;
            }
        }
        final long bit = 1L << j;
        int frameCmp = cmp;
        // shipments already open first: joining one is usually cheapest, which tightens the bound early
        for (int k = 0; k < openCount; k++)
        {
            final int c = openList[k];
            if ((candMask[c] & bit) == 0)
            {
                continue;
            }
            final int version = bestVersion;
            final int childCmp = !found ? -1 : frameCmp != 0 ? frameCmp : Integer.compare(c, bestAssign[j]);
            final long oldWeight = openWeight[c];
            final long oldMask = openMask[c];
            final long oldCost = openCost[c];
            final long newWeight = Saturating.add(oldWeight, lineWeight[j]);
            final long newCost = shipmentCost(c, newWeight);
            if (newCost == NO_COST)
            {
                continue;
            }
            assign[j] = c;
            openWeight[c] = newWeight;
            openMask[c] = oldMask | bit;
            openCost[c] = newCost;
            dfs(j + 1, cost - oldCost + newCost, ships, childCmp, openUnion);
            openWeight[c] = oldWeight;
            openMask[c] = oldMask;
            openCost[c] = oldCost;
            if (stopped)
            {
                return;
            }
            if (version != bestVersion)
            {
                frameCmp = 0; // the path down to here is now the incumbent's prefix
            }
        }
        // then new shipments, cheapest lone cost first: once one cannot beat the incumbent, none after it can
        final long penalty = ships > 0 ? splitPenaltyCents : 0;
        final int base = j * candLimit;
        for (int k = 0, count = lineCandCount[j]; k < count; k++)
        {
            final int c = lineCands[base + k];
            if (open[c])
            {
                continue;
            }
            final long alone = candAloneCost[c * MAX_LINES + j];
            final long newCost = cost + alone + penalty;
            if (found && (newCost > bestCost || (newCost == bestCost && ships + 1 > bestShips)))
            {
                break;
            }
            final int version = bestVersion;
            final int childCmp = !found ? -1 : frameCmp != 0 ? frameCmp : Integer.compare(c, bestAssign[j]);
            assign[j] = c;
            open[c] = true;
            openList[openCount++] = c;
            openWeight[c] = lineWeight[j];
            openMask[c] = bit;
            openCost[c] = alone;
            dfs(j + 1, newCost, ships + 1, childCmp, openUnion | candMask[c]);
            openCount--;
            open[c] = false;
            openWeight[c] = 0;
            openMask[c] = 0;
            openCost[c] = 0;
            if (stopped)
            {
                return;
            }
            if (version != bestVersion)
            {
                frameCmp = 0;
            }
        }
    }

    /**
     * The line-quantity split of DECISIONS.md: the cheaper of two greedy plans (total cost, then fewer shipments,
     * then the first), {@link #splitGreedy per unit} and {@link #splitGreedy whole lines first}. A plan exists when
     * either finds one.
     */
    private boolean split(final int mode)
    {
        final boolean perUnit = splitGreedy(false);
        if (perUnit && stopAtFirst)
        {
            return true;
        }
        final long perUnitCost = splitCost;
        final int perUnitShips = splitShips;
        final int perUnitEntries = entryCount;
        if (perUnit)
        {
            System.arraycopy(entryCand, 0, perUnitCand, 0, perUnitEntries);
            System.arraycopy(entryLine, 0, perUnitLine, 0, perUnitEntries);
            System.arraycopy(entryQty, 0, perUnitQty, 0, perUnitEntries);
        }
        if (splitGreedy(true) &&
            (!perUnit || splitCost < perUnitCost || (splitCost == perUnitCost && splitShips < perUnitShips)))
        {
            return true;
        }
        if (!perUnit)
        {
            return false;
        }
        System.arraycopy(perUnitCand, 0, entryCand, 0, perUnitEntries);
        System.arraycopy(perUnitLine, 0, entryLine, 0, perUnitEntries);
        System.arraycopy(perUnitQty, 0, entryQty, 0, perUnitEntries);
        entryCount = perUnitEntries;
        splitCost = perUnitCost;
        splitShips = perUnitShips;
        return true;
    }

    /**
     * One greedy split plan into the entries, its cost in {@link #splitCost} and shipments in {@link #splitShips}
     * (counted as they open).
     * <ul>
     * <li>per unit ({@code wholeFirst} false): every line in SKU order, while it has quantity left, from the location
     * with the least marginal cost per unit for as many units as it can take;</li>
     * <li>whole lines first: each line some location can ship whole goes whole, in SKU order, to the location with
     * the least marginal cost (the smaller on a tie); then the other lines, in SKU order, are filled from the
     * location with the least marginal cost — "filling from the cheapest feasible locations" (SPEC §2).</li>
     * </ul>
     * Marginal: the change of an open shipment's cost, or a new shipment's cost plus the split penalty when the plan
     * already has one. Ties of the fill: the larger take, then the smaller location.
     *
     * @return false when some line cannot be filled.
     */
    private boolean splitGreedy(final boolean wholeFirst)
    {
        entryCount = 0;
        splitShips = 0;
        for (int c = 0; c < candCount; c++)
        {
            open[c] = false;
            openWeight[c] = 0;
            openCost[c] = 0;
            final int l = candLoc[c];
            for (int j = 0; j < lineCount; j++)
            {
                splitAvail[c * MAX_LINES + j] = unlimitedStock ? UNLIMITED : stock.atp(lineSku[j], l);
            }
        }
        long placed = 0;
        if (wholeFirst)
        {
            for (int j = 0; j < lineCount; j++)
            {
                final long qty = lineQty[j];
                int bestC = -1;
                long bestMarginal = 0;
                long bestShipCost = 0;
                for (int c = 0; c < candCount; c++)
                {
                    if (splitAvail[c * MAX_LINES + j] < qty)
                    {
                        continue;
                    }
                    final long shipCost = shipmentCost(c, weightWith(c, qty, lineUnitWeight[j]));
                    if (shipCost == NO_COST)
                    {
                        continue;
                    }
                    final long marginal = marginalCost(c, shipCost);
                    if (bestC < 0 || marginal < bestMarginal)
                    {
                        bestC = c;
                        bestMarginal = marginal;
                        bestShipCost = shipCost;
                    }
                }
                if (bestC >= 0)
                {
                    take(bestC, j, qty, bestShipCost);
                    placed |= 1L << j;
                }
            }
        }
        for (int j = 0; j < lineCount; j++)
        {
            if ((placed & (1L << j)) != 0)
            {
                continue;
            }
            long left = lineQty[j];
            while (left > 0)
            {
                int bestC = -1;
                long bestTake = 0;
                long bestMarginal = 0;
                long bestShipCost = 0;
                for (int c = 0; c < candCount; c++)
                {
                    final long avail = splitAvail[c * MAX_LINES + j];
                    if (avail <= 0)
                    {
                        continue;
                    }
                    long take = Math.min(left, avail);
                    long shipCost = shipmentCost(c, weightWith(c, take, lineUnitWeight[j]));
                    if (shipCost == NO_COST)
                    {
                        // too heavy for every rate: as many units as still have one (a heavy line splits to fit)
                        take = mostThatShips(c, take, lineUnitWeight[j]);
                        if (take == 0)
                        {
                            continue;
                        }
                        shipCost = shipmentCost(c, weightWith(c, take, lineUnitWeight[j]));
                    }
                    final long marginal = marginalCost(c, shipCost);
                    final long lhs = wholeFirst ? marginal : marginal * bestTake;
                    final long rhs = wholeFirst ? bestMarginal : bestMarginal * take;
                    if (bestC < 0 || lhs < rhs || (lhs == rhs && take > bestTake))
                    {
                        bestC = c;
                        bestTake = take;
                        bestMarginal = marginal;
                        bestShipCost = shipCost;
                    }
                }
                if (bestC < 0 || entryCount == Decision.MAX_LINES)
                {
                    return false;
                }
                take(bestC, j, bestTake, bestShipCost);
                if (splitShips > Decision.MAX_SHIPMENTS)
                {
                    return false;
                }
                left -= bestTake;
            }
        }
        long cost = splitShips > 1 ? splitPenaltyCents * (splitShips - 1) : 0;
        for (int c = 0; c < candCount; c++)
        {
            if (open[c])
            {
                cost += openCost[c];
            }
        }
        splitCost = cost;
        return true;
    }

    /**
     * @return what a split plan pays to have candidate c ship at {@code shipCost}: the change of its open shipment's
     * cost, or a new shipment's cost plus the split penalty when the plan already has one.
     */
    private long marginalCost(final int c, final long shipCost)
    {
        return open[c] ? shipCost - openCost[c] : shipCost + (splitShips > 0 ? splitPenaltyCents : 0);
    }

    /**
     * Adds {@code qty} units of line j to candidate c's shipment (opening it when the plan has none there yet), whose
     * cost becomes {@code shipCost}.
     */
    private void take(final int c, final int j, final long qty, final long shipCost)
    {
        if (!open[c])
        {
            open[c] = true;
            splitShips++;
        }
        openWeight[c] = weightWith(c, qty, lineUnitWeight[j]);
        openCost[c] = shipCost;
        splitAvail[c * MAX_LINES + j] -= qty;
        entryCand[entryCount] = c;
        entryLine[entryCount] = j;
        entryQty[entryCount] = qty;
        entryCount++;
    }

    /**
     * @return the weight of candidate c's open shipment with {@code units} more of a line weighing {@code unitWeight}
     * each (saturating: a weight too large to count has no rate).
     */
    private long weightWith(final int c, final long units, final long unitWeight)
    {
        return Saturating.add(openWeight[c], Saturating.multiply(units, unitWeight));
    }

    /**
     * @return the most units, fewer than {@code take}, of a line weighing {@code unitWeight} each that candidate c can
     * add to its open shipment and still find a rate for, or 0. A rate that exists for a weight exists for every
     * lighter one, so this is a binary search.
     */
    private long mostThatShips(final int c, final long take, final long unitWeight)
    {
        long lo = 0;
        long hi = take - 1;
        while (lo < hi)
        {
            final long mid = (lo + hi + 1) >>> 1;
            if (shipmentCost(c, weightWith(c, mid, unitWeight)) != NO_COST)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void writePlan(final Decision d)
    {
        final int first = d.shipmentCount;
        planCostCents = 0;
        planTransitDays = 0;
        if (planIsSplit)
        {
            writeSplitShipments(d);
        }
        else
        {
            writeWholeLineShipments(d);
        }
        planCostCents += splitPenaltyCents * (d.shipmentCount - first - 1);
    }

    /**
     * The line-quantity split's shipments, by ascending candidate, each with the quantities it takes of each line.
     */
    private void writeSplitShipments(final Decision d)
    {
        for (int c = 0; c < candCount; c++)
        {
            long weight = 0;
            boolean used = false;
            for (int e = 0; e < entryCount; e++)
            {
                if (entryCand[e] == c)
                {
                    used = true;
                    weight = Saturating.add(weight,
                        Saturating.multiply(entryQty[e], lineUnitWeight[entryLine[e]]));
                }
            }
            if (!used)
            {
                continue;
            }
            addPlanShipment(d, c, weight, -1);
            for (int j = 0; j < lineCount; j++)
            {
                for (int e = 0; e < entryCount; e++)
                {
                    if (entryCand[e] == c && entryLine[e] == j)
                    {
                        d.addLine(lineSku[j], entryQty[e]);
                    }
                }
            }
        }
    }

    /**
     * A whole-line plan's shipments: its locations (at most one per line) in ascending order, each with its lines.
     */
    private void writeWholeLineShipments(final Decision d)
    {
        final int n = lineCount;
        int previous = -1;
        while (true)
        {
            // the next location of the plan: the least candidate above the previous one
            int c = Integer.MAX_VALUE;
            for (int j = 0; j < n; j++)
            {
                final int a = bestAssign[j];
                if (a > previous && a < c)
                {
                    c = a;
                }
            }
            if (c == Integer.MAX_VALUE)
            {
                return;
            }
            long weight = 0;
            int lines = 0;
            int line = 0;
            for (int j = 0; j < n; j++)
            {
                if (bestAssign[j] == c)
                {
                    weight = Saturating.add(weight, lineWeight[j]);
                    lines++;
                    line = j;
                }
            }
            final int k = !classes ? -1 : lines == n ? totalClass : lines == 1 ? lineClass[line] : -1;
            addPlanShipment(d, c, weight, k);
            for (int j = 0; j < n; j++)
            {
                if (bestAssign[j] == c)
                {
                    d.addLine(lineSku[j], lineQty[j]);
                }
            }
            previous = c;
        }
    }

    /**
     * Adds candidate c's shipment of this weight (of weight class k when pricing by class and known, else -1) to the
     * decision, with its carrier, and counts it in the plan's cost and slowest transit.
     */
    private void addPlanShipment(final Decision d, final int c, final long weight, final int k)
    {
        // a known weight class picks the same row as the lookup by weight (the classes cut at every max weight)
        final int row = k >= 0 ? rates.classRow(classBase, candZone[c], k) :
            rates.lookup(service, candZone[c], weight, maxTransitDays);
        final long cost = candHandling[c] + rates.priceCents(row);
        final int transit = rates.transitDays(row);
        d.addShipment(candLoc[c], rates.carrier(row), candZone[c], transit, cost, Service.get(service));
        planCostCents += cost;
        planTransitDays = Math.max(planTransitDays, transit);
    }
}
