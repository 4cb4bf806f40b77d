package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Router;
import io.omniroute.engine.Service;
import io.omniroute.engine.StockStore;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.gateway.demo.DemoGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo network and order stream, generated once per benchmark fork, with orders pre-resolved for the router.
 */
public final class DemoFixture
{
    public final Path dir;
    public final Network network;
    public final byte[] commands;
    public final List<int[]> skus = new ArrayList<>();
    public final List<long[]> qtys = new ArrayList<>();
    public final List<Integer> zips = new ArrayList<>();
    public final List<Integer> channels = new ArrayList<>();
    public final List<Service> services = new ArrayList<>();

    public DemoFixture(final int orders) throws Exception
    {
        dir = Files.createTempDirectory("omniroute-bench");
        new DemoGenerator(42, orders, 300).writeTo(dir);
        network = NetworkLoader.load(dir.resolve("network"));
        commands = Files.readAllBytes(dir.resolve("commands.jsonl"));
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        final Command c = new Command();
        for (final String line : new String(commands, StandardCharsets.UTF_8).split("\n"))
        {
            decoder.decode(line, c);
            if (c.type != CommandType.ORDER || c.invalidMessage != null)
            {
                continue;
            }
            final int channel = network.channelIndex(c.channel);
            final int zip = network.zipIndex(c.zip);
            final int[] s = new int[c.lineCount];
            final long[] q = new long[c.lineCount];
            int n = 0;
            for (int i = 0; i < c.lineCount; i++)
            {
                final int sku = network.resolveSku(channel, c.lineSku[i]);
                if (sku >= 0 && Arrays.stream(s, 0, n).noneMatch(x -> x == sku))
                {
                    s[n] = sku;
                    q[n++] = c.lineQty[i];
                }
            }
            if (zip < 0 || n == 0)
            {
                continue;
            }
            sortBySku(s, q, n);
            skus.add(Arrays.copyOf(s, n));
            qtys.add(Arrays.copyOf(q, n));
            zips.add(zip);
            channels.add(channel);
            services.add(Service.parse(c.serviceName));
        }
    }

    /**
     * The routing decision alone (no reservation, so the state stays the same), as the routing benchmarks time it.
     */
    static boolean route(final Router router, final Decision decision, final int channel, final Service service,
        final int[] skus, final long[] qtys, final int zip)
    {
        decision.clearShipments();
        router.order(channel, service, false, -1, skus.length, skus, qtys);
        router.destinationZip(zip);
        return router.route(decision);
    }

    /**
     * The routing benchmarks' baseline: the first location that stocks every line (no zones, rates or costs).
     */
    static int firstStockedLocation(final StockStore stock, final int locations, final int[] skus, final long[] qtys)
    {
        for (int l = 0; l < locations; l++)
        {
            boolean all = true;
            for (int j = 0; j < skus.length && all; j++)
            {
                all = stock.atp(skus[j], l) >= qtys[j];
            }
            if (all)
            {
                return l;
            }
        }
        return -1;
    }

    static void sortBySku(final int[] s, final long[] q, final int n)
    {
        for (int i = 1; i < n; i++)
        {
            for (int j = i; j > 0 && s[j - 1] > s[j]; j--)
            {
                final int ts = s[j];
                s[j] = s[j - 1];
                s[j - 1] = ts;
                final long tq = q[j];
                q[j] = q[j - 1];
                q[j - 1] = tq;
            }
        }
    }

    /**
     * Synthetic 8-line STANDARD orders over SKUs the network stocks, from population-weighted demo ZIPs.
     */
    public void addEightLineOrders(final int count, final long seed)
    {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final int base = skus.size();
        for (int k = 0; k < count; k++)
        {
            final int[] s = new int[8];
            final long[] q = new long[8];
            int n = 0;
            while (n < 8)
            {
                final int sku = rnd.nextInt(network.skuCount());
                boolean dup = false;
                for (int i = 0; i < n; i++)
                {
                    dup |= s[i] == sku;
                }
                if (!dup)
                {
                    s[n] = sku;
                    q[n++] = 1;
                }
            }
            sortBySku(s, q, 8);
            skus.add(s);
            qtys.add(q);
            zips.add(zips.get(rnd.nextInt(base)));
            channels.add(Network.MISSING);
            services.add(Service.STANDARD);
        }
    }

    public void deleteFiles() throws IOException
    {
        try (var walk = Files.walk(dir))
        {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
