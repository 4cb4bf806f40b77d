package io.omniroute.journal;

import io.omniroute.engine.CommandType;
import io.omniroute.engine.Network;
import io.omniroute.engine.Service;

/**
 * The names a command stream repeats, taken from the network once: SKUs, channel listings, channels, locations,
 * ZIPs, services and command types. Pinned into a decoder's {@link StringCache}, a known name never misses, never
 * allocates, and comes back as the network's own instance, which the engine's lookups hash and compare at once.
 */
public final class NetworkNames
{
    private NetworkNames()
    {
    }

    /**
     * @return how many names were pinned.
     */
    public static int pin(final StringCache cache, final Network network)
    {
        int pinned = 0;
        for (final Service s : Service.values())
        {
            pinned += cache.pin(s.name()) ? 1 : 0;
        }
        for (final CommandType t : CommandType.values())
        {
            if (t.jsonName() != null)
            {
                pinned += cache.pin(t.jsonName()) ? 1 : 0;
            }
        }
        for (int c = 0; c < network.channelCount(); c++)
        {
            pinned += cache.pin(network.channel(c)) ? 1 : 0;
            for (int k = 0; k < network.skuCount(); k++)
            {
                for (int i = 0, n = network.channelListingCount(c, k); i < n; i++)
                {
                    pinned += cache.pin(network.channelListing(c, k, i)) ? 1 : 0;
                }
            }
        }
        for (int k = 0; k < network.skuCount(); k++)
        {
            pinned += cache.pin(network.sku(k)) ? 1 : 0;
        }
        for (int l = 0; l < network.locationCount(); l++)
        {
            pinned += cache.pin(network.locationId(l)) ? 1 : 0;
        }
        for (int z = 0; z < network.zipCount(); z++)
        {
            pinned += cache.pin(network.zip(z)) ? 1 : 0;
        }
        return pinned;
    }
}
