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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The oracle: a deliberately slow, obviously-correct implementation of SPEC.md §1–§4 and docs/DECISIONS.md for the
 * commands {@code order}, {@code cancel}, {@code ship}, {@code receive}, {@code stock} (never below reserved) and
 * {@code new_day}. It shares no code with the engine: its own CSV parsing, Jackson trees for JSON, maps keyed by
 * strings for state, and brute force (every assignment of every line to every location) for routing.
 */
public final class ReferenceRouter
{
    public static final double EARTH_RADIUS_KM = 6371.0088;
    public static final double KM_PER_MILE = 1.609344;
    public static final List<String> SERVICES = List.of("STANDARD", "EXPEDITED", "SAME_DAY");
    public static final int MAX_DISTINCT_LINES = 64;

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

    // ------------------------------------------------------------------------------------------------ the state

    /** on_hand, reserved, safety_stock of one (sku, location). */
    private static final class Position
    {
        long onHand;
        long reserved;
        long safetyStock;
    }

    private static final class ShipmentRecord
    {
        final String locationId;
        final TreeMap<String, Long> lines;
        String state = "OPEN";          // OPEN, SHIPPED, CANCELLED

        ShipmentRecord(final String locationId, final TreeMap<String, Long> lines)
        {
            this.locationId = locationId;
            this.lines = lines;
        }
    }

    private static final class OrderRecord
    {
        final String contentKey;
        final ObjectNode firstDecision;     // the ALLOCATED result without seq
        final List<ShipmentRecord> shipments = new ArrayList<>();
        boolean cancelled;

        OrderRecord(final String contentKey, final ObjectNode firstDecision)
        {
            this.contentKey = contentKey;
            this.firstDecision = firstDecision;
        }
    }

