package io.omniroute.gateway.pipeline;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WakeableIdleStrategyTest
{
    @Test
    void shouldWakeAParkedConsumerLongBeforeItsParkEnds() throws Exception
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, 0, TimeUnit.SECONDS.toNanos(30));
        final AtomicBoolean work = new AtomicBoolean();
        idle.workCheck(work::get);
        final Thread consumer = new Thread(() ->
        {
            while (!work.get())
            {
                idle.idle(0);
            }
        });
        consumer.start();
        Thread.sleep(100); // parked by now (it parks at once: no spins, no yields)
        final long start = System.nanoTime();
        work.set(true);
        idle.wake();
        consumer.join(10_000);
        assertFalse(consumer.isAlive(), "woken, not left to its 30 s park");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void shouldNotParkWhenWorkArrivedBetweenDecidingAndParking()
    {
        final WakeableIdleStrategy idle = new WakeableIdleStrategy(0, 0, TimeUnit.SECONDS.toNanos(30));
        idle.workCheck(() -> true);
        final long start = System.nanoTime();
        idle.idle(0);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void shouldGiveTheEngineThreadEveryPipelineIdleStrategyByName()
    {
        for (final String name : IdleStrategies.NAMES.split(", "))
        {
            final WakeableIdleStrategy s = IdleStrategies.engine(name);
            assertEquals("busy-spin".equals(name) || "yielding".equals(name), s.spinsOnly(), name);
            s.wake(); // nobody parked: nothing happens
            s.idle(1);
        }
        assertNull(IdleStrategies.engine("nap"));
        assertNull(IdleStrategies.engine(null));
    }
}
