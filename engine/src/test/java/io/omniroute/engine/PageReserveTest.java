package io.omniroute.engine;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PageReserve}: pages made ahead are handed out zeroed, the taker allocates when none is ready, and a book
 * growing into reserved pages holds exactly the bytes of one allocating its own.
 */
class PageReserveTest
{
    @Test
    void shouldHandOutZeroedPagesMadeAheadAndAllocateWhenNoneIsReady()
    {
        final PageReserve reserve = new PageReserve(3, 4096, 65536);
        assertEquals(0, reserve.readyPages());
        int made = 0;
        for (int work; (work = reserve.doWork()) > 0; )
        {
            made += work;
        }
        assertEquals(6, made, "three of each size");
        assertEquals(6, reserve.readyPages());

        for (int i = 0; i < 3; i++)
        {
            final ByteBuffer page = reserve.take(4096);
            assertEquals(4096, page.capacity());
            assertTrue(page.isDirect());
            assertZeroed(page);
        }
        assertEquals(3, reserve.takenReady());
        assertEquals(0, reserve.takenFresh());

        assertEquals(4096, reserve.take(4096).capacity(), "none ready: allocated by the taker");
        assertEquals(8192, reserve.take(8192).capacity(), "a size it does not serve: allocated by the taker");
        assertEquals(2, reserve.takenFresh());
        assertEquals(3, reserve.readyPages(), "the other size's pages wait");

        assertEquals(1, reserve.doWork(), "one page of each size short of its spares a duty cycle");
        assertEquals(4, reserve.readyPages());

        reserve.onClose();
        assertEquals(0, reserve.readyPages(), "closing frees what is left");
        assertEquals(0, reserve.doWork());
        assertEquals(65536, reserve.take(65536).capacity(), "closed: allocated by the taker");
        assertEquals(3, reserve.takenReady());
        assertEquals(3, reserve.takenFresh());
        assertNull(reserve.lastFailure());
    }

    /**
     * Direct memory short for the filler: it stops for {@link PageReserve#BACK_OFF_CYCLES} duty cycles (the taker
     * allocates meanwhile, as without a reserve), then makes pages again.
     */
    @Test
    void shouldBackOffWhenItCannotAllocateAndTryAgainLater()
    {
        final int[] failing = { 1 };
        final PageReserve reserve = new PageReserve(size ->
        {
            if (failing[0] > 0)
            {
                failing[0]--;
                throw new OutOfMemoryError("Cannot reserve 4096 bytes of direct buffer memory (test)");
            }
            return ByteBuffer.allocateDirect(size);
        }, 2, 4096);
        assertEquals(0, reserve.doWork());
        assertEquals(1, reserve.failures());
        assertTrue(reserve.lastFailure() instanceof OutOfMemoryError);
        for (int i = 0; i < PageReserve.BACK_OFF_CYCLES; i++)
        {
            assertEquals(0, reserve.doWork(), "backing off, cycle " + i);
        }
        assertEquals(4096, reserve.take(4096).capacity(), "the taker allocates meanwhile");
        assertEquals(1, reserve.takenFresh());
        assertEquals(1, reserve.doWork(), "memory is back: pages again");
        assertEquals(1, reserve.doWork());
        assertEquals(2, reserve.readyPages());
        assertEquals(1, reserve.failures());
    }

    @Test
    void shouldRefuseNoSparePages()
    {
        assertThrows(IllegalArgumentException.class, () -> new PageReserve(0, 4096));
    }

    /**
     * Run as a pipeline runs it, on its own thread with a sleeping idle strategy: the pages the taker takes are made
     * again.
     */
    @Test
    void shouldKeepItsSparePagesReadyOnItsOwnThread() throws Exception
    {
        final PageReserve reserve = new PageReserve(2, 4096);
        final AtomicReference<Throwable> error = new AtomicReference<>();
        try (AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), error::set, null, reserve))
        {
            AgentRunner.startOnThread(runner);
            for (int i = 0; i < 20; i++)
            {
                awaitReady(reserve, 2);
                assertZeroed(reserve.take(4096));
                assertZeroed(reserve.take(4096));
            }
            awaitReady(reserve, 2);
        }
        assertNull(error.get());
        assertEquals(40, reserve.takenReady());
        assertEquals(0, reserve.takenFresh());
        assertEquals(0, reserve.readyPages(), "the runner's close frees the spares");
    }

    /**
     * An order book on 4 KiB pages taking them from a reserve (ready made most of the time, allocated by the book
     * when the reserve is behind, and through a compaction, which moves the records to fresh pages) holds the same
     * bytes as one allocating every page itself.
     */
    @Test
    void shouldGrowAnOrderBookIntoReservedPagesToTheSameBytes() throws Exception
    {
        final PageReserve reserve = new PageReserve(2, 4096);
        final OrderBook reserved = new OrderBook(12, 16, 8);
        reserved.pagesFrom(reserve);
        final OrderBook own = new OrderBook(12, 16, 8);
        final Random random = new Random(5);
        final Decision d = new Decision();
        final Command order = new Command();
        order.type = CommandType.ORDER;
        final UnsafeBuffer content = new UnsafeBuffer(new byte[300]);
        for (int i = 0; i < 2_000; i++)
        {
            if (random.nextInt(4) != 0)
            {
                reserve.doWork(); // the filling thread, behind now and then
            }
            d.reset(i + 1, order);
            d.addShipment(random.nextInt(30), 0, 1 + random.nextInt(8), 1 + random.nextInt(5), random.nextInt(5_000),
                Service.STANDARD);
            d.addLine(random.nextInt(300), 1 + random.nextInt(9));
            d.endTopShipments();
            final int contentLength = random.nextInt(content.capacity());
            for (int k = 0; k < contentLength; k++)
            {
                content.putByte(k, (byte)random.nextInt());
            }
            for (final OrderBook book : new OrderBook[] { reserved, own })
            {
                book.add("o-" + i, content, contentLength, d, 1, 3, Double.NaN, Double.NaN, -1, false, i + 1,
                    OrderState.ALLOCATED);
            }
            if (i == 1_000)
            {
                while (reserve.doWork() > 0)
                {
                    // full before the compaction
                }
                final long readyBefore = reserve.takenReady();
                reserved.compact();
                own.compact();
                assertEquals(readyBefore + 2, reserve.takenReady(), "the compaction's fresh pages come from the reserve");
            }
        }
        assertTrue(reserve.takenReady() > 50, "pages from the reserve: " + reserve.takenReady());
        assertTrue(reserve.takenFresh() > 0, "pages the book allocated itself: " + reserve.takenFresh());
        assertEquals(own.limit(), reserved.limit());
        assertArrayEquals(PagedBufferTest.bytes(own), PagedBufferTest.bytes(reserved));
    }

    private static void awaitReady(final PageReserve reserve, final int pages) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (reserve.readyPages() < pages)
        {
            assertTrue(System.nanoTime() < deadline, "the reserve did not make its pages within 10 s");
            Thread.sleep(1);
        }
    }

    private static void assertZeroed(final ByteBuffer page)
    {
        final UnsafeBuffer view = new UnsafeBuffer(page);
        for (int i = 0; i < view.capacity(); i += 8)
        {
            assertEquals(0, view.getLong(i), "byte " + i);
        }
    }
}
