package io.omniroute.bench.quality;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkException;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.Service;
import io.omniroute.engine.json.CommandJsonDecoder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The routing-quality workload: the first business day of a demo stream (everything before the first
 * {@code new_day}), orders only. Cancels and replenishment receipts are left out so that every policy, and the
 * hindsight bound, faces the same stock: the day's opening stock and capacity, consumed only by the day's orders.
 */
public final class PeakDay
{
    public final Network network;
    public final List<DayOrder> orders;
    /** Orders the engine would reject before routing (unknown SKU or ZIP, invalid); counted, not routed. */
    public final int unroutable;

    private PeakDay(final Network network, final List<DayOrder> orders, final int unroutable)
    {
        this.network = network;
        this.orders = Collections.unmodifiableList(orders);
        this.unroutable = unroutable;
    }

    /**
     * @param demoDir a folder with {@code network/} and {@code commands.jsonl} as the demo generator writes them.
     * @param maxOrders at most this many orders of the day (the rest of the day is dropped), or 0 for all.
     */
    public static PeakDay load(final Path demoDir, final int maxOrders) throws IOException, NetworkException
    {
        final Network network = NetworkLoader.load(demoDir.resolve("network"));
        final List<DayOrder> orders = new ArrayList<>();
        int unroutable = 0;
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        final Command c = new Command();
        try (BufferedReader in = Files.newBufferedReader(demoDir.resolve("commands.jsonl"), StandardCharsets.UTF_8))
        {
            String line;
            while ((line = in.readLine()) != null && (maxOrders <= 0 || orders.size() < maxOrders))
            {
                if (line.isBlank())
                {
                    continue;
                }
                decoder.decode(line, c.reset());
                if (c.type == CommandType.NEW_DAY)
                {
                    break;
                }
                if (c.type != CommandType.ORDER)
                {
                    continue;
                }
                final DayOrder o = resolve(network, orders.size(), line, c);
                if (o == null)
                {
                    unroutable++;
                }
                else
                {
                    orders.add(o);
                }
            }
        }
        return new PeakDay(network, orders, unroutable);
    }

    static DayOrder resolve(final Network network, final int index, final String json, final Command c)
    {
        final Service service = Service.parse(c.serviceName);
        final int zip = network.zipIndex(c.zip);
        if (c.invalidMessage != null || service == null || zip == Network.MISSING || c.holdId != null)
        {
            return null;
        }
        final int channel = network.channelIndex(c.channel);
        final int[] s = new int[c.lineCount];
        final long[] q = new long[c.lineCount];
        int n = 0;
        for (int i = 0; i < c.lineCount; i++)
        {
            final int sku = network.resolveSku(channel, c.lineSku[i]);
            if (sku == Network.MISSING)
            {
                return null;
            }
            int at = -1;
            for (int k = 0; k < n; k++)
            {
                at = s[k] == sku ? k : at;
            }
            if (at >= 0)
            {
                q[at] += c.lineQty[i];
            }
            else
            {
                s[n] = sku;
                q[n++] = c.lineQty[i];
            }
        }
        if (n == 0 || n > 8)
        {
            return null;
        }
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
        final int maxTransit = c.maxTransitDays == Command.ABSENT ? -1 : (int)c.maxTransitDays;
        return new DayOrder(index, json, channel, service, c.shipComplete, maxTransit, zip,
            java.util.Arrays.copyOf(s, n), java.util.Arrays.copyOf(q, n));
    }
}
