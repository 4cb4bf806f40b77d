package io.omniroute.gateway.cli;

import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkException;
import io.omniroute.engine.NetworkLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --network DIR} option of the commands that route over a network folder ({@code @Mixin}), and loading a
 * network folder with a mistake in it reported as a {@link UserError}.
 */
final class NetworkOption
{
    @Option(names = "--network", required = true, paramLabel = "DIR", description = "network folder (SPEC §4)")
    Path network;

    /**
     * Loads the folder given with {@code --network}.
     */
    Network load() throws UserError
    {
        return load(network);
    }

    /**
     * Loads a network folder.
     */
    static Network load(final Path dir) throws UserError
    {
        try
        {
            final Network network = NetworkLoader.load(dir);
            for (final String warning : network.loadWarnings())
            {
                System.err.println("omniroute: network: warning: " + warning);
            }
            return network;
        }
        catch (final NetworkException ex)
        {
            throw new UserError("network: " + ex.getMessage());
        }
    }
}
