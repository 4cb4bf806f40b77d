package io.omniroute.bench.flash;

import io.omniroute.bench.TinyNetwork;
import io.omniroute.engine.Network;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OmniRouteFlashSaleTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSellOutWithoutOversellingInOpenLoop() throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,40", "S1,ST-C,10", "S2,DC-B,30", "S2,ST-C,5");
        final FlashSaleWorkload w = TinyWorkloads.contended(n, new long[] { 40, 0, 10, 0, 30, 5 }, 2_000, 1);

        final RunResult r = OmniRouteFlashSale.run(w, 20_000, w.orderCount, 5_000_000_000L, 4,
            YieldingIdleStrategy::new, "yielding");

        assertEquals(2_000, r.completed);
        assertEquals(0, r.errors);
        assertTrue(r.oversold.isEmpty(), r.oversold.toString());
        assertTrue(r.inconsistent.isEmpty(), r.inconsistent.toString());
        assertEquals(85, r.unitsAllocated, "every unit sells: far more is ordered than stocked");
        assertEquals(2_000, r.latencyNs.getTotalCount());
    }
}
