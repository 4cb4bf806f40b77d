package io.omniroute.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The oracle: a deliberately slow, obviously-correct implementation of SPEC.md §1–§5 and docs/DECISIONS.md for every
 * command: {@code order} (with {@code hold_id}), {@code cancel}, {@code ship}, {@code pick_short}, {@code return},
 * {@code stock} (also below reserved: newest reservations first, orders re-routed, holds released), {@code receive} (filling backorders),
 * {@code new_day}, {@code status}, {@code kpi}, {@code quote}, {@code hold} and {@code release}, with the clock of
 * SPEC §5 and hold expiry. It shares no code with the engine: its own CSV parsing, Jackson trees for JSON, maps and
 * lists keyed by strings for state, linear scans for every lookup, and brute force (every assignment of every line
 * to every location) for routing.
 * <p>
 * Where SPEC and DECISIONS leave a detail open, the reference follows the engine's documented behaviour and says so
 * in a comment (look for "engine's choice").
 */
public final class ReferenceRouter
{
    public static final double EARTH_RADIUS_KM = 6371.0088;
    public static final double KM_PER_MILE = 1.609344;
    public static final List<String> SERVICES = List.of("STANDARD", "EXPEDITED", "SAME_DAY");
    public static final int MAX_DISTINCT_LINES = 64;
    public static final long MAX_HOLD_SECONDS = 30L * 86_400;

    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------------------------------------ the network

    /** One row of locations.csv. */
    public record Location(String id, String type, double lat, double lon, long handlingCents, long dailyCapacity,
        Set<String> services, double sameDayRadiusKm)
    {
    }

    /** One row of rates.csv; {@code fileOrder} is the last tie-break. */
    public record Rate(int fileOrder, String carrier, String service, int zone, long maxWeightG, long priceCents,
        int transitDays)
    {
    }

    /** A merged order line: master SKU and quantity. */
    public record Line(String sku, long qty)
    {
    }

    /** One shipment of a plan: a location, its lines (by SKU), the chosen rate row and the shipment cost. */
    public record Shipment(String locationId, TreeMap<String, Long> lines, Rate rate, int zone, long costCents)
    {
    }

    /** A routing plan: shipments by ascending location id and the total cost with split penalties. */
    public record Plan(List<Shipment> shipments, long totalCostCents)
    {
    }

    /** A resolved order request, the input of routing. */
    public record Order(String channel, double lat, double lon, String service, boolean shipComplete,
        Integer maxTransitDays, List<Line> lines)
    {
    }

    private final List<Location> locations = new ArrayList<>();              // file order
    private final Map<String, Location> locationById = new HashMap<>();
    private final Map<String, Long> skuWeight = new HashMap<>();
    private final List<String> skuNames = new ArrayList<>();
    private final List<Rate> rates = new ArrayList<>();
    private final Map<String, double[]> zips = new HashMap<>();
    private final Map<String, Map<String, String>> channelSkus = new HashMap<>();    // channel -> listing -> sku
    private final Map<String, Set<String>> channelLocations = new HashMap<>();       // channel -> location ids
    private long splitPenaltyCents;
    private final Map<String, String> policy = new HashMap<>();

    // ------------------------------------------------------------------------------------------------ the state

    /** on_hand, reserved, safety_stock of one (sku, location). */
    private static final class Position
    {
        long onHand;
        long reserved;
        long safetyStock;
    }

    /** A shipment of an order or a hold as it stands: its rate, its lines now, its state and sequence numbers. */
    private static final class ShipmentRecord
    {
        final String locationId;
        final String carrier;
        final String service;
        final int zone;
        final int transitDays;
        final long costCents;
        final TreeMap<String, Long> lines;       // sku -> qty now (a pick short shrinks it, a count re-route zeroes it)
        final long allocatedSeq;
        long shippedSeq;
        String state = "OPEN";                    // OPEN, SHIPPED, CANCELLED

        ShipmentRecord(final Shipment s, final String service, final long allocatedSeq)
        {
            this(s.locationId(), s.rate().carrier(), service, s.zone(), s.rate().transitDays(), s.costCents(),
                new TreeMap<>(s.lines()), allocatedSeq);
        }

        ShipmentRecord(final String locationId, final String carrier, final String service, final int zone,
            final int transitDays, final long costCents, final TreeMap<String, Long> lines, final long allocatedSeq)
        {
            this.locationId = locationId;
            this.carrier = carrier;
            this.service = service;
            this.zone = zone;
            this.transitDays = transitDays;
            this.costCents = costCents;
            this.lines = lines;
            this.allocatedSeq = allocatedSeq;
        }

        long units()
        {
            long n = 0;
            for (final long q : lines.values())
            {
                n += q;
            }
            return n;
        }
    }

    private static final class OrderRecord
    {
        final String id;
        final String contentKey;
        final ObjectNode firstDecision;     // the ALLOCATED result without seq
        final Order request;                // channel, destination, service and transit limit for re-routes
        final long totalCostCents;          // of the first plan (what status reports, engine's choice)
        final List<ShipmentRecord> shipments = new ArrayList<>();
        final Map<String, Long> returned = new HashMap<>();     // sku -> units returned
        String state = "ALLOCATED";   // ALLOCATED, PARTIALLY_SHIPPED, SHIPPED, BACKORDERED, CANCELLED, RETURNED
        long backordered;

        OrderRecord(final String id, final String contentKey, final ObjectNode firstDecision, final Order request,
            final long totalCostCents)
        {
            this.id = id;
            this.contentKey = contentKey;
            this.firstDecision = firstDecision;
            this.request = request;
            this.totalCostCents = totalCostCents;
        }

        boolean open()
        {
            return state.equals("ALLOCATED") || state.equals("PARTIALLY_SHIPPED") || state.equals("BACKORDERED");
        }
    }

    /** Units of a SKU an order waits for, oldest first in {@link #backorders}. */
    private static final class Backorder
    {
        final OrderRecord order;
        final String sku;
        long qty;

        Backorder(final OrderRecord order, final String sku, final long qty)
        {
            this.order = order;
            this.sku = sku;
            this.qty = qty;
        }
    }

    private static final class HoldRecord
    {
        final String id;
        final String contentKey;
        final ObjectNode firstDecision;     // the HELD result without seq
        final TreeMap<String, Long> lines;  // merged lines, what an order must carry to convert it
        final List<ShipmentRecord> shipments = new ArrayList<>();
        final long totalCostCents;
        final long expiresTs;
        final long day;                     // business day it was made on
        final String customerKey;           // channel + '\0' + customer_id, or null
        String state = "HELD";              // HELD, CONVERTED, RELEASED, EXPIRED
        JsonNode command;                   // the command that made it (for stream generators)

        HoldRecord(final String id, final String contentKey, final ObjectNode firstDecision,
            final TreeMap<String, Long> lines, final long totalCostCents, final long expiresTs, final long day,
            final String customerKey)
        {
            this.id = id;
            this.contentKey = contentKey;
            this.firstDecision = firstDecision;
            this.lines = lines;
            this.totalCostCents = totalCostCents;
            this.expiresTs = expiresTs;
            this.day = day;
            this.customerKey = customerKey;
        }
    }

    /** The deterministic KPIs of a {@code kpi} result (DECISIONS "Lifecycle": latency is not in results). */
    private static final class Kpis
    {
        long orders;                 // order commands past the structure checks (resubmits and rejects included)
        long ordersAllocated;        // new allocations, hold conversions included
        long splitOrders;            // allocations of more than one shipment
        long totalCostCents;         // of those allocations
        long sameDayOrders;
        long shipmentsPlanned;       // every shipment reserved: orders, holds, re-routes, backorder fills
        long zoneSum;
        long shipmentsShipped;
        long cancels;
        long pickShorts;
        long backorderedUnits;
        long quotes;
        long holds;
        long holdsConverted;
        long holdsReleased;          // by release and by counts that release holds
        long holdsExpired;
        final TreeMap<String, Long> rejectsByReason = new TreeMap<>();
        final TreeMap<String, Long> returnsByReason = new TreeMap<>();
        final Map<String, Long> shipmentsByLocation = new HashMap<>();
    }

    /** What one command did to Σ on_hand, by cause (SPEC §3), for the conservation check. */
    public record OnHandLedger(long receipts, long shipped, long resellableReturns, long pickShort, long counts)
    {
        public long delta()
        {
            return receipts - shipped + resellableReturns - pickShort + counts;
        }
    }

    private final Map<String, Position> stock = new HashMap<>();             // sku + '\0' + location
    private final Map<String, Long> capacityUsed = new HashMap<>();          // location -> shipments today
    private final Map<String, OrderRecord> orders = new LinkedHashMap<>();   // in creation order
    private final List<Backorder> backorders = new ArrayList<>();            // oldest first
    private final List<HoldRecord> holds = new ArrayList<>();                // in creation order, ended ones too
    private final Kpis kpis = new Kpis();
    private long seq;
    private Long clock;                                                      // null until a ts is seen
    private long day;

    // re-route restrictions, set only while a re-route or backorder fill is routed
    private String routeExcluded;
    private String routeOnly;

    // per command, for the checks
    private long ledgerReceipts;
    private long ledgerShipped;
    private long ledgerReturns;
    private long ledgerPickShort;
    private long ledgerCounts;
    private int expiredByLastCommand;

    private ReferenceRouter()
    {
    }

    // ------------------------------------------------------------------------------------------------ loading

