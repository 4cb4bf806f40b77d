package io.omniroute.journal;

import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkException;
import io.omniroute.engine.NetworkLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small example network (7 locations, 6 SKUs, marketplace listings, capacities of 2 and 8) copied out of the
 * test resources into a folder, as the journal and the pipeline need a folder to fingerprint.
 */
public final class TestNetwork
{
    public static final String[] FILES = { "locations.csv", "skus.csv", "rates.csv", "stock.csv", "zips.csv",
        "channel_skus.csv", "channel_locations.csv", "policy.properties" };

    public final Path dir;
    public final Network network;
    public final long fingerprint;

    private TestNetwork(final Path dir)
    {
        this.dir = dir;
        try
        {
            this.network = NetworkLoader.load(dir);
        }
        catch (final NetworkException ex)
        {
            throw new IllegalStateException(ex);
        }
        this.fingerprint = NetworkFingerprint.of(dir);
    }

    /**
     * Copies the network into {@code dir} (created) and loads it.
     */
    public static TestNetwork writeTo(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
            for (final String f : FILES)
            {
                try (InputStream in = TestNetwork.class.getResourceAsStream("network/" + f))
                {
                    Files.copy(in, dir.resolve(f));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new TestNetwork(dir);
    }

    /**
     * Loads a network folder written earlier by {@link #writeTo}.
     */
    public static TestNetwork load(final Path dir)
    {
        return new TestNetwork(dir);
    }

    public Journal.Context journalContext(final Path journalDir)
    {
        return new Journal.Context()
            .dir(journalDir)
            .network(fingerprint, network.skuCount(), network.locationCount(), dir.toString());
    }
}
