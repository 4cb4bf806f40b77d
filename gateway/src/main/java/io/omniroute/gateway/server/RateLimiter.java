package io.omniroute.gateway.server;

/**
 * A token bucket: {@code ratePerSecond} commands per second on average, bursts up to a tenth of a second's worth
 * (at least 100). Owned by one session on the I/O thread; time is passed in, so it never reads a clock itself.
 */
final class RateLimiter
{
    private final long ratePerSecond;
    private final long burst;
    private long tokens;
    private long lastNs;
    private long remainderNs;

    RateLimiter(final long ratePerSecond, final long nowNs)
    {
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(100, ratePerSecond / 10);
        this.tokens = burst;
        this.lastNs = nowNs;
    }

    boolean tryAcquire(final long nowNs)
    {
        if (tokens == 0)
        {
            refill(nowNs);
            if (tokens == 0)
            {
                return false;
            }
        }
        tokens--;
        return true;
    }

    /** Gives back a token taken for a command that could not be published yet. */
    void refund()
    {
        tokens = Math.min(burst, tokens + 1);
    }

    private void refill(final long nowNs)
    {
        final long elapsed = nowNs - lastNs + remainderNs;
        if (elapsed <= 0)
        {
            return;
        }
        final long add = elapsed / 1_000_000_000L * ratePerSecond +
            (elapsed % 1_000_000_000L) * ratePerSecond / 1_000_000_000L;
        if (add > 0)
        {
            tokens = Math.min(burst, tokens + add);
            final long usedNs = add * 1_000_000_000L / ratePerSecond;
            remainderNs = Math.max(0, elapsed - usedNs);
            lastNs = nowNs;
        }
    }

    long ratePerSecond()
    {
        return ratePerSecond;
    }
}
