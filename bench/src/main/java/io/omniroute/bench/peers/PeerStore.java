package io.omniroute.bench.peers;

import io.omniroute.bench.flash.FlashSaleWorkload;
import io.omniroute.bench.flash.OversellAudit;

/**
 * A peer system holding the flash-sale stock: loads the opening stock, hands out one {@link StockAllocator} per
 * client, and reads back what it allocated so the run can be audited from the store's own records.
 */
public interface PeerStore extends AutoCloseable
{
    String name();

    /** Version and settings, for the report. */
    String describe();

    void load(FlashSaleWorkload workload) throws Exception;

    StockAllocator newClient() throws Exception;

    /**
     * @return the units the store recorded as allocated, per (SKU, location).
     */
    OversellAudit recordedAllocations() throws Exception;

    /**
     * @return (SKU, location) positions whose remaining stock is negative or does not equal opening − allocated.
     */
    java.util.List<String> inconsistentPositions() throws Exception;

    @Override
    void close();
}