    private final Map<String, Position> stock = new HashMap<>();             // sku + '\0' + location
    private final Map<String, Long> capacityUsed = new HashMap<>();          // location -> shipments today
    private final Map<String, OrderRecord> orders = new LinkedHashMap<>();
    private long seq;

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
            r.splitPenaltyCents = Long.parseLong(p.getProperty("split_penalty_cents", "0").trim());
        }
        return r;
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
     * today (unless capacity is taken as unlimited) and the channel rule.
     */
    boolean locationOpenFor(final Order o, final Location loc, final boolean unlimitedCapacity)
    {
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
        return greedySplit(o, unlimitedStock, unlimitedCapacity);
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
     * DECISIONS.md line-quantity split: lines in ascending SKU order; while a line has quantity left, take
     * min(left, atp left) from the location with the least marginal cost per unit (ties: larger take, then smaller
     * location id). A location with no rate for the new weight is skipped. Null when a line cannot be filled.
     */
    Plan greedySplit(final Order o, final boolean unlimitedStock, final boolean unlimitedCapacity)
    {
        final TreeMap<String, TreeMap<String, Long>> plan = new TreeMap<>();   // location -> sku -> qty
        final Map<String, Shipment> current = new HashMap<>();                // location -> its shipment now
        for (final Line line : o.lines())
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
                    final long take = Math.min(left, atpLeft);
                    final TreeMap<String, Long> newLines = existing == null ? new TreeMap<>() : new TreeMap<>(existing);
                    newLines.merge(line.sku(), take, Long::sum);
                    // the stock test is done above by hand (atp left), so ask for the rate with unlimited stock
                    final Shipment s = quote(o, loc, newLines, true, unlimitedCapacity);
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
                        // marginal / take < bestMarginal / bestTake, exactly
                        final long lhs = marginal * bestTake;
                        final long rhs = bestMarginal * take;
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
        switch (type)
        {
            case "order":
                return order(cmd);
            case "cancel":
                return cancel(cmd);
            case "ship":
                return ship(cmd);
            case "receive":
                return receive(cmd);
            case "stock":
                return stockCount(cmd);
            case "new_day":
                capacityUsed.clear();
                return result("new_day", null, "OK");
            default:
                return invalid(type, null, "type");
        }
    }

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

    /** Structure checks (DECISIONS "Resolution order of checks"), then resolution of SKUs and destination. */
    private Parsed parseOrder(final JsonNode cmd)
    {
        final String orderId = text(cmd, "order_id");
        if (!isAsciiId(orderId, 32))
        {
            return new Parsed(invalid("order", orderId, "order_id"), orderId, null, null, false, false);
        }
        final String channel = text(cmd, "channel");
        if (channel == null || channel.isEmpty())
        {
            return new Parsed(invalid("order", orderId, "channel"), orderId, null, null, false, false);
        }
        final String service = text(cmd, "service");
        if (service == null || !SERVICES.contains(service))
        {
            return new Parsed(invalid("order", orderId, "service"), orderId, null, null, false, false);
        }
        final String zip = text(cmd, "zip");
        final JsonNode latNode = cmd.get("lat");
        final JsonNode lonNode = cmd.get("lon");
        if (zip == null)
        {
            if (latNode == null || !latNode.isNumber() || lonNode == null || !lonNode.isNumber())
            {
                return new Parsed(invalid("order", orderId, "zip"), orderId, null, null, false, false);
            }
        }
        boolean shipComplete = false;
        final JsonNode sc = cmd.get("ship_complete");
        if (sc != null && !sc.isNull())
        {
            if (!sc.isBoolean())
            {
                return new Parsed(invalid("order", orderId, "ship_complete"), orderId, null, null, false, false);
            }
            shipComplete = sc.asBoolean();
        }
        Integer maxTransit = null;
        final JsonNode mt = cmd.get("max_transit_days");
        if (mt != null && !mt.isNull())
        {
            if (!isIntegral(mt) || mt.asLong() < 0 || mt.asLong() > Integer.MAX_VALUE)
            {
                return new Parsed(invalid("order", orderId, "max_transit_days"), orderId, null, null, false, false);
            }
            maxTransit = (int)mt.asLong();
        }
        final JsonNode linesNode = cmd.get("lines");
        if (linesNode == null || !linesNode.isArray() || linesNode.isEmpty())
        {
            return new Parsed(invalid("order", orderId, "lines"), orderId, null, null, false, false);
        }
        final List<String[]> rawLines = new ArrayList<>();   // {sku, qty}
        final Set<String> distinct = new HashSet<>();
        for (final JsonNode ln : linesNode)
        {
            if (!ln.isObject())
            {
                return new Parsed(invalid("order", orderId, "lines"), orderId, null, null, false, false);
            }
            final String sku = text(ln, "sku");
            final JsonNode qty = ln.get("qty");
            if (sku == null || sku.isEmpty())
            {
                return new Parsed(invalid("order", orderId, "lines.sku"), orderId, null, null, false, false);
            }
            if (!isIntegral(qty) || qty.asLong() <= 0)
            {
                return new Parsed(invalid("order", orderId, "lines.qty"), orderId, null, null, false, false);
            }
            rawLines.add(new String[] { sku, Long.toString(qty.asLong()) });
            distinct.add(sku);
        }
        if (distinct.size() > MAX_DISTINCT_LINES)
        {
            return new Parsed(invalid("order", orderId, "lines"), orderId, null, null, false, false);
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
        final Order order = new Order(channel, lat, lon, service, shipComplete, maxTransit, lines);
        return new Parsed(null, orderId, order, contentKey, unknownSku, unknownZip);
    }

    /**
     * A parsed order: {@code error} is the INVALID result when the structure is bad; else the resolved order, its
     * content key for resubmits, and whether resolution met an unknown SKU or ZIP.
     */
    private record Parsed(ObjectNode error, String orderId, Order order, String contentKey, boolean unknownSku,
        boolean unknownZip)
    {
    }

    /** The resolved order of an order command line, or null when it is malformed or names an unknown SKU/ZIP. */
    public Order resolveOrder(final String line)
    {
        try
        {
            final Parsed p = parseOrder(JSON.readTree(line));
            return p.error() != null || p.unknownSku() || p.unknownZip() ? null : p.order();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private ObjectNode order(final JsonNode cmd)
    {
        final Parsed p = parseOrder(cmd);
        if (p.error() != null)
        {
            return p.error();
        }
        final String orderId = p.orderId();
        final Order order = p.order();
        final String contentKey = p.contentKey();
        final boolean unknownSku = p.unknownSku();
        final boolean unknownZip = p.unknownZip();
        final boolean shipComplete = order.shipComplete();

        // 2. an id already allocated (cancelled ones keep their id)
        final OrderRecord known = orders.get(orderId);
        if (known != null)
        {
            if (!unknownSku && !unknownZip && known.contentKey.equals(contentKey))
            {
                final ObjectNode again = known.firstDecision.deepCopy();
                final ObjectNode r = JSON.createObjectNode();
                r.put("seq", seq);
                r.setAll(again);
                return r;
            }
            return rejected("order", orderId, "DUPLICATE_ORDER_ID");
        }
        // 3. unknown SKU, then unknown ZIP
        if (unknownSku)
        {
            return rejected("order", orderId, "UNKNOWN_SKU");
        }
        if (unknownZip)
        {
            return rejected("order", orderId, "UNKNOWN_ZIP");
        }
        // 4. routing
        final Plan plan = route(order, false, false, shipComplete);
        if (plan == null)
        {
            return rejected("order", orderId, rejectReason(order));
        }
        // effects: reserve, use capacity
        final ObjectNode decision = JSON.createObjectNode();
        decision.put("type", "order");
        decision.put("order_id", orderId);
        decision.put("status", "ALLOCATED");
        decision.put("total_cost_cents", plan.totalCostCents());
        final ArrayNode shipmentsJson = decision.putArray("shipments");
        final OrderRecord record = new OrderRecord(contentKey, decision);
        for (final Shipment s : plan.shipments())
        {
            for (final Map.Entry<String, Long> e : s.lines().entrySet())
            {
                position(e.getKey(), s.locationId()).reserved += e.getValue();
            }
            capacityUsed.merge(s.locationId(), 1L, Long::sum);
            record.shipments.add(new ShipmentRecord(s.locationId(), new TreeMap<>(s.lines())));
            final ObjectNode sj = shipmentsJson.addObject();
            sj.put("location_id", s.locationId());
            sj.put("carrier", s.rate().carrier());
            sj.put("service", s.rate().service());
            sj.put("zone", s.zone());
            sj.put("transit_days", s.rate().transitDays());
            sj.put("cost_cents", s.costCents());
            final ArrayNode lj = sj.putArray("lines");
            for (final Map.Entry<String, Long> e : s.lines().entrySet())
            {
                final ObjectNode l = lj.addObject();
                l.put("sku", e.getKey());
                l.put("qty", e.getValue());
            }
        }
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
        if (o.cancelled)
        {
            return result("cancel", orderId, "OK");
        }
        boolean anyOpen = false;
        for (final ShipmentRecord s : o.shipments)
        {
            anyOpen |= s.state.equals("OPEN");
        }
        if (!anyOpen)
        {
            return rejected("cancel", orderId, "ALREADY_SHIPPED");
        }
        for (final ShipmentRecord s : o.shipments)
        {
            if (s.state.equals("OPEN"))
            {
                for (final Map.Entry<String, Long> e : s.lines.entrySet())
                {
                    position(e.getKey(), s.locationId).reserved -= e.getValue();
                }
                s.state = "CANCELLED";
            }
        }
        o.cancelled = true;
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
        ShipmentRecord found = null;
        for (final ShipmentRecord s : o.shipments)
        {
            if (s.locationId.equals(locationId))
            {
                found = s;
            }
        }
        if (found == null)
        {
            return invalid("ship", orderId, "location_id: no shipment there");
        }
        // a shipment that left before its order was cancelled is ALREADY_SHIPPED (it did leave); DECISIONS names
        // both "already shipped" and "cancelled order" without ranking them, and the shipment's own state is the
        // more specific fact
        if (found.state.equals("SHIPPED"))
        {
            return rejected("ship", orderId, "ALREADY_SHIPPED");
        }
        if (o.cancelled)
        {
            return invalid("ship", orderId, "order is cancelled");
        }
        for (final Map.Entry<String, Long> e : found.lines.entrySet())
        {
            final Position p = position(e.getKey(), locationId);
            p.onHand -= e.getValue();
            p.reserved -= e.getValue();
        }
        found.state = "SHIPPED";
        return result("ship", orderId, "OK");
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
        return result("receive", null, "OK");
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
        if (onHand.asLong() < p.reserved)
        {
            throw new IllegalArgumentException("the reference does not model re-routes: stock count below reserved");
        }
        p.onHand = onHand.asLong();
        if (safety != null && !safety.isNull())
        {
            p.safetyStock = safety.asLong();
        }
        return result("stock", null, "OK");
    }
}
