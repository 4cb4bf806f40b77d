package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.nio.ByteBuffer;

/**
 * Zeroed off-heap pages made ready ahead of need, so that an order book grows into memory another thread has
 * already zeroed and faulted in. A fresh page costs its writer the zeroing and a page fault per 4 KiB: on this
 * project's 2-core VM about 3.2 ms for a 1 MiB page of the order book (docs/MEASUREMENTS.md, session 16), once every
 * few thousand orders, a stall of the engine thread and of every command queued behind it. Chronicle's pre-toucher
 * and Aeron's pre-allocated term buffers take the same cost off their writers.
 * <p>
 * An {@link Agent}: run it on a sleeping idle strategy (it must not compete with the two spinning threads); each duty
 * cycle tops every page size's queue up to its spare pages. The engine thread {@link #take}s a page from the queue,
 * or, when none is ready (the reserve is behind, closed or failed), allocates one itself as it would without a
 * reserve, so a reserve never changes what the engine does, only which thread pays for fresh memory. One taking
 * thread (the engine's), one filling thread.
 */
public final class PageReserve implements Agent
{
    /** Spare pages kept ready per page size by default: 4 MiB of the order book's 1 MiB pages. */
    public static final int DEFAULT_SPARE_PAGES = 4;

    private final int[] pageSizes;
    private final OneToOneConcurrentArrayQueue<ByteBuffer>[] ready;
    private final int sparePages;
    private volatile boolean closed;
    private volatile Throwable failure;
    // written by the taking thread only
    private volatile long takenReady;
    private volatile long takenFresh;

    /**
     * @param sparePages pages kept ready per size (at least 1).
     * @param pageSizes  the page sizes served, in bytes (other sizes are allocated by the taker).
     */
    @SuppressWarnings("unchecked")
    public PageReserve(final int sparePages, final int... pageSizes)
    {
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
     * @return a reserve for the pages of an {@link Engine}'s order books.
     */
    public static PageReserve forEngine(final int sparePages)
    {
        return new PageReserve(sparePages, Engine.ORDER_PAGE_BYTES, Engine.HOLD_PAGE_BYTES);
    }

    /**
     * On the taking thread: a zeroed direct page of this size, ready made or allocated now.
     */
    ByteBuffer take(final int pageSize)
    {
        final ByteBuffer page = closed ? null : poll(pageSize);
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
     * Tops each queue up by one page.
     *
     * @return pages allocated.
     */
    @Override
    public int doWork()
    {
        if (closed || failure != null)
        {
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
                    page = ByteBuffer.allocateDirect(pageSizes[i]);
                }
                catch (final OutOfMemoryError ex)
                {
                    // direct memory is short: stop filling; the engine thread allocates (and reports) as without one
                    failure = ex;
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
     * Stops handing out pages and frees the ones left. Close the reserve's runner only after the taking thread has
     * stopped (the queues have one consumer); pages still taken by then are the taker's.
     */
    @Override
    public void onClose()
    {
        closed = true;
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
     * @return the error that stopped the filling (direct memory short), or null.
     */
    public Throwable failure()
    {
        return failure;
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
