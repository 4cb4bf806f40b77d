package io.omniroute.bench.gateway;

import io.omniroute.bench.TinyNetwork;
import io.omniroute.engine.Network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny network and a short day for the load generator's tests: orders of one unit from well-stocked locations, and
 * a receipt, so every frame encodes as a structured SBE command.
 */
final class GatewayTestData
{
    final Path networkDir;
    final Network network;
    final List<String> lines = new ArrayList<>();

    GatewayTestData(final Path dir) throws Exception
    {
        networkDir = dir.resolve("network");
        network = TinyNetwork.write(networkDir, "S1,DC-A,100000000", "S2,DC-B,100000000", "S1,ST-C,100000000");
        for (int i = 0; i < 20; i++)
        {
            lines.add("{\"type\":\"order\",\"order_id\":\"o-" + i + "\",\"channel\":\"web\",\"zip\":\"" +
                (i % 2 == 0 ? "10001" : "90001") + "\",\"service\":\"STANDARD\",\"ship_complete\":false," +
                "\"lines\":[{\"sku\":\"S" + (1 + i % 2) + "\",\"qty\":1}]}");
        }
        lines.add("{\"type\":\"receive\",\"sku\":\"S1\",\"location_id\":\"DC-A\",\"qty\":5}");
    }
}
