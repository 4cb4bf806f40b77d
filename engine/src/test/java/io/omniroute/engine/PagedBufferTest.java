package io.omniroute.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The paged buffer reads and writes like one flat buffer, also across page boundaries; an order book on tiny pages
 * (most records straddle one) holds exactly the bytes of one on large pages.
 */
class PagedBufferTest
{
    private static final Command ORDER = new Command();

    static
    {
        ORDER.type = CommandType.ORDER;
    }

    @Test
    void shouldRefuseAddressesOutsideItsPages()
    {
        final PagedBuffer paged = new PagedBuffer(12);
        paged.checkLimit(3 << 12);
        paged.putLong((3 << 12) - 8, 42);
        assertEquals(42, paged.getLong((3 << 12) - 8));
        assertThrows(IndexOutOfBoundsException.class, () -> paged.getInt(3 << 12));
        assertThrows(IndexOutOfBoundsException.class, () -> paged.putLong(5 << 12, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> paged.getByte(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> paged.putByte(Integer.MIN_VALUE, (byte)1));
    }

    @Test
    void shouldReadAndWriteLikeOneFlatBufferAcrossPageBoundaries()
    {
        final PagedBuffer paged = new PagedBuffer(12);
        final UnsafeBuffer flat = new UnsafeBuffer(new byte[1 << 16]);
        paged.checkLimit(1 << 16);
        final Random random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            // addresses near the 4 KiB boundaries half the time
            final int base = random.nextBoolean() ? ((random.nextInt(15) + 1) << 12) - random.nextInt(9) :
                random.nextInt((1 << 16) - 16);
            switch (random.nextInt(5))
            {
                case 0 -> { final int v = random.nextInt(); paged.putInt(base, v); flat.putInt(base, v); }
                case 1 -> { final long v = random.nextLong(); paged.putLong(base, v); flat.putLong(base, v); }
                case 2 -> { final double v = random.nextDouble(); paged.putDouble(base, v); flat.putDouble(base, v); }
                case 3 -> { final byte v = (byte)random.nextInt(); paged.putByte(base, v); flat.putByte(base, v); }
                default ->
                {
                    final byte[] b = new byte[random.nextInt(9000)];
                    random.nextBytes(b);
                    final int at = random.nextInt((1 << 16) - b.length);
                    paged.putBytes(at, b, 0, b.length);
                    flat.putBytes(at, b);
                }
            }
            assertEquals(flat.getInt(base), paged.getInt(base));
            assertEquals(flat.getLong(base), paged.getLong(base));
            assertEquals(flat.getByte(base), paged.getByte(base));
        }
        // a copy between two straddling ranges
        paged.copy(40_000, 4_090, 9_000);
        flat.putBytes(40_000, flat, 4_090, 9_000);
        final byte[] a = new byte[1 << 16];
        final byte[] b = new byte[1 << 16];
        paged.getBytes(0, a, 0, a.length);
        flat.getBytes(0, b);
        assertArrayEquals(b, a);
    }

    @Test
    void shouldHoldAnOrderBookOnTinyPagesExactlyAsOnLargeOnes() throws Exception
    {
        final OrderBook tiny = new OrderBook(12, 16, 8);
        final OrderBook large = new OrderBook(20, 16, 8);
        final Random random = new Random(11);
        final Decision d = new Decision();
        final UnsafeBuffer content = new UnsafeBuffer(new byte[600]);
        for (int i = 0; i < 3_000; i++)
        {
            d.reset(i + 1, ORDER);
            final int shipments = 1 + random.nextInt(4);
            for (int s = 0; s < shipments; s++)
            {
                d.addShipment(random.nextInt(30), random.nextInt(3), 1 + random.nextInt(8), 1 + random.nextInt(5),
                    random.nextInt(5_000), Service.STANDARD);
                for (int l = 0, n = 1 + random.nextInt(5); l < n; l++)
                {
                    d.addLine(random.nextInt(300), 1 + random.nextInt(9));
                }
            }
            d.endTopShipments();
            d.totalCostCents = random.nextInt(20_000);
            final int contentLength = random.nextInt(content.capacity());
            for (int k = 0; k < contentLength; k++)
            {
                content.putByte(k, (byte)random.nextInt());
            }
            final String id = "order-" + i + "-" + "x".repeat(random.nextInt(40));
            final int channel = random.nextInt(4);
            for (final OrderBook book : new OrderBook[] { tiny, large })
            {
                final int no = book.add(id, content, contentLength, d, channel, 17, Double.NaN, Double.NaN,
                    -1, false, i + 1, OrderState.ALLOCATED);
                assertEquals(no, book.find(id));
            }
            if (i > 10 && random.nextInt(5) == 0)
            {
                // a later re-route appends shipments to an older order (its record moves to the end)
                final int older = random.nextInt(i);
                d.reset(i + 1, ORDER);
                d.addShipment(random.nextInt(30), 0, 2, 2, 900, Service.STANDARD);
                d.addLine(random.nextInt(300), 2);
                d.endTopShipments();
                tiny.appendShipments(older, d, 0, 1, i + 1);
                large.appendShipments(older, d, 0, 1, i + 1);
            }
        }
        assertEquals(large.limit(), tiny.limit());
        assertArrayEquals(bytes(large), bytes(tiny));
        for (int no = 0; no < large.count(); no++)
        {
            assertEquals(large.id(no), tiny.id(no));
            assertEquals(no, tiny.find(large.id(no)));
            assertEquals(large.shipmentCount(no), tiny.shipmentCount(no));
        }
    }

    static byte[] bytes(final OrderBook book) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }
}
