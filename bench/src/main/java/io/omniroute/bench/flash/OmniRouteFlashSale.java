package io.omniroute.bench.flash;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Status;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * OmniRoute in process, as the pipeline will drive it: one engine thread applies orders it takes from a queue (an
 * Agrona one-to-one ring buffer of (order number, intended send time)), fed by one load thread that stands for all
 * N clients. Both are Agents run by AgentRunners with the configured idle strategy — at most two busy-spinning
 * threads.
 * <p>
 * Open loop: order k is due at start + k / rate; the load thread enqueues it when due (later if the queue is full),
 * and its latency runs from when it was due to when its decision is made, so a stall is charged to every order it
 * delays (coordinated omission corrected). Max (closed loop, like N clients each waiting for its answer): the load
 * thread keeps N orders in flight, each sent as soon as one is decided.
 */
public final class OmniRouteFlashSale
{
    private static final int MSG_TYPE = 1;
    private static final int MSG_LENGTH = 12;

    private OmniRouteFlashSale()
    {
    }

    /**
     * @param ratePerSecond orders per second, or 0 for as fast as possible.
     * @param maxOrders     orders to send (at most the workload's).
     * @param durationNs    the run stops sending this long after it starts.
     */
    public static RunResult run(final FlashSaleWorkload w, final double ratePerSecond, final int maxOrders,
        final long durationNs, final int clients, final Supplier<IdleStrategy> idle, final String idleName)
    {
        final RunResult result = new RunResult("OmniRoute (in-process, 1 engine thread)",
            ratePerSecond > 0 ? "open" : "max", ratePerSecond, clients, idleName);
        final OneToOneRingBuffer queue = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect((1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
        final EngineAgent engineAgent = new EngineAgent(w, queue, result);
        final int orders = Math.min(maxOrders, w.orderCount);
        final LoadAgent load = new LoadAgent(queue, orders, ratePerSecond, clients, engineAgent.completed,
            result.sendLatenessNs);
        final AgentRunner engineRunner = new AgentRunner(idle.get(), Throwable::printStackTrace, null, engineAgent);
        final AgentRunner loadRunner = new AgentRunner(idle.get(), Throwable::printStackTrace, null, load);
        final long start = System.nanoTime();
        final long deadlineNs = start + durationNs;
        load.start = start;
        load.deadlineNs = deadlineNs;
        AgentRunner.startOnThread(engineRunner);
        AgentRunner.startOnThread(loadRunner);
        // wait for the load to finish sending, then for the engine to drain
        final long hardStop = deadlineNs + 30_000_000_000L;
        while (!load.done && System.nanoTime() < hardStop)
        {
            sleepMs(5);
        }
        final long sent = load.sent;
        while (engineAgent.completed.get() < sent && System.nanoTime() < hardStop)
        {
            sleepMs(1);
        }
        final long end = engineAgent.lastDecisionNs;
        loadRunner.close();
        engineRunner.close();
        result.elapsedNs = Math.max(1, end - start);
        result.completed = engineAgent.completed.get();
        result.keptUp = ratePerSecond <= 0 || (load.sent == orders && end <= deadlineNs + 1_000_000_000L);
        result.oversold.addAll(engineAgent.audit.oversold(w));
        result.unitsAllocated = engineAgent.audit.totalUnits();
        for (int s = 0; s < w.network.skuCount(); s++)
        {
            for (int l = 0; l < w.network.locationCount(); l++)
            {
                final long reserved = engineAgent.engine.stock().reserved(s, l);
                if (reserved > engineAgent.engine.stock().onHand(s, l) || reserved != engineAgent.audit.allocated(s, l))
                {
                    result.inconsistent.add(w.network.sku(s) + "@" + w.network.locationId(l) + ": reserved " +
                        reserved + ", on hand " + engineAgent.engine.stock().onHand(s, l) + ", decisions " +
                        engineAgent.audit.allocated(s, l));
                }
            }
        }
        return result;
    }

    /**
     * Applies the workload's orders on the calling thread: gets the engine's code compiled while a core is free for
     * the JIT (with two spinning threads on two cores, the compiler would starve).
     */
    public static void warmUp(final FlashSaleWorkload w, final int orders)
    {
        final RunResult scratch = new RunResult("warm-up", "max", 0, 1, "none");
        final EngineAgent agent = new EngineAgent(w, null, scratch);
        for (int k = 0; k < Math.min(orders, w.orderCount); k++)
        {
            agent.apply(k);
        }
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The engine thread: takes (order, intended time) off the queue, fills the reusable command, applies it, records
     * the latency and the units allocated. Errors are caught here once and counted.
     */
    static final class EngineAgent implements Agent, MessageHandler
    {
        final Engine engine;
        private final FlashSaleWorkload w;
        private final OneToOneRingBuffer queue;
        private final RunResult result;
        private final Command command = new Command();
        private final Decision decision = new Decision();
        final OversellAudit audit;
        final AtomicLong completed = new AtomicLong();
        volatile long lastDecisionNs;

        EngineAgent(final FlashSaleWorkload w, final OneToOneRingBuffer queue, final RunResult result)
        {
            this.w = w;
            this.queue = queue;
            this.result = result;
            // the order book sized for this run's orders (about 200 bytes each), so it never grows (a copy on the
            // engine thread) and no run zeroes more memory than it needs
            final long bytes = Math.min(Integer.MAX_VALUE - 4096L, Math.max(1L << 20, 320L * w.orderCount));
            System.setProperty("omniroute.orderbook.bytes", Long.toString(bytes));
            this.engine = new Engine(w.network);
            this.audit = new OversellAudit(w.network.skuCount(), w.network.locationCount());
            this.webChannel = w.network.channelIndex("web");
            this.skuForWeb = new int[w.network.skuCount()];
            for (int s = 0; s < skuForWeb.length; s++)
            {
                skuForWeb[s] = w.network.resolveSku(webChannel, w.network.sku(s));
            }
        }

        /** The channel's index and each SKU's as the channel names it: what a pipeline's publisher looks up. */
        private final int webChannel;
        private final int[] skuForWeb;

        @Override
        public int doWork()
        {
            return queue.read(this, 256);
        }

        @Override
        public void onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
            final int length)
        {
            final int k = buffer.getInt(index);
            final long intendedNs = buffer.getLong(index + 4);
            try
            {
                apply(k);
            }
            catch (final RuntimeException ex)
            {
                result.errors++;
            }
            final long now = System.nanoTime();
            result.latencyNs.recordValue(Math.max(0, now - intendedNs));
            lastDecisionNs = now;
            completed.lazySet(completed.get() + 1);
        }

        private void apply(final int k)
        {
            final Command c = command.reset();
            c.type = CommandType.ORDER;
            c.orderId = w.orderIds[k];
            c.channel = "web";
            c.zip = w.network.zip(w.orderZip[k]);
            c.serviceName = "STANDARD";
            for (int j = w.lineStart[k]; j < w.lineStart[k + 1]; j++)
            {
                c.addLine(w.network.sku(w.lineSku[j]), w.lineQty[j], Command.ABSENT);
            }
            // the names' indices, as the pipeline's publisher hands them over with a decoded command (Command
            // .resolveNames on the I/O side): the engine thread does not look names up in production either
            c.resolvedChannelName = c.channel;
            c.resolvedChannel = webChannel;
            c.resolvedZipName = c.zip;
            c.resolvedZip = w.orderZip[k];
            for (int i = 0; i < c.lineCount; i++)
            {
                c.resolvedSkuName[i] = c.lineSku[i];
                c.resolvedSku[i] = skuForWeb[w.lineSku[w.lineStart[k] + i]];
            }
            c.resolvedLineCount = c.lineCount;
            c.resolvedNetwork = w.network;
            engine.apply(c, decision);
            if (decision.status == Status.ALLOCATED)
            {
                result.allocated++;
                for (int s = 0; s < decision.topShipmentCount; s++)
                {
                    for (int l = decision.shipLineStart[s], end = l + decision.shipLineCount[s]; l < end; l++)
                    {
                        audit.add(decision.lineSku[l], decision.shipLocation[s], decision.lineQty[l]);
                    }
                }
            }
            else
            {
                result.rejected++;
            }
        }

        @Override
        public String roleName()
        {
            return "flash-sale-engine";
        }
    }

    /**
     * The load thread: enqueues orders on their schedule (or as fast as the queue takes them).
     */
    static final class LoadAgent implements Agent
    {
        /** How long before an order is due the load thread stops sleeping and spins (well above a park's overshoot). */
        static final long SPIN_AHEAD_NS = 150_000;

        private final OneToOneRingBuffer queue;
        private final int orders;
        private final double nsPerOrder;
        long deadlineNs;
        private final UnsafeBuffer msg = new UnsafeBuffer(new byte[MSG_LENGTH]);
        long start;
        volatile int sent;
        volatile boolean done;
        private final int window;
        private final AtomicLong completed;
        private int next;
        private final Histogram lateness;

        LoadAgent(final OneToOneRingBuffer queue, final int orders, final double ratePerSecond, final int clients,
            final AtomicLong completed, final Histogram lateness)
        {
            this.lateness = lateness;
            this.queue = queue;
            this.orders = orders;
            this.nsPerOrder = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
            this.window = ratePerSecond > 0 ? Integer.MAX_VALUE : clients;
            this.completed = completed;
        }

        @Override
        public int doWork()
        {
            if (done)
            {
                return 0;
            }
            long now = System.nanoTime();
            int work = 0;
            while (next < orders && work < 1024)
            {
                final long due;
                if (nsPerOrder > 0)
                {
                    due = start + (long)(next * nsPerOrder);
                    if (due > now)
                    {
                        if (work == 0 && due - now > 2 * SPIN_AHEAD_NS)
                        {
                            // far from the next order: sleep until shortly before it, so that at low rates this
                            // thread leaves its core to the JIT, GC and the OS instead of them preempting the engine
                            // thread (two spinners on two cores: any third runnable thread takes a core from one of
                            // them for a scheduler slice, milliseconds); the last stretch is spun for a punctual send
                            LockSupport.parkNanos(Math.min(due - now - SPIN_AHEAD_NS, Math.max(0, deadlineNs - now)));
                        }
                        break;
                    }
                }
                else
                {
                    if (next - completed.get() >= window)
                    {
                        break;
                    }
                    due = now = System.nanoTime();
                }
                msg.putInt(0, next);
                msg.putLong(4, due);
                if (!queue.write(MSG_TYPE, msg, 0, MSG_LENGTH))
                {
                    break;
                }
                if (nsPerOrder > 0)
                {
                    lateness.recordValue(Math.max(0, now - due));
                }
                next++;
                work++;
            }
            sent = next;
            if (next == orders || now > deadlineNs)
            {
                done = true;
            }
            return work;
        }

        @Override
        public String roleName()
        {
            return "flash-sale-load";
        }
    }
}
