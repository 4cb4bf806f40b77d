package io.omniroute.gateway.server;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Errors caught at a thread's boundary: counted, and each distinct one (by type and message) printed once with its
 * stack trace, so a bug is never swallowed and never floods the log.
 */
public final class ErrorCounter
{
    private static final int MAX_DISTINCT = 64;
    private final AtomicLong count = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> distinct = new ConcurrentHashMap<>();
    private final PrintStream log;

    public ErrorCounter(final PrintStream log)
    {
        this.log = log;
    }

    public void onError(final Throwable t)
    {
        count.incrementAndGet();
        final String key = t.getClass().getName() + ": " + t.getMessage();
        if (distinct.size() < MAX_DISTINCT)
        {
            final AtomicLong seen = distinct.computeIfAbsent(key, k -> new AtomicLong());
            if (seen.getAndIncrement() == 0 && log != null)
            {
                log.println("omniroute: internal error (counted; shown once): " + key);
                t.printStackTrace(log);
            }
        }
    }

    public long count()
    {
        return count.get();
    }
}
