package io.omniroute.bench.peers;

import io.omniroute.bench.flash.FlashSaleWorkload;
import io.omniroute.bench.flash.OversellAudit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redis with the flash-sale stock deduction people run on it: one Lua script per order checks every line's stock at
 * the locations in the caller's order (nearest first) and, only when every line has a location, decrements them and
 * records the allocation — atomic because Redis runs a script alone. Stock lives in one hash per SKU
 * ({@code s:<sku>}: location index → units), allocations in {@code a:<sku>}. Clients talk to it with Jedis.
 */
public final class RedisPeer implements PeerStore
{
    /** KEYS: n stock hashes, then n allocation hashes. ARGV: n, n quantities, then location indices by preference. */
    static final String SCRIPT = String.join("\n",
        "local n = tonumber(ARGV[1])",
        "local first = n + 2",
        "local picks = {}",
        "for i = 1, n do",
        "  local qty = tonumber(ARGV[1 + i])",
        "  local units = redis.call('HMGET', KEYS[i], unpack(ARGV, first, #ARGV))",
        "  local pick = false",
        "  for j = 1, #units do",
        "    local u = tonumber(units[j])",
        "    if u and u >= qty then pick = ARGV[first + j - 1]; break end",
        "  end",
        "  if not pick then return {} end",
        "  picks[i] = pick",
        "end",
        "for i = 1, n do",
        "  redis.call('HINCRBY', KEYS[i], picks[i], -tonumber(ARGV[1 + i]))",
        "  redis.call('HINCRBY', KEYS[n + i], picks[i], tonumber(ARGV[1 + i]))",
        "end",
        "return picks");

    private final String host;
    private final int port;
    private FlashSaleWorkload workload;
    private String sha;
    private String version = "?";

    public RedisPeer(final String host, final int port)
    {
        this.host = host;
        this.port = port;
    }

    @Override
    public String name()
    {
        return "Redis + Lua";
    }

    @Override
    public String describe()
    {
        return "Redis " + version + " on " + host + ":" + port + " (persistence off: save \"\", appendonly no), " +
            "Lua check-and-decrement per line, nearest location first, via Jedis";
    }

    @Override
    public void load(final FlashSaleWorkload w)
    {
        this.workload = w;
        try (Jedis j = new Jedis(host, port))
        {
            final String info = j.info("server");
            for (final String line : info.split("\r?\n"))
            {
                if (line.startsWith("redis_version:"))
                {
                    version = line.substring("redis_version:".length()).trim();
                }
            }
            j.flushAll();
            final Pipeline p = j.pipelined();
            final int locs = w.network.locationCount();
            for (int s = 0; s < w.network.skuCount(); s++)
            {
                for (int l = 0; l < locs; l++)
                {
                    if (w.stock(s, l) > 0)
                    {
                        p.hset(stockKey(w, s), Integer.toString(l), Long.toString(w.stock(s, l)));
                    }
                }
            }
            p.sync();
            sha = j.scriptLoad(SCRIPT);
        }
    }

    static String stockKey(final FlashSaleWorkload w, final int sku)
    {
        return "s:" + w.network.sku(sku);
    }

    static String allocKey(final FlashSaleWorkload w, final int sku)
    {
        return "a:" + w.network.sku(sku);
    }

    @Override
    public StockAllocator newClient()
    {
        return new Client(new Jedis(host, port), workload, sha);
    }

    @Override
    public OversellAudit recordedAllocations()
    {
        final OversellAudit audit = new OversellAudit(workload.network.skuCount(), workload.network.locationCount());
        try (Jedis j = new Jedis(host, port))
        {
            for (int s = 0; s < workload.network.skuCount(); s++)
            {
                for (final Map.Entry<String, String> e : j.hgetAll(allocKey(workload, s)).entrySet())
                {
                    audit.add(s, Integer.parseInt(e.getKey()), Long.parseLong(e.getValue()));
                }
            }
        }
        return audit;
    }

    @Override
    public List<String> inconsistentPositions()
    {
        final List<String> out = new ArrayList<>();
        final OversellAudit allocated = recordedAllocations();
        try (Jedis j = new Jedis(host, port))
        {
            for (int s = 0; s < workload.network.skuCount(); s++)
            {
                final Map<String, String> left = j.hgetAll(stockKey(workload, s));
                for (int l = 0; l < workload.network.locationCount(); l++)
                {
                    final String v = left.get(Integer.toString(l));
                    final long remaining = v == null ? 0 : Long.parseLong(v);
                    if (remaining < 0 || remaining != workload.stock(s, l) - allocated.allocated(s, l))
                    {
                        out.add(workload.network.sku(s) + "@" + workload.network.locationId(l) + ": remaining " +
                            remaining + ", opening " + workload.stock(s, l) + ", allocated " + allocated.allocated(s, l));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close()
    {
    }

    /** One client: its own connection; argument lists built once per call from pre-made strings. */
    static final class Client implements StockAllocator
    {
        private final Jedis jedis;
        private final FlashSaleWorkload w;
        private final String sha;
        private final String[] locationNames;
        private final String[] stockKeys;
        private final String[] allocKeys;
        private final List<String> keys = new ArrayList<>();
        private final List<String> args = new ArrayList<>();

        Client(final Jedis jedis, final FlashSaleWorkload w, final String sha)
        {
            this.jedis = jedis;
            this.w = w;
            this.sha = sha;
            locationNames = new String[w.network.locationCount()];
            for (int l = 0; l < locationNames.length; l++)
            {
                locationNames[l] = Integer.toString(l);
            }
            stockKeys = new String[w.network.skuCount()];
            allocKeys = new String[w.network.skuCount()];
            for (int s = 0; s < stockKeys.length; s++)
            {
                stockKeys[s] = stockKey(w, s);
                allocKeys[s] = allocKey(w, s);
            }
        }

        @Override
        public boolean allocate(final int k, final int[] locations)
        {
            final int from = w.lineStart[k];
            final int n = w.lineCount(k);
            keys.clear();
            args.clear();
            args.add(Integer.toString(n));
            for (int i = 0; i < n; i++)
            {
                keys.add(stockKeys[w.lineSku[from + i]]);
                args.add(Integer.toString(w.lineQty[from + i]));
            }
            for (int i = 0; i < n; i++)
            {
                keys.add(allocKeys[w.lineSku[from + i]]);
            }
            for (final int l : w.nearest(w.orderZip[k]))
            {
                args.add(locationNames[l]);
            }
            final Object reply = jedis.evalsha(sha, keys, args);
            final List<?> picks = (List<?>)reply;
            if (picks.isEmpty())
            {
                return false;
            }
            for (int i = 0; i < n; i++)
            {
                final Object p = picks.get(i);
                locations[i] = Integer.parseInt(p instanceof byte[] ? new String((byte[])p) : p.toString());
            }
            return true;
        }

        @Override
        public void close()
        {
            jedis.close();
        }
    }
}
