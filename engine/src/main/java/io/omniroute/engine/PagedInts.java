package io.omniroute.engine;

import java.util.Arrays;

/**
 * A growable int array made of fixed pages that are never moved: growing adds a page instead of copying everything
 * (an int array of a million entries doubles in milliseconds, on the engine thread). Single-threaded.
 */
final class PagedInts
{
    private static final int PAGE_BITS = 14;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;
    private int[][] pages = new int[4][];
    private int pageCount;

    int get(final int i)
    {
        return pages[i >>> PAGE_BITS][i & MASK];
    }

    void set(final int i, final int value)
    {
        final int p = i >>> PAGE_BITS;
        while (p >= pageCount)
        {
            if (pageCount == pages.length)
            {
                pages = Arrays.copyOf(pages, pages.length * 2);
            }
            pages[pageCount++] = new int[PAGE];
        }
        pages[p][i & MASK] = value;
    }
}