    /** Loads the 8 files of SPEC §4 (the last three optional) with plain string splitting. */
    public static ReferenceRouter load(final Path dir)
    {
        final ReferenceRouter r = new ReferenceRouter();
        for (final Map<String, String> row : readCsv(dir.resolve("locations.csv")))
        {
            final Set<String> services = new HashSet<>(Arrays.asList(row.get("services").split("\\|")));
            final Location loc = new Location(row.get("location_id"), row.get("type"),
                Double.parseDouble(row.get("lat")), Double.parseDouble(row.get("lon")),
                Long.parseLong(row.get("handling_cost_cents")), Long.parseLong(row.get("daily_capacity")),
                services, Double.parseDouble(row.get("same_day_radius_km")));
            r.locations.add(loc);
            r.locationById.put(loc.id(), loc);
        }
        for (final Map<String, String> row : readCsv(dir.resolve("skus.csv")))
        {
            r.skuWeight.put(row.get("sku"), Long.parseLong(row.get("weight_g")));
            r.skuNames.add(row.get("sku"));
        }
        int order = 0;
        for (final Map<String, String> row : readCsv(dir.resolve("rates.csv")))
        {
            r.rates.add(new Rate(order++, row.get("carrier"), row.get("service"), Integer.parseInt(row.get("zone")),
                Long.parseLong(row.get("max_weight_g")), Long.parseLong(row.get("price_cents")),
                Integer.parseInt(row.get("transit_days"))));
        }
        for (final Map<String, String> row : readCsv(dir.resolve("stock.csv")))
        {
            final Position p = r.position(row.get("sku"), row.get("location_id"));
            p.onHand = Long.parseLong(row.get("on_hand"));
            final String safety = row.get("safety_stock");
            p.safetyStock = safety == null || safety.isEmpty() ? 0 : Long.parseLong(safety);
        }
        for (final Map<String, String> row : readCsv(dir.resolve("zips.csv")))
        {
            r.zips.put(row.get("zip"), new double[] { Double.parseDouble(row.get("lat")),
                Double.parseDouble(row.get("lon")) });
        }
        if (Files.exists(dir.resolve("channel_skus.csv")))
        {
            for (final Map<String, String> row : readCsv(dir.resolve("channel_skus.csv")))
            {
                r.channelSkus.computeIfAbsent(row.get("channel"), c -> new HashMap<>())
                    .put(row.get("channel_sku"), row.get("sku"));
            }
        }
        if (Files.exists(dir.resolve("channel_locations.csv")))
        {
            for (final Map<String, String> row : readCsv(dir.resolve("channel_locations.csv")))
            {
                r.channelLocations.computeIfAbsent(row.get("channel"), c -> new HashSet<>())
                    .add(row.get("location_id"));
            }
        }
        if (Files.exists(dir.resolve("policy.properties")))
        {
            final Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(dir.resolve("policy.properties"), StandardCharsets.UTF_8))
            {
                p.load(in);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            for (final String key : p.stringPropertyNames())
            {
                r.policy.put(key, p.getProperty(key).trim());
            }
            r.splitPenaltyCents = Long.parseLong(r.policy.getOrDefault("split_penalty_cents", "0"));
        }
        return r;
    }

    /** A whole-number policy value, or the default when absent (or not a number). */
    private long policyLong(final String key, final long dflt)
    {
        final String v = policy.get(key);
        if (v == null)
        {
            return dflt;
        }
        try
        {
            return Long.parseLong(v);
        }
        catch (final NumberFormatException ex)
        {
            return dflt;
        }
    }

