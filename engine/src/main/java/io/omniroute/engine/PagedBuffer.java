package io.omniroute.engine;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeAccess;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A flat, growable off-heap address space (long addresses: an order book may pass 2 GiB) made of fixed-size pages
 * that are added as it grows and never moved. An expandable buffer that doubles and copies stalls its writer for the
 * whole copy (tens to hundreds of milliseconds once an order book holds a peak day); here growing costs one zeroed
 * page at a time.
 * <p>
 * Values are in the platform's byte order, as in Agrona's buffers, so the bytes are the same as an expandable
 * buffer's would be (snapshots write {@code [0, limit)} as they are). A value that straddles two pages is read and
 * written through a scratch word; everything else is one page access. Single-threaded.
 * <p>
 * Single values inside a page are read and written at the page's address directly: {@link #within} and the bounds
 * check of {@link #pageAddress} (exactly one entry per page) already keep every access inside an allocated page, so
 * the page buffer's own bounds check would only repeat them.
 */
final class PagedBuffer
{
    private final int pageBits;
    private final int pageSize;
    private final int pageMask;
    private UnsafeBuffer[] pages = new UnsafeBuffer[8];
    private int pageCount;
    /** The address of each page's memory; exactly {@link #pageCount} entries (the pages above keep them alive). */
    private long[] pageAddress = new long[0];
    /** Where new pages come from: null allocates them on the calling thread. */
    private PageReserve reserve;
    private final byte[] scratchBytes = new byte[8];
    private final UnsafeBuffer scratch = new UnsafeBuffer(scratchBytes);
    private final UnsafeBuffer arrayView = new UnsafeBuffer(scratchBytes);

    /**
     * @param pageBits log2 of the page size (e.g. 20 for 1 MiB pages).
     */
    PagedBuffer(final int pageBits)
    {
        if (pageBits < 12 || pageBits > 30)
        {
            throw new IllegalArgumentException("page bits must be 12..30: " + pageBits);
        }
        this.pageBits = pageBits;
        this.pageSize = 1 << pageBits;
        this.pageMask = pageSize - 1;
    }

    /**
     * Takes the pages it adds from now on from a reserve (zeroed ahead by another thread), or, with null, allocates
     * them itself.
     */
    void pagesFrom(final PageReserve reserve)
    {
        this.reserve = reserve;
    }

    PageReserve pageReserve()
    {
        return reserve;
    }

    /**
     * Makes {@code [0, limit)} addressable, adding zeroed pages as needed.
     */
    void checkLimit(final long limit)
    {
        final long neededPages = (limit + pageMask) >>> pageBits;
        if (neededPages > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("paged buffer: " + limit + " bytes is more pages than an array holds");
        }
        final int needed = (int)neededPages;
        while (pageCount < needed)
        {
            if (pageCount == pages.length)
            {
                pages = Arrays.copyOf(pages, pages.length * 2);
            }
            final UnsafeBuffer page = new UnsafeBuffer(reserve == null ? ByteBuffer.allocateDirect(pageSize) :
                reserve.take(pageSize));
            pages[pageCount++] = page;
            pageAddress = Arrays.copyOf(pageAddress, pageCount);
            pageAddress[pageCount - 1] = page.addressOffset();
        }
    }

    private UnsafeBuffer page(final long address)
    {
        return pages[(int)(address >>> pageBits)];
    }

    private int inPage(final long address)
    {
        return (int)address & pageMask;
    }

    /**
     * @return the memory address of an address's byte; the page must exist (else the array check throws).
     */
    private long at(final long address)
    {
        return pageAddress[(int)(address >>> pageBits)] + ((int)address & pageMask);
    }

    private boolean within(final long address, final int width)
    {
        return ((int)address & pageMask) <= pageSize - width;
    }

    byte getByte(final long address)
    {
        return UnsafeAccess.UNSAFE.getByte(at(address));
    }

    void putByte(final long address, final byte value)
    {
        UnsafeAccess.UNSAFE.putByte(at(address), value);
    }

    int getInt(final long address)
    {
        if (within(address, 4))
        {
            return UnsafeAccess.UNSAFE.getInt(at(address));
        }
        getBytes(address, scratchBytes, 0, 4);
        return scratch.getInt(0);
    }

    void putInt(final long address, final int value)
    {
        if (within(address, 4))
        {
            UnsafeAccess.UNSAFE.putInt(at(address), value);
            return;
        }
        scratch.putInt(0, value);
        putBytes(address, scratchBytes, 0, 4);
    }

    long getLong(final long address)
    {
        if (within(address, 8))
        {
            return UnsafeAccess.UNSAFE.getLong(at(address));
        }
        getBytes(address, scratchBytes, 0, 8);
        return scratch.getLong(0);
    }

    void putLong(final long address, final long value)
    {
        if (within(address, 8))
        {
            UnsafeAccess.UNSAFE.putLong(at(address), value);
            return;
        }
        scratch.putLong(0, value);
        putBytes(address, scratchBytes, 0, 8);
    }

    double getDouble(final long address)
    {
        return Double.longBitsToDouble(getLong(address));
    }

    void putDouble(final long address, final double value)
    {
        putLong(address, Double.doubleToRawLongBits(value));
    }

    void getBytes(final long address, final byte[] dst, final int offset, final int length)
    {
        long a = address;
        int o = offset;
        int left = length;
        while (left > 0)
        {
            final int n = Math.min(left, pageSize - inPage(a));
            page(a).getBytes(inPage(a), dst, o, n);
            a += n;
            o += n;
            left -= n;
        }
    }

    void putBytes(final long address, final byte[] src, final int offset, final int length)
    {
        arrayView.wrap(src);
        putBytes(address, arrayView, offset, length);
    }

    void putBytes(final long address, final DirectBuffer src, final int offset, final int length)
    {
        long a = address;
        int o = offset;
        int left = length;
        while (left > 0)
        {
            final int n = Math.min(left, pageSize - inPage(a));
            page(a).putBytes(inPage(a), src, o, n);
            a += n;
            o += n;
            left -= n;
        }
    }

    /**
     * Copies {@code [from, from + length)} of this buffer to {@code [to, to + length)}; the ranges must not overlap.
     */
    void copy(final long to, final long from, final int length)
    {
        copyFrom(this, to, from, length);
    }

    /**
     * Copies {@code [from, from + length)} of a buffer with pages of the same size to {@code [to, to + length)} of
     * this one; within one buffer the ranges must not overlap.
     */
    void copyFrom(final PagedBuffer src, final long to, final long from, final int length)
    {
        long t = to;
        long f = from;
        int left = length;
        while (left > 0)
        {
            final int n = Math.min(left, Math.min(pageSize - inPage(t), pageSize - src.inPage(f)));
            page(t).putBytes(inPage(t), src.page(f), src.inPage(f), n);
            t += n;
            f += n;
            left -= n;
        }
    }

    int pageBits()
    {
        return pageBits;
    }

    /**
     * Gives the pages' memory back now rather than when the collector finds them; the buffer is unusable after.
     */
    void free()
    {
        for (int i = 0; i < pageCount; i++)
        {
            BufferUtil.free(pages[i]);
            pages[i] = null;
        }
        pageCount = 0;
        pageAddress = new long[0];   // an access after this throws rather than touching freed memory
    }
}
