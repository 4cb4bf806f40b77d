package io.omniroute.gateway.client;

/**
 * Receives subscribed events on the client's I/O thread: keep it short, never block.
 */
public interface EventListener
{
    void onAvailability(long seq, String channel, String sku, long available);

    void onReorder(long seq, String sku, long networkAvailable, long reorderPoint);
}
