package io.omniroute.bench.flash;

import io.omniroute.bench.peers.PeerStore;
import io.omniroute.bench.peers.StockAllocator;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer store under the flash-sale load: N client threads, each an Agent with its own blocking connection, share
 * one schedule. Open loop: order k is due at start + k / rate; a free client takes the next order and sends it when
 * due. Latency runs from the due time when every client was busy at that moment (the order waited for one:
 * coordinated omission corrected), and from the send when a client was already waiting for it (the client's own
 * wake-up jitter is the harness's, not the store's). Max: clients send back to back (closed loop).
 * <p>
 * Clients idle with a {@link SleepingIdleStrategy} (they block on sockets; none of them spins).
 */
public final class PeerFlashSale
{
    private static final long IDLE_PARK_NS = 20_000;

    private PeerFlashSale()
    {
    }

    public static RunResult run(final PeerStore store, final FlashSaleWorkload w, final double ratePerSecond,
        final int maxOrders, final long durationNs, final int clients) throws Exception
    {
        final RunResult result = new RunResult(store.name(), ratePerSecond > 0 ? "open" : "max", ratePerSecond, clients,
            "sleeping (park " + IDLE_PARK_NS / 1000 + " us); clients block on their sockets");
        final int orders = Math.min(maxOrders, w.orderCount);
        final AtomicInteger next = new AtomicInteger();
        final List<ClientAgent> agents = new ArrayList<>();
        for (int i = 0; i < clients; i++)
        {
            agents.add(new ClientAgent(store.newClient(), w, next, orders, ratePerSecond));
        }
        final long start = System.nanoTime();
        final long deadlineNs = start + durationNs;
        final List<AgentRunner> runners = new ArrayList<>();
        for (final ClientAgent a : agents)
        {
            a.start = start;
            a.deadlineNs = deadlineNs;
            final AgentRunner r = new AgentRunner(new SleepingIdleStrategy(IDLE_PARK_NS), Throwable::printStackTrace,
                null, a);
            runners.add(r);
            AgentRunner.startOnThread(r);
        }
        final long hardStop = deadlineNs + 60_000_000_000L;
        for (final ClientAgent a : agents)
        {
            while (!a.done && System.nanoTime() < hardStop)
            {
                Thread.sleep(2);
            }
        }
        long end = start;
        for (final AgentRunner r : runners)
        {
            r.close();
        }
        final OversellAudit audit = new OversellAudit(w.network.skuCount(), w.network.locationCount());
        for (final ClientAgent a : agents)
        {
            a.allocator.close();
            result.completed += a.completed;
            result.allocated += a.allocated;
            result.rejected += a.rejected;
            result.errors += a.errors;
            result.latencyNs.add(a.latency);
            audit.merge(a.audit);
            end = Math.max(end, a.lastNs);
        }
        result.elapsedNs = Math.max(1, end - start);
        result.keptUp = ratePerSecond <= 0 || (next.get() >= orders && end <= deadlineNs + 1_000_000_000L);
        result.unitsAllocated = audit.totalUnits();
        result.oversold.addAll(audit.oversold(w));
        // the store's own records must agree with what the clients were told, and never exceed the stock
        final OversellAudit recorded = store.recordedAllocations();
        result.oversold.addAll(recorded.oversold(w));
        if (recorded.totalUnits() != audit.totalUnits())
        {
            result.inconsistent.add("store recorded " + recorded.totalUnits() + " units, clients were told " +
                audit.totalUnits());
        }
        result.inconsistent.addAll(store.inconsistentPositions());
        return result;
    }

    /** One client: its connection, its share of the schedule, its own histogram and audit. */
    static final class ClientAgent implements Agent
    {
        final StockAllocator allocator;
        private final FlashSaleWorkload w;
        private final AtomicInteger next;
        private final int orders;
        private final double nsPerOrder;
        long deadlineNs;
        private final int[] picks = new int[16];
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        final OversellAudit audit;
        long start;
        long completed;
        long allocated;
        long rejected;
        long errors;
        long lastNs;
        volatile boolean done;
        private int claimed = -1;
        private long claimedAtNs;

        ClientAgent(final StockAllocator allocator, final FlashSaleWorkload w, final AtomicInteger next,
            final int orders, final double ratePerSecond)
        {
            this.allocator = allocator;
            this.w = w;
            this.next = next;
            this.orders = orders;
            this.nsPerOrder = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
            this.audit = new OversellAudit(w.network.skuCount(), w.network.locationCount());
        }

        @Override
        public int doWork()
        {
            if (done)
            {
                return 0;
            }
            long now = System.nanoTime();
            if (claimed < 0)
            {
                final int k = now > deadlineNs ? orders : next.getAndIncrement();
                if (k >= orders)
                {
                    done = true;
                    return 0;
                }
                claimed = k;
                claimedAtNs = now;
            }
            final long due = nsPerOrder > 0 ? start + (long)(claimed * nsPerOrder) : now;
            if (due > now)
            {
                return 0;
            }
            final long from = claimedAtNs <= due ? now : due;
            final int k = claimed;
            claimed = -1;
            try
            {
                if (allocator.allocate(k, picks))
                {
                    allocated++;
                    for (int i = 0, n = w.lineCount(k); i < n; i++)
                    {
                        audit.add(w.lineSku[w.lineStart[k] + i], picks[i], w.lineQty[w.lineStart[k] + i]);
                    }
                }
                else
                {
                    rejected++;
                }
            }
            catch (final Exception ex)
            {
                if (errors++ == 0)
                {
                    System.err.println("peer client error (counted; first one shown): " + ex);
                }
            }
            now = System.nanoTime();
            latency.recordValue(Math.max(0, now - from));
            completed++;
            lastNs = now;
            return 1;
        }

        @Override
        public String roleName()
        {
            return "peer-client";
        }
    }
}
