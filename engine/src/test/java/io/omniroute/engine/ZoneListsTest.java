package io.omniroute.engine;

import io.omniroute.engine.reference.RandomNetworks;
import io.omniroute.engine.reference.RandomStreams;
import io.omniroute.engine.reference.ReferenceComparisonTest;
import io.omniroute.engine.reference.ReferenceRouter;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router finds the best single location from the destination's zone lists once enough locations serving an order
 * hold its stock ({@link Router#ZONE_PASS_MIN_STOCKED}, a quarter of the network). The default random networks have
 * too few locations for that, so these draw 9 to 14 locations with rich stock: the engine must decide as the
 * brute-force reference does there, on the classic stream and on streams of every command (with a snapshot restore
 * part way), and the lists must actually have been walked, and walks cut short where no farther zone could offer
 * less (each zone's least rate onwards, plus the least handling).
 */
class ZoneListsTest
{
    private static final RandomNetworks.Config WIDE =
        new RandomNetworks.Config(9, 14, 2, 8, true, Long.MAX_VALUE, false);
    private static final RandomNetworks.Config WIDE_CHECKOUT =
        new RandomNetworks.Config(9, 14, 2, 8, true, Long.MAX_VALUE, true);

    @TempDir
    Path tmp;

    @Test
    void shouldAgreeWithTheReferenceOnNetworksWideEnoughForTheZoneLists()
    {
        final ReferenceComparisonTest.Options classic = new ReferenceComparisonTest.Options(
            RandomStreams.Mix.CLASSIC, WIDE, false, false, "ZoneListsTest");
        final ReferenceComparisonTest.Options full = new ReferenceComparisonTest.Options(
            RandomStreams.Mix.FULL, WIDE_CHECKOUT, false, true, "ZoneListsTest");
        for (long seed = 940_000; seed < 940_120; seed++)
        {
            assertNull(ReferenceComparisonTest.runPair(seed, 80, tmp, classic));
            assertNull(ReferenceComparisonTest.runPair(seed, 80, tmp, full));
        }
    }

    @Test
    void shouldWalkTheZoneListsOnThoseNetworks() throws Exception
    {
        long zonePasses = 0;
        long zoneWalksCut = 0;
        for (long seed = 940_000; seed < 940_020; seed++)
        {
            final Path dir = tmp.resolve("walk-" + seed);
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, dir, WIDE);
            final Engine engine = new Engine(NetworkLoader.load(dir));
            final Simulator sim = new Simulator(engine);
            final ReferenceRouter ref = ReferenceRouter.load(dir);
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.CLASSIC);
            for (int i = 0; i < 80; i++)
            {
                final String command = stream.next(ref);
                sim.apply(command);
                ref.apply(command);
            }
            zonePasses += engine.router().zonePasses();
            zoneWalksCut += engine.router().zoneWalksCut();
        }
        assertTrue(zonePasses > 100, "the zone lists were walked " + zonePasses + " times in 20 streams");
        assertTrue(zoneWalksCut > 80, "zone walks cut short " + zoneWalksCut + " times of " + zonePasses);
    }
}
