package io.omniroute.gateway.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests sent or waiting to be sent and not yet answered, by correlation id: what a result completes, what a
 * reconnect resubmits and what a lost connection fails. Used only on the client's I/O thread.
 */
final class InFlightRequests
{
    private final Map<Long, InFlight> byCorrelationId = new HashMap<>();

    void put(final InFlight f)
    {
        byCorrelationId.put(f.correlationId, f);
    }

    InFlight get(final long correlationId)
    {
        return byCorrelationId.get(correlationId);
    }

    InFlight remove(final long correlationId)
    {
        return byCorrelationId.remove(correlationId);
    }

    /**
     * @return every request, in correlation order: the order to resubmit them in after a reconnect.
     */
    List<InFlight> inCorrelationOrder()
    {
        final List<InFlight> all = new ArrayList<>(byCorrelationId.values());
        all.sort((a, b) -> Long.compare(a.correlationId, b.correlationId));
        return all;
    }

    /**
     * After a lost connection: what was written and is not safe to repeat fails now, naming {@code lastError}; the
     * rest stays to be resubmitted.
     */
    void failUnrepeatable(final String lastError)
    {
        final List<Long> lost = new ArrayList<>();
        for (final InFlight f : byCorrelationId.values())
        {
            if (f.written && !f.repeatable)
            {
                lost.add(f.correlationId);
            }
        }
        for (final Long c : lost)
        {
            byCorrelationId.remove(c).future.completeExceptionally(new ConnectionLostException(
                "connection lost with request " + c + " in flight; it may or may not have been applied" +
                (lastError != null ? " (" + lastError + ")" : "")));
        }
    }

    /**
     * Fails and forgets every request.
     */
    void failAll(final ClientException ex)
    {
        final List<InFlight> all = new ArrayList<>(byCorrelationId.values());
        byCorrelationId.clear();
        for (final InFlight f : all)
        {
            f.future.completeExceptionally(ex);
        }
    }
}
