package io.omniroute.bench.peers;

/**
 * One client's connection to a peer store that allocates flash-sale orders: blocking, used by one thread.
 */
public interface StockAllocator extends AutoCloseable
{
    /**
     * Allocates order {@code k} of the workload: every line from one location, nearest first, all or nothing.
     *
     * @param locations receives the location index chosen for each line, in line order.
     * @return true when allocated, false when a line had no stock anywhere (nothing changed).
     */
    boolean allocate(int k, int[] locations) throws Exception;

    @Override
    void close();
}
