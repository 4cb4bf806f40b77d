package io.omniroute.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An order book past 2 GiB of records (a big retailer keeping 45 days of orders for returns holds tens of millions):
 * records are addressed by long, and kept per entry as address / 8 in an int. Entries written beyond 2 GiB read back
 * right, and the book is snapshotted (wide form) and read back the same. Slow (2.3 GB twice, 30 s): {@code -Pslow}.
 */
@Tag("slow")
class OrderBookBeyond2GiBTest
{
    @TempDir
    Path tmp;

    @Test
    void entriesPast2GiBAreReadWrittenAndSnapshottedRight() throws Exception
    {
        final int contentLength = 60_000;
        final UnsafeBuffer content = new UnsafeBuffer(new byte[contentLength]);
        final Decision d = new Decision();
        d.reset(1, new Command());
        d.addShipment(0, 0, 1, 1, 100, Service.STANDARD);
        d.addLine(0, 3);
        d.topShipmentCount = 1;
        OrderBook book = new OrderBook(20, 1 << 16, 8);
        int n = 0;
        while (book.limit() < (2L << 30) + (300L << 20))
        {
            content.putInt(0, n);
            content.putInt(contentLength - 4, ~n);
            final int no = book.add("order-" + n, content, contentLength, d, 0, 0, 0, 0, -1, false, n + 1,
                OrderState.ALLOCATED);
            assertEquals(n, no);
            n++;
        }
        assertTrue(book.liveBytes() > Integer.MAX_VALUE, "live bytes " + book.liveBytes());
        check(book, n, content, contentLength);

        final Path file = tmp.resolve("book.bin");
        try (DataOutputStream out =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)))
        {
            book.writeTo(out);
        }
        final long live = book.liveBytes();
        book = null;
        System.gc();
        final OrderBook back = new OrderBook(20, 1 << 16, 8);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
        {
            back.readFrom(in);
        }
        assertEquals(live, back.liveBytes());
        check(back, n, content, contentLength);
    }

    private static void check(final OrderBook book, final int n, final UnsafeBuffer content, final int contentLength)
    {
        assertEquals(n, book.count());
        for (int no = 0; no < n; no += Math.max(1, n / 500))
        {
            assertEquals(no, book.find("order-" + no), "entry " + no);
            content.putInt(0, no);
            content.putInt(contentLength - 4, ~no);
            assertTrue(book.contentEquals(no, content, contentLength), "entry " + no);
            assertEquals(OrderState.ALLOCATED, book.state(no));
            assertEquals(3, book.lineQty(no, 0));
        }
        final int last = n - 1;
        content.putInt(0, last);
        content.putInt(contentLength - 4, ~last);
        assertTrue(book.contentEquals(last, content, contentLength), "the last entry, past 2 GiB");
    }
}
