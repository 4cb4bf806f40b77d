package io.omniroute.engine;

import io.omniroute.engine.reference.RandomNetworks;
import io.omniroute.engine.reference.RandomStreams;
import io.omniroute.engine.reference.ReferenceRouter;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Locations past the first 64 (the second and third words of the router's location bitsets): a random network and
 * stream decide byte for byte the same after 130 locations that can never ship (no stock, same-day only with no
 * reach) are added with ids that sort first, so every real location's index moves past 128. KPI results, which list
 * every location, are left out of the comparison.
 */
class WideNetworkTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldDecideTheSameWhenLocationsSitBeyondTheFirstBitsetWords() throws Exception
    {
        for (long seed = 40; seed < 70; seed++)
        {
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, tmp.resolve("net-" + seed),
                RandomNetworks.Config.CHECKOUT);
            final Path wide = tmp.resolve("wide-" + seed);
            Files.createDirectories(wide);
            try (var files = Files.list(spec.dir()))
            {
                for (final Path f : files.toList())
                {
                    Files.copy(f, wide.resolve(f.getFileName()));
                }
            }
            final StringBuilder padded = new StringBuilder(Files.readString(spec.dir().resolve("locations.csv")));
            for (int i = 0; i < 130; i++)
            {
                padded.append(String.format("000-PAD-%03d,STORE,0.0,0.0,0,-1,SAME_DAY,0%n", i));
            }
            Files.writeString(wide.resolve("locations.csv"), padded);

            final Simulator narrow = new Simulator(new Engine(NetworkLoader.load(spec.dir())));
            final Network wideNetwork = NetworkLoader.load(wide);
            assertEquals(130, wideNetwork.locationIndex(spec.locationIds().get(0)) -
                NetworkLoader.load(spec.dir()).locationIndex(spec.locationIds().get(0)));
            final Simulator padded2 = new Simulator(new Engine(wideNetwork));
            final ReferenceRouter ref = ReferenceRouter.load(spec.dir());
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL);
            for (int i = 0; i < 150; i++)
            {
                final String command = stream.next(ref);
                ref.apply(command);
                final String expected = narrow.apply(command);
                final String actual = padded2.apply(command);
                if (!command.contains("\"kpi\""))
                {
                    // (a KPI result lists every location, the padding too)
                    assertEquals(expected, actual, "seed " + seed + ", command " + command);
                }
            }
        }
    }
}
