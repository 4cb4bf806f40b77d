package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Zeroed off-heap pages made ready ahead of need, so that an order book grows into memory another thread has
 * already zeroed and faulted in. A fresh page costs its writer the zeroing and a page fault per 4 KiB: on this
 * project's 2-core VM about 3.2 ms for a 1 MiB page of the order book (docs/MEASUREMENTS.md, session 16), once every
 * few thousand orders, a stall of the engine thread and of every command queued behind it. Chronicle's pre-toucher
 * and Aeron's pre-allocated term buffers take the same cost off their writers.
 * <p>
 * An {@link Agent}: run it on a sleeping idle strategy (it blocks between duty cycles rather than spin; making a page
 * still takes CPU time from whatever shares its core). Each duty cycle adds one page to each page size's queue that
 * is short of its spares, so a reserve refills in back-to-back cycles and sleeps only when full. The engine thread
 * {@link #take}s a page from the queue, or, when none is ready (the reserve is behind, closed or failing), allocates
 * one itself as it would without a reserve, so a reserve never changes what the engine does, only which thread pays
 * for fresh memory. The spare pages are direct memory, counted against {@code -XX:MaxDirectMemorySize} like the
 * books' own: {@code sparePages} × (1 MiB + 64 KiB) for an engine's reserve.
 * <p>
 * One taking thread (the engine's) and one filling thread. Taking never blocks: a take and the close's freeing of the
 * spares exclude each other through a state word; a take that finds the reserve closing allocates its page itself.
 */
public final class PageReserve implements Agent
{
    /** Spare pages kept ready per page size by default: 4 MiB of the order book's 1 MiB pages. */
    public static final int DEFAULT_SPARE_PAGES = 4;
    /** The most spare pages a setting may ask for (about 1 GiB of direct memory for an engine's reserve). */
    public static final int MAX_SPARE_PAGES = 1024;
    /**
     * The setting ({@code -D}) of spare pages per page size for every engine a process runs: the pipeline's, the
     * local driver's, recovery's, {@code replay}'s and {@code simulate}'s. The name is the pipeline's, where it began.
     */
    public static final String SPARE_PAGES_SETTING = "omniroute.pipeline.sparePages";
    /** The filler's sleep when its queues are full: 4 spare 1 MiB pages last about 60 ms of peak orders. */
    public static final int SLEEP_MS = 10;

    private final int[] pageSizes;
    private final OneToOneConcurrentArrayQueue<ByteBuffer>[] ready;
    /**
     * Duty cycles skipped after the filler could not allocate a page (direct memory short), before it tries again:
     * about 10 s on a 10 ms sleeping idle strategy.
     */
    static final int BACK_OFF_CYCLES = 1_000;
    private static final int OPEN = 0;
    private static final int TAKING = 1;
    private static final int CLOSED = 2;

    private final int sparePages;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    /** How the filler makes a page (tests fail it). */
    private final IntFunction<ByteBuffer> allocator;
    private int backOff;
    private volatile Throwable lastFailure;
    private volatile long failures;
    // written by the taking thread only
    private volatile long takenReady;
    private volatile long takenFresh;

    /**
     * @param sparePages pages kept ready per size (at least 1).
     * @param pageSizes  the page sizes served, in bytes (other sizes are allocated by the taker).
     */
    public PageReserve(final int sparePages, final int... pageSizes)
    {
        this(ByteBuffer::allocateDirect, sparePages, pageSizes);
    }

    @SuppressWarnings("unchecked")
    PageReserve(final IntFunction<ByteBuffer> allocator, final int sparePages, final int... pageSizes)
    {
        this.allocator = allocator;
        if (sparePages < 1)
        {
            throw new IllegalArgumentException("spare pages must be at least 1: " + sparePages);
        }
        this.sparePages = sparePages;
        this.pageSizes = pageSizes.clone();
        this.ready = new OneToOneConcurrentArrayQueue[pageSizes.length];
        for (int i = 0; i < pageSizes.length; i++)
        {
            ready[i] = new OneToOneConcurrentArrayQueue<>(sparePages);
        }
    }

    /**
     * @param sparePages a setting of spare pages per page size, 0 meaning no reserve.
     * @return it, when within 0..{@link #MAX_SPARE_PAGES}.
     * @throws IllegalArgumentException naming the value otherwise.
     */
    public static int checkSparePages(final int sparePages)
    {
        if (sparePages < 0 || sparePages > MAX_SPARE_PAGES)
        {
            throw new IllegalArgumentException("spare pages must be 0.." + MAX_SPARE_PAGES + ": " + sparePages);
        }
        return sparePages;
    }

    /**
     * @param errorHandler where the filler's unexpected errors go (it handles running out of direct memory itself).
     * @return a runner for this reserve on a sleeping idle strategy of {@link #SLEEP_MS}; start it beside the taker
     * and close it after the taker has stopped.
     */
    public AgentRunner newRunner(final ErrorHandler errorHandler)
    {
        return new AgentRunner(new SleepingMillisIdleStrategy(SLEEP_MS), errorHandler, null, this);
    }

    /**
     * @return a reserve for the pages of an {@link Engine}'s order books.
     */
    public static PageReserve forEngine(final int sparePages)
    {
        return new PageReserve(sparePages, Engine.ORDER_PAGE_BYTES, Engine.HOLD_PAGE_BYTES);
    }

    /**
     * @return {@link #SPARE_PAGES_SETTING} ({@link #DEFAULT_SPARE_PAGES} when not given).
     * @throws IllegalArgumentException naming the setting when it is not a whole number in 0..{@link #MAX_SPARE_PAGES}.
     */
    public static int sparePagesSetting()
    {
        final SystemSettings one = new SystemSettings();
        final int pages = one.intValue(SPARE_PAGES_SETTING, DEFAULT_SPARE_PAGES, 0, MAX_SPARE_PAGES);
        if (one.firstBad() != null)
        {
            throw new IllegalArgumentException("setting " + one.firstBad());
        }
        return pages;
    }

    /**
     * Starts a reserve for an engine's books on a daemon thread of its own, named {@link #roleName()}, and has the
     * engine's books take their pages from it: for whatever drives one engine (recovery's replay, {@code replay},
     * {@code simulate}, the gateway's local driver; the pipeline starts its reserve with its other threads).
     *
     * @param sparePages   pages kept ready per page size; 0 starts nothing (the engine allocates its own pages).
     * @param errorHandler where the filler's unexpected errors go.
     * @return the reserve's runner, to close once the engine's thread is done with the engine (its one taker); null
     * when {@code sparePages} is 0.
     */
    public static AgentRunner startFor(final Engine engine, final int sparePages, final ErrorHandler errorHandler)
    {
        if (checkSparePages(sparePages) == 0)
        {
            return null;
        }
        final PageReserve reserve = forEngine(sparePages);
        final AgentRunner runner = reserve.newRunner(errorHandler);
        AgentRunner.startOnThread(runner, r ->
        {
            final Thread t = new Thread(r, reserve.roleName());
            t.setDaemon(true);
            return t;
        });
        engine.pagesFrom(reserve);
        return runner;
    }

    /**
     * On the taking thread: a zeroed direct page of this size, ready made or allocated now.
     */
    ByteBuffer take(final int pageSize)
    {
        ByteBuffer page = null;
        if (state.compareAndSet(OPEN, TAKING))
        {
            page = poll(pageSize);
            state.set(OPEN);
        }
        if (page != null)
        {
            takenReady++;
            return page;
        }
        takenFresh++;
        return ByteBuffer.allocateDirect(pageSize);
    }

    private ByteBuffer poll(final int pageSize)
    {
        for (int i = 0; i < pageSizes.length; i++)
        {
            if (pageSizes[i] == pageSize)
            {
                return ready[i].poll();
            }
        }
        return null;
    }

    /**
     * Adds a page to each queue short of its spares.
     *
     * @return pages made.
     */
    @Override
    public int doWork()
    {
        if (state.get() == CLOSED)
        {
            return 0;
        }
        if (backOff > 0)
        {
            backOff--;
            return 0;
        }
        int made = 0;
        for (int i = 0; i < pageSizes.length; i++)
        {
            if (ready[i].size() < sparePages)
            {
                final ByteBuffer page;
                try
                {
                    page = allocator.apply(pageSizes[i]);
                }
                catch (final OutOfMemoryError ex)
                {
                    // direct memory is short: leave it to the engine thread (which allocates, and reports, as it would
                    // without a reserve) for a while, then try again
                    lastFailure = ex;
                    failures++;
                    backOff = BACK_OFF_CYCLES;
                    return made;
                }
                if (!ready[i].offer(page))
                {
                    BufferUtil.free(page);
                }
                made++;
            }
        }
        return made;
    }

    /**
     * Stops handing out pages and frees the spares: waits for a take in progress (a poll of a few nanoseconds) to
     * finish first, so a page the taker got is never freed. Takes after it allocate their own pages.
     */
    @Override
    public void onClose()
    {
        while (true)
        {
            final int s = state.get();
            if (s == CLOSED || (s == OPEN && state.compareAndSet(OPEN, CLOSED)))
            {
                break;
            }
            Thread.onSpinWait();
        }
        for (final OneToOneConcurrentArrayQueue<ByteBuffer> q : ready)
        {
            ByteBuffer page;
            while ((page = q.poll()) != null)
            {
                BufferUtil.free(page);
            }
        }
    }

    @Override
    public String roleName()
    {
        return "omniroute-pages";
    }

    /**
     * @return pages the taker got ready made.
     */
    public long takenReady()
    {
        return takenReady;
    }

    /**
     * @return pages the taker had to allocate itself (the reserve empty, closed or failed, or a size it does not
     * serve).
     */
    public long takenFresh()
    {
        return takenFresh;
    }

    /**
     * @return the last allocation the filler could not make (direct memory short), or null.
     */
    public Throwable lastFailure()
    {
        return lastFailure;
    }

    /**
     * @return allocations the filler could not make; it backs off {@link #BACK_OFF_CYCLES} duty cycles after each.
     */
    public long failures()
    {
        return failures;
    }

    /**
     * @return pages ready now, all sizes.
     */
    public int readyPages()
    {
        int n = 0;
        for (final OneToOneConcurrentArrayQueue<ByteBuffer> q : ready)
        {
            n += q.size();
        }
        return n;
    }
}
