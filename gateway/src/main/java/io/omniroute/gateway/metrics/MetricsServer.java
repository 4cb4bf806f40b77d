package io.omniroute.gateway.metrics;

import io.omniroute.engine.LiveKpis;
import io.omniroute.engine.Network;
import io.omniroute.engine.Reason;
import io.omniroute.gateway.server.GatewayCounters;
import io.omniroute.journal.Journal;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Prometheus endpoint ({@code serve --metrics-port}): SPEC §3's KPIs and the decision latency, read off the
 * engine's {@link LiveKpis} and {@link DecisionLatency} without locking the engine. Binds to loopback.
 */
public final class MetricsServer implements AutoCloseable
{
    private final HTTPServer server;

    private MetricsServer(final HTTPServer server)
    {
        this.server = server;
    }

    public static PrometheusRegistry registry(final LiveKpis kpis, final Network network, final DecisionLatency latency)
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        counter(registry, "omniroute_commands", "Commands applied", kpis, LiveKpis.Counter.COMMANDS);
        counter(registry, "omniroute_orders", "Orders received", kpis, LiveKpis.Counter.ORDERS);
        counter(registry, "omniroute_orders_allocated", "Orders allocated", kpis, LiveKpis.Counter.ORDERS_ALLOCATED);
        counter(registry, "omniroute_orders_split", "Allocated orders shipping in more than one shipment", kpis,
            LiveKpis.Counter.SPLIT_ORDERS);
        counter(registry, "omniroute_shipments_planned", "Shipments planned", kpis,
            LiveKpis.Counter.SHIPMENTS_PLANNED);
        counter(registry, "omniroute_shipments_shipped", "Shipments shipped", kpis,
            LiveKpis.Counter.SHIPMENTS_SHIPPED);
        counter(registry, "omniroute_cost_cents", "Total routing cost of allocated orders, cents", kpis,
            LiveKpis.Counter.TOTAL_COST_CENTS);
        counter(registry, "omniroute_same_day_orders", "Allocated same-day orders", kpis,
            LiveKpis.Counter.SAME_DAY_ORDERS);
        counter(registry, "omniroute_quotes", "Quotes answered", kpis, LiveKpis.Counter.QUOTES);
        counter(registry, "omniroute_holds", "Holds placed", kpis, LiveKpis.Counter.HOLDS);
        counter(registry, "omniroute_holds_converted", "Holds turned into orders", kpis,
            LiveKpis.Counter.HOLDS_CONVERTED);
        counter(registry, "omniroute_holds_expired", "Holds expired", kpis, LiveKpis.Counter.HOLDS_EXPIRED);
        counter(registry, "omniroute_returns", "Returns", kpis, LiveKpis.Counter.RETURNS);
        counter(registry, "omniroute_pick_shorts", "Pick shorts", kpis, LiveKpis.Counter.PICK_SHORTS);
        counter(registry, "omniroute_order_book_compactions", "Order book compactions (dead record copies dropped)",
            kpis, LiveKpis.Counter.ORDER_BOOK_COMPACTIONS);
        counter(registry, "omniroute_orders_archived", "Finished orders forgotten by order_retention_days", kpis,
            LiveKpis.Counter.ORDERS_ARCHIVED);
        GaugeWithCallback.builder().name("omniroute_order_book_bytes")
            .help("Order book record bytes: live, dead copies left by re-routes until the next compaction, the holds' " +
                "live records, and max (policy order_book_max_mib: new orders and holds are refused once live + " +
                "holds would pass it)")
            .labelNames("kind")
            .callback(cb ->
            {
                cb.call(kpis.get(LiveKpis.Counter.ORDER_BOOK_LIVE_BYTES), "live");
                cb.call(kpis.get(LiveKpis.Counter.ORDER_BOOK_DEAD_BYTES), "dead");
                cb.call(kpis.get(LiveKpis.Counter.HOLD_BOOK_LIVE_BYTES), "holds");
                cb.call(kpis.get(LiveKpis.Counter.BOOK_MAX_BYTES), "max");
            }).register(registry);
        counter(registry, "omniroute_snapshots", "Snapshots taken (copies of the state handed to the writer)", kpis,
            LiveKpis.Counter.SNAPSHOTS_TAKEN);
        counter(registry, "omniroute_snapshots_skipped", "Snapshots skipped: the heap could not hold a copy of the " +
            "state (raise -Xmx)", kpis, LiveKpis.Counter.SNAPSHOTS_SKIPPED);
        GaugeWithCallback.builder().name("omniroute_snapshot_last_copy_seconds")
            .help("How long the engine thread paused to copy the state for the last snapshot")
            .callback(cb -> cb.call(kpis.get(LiveKpis.Counter.SNAPSHOT_LAST_COPY_NANOS) / 1e9)).register(registry);
        GaugeWithCallback.builder().name("omniroute_snapshot_last_bytes")
            .help("Bytes of the last snapshot's copy of the state")
            .callback(cb -> cb.call(kpis.get(LiveKpis.Counter.SNAPSHOT_LAST_BYTES))).register(registry);
        GaugeWithCallback.builder().name("omniroute_fill_rate").help("Allocated orders / orders")
            .callback(cb -> cb.call(ratio(kpis.get(LiveKpis.Counter.ORDERS_ALLOCATED),
                kpis.get(LiveKpis.Counter.ORDERS)))).register(registry);
        GaugeWithCallback.builder().name("omniroute_split_rate").help("Split orders / allocated orders")
            .callback(cb -> cb.call(ratio(kpis.get(LiveKpis.Counter.SPLIT_ORDERS),
                kpis.get(LiveKpis.Counter.ORDERS_ALLOCATED)))).register(registry);
        GaugeWithCallback.builder().name("omniroute_average_zone").help("Average zone of planned shipments")
            .callback(cb -> cb.call(ratio(kpis.get(LiveKpis.Counter.ZONE_SUM),
                kpis.get(LiveKpis.Counter.SHIPMENTS_PLANNED)))).register(registry);
        CounterWithCallback.builder().name("omniroute_rejects").help("Rejected commands by reason")
            .labelNames("reason")
            .callback(cb ->
            {
                for (final Reason r : Reason.values())
                {
                    if (r != Reason.NONE)
                    {
                        cb.call(kpis.rejects(r), r.name());
                    }
                }
            }).register(registry);
        CounterWithCallback.builder().name("omniroute_location_shipments").help("Shipments planned by location")
            .labelNames("location_id")
            .callback(cb ->
            {
                for (int l = 0; l < kpis.locationCount(); l++)
                {
                    cb.call(kpis.shipmentsByLocation(l), network.locationId(l));
                }
            }).register(registry);
        GaugeWithCallback.builder().name("omniroute_location_capacity_used").help("Shipments planned today")
            .labelNames("location_id", "daily_capacity")
            .callback(cb ->
            {
                for (int l = 0; l < kpis.locationCount(); l++)
                {
                    cb.call(kpis.capacityUsedToday(l), network.locationId(l),
                        String.valueOf(network.dailyCapacity(l)));
                }
            }).register(registry);
        if (latency != null)
        {
            GaugeWithCallback.builder().name("omniroute_decision_latency_seconds")
                .help("Engine decision latency quantiles since start").labelNames("quantile")
                .callback(cb ->
                {
                    final Histogram h = latency.snapshot();
                    for (final double q : new double[]{ 0.5, 0.99, 0.999 })
                    {
                        cb.call(h.getValueAtPercentile(q * 100) / 1e9, String.format(Locale.ROOT, "%s", q));
                    }
                    cb.call(h.getMaxValue() / 1e9, "1.0");
                }).register(registry);
        }
        return registry;
    }

    /**
     * Registers each gateway counter: sessions active as a gauge, the rest as counters.
     */
    static void gatewayCounters(final PrometheusRegistry registry, final GatewayCounters gateway)
    {
        for (final GatewayCounters.Counter c : GatewayCounters.Counter.values())
        {
            final String name = "omniroute_gateway_" + c.name().toLowerCase(Locale.ROOT);
            final String help = "Gateway: " + c.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            if (c == GatewayCounters.Counter.SESSIONS_ACTIVE)
            {
                GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(gateway.get(c)))
                    .register(registry);
            }
            else
            {
                CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(gateway.get(c)))
                    .register(registry);
            }
        }
    }

    private static void counter(final PrometheusRegistry registry, final String name, final String help,
        final LiveKpis kpis, final LiveKpis.Counter counter)
    {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(kpis.get(counter)))
            .register(registry);
    }

    private static double ratio(final long a, final long b)
    {
        return b == 0 ? 0 : (double)a / b;
    }

    /**
     * Starts the endpoint on 127.0.0.1.
     *
     * @param journalDir the journal's directory, or null: its disk's free space is served beside the KPIs (the
     *                   journal refuses to append below its reserve, so this is the gauge to alert on).
     * @param gateway    the gateway's counters (bad frames, refused logons, throttled commands, dropped slow
     *                   consumers …), served as {@code omniroute_gateway_*}, or null.
     */
    public static MetricsServer start(final int port, final LiveKpis kpis, final Network network,
        final DecisionLatency latency, final Path journalDir, final GatewayCounters gateway) throws IOException
    {
        final PrometheusRegistry registry = registry(kpis, network, latency);
        if (gateway != null)
        {
            gatewayCounters(registry, gateway);
        }
        if (journalDir != null)
        {
            GaugeWithCallback.builder().name("omniroute_journal_disk_free_bytes")
                .help("Free space on the journal's disk; appends stop below the reserve (" +
                    Journal.Context.MIN_FREE_PROP + ", default 64 MiB)")
                .callback(cb ->
                {
                    try
                    {
                        cb.call(Files.getFileStore(journalDir).getUsableSpace());
                    }
                    catch (final IOException ex)
                    {
                        // no sample this scrape: the disk could not say
                    }
                })
                .register(registry);
        }
        final HTTPServer server = HTTPServer.builder()
            .inetAddress(InetAddress.getLoopbackAddress())
            .port(port)
            .registry(registry)
            .buildAndStart();
        return new MetricsServer(server);
    }

    public int port()
    {
        return server.getPort();
    }

    @Override
    public void close()
    {
        server.close();
    }
}