    /** Rows of a CSV file with a header line, as maps from column name to the trimmed cell. */
    static List<Map<String, String>> readCsv(final Path file)
    {
        final List<String> text;
        try
        {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (final String raw : text)
        {
            if (raw.isBlank())
            {
                continue;
            }
            final String[] cells = raw.split(",", -1);
            if (header == null)
            {
                header = cells;
                continue;
            }
            final Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++)
            {
                row.put(header[i].trim(), cells[i].trim());
            }
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------------ state access

    private Position position(final String sku, final String locationId)
    {
        return stock.computeIfAbsent(sku + '\0' + locationId, k -> new Position());
    }

    public long onHand(final String sku, final String locationId)
    {
        final Position p = stock.get(sku + '\0' + locationId);
        return p == null ? 0 : p.onHand;
    }

    public long reserved(final String sku, final String locationId)
    {
        final Position p = stock.get(sku + '\0' + locationId);
        return p == null ? 0 : p.reserved;
    }

    public long safetyStock(final String sku, final String locationId)
    {
        final Position p = stock.get(sku + '\0' + locationId);
        return p == null ? 0 : p.safetyStock;
    }

    public long atp(final String sku, final String locationId)
    {
        return Math.max(0, onHand(sku, locationId) - reserved(sku, locationId) - safetyStock(sku, locationId));
    }

    /** Σ on_hand over every position. */
    public long totalOnHand()
    {
        long sum = 0;
        for (final Position p : stock.values())
        {
            sum += p.onHand;
        }
        return sum;
    }

    public long capacityUsed(final String locationId)
    {
        return capacityUsed.getOrDefault(locationId, 0L);
    }

    public List<String> skus()
    {
        return Collections.unmodifiableList(skuNames);
    }

    public List<String> locationIds()
    {
        final List<String> ids = new ArrayList<>();
        for (final Location l : locations)
        {
            ids.add(l.id());
        }
        return ids;
    }

    public long splitPenaltyCents()
    {
        return splitPenaltyCents;
    }

    /** The engine clock as the reference sees it: the largest ts so far, or null before any. */
    public Long clock()
    {
        return clock;
    }

    /** What the last command did to Σ on_hand, by cause. */
    public OnHandLedger lastLedger()
    {
        return new OnHandLedger(ledgerReceipts, ledgerShipped, ledgerReturns, ledgerPickShort, ledgerCounts);
    }

    /** Holds the last command's clock move expired (before the command itself was handled). */
    public int expiredByLastCommand()
    {
        return expiredByLastCommand;
    }

    /** Location ids of the OPEN shipments of an allocated order (empty when unknown). */
    public List<String> openShipmentLocations(final String orderId)
    {
        final List<String> out = new ArrayList<>();
        final OrderRecord o = orders.get(orderId);
        if (o != null)
        {
            for (final ShipmentRecord s : o.shipments)
            {
                if (s.state.equals("OPEN"))
                {
                    out.add(s.locationId);
                }
            }
        }
        return out;
    }

    /** Location ids of every shipment of an allocated order, whatever its state. */
    public List<String> shipmentLocations(final String orderId)
    {
        final List<String> out = new ArrayList<>();
        final OrderRecord o = orders.get(orderId);
        if (o != null)
        {
            for (final ShipmentRecord s : o.shipments)
            {
                out.add(s.locationId);
            }
        }
        return out;
    }

    public List<String> allocatedOrderIds()
    {
        return new ArrayList<>(orders.keySet());
    }

    /** A line of an open shipment: where, which SKU, how many units still to pick. */
    public record OpenLine(String locationId, String sku, long qty)
    {
    }

    /** The lines of the OPEN shipments of an order, in shipment order (empty when unknown). */
    public List<OpenLine> openLines(final String orderId)
    {
        final List<OpenLine> out = new ArrayList<>();
        final OrderRecord o = orders.get(orderId);
        if (o != null)
        {
            for (final ShipmentRecord s : o.shipments)
            {
                if (s.state.equals("OPEN"))
                {
                    for (final Map.Entry<String, Long> e : s.lines.entrySet())
                    {
                        out.add(new OpenLine(s.locationId, e.getKey(), e.getValue()));
                    }
                }
            }
        }
        return out;
    }

    /** Units of each SKU an order shipped, less those already returned (only SKUs that shipped). */
    public Map<String, Long> returnable(final String orderId)
    {
        final Map<String, Long> out = new TreeMap<>();
        final OrderRecord o = orders.get(orderId);
        if (o != null)
        {
            for (final Map.Entry<String, Long> e : shippedUnits(o).entrySet())
            {
                if (e.getValue() > 0)
                {
                    out.put(e.getKey(), e.getValue() - o.returned.getOrDefault(e.getKey(), 0L));
                }
            }
        }
        return out;
    }

    /** SKUs with units waiting in the backorder queue. */
    public Set<String> backorderedSkus()
    {
        final Set<String> out = new LinkedHashSet<>();
        for (final Backorder b : backorders)
        {
            out.add(b.sku);
        }
        return out;
    }

    /** Units an order waits for (0 when unknown). */
    public long backordered(final String orderId)
    {
        final OrderRecord o = orders.get(orderId);
        return o == null ? 0 : o.backordered;
    }

    /** The order's state (null when unknown). */
    public String orderState(final String orderId)
    {
        final OrderRecord o = orders.get(orderId);
        return o == null ? null : o.state;
    }

    /** The state of the newest hold with that id (null when unknown). */
    public String holdState(final String holdId)
    {
        final HoldRecord h = latestHold(holdId);
        return h == null ? null : h.state;
    }

    /** A copy of the command that made the newest hold with that id (null when unknown). */
    public JsonNode holdCommand(final String holdId)
    {
        final HoldRecord h = latestHold(holdId);
        return h == null ? null : h.command.deepCopy();
    }

    /** Ids of the holds still HELD, oldest first. */
    public List<String> heldHoldIds()
    {
        final List<String> out = new ArrayList<>();
        for (final HoldRecord h : holds)
        {
            if (h.state.equals("HELD"))
            {
                out.add(h.id);
            }
        }
        return out;
    }

    /** The expiries of the holds still HELD. */
    public List<Long> pendingExpiries()
    {
        final List<Long> out = new ArrayList<>();
        for (final HoldRecord h : holds)
        {
            if (h.state.equals("HELD"))
            {
                out.add(h.expiresTs);
            }
        }
        return out;
    }

    /** The reserved units the HELD holds keep at each (sku, location), keyed sku + '\0' + location. */
    public Map<String, Long> heldReservations()
    {
        final Map<String, Long> out = new TreeMap<>();
        for (final HoldRecord h : holds)
        {
            if (h.state.equals("HELD"))
            {
                for (final ShipmentRecord s : h.shipments)
                {
                    for (final Map.Entry<String, Long> e : s.lines.entrySet())
                    {
                        out.merge(e.getKey() + '\0' + s.locationId, e.getValue(), Long::sum);
                    }
                }
            }
        }
        return out;
    }

    /** (sku, location) pairs with something reserved. */
    public List<String[]> reservedPositions()
    {
        final List<String[]> out = new ArrayList<>();
        for (final String sku : skuNames)
        {
            for (final Location l : locations)
            {
                if (reserved(sku, l.id()) > 0)
                {
                    out.add(new String[] { sku, l.id() });
                }
            }
        }
        return out;
    }

    private HoldRecord latestHold(final String holdId)
    {
        for (int i = holds.size() - 1; i >= 0; i--)
        {
            if (holds.get(i).id.equals(holdId))
            {
                return holds.get(i);
            }
        }
        return null;
    }

    private static Map<String, Long> shippedUnits(final OrderRecord o)
    {
        final Map<String, Long> out = new TreeMap<>();
        for (final ShipmentRecord s : o.shipments)
        {
            if (s.state.equals("SHIPPED"))
            {
                for (final Map.Entry<String, Long> e : s.lines.entrySet())
                {
                    out.merge(e.getKey(), e.getValue(), Long::sum);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ geography

    /** Haversine great-circle distance in km, Earth radius 6371.0088 km, StrictMath. */
    public static double distanceKm(final double lat1, final double lon1, final double lat2, final double lon2)
    {
        final double phi1 = StrictMath.toRadians(lat1);
        final double phi2 = StrictMath.toRadians(lat2);
        final double dPhi = StrictMath.toRadians(lat2 - lat1);
        final double dLambda = StrictMath.toRadians(lon2 - lon1);
        final double sinPhi = StrictMath.sin(dPhi / 2);
        final double sinLambda = StrictMath.sin(dLambda / 2);
        final double a = sinPhi * sinPhi + StrictMath.cos(phi1) * StrictMath.cos(phi2) * sinLambda * sinLambda;
        return 2 * EARTH_RADIUS_KM * StrictMath.asin(StrictMath.min(1.0, StrictMath.sqrt(a)));
    }

    /** USPS distance bands by miles, bounds inclusive. */
    public static int zone(final double km)
    {
        final double miles = km / KM_PER_MILE;
        if (miles <= 50)
        {
            return 1;
        }
        if (miles <= 150)
        {
            return 2;
        }
        if (miles <= 300)
        {
            return 3;
        }
        if (miles <= 600)
        {
            return 4;
        }
        if (miles <= 1000)
        {
            return 5;
        }
        if (miles <= 1400)
        {
            return 6;
        }
        if (miles <= 1800)
        {
            return 7;
        }
        return 8;
    }

    // ------------------------------------------------------------------------------------------------ routing

    /**
     * The rate row for a shipment: same service and zone, max weight ≥ weight, transit ≤ limit; least price, then
     * carrier name, then fewer transit days, then smaller max weight, then file order. Null when none is eligible.
     */
    Rate bestRate(final String service, final int zone, final long weightG, final Integer maxTransitDays)
    {
        Rate best = null;
        for (final Rate r : rates)
        {
            if (!r.service().equals(service) || r.zone() != zone || r.maxWeightG() < weightG)
            {
                continue;
            }
            if (maxTransitDays != null && r.transitDays() > maxTransitDays)
            {
                continue;
            }
            if (best == null || rateBefore(r, best))
            {
                best = r;
            }
        }
        return best;
    }

    private static boolean rateBefore(final Rate a, final Rate b)
    {
        if (a.priceCents() != b.priceCents())
        {
            return a.priceCents() < b.priceCents();
        }
        if (!a.carrier().equals(b.carrier()))
        {
            return a.carrier().compareTo(b.carrier()) < 0;
        }
        if (a.transitDays() != b.transitDays())
        {
            return a.transitDays() < b.transitDays();
        }
        if (a.maxWeightG() != b.maxWeightG())
        {
            return a.maxWeightG() < b.maxWeightG();
        }
        return a.fileOrder() < b.fileOrder();
    }

    /**
     * Whether a location passes the filters that do not depend on the lines: service, same-day radius, capacity left
     * today (unless capacity is taken as unlimited) and the channel rule; during a re-route also the location
     * restriction of DECISIONS.md "Lifecycle".
     */
    boolean locationOpenFor(final Order o, final Location loc, final boolean unlimitedCapacity)
    {
        // a re-route leaves out the location that came up short, a backorder fill uses only the receiving one
        if (loc.id().equals(routeExcluded) || (routeOnly != null && !loc.id().equals(routeOnly)))
        {
            return false;
        }
        if (!loc.services().contains(o.service()))
        {
            return false;
        }
        if (o.service().equals("SAME_DAY")
            && distanceKm(loc.lat(), loc.lon(), o.lat(), o.lon()) > loc.sameDayRadiusKm())
        {
            return false;
        }
        if (!unlimitedCapacity && loc.dailyCapacity() != -1 && capacityUsed(loc.id()) >= loc.dailyCapacity())
        {
            return false;
        }
        final Set<String> allowed = channelLocations.get(o.channel());
        return allowed == null || allowed.contains(loc.id());
    }

    private long weight(final Map<String, Long> lines)
    {
        long w = 0;
        for (final Map.Entry<String, Long> e : lines.entrySet())
        {
            w += e.getValue() * skuWeight.get(e.getKey());
        }
        return w;
    }

    /**
     * The shipment a location would make for these lines, or null when it may not ship them (SPEC §2 "A location may
     * ship a set of lines"). With unlimited stock the atp test is skipped.
     */
    Shipment quote(final Order o, final Location loc, final TreeMap<String, Long> lines, final boolean unlimitedStock,
        final boolean unlimitedCapacity)
    {
        if (!locationOpenFor(o, loc, unlimitedCapacity))
        {
            return null;
        }
        if (!unlimitedStock)
        {
            for (final Map.Entry<String, Long> e : lines.entrySet())
            {
                if (atp(e.getKey(), loc.id()) < e.getValue())
                {
                    return null;
                }
            }
        }
        final int zone = zone(distanceKm(loc.lat(), loc.lon(), o.lat(), o.lon()));
        final Rate rate = bestRate(o.service(), zone, weight(lines), o.maxTransitDays());
        if (rate == null)
        {
            return null;
        }
        return new Shipment(loc.id(), lines, rate, zone, loc.handlingCents() + rate.priceCents());
    }

    /**
     * Routes an order (SPEC §2): the least whole-line plan by brute force over all L^n assignments, else (without
     * ship_complete) the line-quantity split greedy of DECISIONS.md. Null when there is no plan.
     */
    public Plan route(final Order o, final boolean unlimitedStock, final boolean unlimitedCapacity,
        final boolean shipComplete)
    {
        final Plan whole = bestWholeLinePlan(o, unlimitedStock, unlimitedCapacity, shipComplete);
        if (whole != null || shipComplete)
        {
            return whole;
        }
        return split(o, unlimitedStock, unlimitedCapacity);
    }

    /**
     * DECISIONS.md line-quantity split: the cheaper of the per-unit and the whole-lines-first greedy plans (total
     * cost, then fewer shipments, then the per-unit plan). Null when neither fills every line.
     */
    Plan split(final Order o, final boolean unlimitedStock, final boolean unlimitedCapacity)
    {
        final Plan perUnit = greedySplit(o, unlimitedStock, unlimitedCapacity, false);
        final Plan wholeFirst = greedySplit(o, unlimitedStock, unlimitedCapacity, true);
        if (perUnit == null)
        {
            return wholeFirst;
        }
        if (wholeFirst != null && (wholeFirst.totalCostCents() < perUnit.totalCostCents() ||
            (wholeFirst.totalCostCents() == perUnit.totalCostCents() &&
            wholeFirst.shipments().size() < perUnit.shipments().size())))
        {
            return wholeFirst;
        }
        return perUnit;
    }

    /** Brute force: every assignment of each line (in SKU order) to a location. */
    Plan bestWholeLinePlan(final Order o, final boolean unlimitedStock, final boolean unlimitedCapacity,
        final boolean shipComplete)
    {
        final List<Line> lines = o.lines();          // ascending SKU
        final int n = lines.size();
        final int l = locations.size();
        // memo of the shipment each location makes for each subset of lines (the brute force stays readable)
        final Map<Long, Shipment> memo = new HashMap<>();
        final Set<Long> impossible = new HashSet<>();
        final int[] assign = new int[n];
        Plan best = null;
        String[] bestIds = null;
        long total = 1;
        for (int i = 0; i < n; i++)
        {
            total *= l;
        }
        for (long code = 0; code < total; code++)
        {
            long c = code;
            for (int i = n - 1; i >= 0; i--)
            {
                assign[i] = (int)(c % l);
                c /= l;
            }
            // group line indices by location
            final TreeMap<String, Integer> maskByLocation = new TreeMap<>();
            final Map<String, Integer> locIndex = new HashMap<>();
            for (int i = 0; i < n; i++)
            {
                final Location loc = locations.get(assign[i]);
                maskByLocation.merge(loc.id(), 1 << i, (a, b) -> a | b);
                locIndex.put(loc.id(), assign[i]);
            }
            if (shipComplete && maskByLocation.size() > 1)
            {
                continue;
            }
            final List<Shipment> shipments = new ArrayList<>();
            long cost = 0;
            boolean feasible = true;
            for (final Map.Entry<String, Integer> g : maskByLocation.entrySet())
            {
                final int li = locIndex.get(g.getKey());
                final long key = ((long)li << 32) | g.getValue();
                if (impossible.contains(key))
                {
                    feasible = false;
                    break;
                }
                Shipment s = memo.get(key);
                if (s == null)
                {
                    final TreeMap<String, Long> group = new TreeMap<>();
                    for (int i = 0; i < n; i++)
                    {
                        if ((g.getValue() & (1 << i)) != 0)
                        {
                            group.put(lines.get(i).sku(), lines.get(i).qty());
                        }
                    }
                    s = quote(o, locations.get(li), group, unlimitedStock, unlimitedCapacity);
                    if (s == null)
                    {
                        impossible.add(key);
                        feasible = false;
                        break;
                    }
                    memo.put(key, s);
                }
                shipments.add(s);
                cost += s.costCents();
            }
            if (!feasible)
            {
                continue;
            }
            cost += splitPenaltyCents * (shipments.size() - 1);
            final String[] ids = new String[n];
            for (int i = 0; i < n; i++)
            {
                ids[i] = locations.get(assign[i]).id();
            }
            final Plan plan = new Plan(shipments, cost);
            if (best == null || planBefore(plan, ids, best, bestIds))
            {
                best = plan;
                bestIds = ids;
            }
        }
        return best;
    }

    /** SPEC §2 order: cost, then fewer shipments, then location id of each line in SKU order (as strings). */
    private static boolean planBefore(final Plan a, final String[] aIds, final Plan b, final String[] bIds)
    {
        if (a.totalCostCents() != b.totalCostCents())
        {
            return a.totalCostCents() < b.totalCostCents();
        }
        if (a.shipments().size() != b.shipments().size())
        {
            return a.shipments().size() < b.shipments().size();
        }
        for (int i = 0; i < aIds.length; i++)
        {
            final int c = aIds[i].compareTo(bIds[i]);
            if (c != 0)
            {
                return c < 0;
            }
        }
        return false;
    }

    /**
     * One greedy split. Per unit: lines in ascending SKU order; while a line has quantity left, take
     * min(left, atp left) from the location with the least marginal cost per unit (ties: larger take, then smaller
     * location id); where no rate takes that weight, the most units that still have a rate (none: the location is
     * skipped). Whole lines first: first every line some location can ship whole (its whole quantity, a rate for
     * it) goes there whole, in SKU order, to the least marginal cost (ties: smaller id); then the rest are filled as
     * above but from the least marginal cost, not per unit. Null when a line cannot be filled.
     */
    Plan greedySplit(final Order o, final boolean unlimitedStock, final boolean unlimitedCapacity,
        final boolean wholeFirst)
    {
        final TreeMap<String, TreeMap<String, Long>> plan = new TreeMap<>();   // location -> sku -> qty
        final Map<String, Shipment> current = new HashMap<>();                // location -> its shipment now
        final List<Line> rest = new ArrayList<>();
        for (final Line line : o.lines())
        {
            if (!wholeFirst)
            {
                rest.add(line);
                continue;
            }
            Location bestLoc = null;
            Shipment bestShipment = null;
            long bestMarginal = 0;
            for (final Location loc : locations)
            {
                if (!locationOpenFor(o, loc, unlimitedCapacity) ||
                    (!unlimitedStock && atp(line.sku(), loc.id()) < line.qty()))
                {
                    continue;
                }
                final TreeMap<String, Long> existing = plan.get(loc.id());
                final TreeMap<String, Long> newLines = existing == null ? new TreeMap<>() : new TreeMap<>(existing);
                newLines.merge(line.sku(), line.qty(), Long::sum);
                final Shipment s = quote(o, loc, newLines, true, unlimitedCapacity);
                if (s == null)
                {
                    continue;
                }
                final long marginal = existing != null ? s.costCents() - current.get(loc.id()).costCents() :
                    s.costCents() + (plan.isEmpty() ? 0 : splitPenaltyCents);
                if (bestLoc == null || marginal < bestMarginal ||
                    (marginal == bestMarginal && loc.id().compareTo(bestLoc.id()) < 0))
                {
                    bestLoc = loc;
                    bestShipment = s;
                    bestMarginal = marginal;
                }
            }
            if (bestLoc == null)
            {
                rest.add(line);
            }
            else
            {
                plan.put(bestLoc.id(), bestShipment.lines());
                current.put(bestLoc.id(), bestShipment);
            }
        }
        for (final Line line : rest)
        {
            long left = line.qty();
            while (left > 0)
            {
                Location bestLoc = null;
                Shipment bestShipment = null;
                long bestMarginal = 0;
                long bestTake = 0;
                for (final Location loc : locations)
                {
                    if (!locationOpenFor(o, loc, unlimitedCapacity))
                    {
                        continue;
                    }
                    final TreeMap<String, Long> existing = plan.get(loc.id());
                    final long alreadyTaken = existing == null ? 0 : existing.getOrDefault(line.sku(), 0L);
                    final long atpLeft = unlimitedStock ? left : atp(line.sku(), loc.id()) - alreadyTaken;
                    if (atpLeft <= 0)
                    {
                        continue;
                    }
                    // the most units, up to min(left, atp left), whose shipment still has a rate (counting down)
                    long take = Math.min(left, atpLeft);
                    Shipment s = null;
                    for (; take > 0 && s == null; take--)
                    {
                        final TreeMap<String, Long> newLines = existing == null ? new TreeMap<>() :
                            new TreeMap<>(existing);
                        newLines.merge(line.sku(), take, Long::sum);
                        // the stock test is done above by hand (atp left), so ask for the rate with unlimited stock
                        s = quote(o, loc, newLines, true, unlimitedCapacity);
                    }
                    take++; // the loop stepped once past the take that found a rate
                    if (s == null)
                    {
                        continue;
                    }
                    final long marginal;
                    if (existing != null)
                    {
                        marginal = s.costCents() - current.get(loc.id()).costCents();
                    }
                    else
                    {
                        marginal = s.costCents() + (plan.isEmpty() ? 0 : splitPenaltyCents);
                    }
                    boolean better;
                    if (bestLoc == null)
                    {
                        better = true;
                    }
                    else
                    {
                        // marginal / take < bestMarginal / bestTake, exactly (whole lines first: marginal alone)
                        final long lhs = wholeFirst ? marginal : marginal * bestTake;
                        final long rhs = wholeFirst ? bestMarginal : bestMarginal * take;
                        if (lhs != rhs)
                        {
                            better = lhs < rhs;
                        }
                        else if (take != bestTake)
                        {
                            better = take > bestTake;
                        }
                        else
                        {
                            better = loc.id().compareTo(bestLoc.id()) < 0;
                        }
                    }
                    if (better)
                    {
                        bestLoc = loc;
                        bestShipment = s;
                        bestMarginal = marginal;
                        bestTake = take;
                    }
                }
                if (bestLoc == null)
                {
                    return null;
                }
                plan.put(bestLoc.id(), bestShipment.lines());
                current.put(bestLoc.id(), bestShipment);
                left -= bestTake;
            }
        }
        final List<Shipment> shipments = new ArrayList<>();
        long cost = 0;
        for (final String id : plan.keySet())
        {
            shipments.add(current.get(id));
            cost += current.get(id).costCents();
        }
        cost += splitPenaltyCents * (shipments.size() - 1);
        return new Plan(shipments, cost);
    }

    /** The cheapest single-location plan (with today's stock and capacity), or null; for properties. */
    public Plan bestSingleLocationPlan(final Order o)
    {
        Plan best = null;
        for (final Location loc : locations)
        {
            final TreeMap<String, Long> all = new TreeMap<>();
            for (final Line line : o.lines())
            {
                all.put(line.sku(), line.qty());
            }
            final Shipment s = quote(o, loc, all, false, false);
            if (s != null && (best == null || s.costCents() < best.totalCostCents()))
            {
                best = new Plan(List.of(s), s.costCents());
            }
        }
        return best;
    }

    /**
     * Checks an ALLOCATED result someone else computed for this order against today's state: the shipments carry
     * exactly the order's lines, each location may ship its lines (SPEC §2), each shipment's carrier, zone, transit
     * days and cost are the ones of its rate, and the total adds the split penalties. Null when valid.
     */
    public String validatePlan(final Order o, final JsonNode result)
    {
        final Map<String, Long> shipped = new TreeMap<>();
        long total = 0;
        final JsonNode shipments = result.path("shipments");
        String previous = null;
        for (final JsonNode s : shipments)
        {
            final String id = s.path("location_id").asText();
            final Location loc = locationById.get(id);
            if (loc == null)
            {
                return "unknown location " + id;
            }
            if (previous != null && previous.compareTo(id) >= 0)
            {
                return "shipments not in ascending location_id order";
            }
            previous = id;
            final TreeMap<String, Long> lines = new TreeMap<>();
            for (final JsonNode l : s.path("lines"))
            {
                lines.merge(l.path("sku").asText(), l.path("qty").asLong(), Long::sum);
                shipped.merge(l.path("sku").asText(), l.path("qty").asLong(), Long::sum);
            }
            final Shipment q = quote(o, loc, lines, false, false);
            if (q == null)
            {
                return id + " may not ship " + lines;
            }
            if (!q.rate().carrier().equals(s.path("carrier").asText()) || q.zone() != s.path("zone").asInt()
                || q.rate().transitDays() != s.path("transit_days").asInt() || q.costCents() != s.path("cost_cents")
                .asLong())
            {
                return "shipment from " + id + " should be " + q.rate().carrier() + " zone " + q.zone() + " transit "
                    + q.rate().transitDays() + " cost " + q.costCents();
            }
            total += q.costCents();
        }
        total += splitPenaltyCents * (shipments.size() - 1);
        final Map<String, Long> ordered = new TreeMap<>();
        for (final Line l : o.lines())
        {
            ordered.put(l.sku(), l.qty());
        }
        if (!ordered.equals(shipped))
        {
            return "shipments carry " + shipped + ", the order is " + ordered;
        }
        if (total != result.path("total_cost_cents").asLong())
        {
            return "total_cost_cents should be " + total;
        }
        return null;
    }

    /** The reject reason of an order that has no plan today, as DECISIONS.md's separate feasibility questions. */
    String rejectReason(final Order o)
    {
        if (route(o, true, true, o.shipComplete()) == null)
        {
            return "NO_SERVICE";
        }
        if (route(o, false, true, o.shipComplete()) != null)
        {
            return "NO_CAPACITY";
        }
        if (o.shipComplete() && route(o, false, false, false) != null)
        {
            return "SHIP_COMPLETE_IMPOSSIBLE";
        }
        return "OUT_OF_STOCK";
    }

    // ------------------------------------------------------------------------------------------------ commands

    /** Applies one command line; returns its result (null for a blank line). */
    public ObjectNode apply(final String line)
    {
        if (line == null || line.isBlank())
        {
            return null;
        }
        seq++;
        ledgerReceipts = 0;
        ledgerShipped = 0;
        ledgerReturns = 0;
        ledgerPickShort = 0;
        ledgerCounts = 0;
        expiredByLastCommand = 0;
        final ObjectNode r = dispatch(line);
        if ("REJECTED".equals(r.path("status").asText()))
        {
            kpis.rejectsByReason.merge(r.path("reason").asText(), 1L, Long::sum);
        }
        return r;
    }

    private ObjectNode dispatch(final String line)
    {
        final JsonNode cmd;
        try
        {
            cmd = JSON.readTree(line);
        }
        catch (final IOException ex)
        {
            return invalid(null, null, "not JSON");
        }
        if (cmd == null || !cmd.isObject())
        {
            return invalid(null, null, "not a JSON object");
        }
        final JsonNode typeNode = cmd.get("type");
        final String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null)
        {
            return invalid(null, null, "type");
        }
        if (!KNOWN_TYPES.contains(type))
        {
            return invalid(type, null, "type");
        }
        // SPEC §5: the clock is the largest ts seen; holds whose expiry it passes are released, oldest first,
        // before the command is handled. (A command the engine's decoder cannot read does not move the clock; the
        // random streams never put a ts on those, so the reference need not model that boundary.)
        final JsonNode ts = cmd.get("ts");
        if (isIntegral(ts) && (clock == null || ts.asLong() > clock))
        {
            for (final HoldRecord h : holds)
            {
                if (h.state.equals("HELD") && h.expiresTs < ts.asLong())
                {
                    endHold(h, "EXPIRED");
                    kpis.holdsExpired++;
                    expiredByLastCommand++;
                }
            }
            clock = ts.asLong();
        }
        switch (type)
        {
            case "order":
                return order(cmd);
            case "cancel":
                return cancel(cmd);
            case "ship":
                return ship(cmd);
            case "pick_short":
                return pickShort(cmd);
            case "return":
                return returned(cmd);
            case "receive":
                return receive(cmd);
            case "stock":
                return stockCount(cmd);
            case "new_day":
                capacityUsed.clear();
                day++;
                return result("new_day", null, "OK");
            case "status":
                return status(cmd);
            case "kpi":
                return kpi();
            case "quote":
                return quote(cmd);
            case "hold":
                return hold(cmd);
            case "release":
                return release(cmd);
            default:
                throw new IllegalStateException(type);
        }
    }

    private static final Set<String> KNOWN_TYPES = Set.of("order", "cancel", "ship", "pick_short", "return",
        "receive", "stock", "new_day", "status", "kpi", "quote", "hold", "release");

    /** Same as {@link #apply(String)}, as a compact JSON string. */
    public String applyToString(final String line)
    {
        final ObjectNode r = apply(line);
        return r == null ? null : r.toString();
    }

    private ObjectNode result(final String type, final String orderId, final String status)
    {
        final ObjectNode r = JSON.createObjectNode();
        r.put("seq", seq);
        if (type != null)
        {
            r.put("type", type);
        }
        if (orderId != null)
        {
            r.put("order_id", orderId);
        }
        r.put("status", status);
        return r;
    }

    private ObjectNode holdResult(final String type, final String holdId, final String status)
    {
        final ObjectNode r = result(type, null, status);
        if (holdId != null)
        {
            r.put("hold_id", holdId);
        }
        return r;
    }

    private ObjectNode rejected(final String type, final String orderId, final String reason)
    {
        final ObjectNode r = result(type, orderId, "REJECTED");
        r.put("reason", reason);
        return r;
    }

    private ObjectNode invalid(final String type, final String orderId, final String message)
    {
        final ObjectNode r = rejected(type, orderId, "INVALID");
        r.put("message", message);
        return r;
    }

    private static String text(final JsonNode cmd, final String field)
    {
        final JsonNode n = cmd.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static boolean isIntegral(final JsonNode n)
    {
        return n != null && n.isIntegralNumber() && n.canConvertToLong();
    }

    private static boolean isAsciiId(final String s, final int maxLength)
    {
        if (s == null || s.isEmpty() || s.length() > maxLength)
        {
            return false;
        }
        for (int i = 0; i < s.length(); i++)
        {
            if (s.charAt(i) > 127)
            {
                return false;
            }
        }
        return true;
    }

    /** The three commands that carry a routed request: an order, a hold, a quote. */
    private enum Kind
    {
        ORDER, HOLD, QUOTE
    }

    /**
     * A parsed request: {@code error} is the INVALID result when the structure is bad; else the resolved request,
     * its content key for resubmits, its merged lines, whether resolution met an unknown SKU or ZIP, and (quotes)
     * the merchandise value and the services asked.
     */
    private record Parsed(ObjectNode error, String id, Order order, String contentKey, TreeMap<String, Long> merged,
        boolean unknownSku, boolean unknownZip, long merchandiseCents, Set<String> services)
    {
        static Parsed error(final ObjectNode error, final String id)
        {
            return new Parsed(error, id, null, null, null, false, false, 0, null);
        }
    }

    /** Structure checks (DECISIONS "Resolution order of checks"), then resolution of SKUs and destination. */
    private Parsed parseRequest(final JsonNode cmd, final Kind kind)
    {
        final String type = kind == Kind.ORDER ? "order" : kind == Kind.HOLD ? "hold" : "quote";
        String id = null;
        if (kind == Kind.ORDER)
        {
            id = text(cmd, "order_id");
            if (!isAsciiId(id, 32))
            {
                return Parsed.error(invalid(type, id, "order_id"), id);
            }
        }
        else if (kind == Kind.HOLD)
        {
            id = text(cmd, "hold_id");
            if (!isAsciiId(id, 32))
            {
                return Parsed.error(holdInvalid(id, "hold_id"), id);
            }
            final JsonNode seconds = cmd.get("hold_seconds");
            if (!isIntegral(seconds) || seconds.asLong() <= 0 || seconds.asLong() > MAX_HOLD_SECONDS)
            {
                return Parsed.error(holdInvalid(id, "hold_seconds"), id);
            }
        }
        final String channel = text(cmd, "channel");
        if (channel == null || channel.isEmpty())
        {
            return Parsed.error(invalidFor(kind, id, "channel"), id);
        }
        String service = null;
        Set<String> services = null;
        if (kind != Kind.QUOTE)
        {
            service = text(cmd, "service");
            if (service == null || !SERVICES.contains(service))
            {
                return Parsed.error(invalidFor(kind, id, "service"), id);
            }
        }
        else
        {
            services = new HashSet<>();
            final JsonNode list = cmd.get("services");
            if (list != null)
            {
                if (!list.isArray())
                {
                    return Parsed.error(invalidFor(kind, id, "services"), id);
                }
                for (final JsonNode s : list)
                {
                    if (!s.isTextual() || !SERVICES.contains(s.asText()))
                    {
                        return Parsed.error(invalidFor(kind, id, "services[]"), id);
                    }
                    services.add(s.asText());
                }
            }
            if (services.isEmpty())
            {
                services.addAll(SERVICES);          // no list (or an empty one): every service
            }
        }
        final String zip = text(cmd, "zip");
        final JsonNode latNode = cmd.get("lat");
        final JsonNode lonNode = cmd.get("lon");
        if (zip == null)
        {
            if (latNode == null || !latNode.isNumber() || lonNode == null || !lonNode.isNumber())
            {
                return Parsed.error(invalidFor(kind, id, "zip"), id);
            }
        }
        boolean shipComplete = false;
        final JsonNode sc = cmd.get("ship_complete");
        if (sc != null && !sc.isNull())
        {
            if (!sc.isBoolean())
            {
                return Parsed.error(invalidFor(kind, id, "ship_complete"), id);
            }
            shipComplete = sc.asBoolean();
        }
        Integer maxTransit = null;
        final JsonNode mt = cmd.get("max_transit_days");
        if (mt != null && !mt.isNull())
        {
            if (!isIntegral(mt) || mt.asLong() < 0 || mt.asLong() > Integer.MAX_VALUE)
            {
                return Parsed.error(invalidFor(kind, id, "max_transit_days"), id);
            }
            maxTransit = (int)mt.asLong();
        }
        final JsonNode linesNode = cmd.get("lines");
        if (linesNode == null || !linesNode.isArray() || linesNode.isEmpty())
        {
            return Parsed.error(invalidFor(kind, id, "lines"), id);
        }
        final List<String[]> rawLines = new ArrayList<>();   // {sku, qty}
        final Set<String> distinct = new HashSet<>();
        long merchandise = 0;
        for (final JsonNode ln : linesNode)
        {
            if (!ln.isObject())
            {
                return Parsed.error(invalidFor(kind, id, "lines"), id);
            }
            final String sku = text(ln, "sku");
            final JsonNode qty = ln.get("qty");
            if (sku == null || sku.isEmpty())
            {
                return Parsed.error(invalidFor(kind, id, "lines.sku"), id);
            }
            if (!isIntegral(qty) || qty.asLong() <= 0)
            {
                return Parsed.error(invalidFor(kind, id, "lines.qty"), id);
            }
            final JsonNode price = ln.get("unit_price_cents");
            if (price != null)
            {
                if (!isIntegral(price) || price.asLong() < 0)
                {
                    return Parsed.error(invalidFor(kind, id, "lines.unit_price_cents"), id);
                }
                merchandise += qty.asLong() * price.asLong();     // SPEC §5: Σ qty × unit_price_cents
            }
            rawLines.add(new String[] { sku, Long.toString(qty.asLong()) });
            distinct.add(sku);
        }
        if (distinct.size() > MAX_DISTINCT_LINES)
        {
            return Parsed.error(invalidFor(kind, id, "lines"), id);
        }

        // resolution: SKUs through the channel, merged lines, destination
        final Map<String, String> listings = channelSkus.getOrDefault(channel, Map.of());
        final TreeMap<String, Long> merged = new TreeMap<>();
        boolean unknownSku = false;
        for (final String[] raw : rawLines)
        {
            String master = listings.get(raw[0]);
            if (master == null)
            {
                master = skuWeight.containsKey(raw[0]) ? raw[0] : null;
            }
            if (master == null)
            {
                unknownSku = true;
                continue;
            }
            merged.merge(master, Long.parseLong(raw[1]), Long::sum);
        }
        double lat = 0;
        double lon = 0;
        boolean unknownZip = false;
        final String destinationKey;
        if (zip != null)
        {
            final double[] c = zips.get(zip);
            if (c == null)
            {
                unknownZip = true;
            }
            else
            {
                lat = c[0];
                lon = c[1];
            }
            destinationKey = "zip:" + zip;
        }
        else
        {
            lat = latNode.asDouble();
            lon = lonNode.asDouble();
            destinationKey = "ll:" + lat + "," + lon;
        }
        final List<Line> lines = new ArrayList<>();
        for (final Map.Entry<String, Long> e : merged.entrySet())
        {
            lines.add(new Line(e.getKey(), e.getValue()));
        }
        final String contentKey = channel + "|" + destinationKey + "|" + service + "|" + shipComplete + "|"
            + maxTransit + "|" + merged;
        final Order order;
        if (kind == Kind.QUOTE)
        {
            // DECISIONS "Checkout": quotes route with ship_complete false and no transit limit
            order = new Order(channel, lat, lon, null, false, null, lines);
        }
        else
        {
            order = new Order(channel, lat, lon, service, shipComplete, maxTransit, lines);
        }
        return new Parsed(null, id, order, contentKey, merged, unknownSku, unknownZip, merchandise, services);
    }

    private ObjectNode invalidFor(final Kind kind, final String id, final String message)
    {
        switch (kind)
        {
            case ORDER:
                return invalid("order", id, message);
            case HOLD:
                return holdInvalid(id, message);
            default:
                return invalid("quote", null, message);
        }
    }

    private ObjectNode holdInvalid(final String holdId, final String message)
    {
        final ObjectNode r = holdResult("hold", holdId, "REJECTED");
        r.put("reason", "INVALID");
        r.put("message", message);
        return r;
    }

    /** The resolved order of an order command line, or null when it is malformed or names an unknown SKU/ZIP. */
    public Order resolveOrder(final String line)
    {
        try
        {
            final Parsed p = parseRequest(JSON.readTree(line), Kind.ORDER);
            return p.error() != null || p.unknownSku() || p.unknownZip() ? null : p.order();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ effects

    /** Reserves a planned shipment's lines and uses a unit of its location's capacity today. */
    private ShipmentRecord reserveShipment(final Shipment s, final String service)
    {
        for (final Map.Entry<String, Long> e : s.lines().entrySet())
        {
            position(e.getKey(), s.locationId()).reserved += e.getValue();
        }
        capacityUsed.merge(s.locationId(), 1L, Long::sum);
        kpis.shipmentsPlanned++;
        kpis.zoneSum += s.zone();
        kpis.shipmentsByLocation.merge(s.locationId(), 1L, Long::sum);
        return new ShipmentRecord(s, service, seq);
    }

    private void releaseReservation(final ShipmentRecord s)
    {
        for (final Map.Entry<String, Long> e : s.lines.entrySet())
        {
            position(e.getKey(), s.locationId).reserved -= e.getValue();
        }
    }

    /** SPEC §4: a shipment object of a result; with {@code withState} also status and sequence numbers. */
    private static ObjectNode shipmentJson(final ShipmentRecord s, final boolean withState)
    {
        final ObjectNode sj = JSON.createObjectNode();
        sj.put("location_id", s.locationId);
        sj.put("carrier", s.carrier);
        sj.put("service", s.service);
        sj.put("zone", s.zone);
        sj.put("transit_days", s.transitDays);
        sj.put("cost_cents", s.costCents);
        if (withState)
        {
            sj.put("status", s.state);
            sj.put("allocated_seq", s.allocatedSeq);
            if (s.state.equals("SHIPPED"))
            {
                sj.put("shipped_seq", s.shippedSeq);
            }
        }
        final ArrayNode lj = sj.putArray("lines");
        for (final Map.Entry<String, Long> e : s.lines.entrySet())
        {
            final ObjectNode l = lj.addObject();
            l.put("sku", e.getKey());
            l.put("qty", e.getValue());
        }
        return sj;
    }

    private static ObjectNode planShipmentJson(final Shipment s, final String service)
    {
        return shipmentJson(new ShipmentRecord(s, service, 0), false);
    }

    /** Counts a new allocation (a routed order or a converted hold) in the KPIs. */
    private void countAllocation(final int shipments, final long costCents, final String service)
    {
        kpis.ordersAllocated++;
        kpis.totalCostCents += costCents;
        if (shipments > 1)
        {
            kpis.splitOrders++;
        }
        if (service.equals("SAME_DAY"))
        {
            kpis.sameDayOrders++;
        }
    }

    /** Sets an open order's state from its shipments and backorders (OrderState's life cycle). */
    private static void refreshState(final OrderRecord o)
    {
        if (!o.open())
        {
            return;
        }
        int open = 0;
        int shipped = 0;
        for (final ShipmentRecord s : o.shipments)
        {
            open += s.state.equals("OPEN") ? 1 : 0;
            shipped += s.state.equals("SHIPPED") ? 1 : 0;
        }
        if (o.backordered > 0)
        {
            o.state = "BACKORDERED";
        }
        else if (open == 0 && shipped > 0)
        {
            o.state = "SHIPPED";
        }
        else if (shipped > 0)
        {
            o.state = "PARTIALLY_SHIPPED";
        }
        else
        {
            o.state = "ALLOCATED";
        }
    }

    /**
     * Routes qty units of one SKU of an order again (DECISIONS "Lifecycle"): the order's channel, destination,
     * service and transit limit, ship_complete not applied; without {@code excluded}, or only from {@code only}.
     */
    private Plan reroutePlan(final OrderRecord o, final String sku, final long qty, final String excluded,
        final String only)
    {
        final Order req = new Order(o.request.channel(), o.request.lat(), o.request.lon(), o.request.service(), false,
            o.request.maxTransitDays(), List.of(new Line(sku, qty)));
        routeExcluded = excluded;
        routeOnly = only;
        try
        {
            return route(req, false, false, false);
        }
        finally
        {
            routeExcluded = null;
            routeOnly = null;
        }
    }

    /** Reserves a re-route plan for an order and returns the new shipments as JSON. */
    private ArrayNode takeReroute(final OrderRecord o, final Plan plan)
    {
        final ArrayNode out = JSON.createArrayNode();
        for (final Shipment s : plan.shipments())
        {
            final ShipmentRecord rec = reserveShipment(s, o.request.service());
            o.shipments.add(rec);
            out.add(shipmentJson(rec, false));
        }
        return out;
    }

    private void addBackorder(final OrderRecord o, final String sku, final long qty)
    {
        backorders.add(new Backorder(o, sku, qty));
        o.backordered += qty;
        kpis.backorderedUnits += qty;
    }

    /** A shipment whose lines are all at zero is cancelled. */
    private static void cancelIfEmpty(final ShipmentRecord s)
    {
        if (s.units() == 0)
        {
            s.state = "CANCELLED";
        }
    }

    /** Ends a hold: its reservations go, and the capacity too when it is still the day it was made (SPEC §5). */
    private void endHold(final HoldRecord h, final String state)
    {
        for (final ShipmentRecord s : h.shipments)
        {
            releaseReservation(s);
            if (h.day == day)
            {
                capacityUsed.merge(s.locationId, -1L, (a, b) -> Math.max(0, a + b));
            }
        }
        h.state = state;
    }

    private long openHolds(final String customerKey)
    {
        long n = 0;
        for (final HoldRecord h : holds)
        {
            if (h.state.equals("HELD") && customerKey.equals(h.customerKey))
            {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------ §3 commands

    private ObjectNode order(final JsonNode cmd)
    {
        final Parsed p = parseRequest(cmd, Kind.ORDER);
        if (p.error() != null)
        {
            return p.error();
        }
        kpis.orders++;
        final String orderId = p.id();
        final Order order = p.order();

        // 2. an id already allocated (cancelled ones keep their id)
        final OrderRecord known = orders.get(orderId);
        if (known != null)
        {
            if (!p.unknownSku() && !p.unknownZip() && known.contentKey.equals(p.contentKey()))
            {
                final ObjectNode r = JSON.createObjectNode();
                r.put("seq", seq);
                r.setAll(known.firstDecision.deepCopy());
                return r;
            }
            return rejected("order", orderId, "DUPLICATE_ORDER_ID");
        }
        // 3. unknown SKU, then unknown ZIP
        if (p.unknownSku())
        {
            return rejected("order", orderId, "UNKNOWN_SKU");
        }
        if (p.unknownZip())
        {
            return rejected("order", orderId, "UNKNOWN_ZIP");
        }
        // 4. an active hold with the same merged lines becomes the order: its plan, reservation and capacity
        final String holdId = text(cmd, "hold_id");
        final HoldRecord hold = holdId == null ? null : latestHold(holdId);
        if (hold != null && hold.state.equals("HELD") && hold.lines.equals(p.merged()))
        {
            final ObjectNode decision = JSON.createObjectNode();
            decision.put("type", "order");
            decision.put("order_id", orderId);
            decision.put("status", "ALLOCATED");
            decision.put("total_cost_cents", hold.totalCostCents);
            decision.set("shipments", hold.firstDecision.get("shipments").deepCopy());
            final OrderRecord record = new OrderRecord(orderId, p.contentKey(), decision, order,
                hold.totalCostCents);
            for (final ShipmentRecord s : hold.shipments)
            {
                // engine's choice: the converted shipments count as allocated by the order command
                record.shipments.add(new ShipmentRecord(s.locationId, s.carrier, s.service, s.zone, s.transitDays,
                    s.costCents, new TreeMap<>(s.lines), seq));
            }
            hold.state = "CONVERTED";
            kpis.holdsConverted++;
            countAllocation(hold.shipments.size(), hold.totalCostCents, order.service());
            orders.put(orderId, record);
            final ObjectNode r = JSON.createObjectNode();
            r.put("seq", seq);
            r.setAll(decision.deepCopy());
            return r;
        }
        // 5. routing
        final Plan plan = route(order, false, false, order.shipComplete());
        if (plan == null)
        {
            return rejected("order", orderId, rejectReason(order));
        }
        final ObjectNode decision = JSON.createObjectNode();
        decision.put("type", "order");
        decision.put("order_id", orderId);
        decision.put("status", "ALLOCATED");
        decision.put("total_cost_cents", plan.totalCostCents());
        final ArrayNode shipmentsJson = decision.putArray("shipments");
        final OrderRecord record = new OrderRecord(orderId, p.contentKey(), decision, order, plan.totalCostCents());
        for (final Shipment s : plan.shipments())
        {
            final ShipmentRecord rec = reserveShipment(s, order.service());
            record.shipments.add(rec);
            shipmentsJson.add(shipmentJson(rec, false));
        }
        countAllocation(plan.shipments().size(), plan.totalCostCents(), order.service());
        orders.put(orderId, record);
        final ObjectNode r = JSON.createObjectNode();
        r.put("seq", seq);
        r.setAll(decision.deepCopy());
        return r;
    }

    private ObjectNode cancel(final JsonNode cmd)
    {
        final String orderId = text(cmd, "order_id");
        if (!isAsciiId(orderId, 32))
        {
            return invalid("cancel", orderId, "order_id");
        }
        final OrderRecord o = orders.get(orderId);
        if (o == null)
        {
            return rejected("cancel", orderId, "UNKNOWN_ORDER");
        }
        if (o.state.equals("CANCELLED"))
        {
            return result("cancel", orderId, "OK");             // idempotent
        }
        if (o.state.equals("SHIPPED") || o.state.equals("RETURNED"))
        {
            return rejected("cancel", orderId, "ALREADY_SHIPPED");
        }
        for (final ShipmentRecord s : o.shipments)
        {
            if (s.state.equals("OPEN"))
            {
                releaseReservation(s);
                s.state = "CANCELLED";
            }
        }
        // DECISIONS "Lifecycle": cancelling an order drops its backorders
        backorders.removeIf(b -> b.order == o);
        o.backordered = 0;
        o.state = "CANCELLED";
        kpis.cancels++;
        return result("cancel", orderId, "OK");
    }

    private ObjectNode ship(final JsonNode cmd)
    {
        final String orderId = text(cmd, "order_id");
        final String locationId = text(cmd, "location_id");
        if (!isAsciiId(orderId, 32))
        {
            return invalid("ship", orderId, "order_id");
        }
        if (locationId == null || locationId.isEmpty())
        {
            return invalid("ship", orderId, "location_id");
        }
        final OrderRecord o = orders.get(orderId);
        if (o == null)
        {
            return rejected("ship", orderId, "UNKNOWN_ORDER");
        }
        // after re-routes an order may hold several shipments from one location: a ship (order, location) ships
        // every one still open there (the only key a warehouse has; DECISIONS)
        final List<ShipmentRecord> open = new ArrayList<>();
        boolean anyThere = false;
        boolean anyShipped = false;
        for (final ShipmentRecord s : o.shipments)
        {
            if (s.locationId.equals(locationId))
            {
                anyThere = true;
                anyShipped |= s.state.equals("SHIPPED");
                if (s.state.equals("OPEN"))
                {
                    open.add(s);
                }
            }
        }
        if (!anyThere)
        {
            return invalid("ship", orderId, "location_id: no shipment there");
        }
        if (open.isEmpty())
        {
            // a shipment that left is ALREADY_SHIPPED (also after a cancel: it did leave); a cancelled one INVALID
            return anyShipped ? rejected("ship", orderId, "ALREADY_SHIPPED")
                : invalid("ship", orderId, "that shipment was cancelled");
        }
        for (final ShipmentRecord found : open)
        {
            for (final Map.Entry<String, Long> e : found.lines.entrySet())
            {
                final Position p = position(e.getKey(), locationId);
                p.onHand -= e.getValue();
                p.reserved -= e.getValue();
                ledgerShipped += e.getValue();
            }
            found.state = "SHIPPED";
            found.shippedSeq = seq;
            kpis.shipmentsShipped++;
        }
        refreshState(o);
        return result("ship", orderId, "OK");
    }

    /** The checks shared by pick_short and return: fields, then the order, the SKU and the location. */
    private ObjectNode orderSkuChecks(final String type, final JsonNode cmd)
    {
        final String orderId = text(cmd, "order_id");
        if (!isAsciiId(orderId, 32))
        {
            return invalid(type, orderId, "order_id");
        }
        final JsonNode qty = cmd.get("qty");
        if (!isIntegral(qty) || qty.asLong() <= 0)
        {
            return invalid(type, orderId, "qty");
        }
        final String sku = text(cmd, "sku");
        final String locationId = text(cmd, "location_id");
        if (sku == null || sku.isEmpty())
        {
            return invalid(type, orderId, "sku");
        }
        if (locationId == null || locationId.isEmpty())
        {
            return invalid(type, orderId, "location_id");
        }
        if (!orders.containsKey(orderId))
        {
            return rejected(type, orderId, "UNKNOWN_ORDER");
        }
        if (!skuWeight.containsKey(sku))
        {
            return rejected(type, orderId, "UNKNOWN_SKU");
        }
        if (!locationById.containsKey(locationId))
        {
            return invalid(type, orderId, "location_id");
        }
        return null;
    }

    private ObjectNode pickShort(final JsonNode cmd)
    {
        final ObjectNode bad = orderSkuChecks("pick_short", cmd);
        if (bad != null)
        {
            return bad;
        }
        final String orderId = text(cmd, "order_id");
        final String sku = text(cmd, "sku");
        final String loc = text(cmd, "location_id");
        final long qty = cmd.get("qty").asLong();
        final OrderRecord o = orders.get(orderId);
        // the first open shipment of the order from that location still holding units of the SKU
        ShipmentRecord found = null;
        for (final ShipmentRecord s : o.shipments)
        {
            if (s.state.equals("OPEN") && s.locationId.equals(loc) && s.lines.getOrDefault(sku, 0L) > 0)
            {
                found = s;
                break;
            }
        }
        if (found == null)
        {
            return invalid("pick_short", orderId, "no open shipment of that SKU from that location");
        }
        if (qty > found.lines.get(sku))
        {
            return invalid("pick_short", orderId, "qty beyond the shipment's");
        }
        kpis.pickShorts++;
        found.lines.put(sku, found.lines.get(sku) - qty);
        final Position p = position(sku, loc);
        p.onHand -= qty;
        p.reserved -= qty;
        ledgerPickShort += qty;
        cancelIfEmpty(found);
        final Plan plan = reroutePlan(o, sku, qty, loc, null);
        if (plan != null)
        {
            final ObjectNode r = result("pick_short", orderId, "OK");
            r.put("total_cost_cents", plan.totalCostCents());
            r.set("shipments", takeReroute(o, plan));
            refreshState(o);
            return r;
        }
        addBackorder(o, sku, qty);
        refreshState(o);
        final ObjectNode r = result("pick_short", orderId, "BACKORDERED");
        r.put("backordered_qty", o.backordered);
        return r;
    }

    private ObjectNode returned(final JsonNode cmd)
    {
        final JsonNode resellable = cmd.get("resellable");
        if (resellable == null || !resellable.isBoolean())
        {
            return invalid("return", text(cmd, "order_id"), "resellable");
        }
        final ObjectNode bad = orderSkuChecks("return", cmd);
        if (bad != null)
        {
            return bad;
        }
        final String orderId = text(cmd, "order_id");
        final String sku = text(cmd, "sku");
        final String loc = text(cmd, "location_id");
        final long qty = cmd.get("qty").asLong();
        final OrderRecord o = orders.get(orderId);
        final long shipped = shippedUnits(o).getOrDefault(sku, 0L);
        if (shipped == 0)
        {
            return rejected("return", orderId, "NOT_SHIPPED");
        }
        final long returnedSoFar = o.returned.getOrDefault(sku, 0L);
        if (qty > shipped - returnedSoFar)
        {
            return rejected("return", orderId, "QTY_EXCEEDS_SHIPPED");
        }
        o.returned.merge(sku, qty, Long::sum);
        if (resellable.asBoolean())
        {
            position(sku, loc).onHand += qty;                 // back on hand where it was returned
            ledgerReturns += qty;
        }
        final String reason = text(cmd, "reason") == null ? "unspecified" : text(cmd, "reason");
        kpis.returnsByReason.merge(reason, qty, Long::sum);
        // every shipped unit back, nothing open, nothing waiting: RETURNED
        boolean all = o.backordered == 0;
        for (final ShipmentRecord s : o.shipments)
        {
            all &= !s.state.equals("OPEN");
        }
        for (final Map.Entry<String, Long> e : shippedUnits(o).entrySet())
        {
            all &= o.returned.getOrDefault(e.getKey(), 0L) >= e.getValue();
        }
        if (all && !o.state.equals("CANCELLED"))
        {
            o.state = "RETURNED";
        }
        return result("return", orderId, "OK");
    }

    private ObjectNode receive(final JsonNode cmd)
    {
        final String sku = text(cmd, "sku");
        final String locationId = text(cmd, "location_id");
        final JsonNode qty = cmd.get("qty");
        if (sku == null || sku.isEmpty() || locationId == null || locationId.isEmpty() || !isIntegral(qty)
            || qty.asLong() <= 0)
        {
            return invalid("receive", null, "sku/location_id/qty");
        }
        if (!skuWeight.containsKey(sku))
        {
            return rejected("receive", null, "UNKNOWN_SKU");
        }
        if (!locationById.containsKey(locationId))
        {
            return invalid("receive", null, "location_id");
        }
        position(sku, locationId).onHand += qty.asLong();
        ledgerReceipts += qty.asLong();
        // DECISIONS "Lifecycle": the receipt fills that SKU's backorders first, oldest first, from this location
        // only, when it may ship the order; the fill stops when nothing is left to promise here
        final ObjectNode r = result("receive", null, "OK");
        final ArrayNode groups = JSON.createArrayNode();
        for (final Backorder b : backorders)
        {
            if (!b.sku.equals(sku) || b.qty == 0)
            {
                continue;
            }
            final long take = Math.min(b.qty, atp(sku, locationId));
            if (take <= 0)
            {
                break;
            }
            final Plan plan = reroutePlan(b.order, sku, take, null, locationId);
            if (plan == null)
            {
                continue;                 // this order's rules do not let that location ship it
            }
            final ArrayNode shipments = takeReroute(b.order, plan);
            b.qty -= take;
            b.order.backordered -= take;
            refreshState(b.order);
            final ObjectNode g = groups.addObject();
            g.put("order_id", b.order.id);
            g.put("status", "ALLOCATED");
            if (b.order.backordered > 0)
            {
                g.put("backordered_qty", b.order.backordered);
            }
            g.set("shipments", shipments);
        }
        backorders.removeIf(b -> b.qty == 0);
        if (!groups.isEmpty())
        {
            r.set("orders", groups);
        }
        return r;
    }

    private ObjectNode stockCount(final JsonNode cmd)
    {
        final String sku = text(cmd, "sku");
        final String locationId = text(cmd, "location_id");
        final JsonNode onHand = cmd.get("on_hand");
        final JsonNode safety = cmd.get("safety_stock");
        if (sku == null || sku.isEmpty() || locationId == null || locationId.isEmpty() || !isIntegral(onHand)
            || onHand.asLong() < 0)
        {
            return invalid("stock", null, "sku/location_id/on_hand");
        }
        if (safety != null && !safety.isNull() && (!isIntegral(safety) || safety.asLong() < 0))
        {
            return invalid("stock", null, "safety_stock");
        }
        if (!skuWeight.containsKey(sku))
        {
            return rejected("stock", null, "UNKNOWN_SKU");
        }
        if (!locationById.containsKey(locationId))
        {
            return invalid("stock", null, "location_id");
        }
        final Position p = position(sku, locationId);
        ledgerCounts += onHand.asLong() - p.onHand;
        p.onHand = onHand.asLong();
        if (safety != null && !safety.isNull())
        {
            p.safetyStock = safety.asLong();
        }
        final ObjectNode r = result("stock", null, "OK");
        if (p.reserved > p.onHand)
        {
            final ArrayNode groups = rerouteShortage(sku, locationId, p);
            if (!groups.isEmpty())
            {
                r.set("orders", groups);
            }
        }
        return r;
    }

    /** One open shipment line of an order, or an open hold's shipment, that a count may take back. */
    private record Reservation(long allocatedSeq, int orderNumber, int shipmentIndex, OrderRecord order,
        ShipmentRecord shipment, HoldRecord hold)
    {
    }

    /**
     * DECISIONS "Lifecycle": a count below reserved takes back the newest reservations of that SKU at that location
     * (newest allocation first) until reserved ≤ on hand: an order's whole line there is routed again over every
     * location (an {@code orders} entry), an open hold (a reservation like an order, SPEC §5) is released.
     */
    private ArrayNode rerouteShortage(final String sku, final String loc, final Position p)
    {
        final List<Reservation> candidates = new ArrayList<>();
        int number = 0;
        for (final OrderRecord o : orders.values())
        {
            for (int s = 0; s < o.shipments.size(); s++)
            {
                final ShipmentRecord sh = o.shipments.get(s);
                if (sh.state.equals("OPEN") && sh.locationId.equals(loc) && sh.lines.getOrDefault(sku, 0L) > 0)
                {
                    candidates.add(new Reservation(sh.allocatedSeq, number, s, o, sh, null));
                }
            }
            number++;
        }
        for (final HoldRecord h : holds)
        {
            for (int s = 0; s < h.shipments.size(); s++)
            {
                final ShipmentRecord sh = h.shipments.get(s);
                if (h.state.equals("HELD") && sh.locationId.equals(loc) && sh.lines.getOrDefault(sku, 0L) > 0)
                {
                    // a hold's seq is its own command's: never an order's, so the numbers below never meet
                    candidates.add(new Reservation(sh.allocatedSeq, number, s, null, sh, h));
                }
            }
            number++;
        }
        // newest first; for one seq (one command) the later order, then the later shipment (engine's choice)
        candidates.sort(Comparator.comparingLong(Reservation::allocatedSeq)
            .thenComparingInt(Reservation::orderNumber).thenComparingInt(Reservation::shipmentIndex).reversed());
        final ArrayNode groups = JSON.createArrayNode();
        for (final Reservation c : candidates)
        {
            if (p.reserved <= p.onHand)
            {
                break;
            }
            if (c.hold() != null)
            {
                endHold(c.hold(), "RELEASED");
                kpis.holdsReleased++;
                continue;
            }
            final long qty = c.shipment().lines.get(sku);
            c.shipment().lines.put(sku, 0L);
            p.reserved -= qty;
            cancelIfEmpty(c.shipment());
            final OrderRecord o = c.order();
            final ObjectNode g = groups.addObject();
            g.put("order_id", o.id);
            // every location, the counted one included: what the count left there is real
            final Plan plan = reroutePlan(o, sku, qty, null, null);
            ArrayNode shipments = null;
            if (plan != null)
            {
                g.put("status", "ALLOCATED");
                shipments = takeReroute(o, plan);
            }
            else
            {
                addBackorder(o, sku, qty);
                g.put("status", "BACKORDERED");
            }
            refreshState(o);
            if (o.backordered > 0)
            {
                g.put("backordered_qty", o.backordered);
            }
            if (shipments != null)
            {
                g.set("shipments", shipments);
            }
        }
        return groups;
    }

    private ObjectNode status(final JsonNode cmd)
    {
        final String orderId = text(cmd, "order_id");
        if (!isAsciiId(orderId, 32))
        {
            return invalid("status", orderId, "order_id");
        }
        final OrderRecord o = orders.get(orderId);
        if (o == null)
        {
            return rejected("status", orderId, "UNKNOWN_ORDER");
        }
        final ObjectNode r = result("status", orderId, "OK");
        r.put("order_state", o.state);
        if (o.backordered > 0)
        {
            r.put("backordered_qty", o.backordered);
        }
        // engine's choice: the first plan's total, and every shipment in allocation order (re-routes appended)
        r.put("total_cost_cents", o.totalCostCents);
        final ArrayNode shipments = r.putArray("shipments");
        for (final ShipmentRecord s : o.shipments)
        {
            shipments.add(shipmentJson(s, true));
        }
        return r;
    }

    private ObjectNode kpi()
    {
        final ObjectNode r = result("kpi", null, "OK");
        final ObjectNode k = r.putObject("kpis");
        k.put("orders", kpis.orders);
        k.put("orders_allocated", kpis.ordersAllocated);
        k.put("fill_rate", ratio(kpis.ordersAllocated, kpis.orders));
        k.put("split_rate", ratio(kpis.splitOrders, kpis.ordersAllocated));
        k.put("avg_cost_cents", ratio(kpis.totalCostCents, kpis.ordersAllocated));
        k.put("avg_zone", ratio(kpis.zoneSum, kpis.shipmentsPlanned));
        k.put("same_day_share", ratio(kpis.sameDayOrders, kpis.ordersAllocated));
        k.put("shipments_planned", kpis.shipmentsPlanned);
        k.put("shipments_shipped", kpis.shipmentsShipped);
        k.put("cancels", kpis.cancels);
        k.put("pick_shorts", kpis.pickShorts);
        k.put("backordered_units", kpis.backorderedUnits);
        k.put("quotes", kpis.quotes);
        k.put("holds", kpis.holds);
        k.put("holds_converted", kpis.holdsConverted);
        k.put("holds_expired", kpis.holdsExpired);
        k.put("hold_conversion_rate", ratio(kpis.holdsConverted,
            kpis.holdsConverted + kpis.holdsReleased + kpis.holdsExpired));
        final ObjectNode rejects = k.putObject("rejects_by_reason");
        kpis.rejectsByReason.forEach(rejects::put);
        final ObjectNode returns = k.putObject("returns_by_reason");
        kpis.returnsByReason.forEach(returns::put);
        final ArrayNode byLocation = k.putArray("shipments_by_location");
        final List<Location> sorted = new ArrayList<>(locations);
        sorted.sort(Comparator.comparing(Location::id));
        for (final Location l : sorted)
        {
            final ObjectNode lj = byLocation.addObject();
            lj.put("location_id", l.id());
            lj.put("shipments", kpis.shipmentsByLocation.getOrDefault(l.id(), 0L));
            lj.put("used_today", capacityUsed(l.id()));
            lj.put("daily_capacity", l.dailyCapacity());
        }
        return r;
    }

    /** A KPI ratio, 0 when there is nothing to divide by, rounded to 4 decimals. */
    private static double ratio(final long num, final long den)
    {
        final double v = den == 0 ? 0 : (double)num / den;
        return Math.round(v * 10_000) / 10_000.0;
    }

    // ------------------------------------------------------------------------------------------------ §5 commands

    private ObjectNode quote(final JsonNode cmd)
    {
        final Parsed p = parseRequest(cmd, Kind.QUOTE);
        if (p.error() != null)
        {
            return p.error();
        }
        if (p.unknownSku())
        {
            return rejected("quote", null, "UNKNOWN_SKU");
        }
        if (p.unknownZip())
        {
            return rejected("quote", null, "UNKNOWN_ZIP");
        }
        kpis.quotes++;
        final long threshold = policyLong("free_shipping_threshold_cents", Long.MAX_VALUE);
        final ObjectNode r = result("quote", null, "OK");
        final ArrayNode options = r.putArray("options");
        for (final String service : SERVICES)
        {
            if (!p.services().contains(service))
            {
                continue;
            }
            final Order base = p.order();
            final Order o = new Order(base.channel(), base.lat(), base.lon(), service, false, null, base.lines());
            final ObjectNode opt = options.addObject();
            opt.put("service", service);
            final Plan plan = route(o, false, false, false);
            if (plan == null)
            {
                opt.put("status", "REJECTED");
                opt.put("reason", rejectReason(o));
                continue;
            }
            opt.put("status", "OK");
            opt.put("cost_cents", plan.totalCostCents());
            int slowest = 0;
            for (final Shipment s : plan.shipments())
            {
                slowest = Math.max(slowest, s.rate().transitDays());
            }
            opt.put("transit_days", slowest);
            final long price = service.equals("STANDARD") && p.merchandiseCents() >= threshold ? 0
                : policyLong("ship_price_" + service + "_cents", 0);
            opt.put("ship_price_cents", price);
            final ArrayNode shipments = opt.putArray("shipments");
            for (final Shipment s : plan.shipments())
            {
                shipments.add(planShipmentJson(s, service));
            }
        }
        return r;
    }

    private ObjectNode hold(final JsonNode cmd)
    {
        final Parsed p = parseRequest(cmd, Kind.HOLD);
        if (p.error() != null)
        {
            return p.error();
        }
        final String holdId = p.id();
        final HoldRecord known = latestHold(holdId);
        if (known != null && known.state.equals("HELD"))
        {
            if (!p.unknownSku() && !p.unknownZip() && known.contentKey.equals(p.contentKey()))
            {
                final ObjectNode r = JSON.createObjectNode();
                r.put("seq", seq);
                r.setAll(known.firstDecision.deepCopy());
                return r;
            }
            return holdInvalid(holdId, "hold_id: already holds other lines");
        }
        if (p.unknownSku())
        {
            return holdRejected(holdId, "UNKNOWN_SKU");
        }
        if (p.unknownZip())
        {
            return holdRejected(holdId, "UNKNOWN_ZIP");
        }
        final Order order = p.order();
        final String customer = text(cmd, "customer_id");
        String customerKey = null;
        if (customer != null)
        {
            customerKey = order.channel() + '\0' + customer;
            final long limit = policyLong("max_open_holds_per_customer." + order.channel(),
                policyLong("max_open_holds_per_customer", Long.MAX_VALUE));
            if (openHolds(customerKey) >= limit)
            {
                return holdInvalid(holdId, "max_open_holds_per_customer");
            }
        }
        final Plan plan = route(order, false, false, order.shipComplete());
        if (plan == null)
        {
            return holdRejected(holdId, rejectReason(order));
        }
        final long expires = (clock == null ? 0 : clock) + cmd.get("hold_seconds").asLong() * 1000;
        final ObjectNode decision = JSON.createObjectNode();
        decision.put("type", "hold");
        decision.put("hold_id", holdId);
        decision.put("status", "HELD");
        decision.put("expires_ts", expires);
        decision.put("total_cost_cents", plan.totalCostCents());
        final ArrayNode shipmentsJson = decision.putArray("shipments");
        final HoldRecord h = new HoldRecord(holdId, p.contentKey(), decision, p.merged(), plan.totalCostCents(),
            expires, day, customerKey);
        for (final Shipment s : plan.shipments())
        {
            final ShipmentRecord rec = reserveShipment(s, order.service());
            h.shipments.add(rec);
            shipmentsJson.add(shipmentJson(rec, false));
        }
        h.command = cmd.deepCopy();
        holds.add(h);
        kpis.holds++;
        final ObjectNode r = JSON.createObjectNode();
        r.put("seq", seq);
        r.setAll(decision.deepCopy());
        return r;
    }

    private ObjectNode holdRejected(final String holdId, final String reason)
    {
        final ObjectNode r = holdResult("hold", holdId, "REJECTED");
        r.put("reason", reason);
        return r;
    }

    private ObjectNode release(final JsonNode cmd)
    {
        final String holdId = text(cmd, "hold_id");
        if (!isAsciiId(holdId, 32))
        {
            final ObjectNode r = holdResult("release", holdId, "REJECTED");
            r.put("reason", "INVALID");
            r.put("message", "hold_id");
            return r;
        }
        final HoldRecord h = latestHold(holdId);
        if (h == null || h.state.equals("CONVERTED"))
        {
            final ObjectNode r = holdResult("release", holdId, "REJECTED");
            r.put("reason", "UNKNOWN_HOLD");
            return r;
        }
        if (h.state.equals("EXPIRED"))
        {
            final ObjectNode r = holdResult("release", holdId, "REJECTED");
            r.put("reason", "HOLD_EXPIRED");
            return r;
        }
        if (h.state.equals("HELD"))
        {
            endHold(h, "RELEASED");
            kpis.holdsReleased++;
        }
        return holdResult("release", holdId, "OK");              // also for a hold already released
    }
}
