package io.omniroute.bench.peers;

import io.omniroute.bench.TinyNetwork;
import io.omniroute.bench.flash.FlashSaleWorkload;
import io.omniroute.bench.flash.PeerFlashSale;
import io.omniroute.bench.flash.RunResult;
import io.omniroute.bench.flash.TinyWorkloads;
import io.omniroute.engine.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The peers' allocation scripts under concurrent clients never oversell: many more units are ordered than stocked,
 * six clients race for them, and both what the clients were told and what the store recorded stay within the
 * stock at every (SKU, location). Runs against a real local server when one is installed; skipped otherwise (the
 * tests install nothing: bench/run does).
 */
class PeerAllocationTest
{
    private static final long[] STOCK = { 40, 0, 10, 0, 30, 5 };
    private static final long TOTAL = 85;

    @TempDir
    Path dir;

    private void assertNoOversell(final PeerStore store) throws Exception
    {
        final Network n = TinyNetwork.write(dir, "S1,DC-A,40", "S1,ST-C,10", "S2,DC-B,30", "S2,ST-C,5");
        final FlashSaleWorkload w = TinyWorkloads.contended(n, STOCK, 600, 3);
        store.load(w);

        final RunResult r = PeerFlashSale.run(store, w, 0, w.orderCount, 20_000_000_000L, 6);

        assertEquals(600, r.completed);
        assertEquals(0, r.errors);
        assertTrue(r.oversold.isEmpty(), r.oversold.toString());
        assertTrue(r.inconsistent.isEmpty(), r.inconsistent.toString());
        assertEquals(TOTAL, r.unitsAllocated, "all stock sells, no more");
        assertEquals(TOTAL, store.recordedAllocations().totalUnits());
    }

    @Test
    void redisLuaDeductionShouldNeverOversellUnderConcurrentClients() throws Exception
    {
        final String why = LocalRedis.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
        try (LocalRedis redis = LocalRedis.start(LocalRedis.DEFAULT_PORT + 100))
        {
            assertNoOversell(new RedisPeer("127.0.0.1", redis.port()));
        }
    }

    @Test
    void postgresRowLockingShouldNeverOversellUnderConcurrentClients() throws Exception
    {
        final String why = LocalPostgres.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
        try (LocalPostgres pg = LocalPostgres.start(LocalPostgres.DEFAULT_PORT + 100, "off"))
        {
            assertNoOversell(new PostgresPeer("127.0.0.1", pg.port(), LocalPostgres.DATABASE, LocalPostgres.USER));
        }
    }
}
