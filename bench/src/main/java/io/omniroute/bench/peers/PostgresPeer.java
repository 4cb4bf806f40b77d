package io.omniroute.bench.peers;

import io.omniroute.bench.flash.FlashSaleWorkload;
import io.omniroute.bench.flash.OversellAudit;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * PostgreSQL with the row-locking allocation order-management systems run: per order one transaction that, line by
 * line in SKU order, locks the SKU's stock rows ({@code SELECT … FOR UPDATE}), picks the nearest location with
 * enough available, reserves there ({@code UPDATE stock}, {@code INSERT INTO reservation}) and commits — or rolls
 * back when a line has no stock. Locks are taken in (SKU, location) order, so transactions never deadlock; a
 * serialization failure or deadlock would be retried. Clients talk to it with pgjdbc, server-prepared statements.
 */
public final class PostgresPeer implements PeerStore
{
    private final String url;
    private final Properties props = new Properties();
    private FlashSaleWorkload workload;
    private String version = "?";
    private String settings = "";

    public PostgresPeer(final String host, final int port, final String database, final String user)
    {
        this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        props.setProperty("user", user);
        props.setProperty("prepareThreshold", "1");
        props.setProperty("tcpKeepAlive", "false");
    }

    @Override
    public String name()
    {
        return "PostgreSQL (SELECT … FOR UPDATE)";
    }

    @Override
    public String describe()
    {
        return "PostgreSQL " + version + " (" + settings + "), one transaction per order: lock the SKU's stock rows, " +
            "reserve at the nearest location with enough, insert the reservation, commit; via pgjdbc";
    }

    Connection connect() throws SQLException
    {
        return DriverManager.getConnection(url, props);
    }

    @Override
    public void load(final FlashSaleWorkload w) throws Exception
    {
        this.workload = w;
        try (Connection c = connect(); Statement st = c.createStatement())
        {
            try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), " +
                "current_setting('synchronous_commit'), current_setting('fsync'), current_setting('shared_buffers')"))
            {
                rs.next();
                version = rs.getString(1);
                settings = "synchronous_commit=" + rs.getString(2) + ", fsync=" + rs.getString(3) +
                    ", shared_buffers=" + rs.getString(4);
            }
            st.execute("DROP TABLE IF EXISTS reservation");
            st.execute("DROP TABLE IF EXISTS stock");
            st.execute("CREATE TABLE stock (sku int NOT NULL, location_id int NOT NULL, on_hand bigint NOT NULL, " +
                "reserved bigint NOT NULL DEFAULT 0, safety_stock bigint NOT NULL DEFAULT 0, " +
                "PRIMARY KEY (sku, location_id), CHECK (reserved >= 0))");
            st.execute("CREATE TABLE reservation (id bigserial PRIMARY KEY, order_id text NOT NULL, sku int NOT NULL, " +
                "location_id int NOT NULL, qty bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            final StringBuilder rows = new StringBuilder();
            final int locs = w.network.locationCount();
            for (int s = 0; s < w.network.skuCount(); s++)
            {
                for (int l = 0; l < locs; l++)
                {
                    if (w.stock(s, l) > 0)
                    {
                        rows.append(s).append(',').append(l).append(',').append(w.stock(s, l)).append('\n');
                    }
                }
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY stock (sku, location_id, on_hand) FROM STDIN WITH (FORMAT csv)", new StringReader(rows.toString()));
            st.execute("VACUUM ANALYZE stock");
        }
    }

    @Override
    public StockAllocator newClient() throws SQLException
    {
        return new Client(connect(), workload);
    }

    @Override
    public OversellAudit recordedAllocations() throws SQLException
    {
        final OversellAudit audit = new OversellAudit(workload.network.skuCount(), workload.network.locationCount());
        try (Connection c = connect(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT sku, location_id, sum(qty) FROM reservation GROUP BY 1, 2"))
        {
            while (rs.next())
            {
                audit.add(rs.getInt(1), rs.getInt(2), rs.getLong(3));
            }
        }
        return audit;
    }

    @Override
    public List<String> inconsistentPositions() throws SQLException
    {
        final List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT s.sku, s.location_id, s.on_hand, s.reserved, " +
                "coalesce(r.qty, 0) FROM stock s LEFT JOIN (SELECT sku, location_id, sum(qty) AS qty FROM reservation " +
                "GROUP BY 1, 2) r USING (sku, location_id) " +
                "WHERE s.reserved > s.on_hand - s.safety_stock OR s.reserved <> coalesce(r.qty, 0)"))
        {
            while (rs.next())
            {
                out.add(workload.network.sku(rs.getInt(1)) + "@" + workload.network.locationId(rs.getInt(2)) +
                    ": on_hand " + rs.getLong(3) + ", reserved " + rs.getLong(4) + ", reservations " + rs.getLong(5));
            }
        }
        return out;
    }

    @Override
    public void close()
    {
    }

    /** One client: its own connection and prepared statements. */
    static final class Client implements StockAllocator
    {
        private final Connection c;
        private final FlashSaleWorkload w;
        private final PreparedStatement lock;
        private final PreparedStatement reserve;
        private final PreparedStatement insert;
        private final long[] available;

        Client(final Connection c, final FlashSaleWorkload w) throws SQLException
        {
            this.c = c;
            this.w = w;
            c.setAutoCommit(false);
            lock = c.prepareStatement("SELECT location_id, on_hand - reserved - safety_stock FROM stock " +
                "WHERE sku = ? ORDER BY location_id FOR UPDATE");
            reserve = c.prepareStatement("UPDATE stock SET reserved = reserved + ? WHERE sku = ? AND location_id = ?");
            insert = c.prepareStatement("INSERT INTO reservation (order_id, sku, location_id, qty) VALUES (?, ?, ?, ?)");
            available = new long[w.network.locationCount()];
        }

        @Override
        public boolean allocate(final int k, final int[] locations) throws SQLException
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return tryAllocate(k, locations);
                }
                catch (final SQLException ex)
                {
                    c.rollback();
                    final String state = ex.getSQLState();
                    if (attempt >= 10 || !("40001".equals(state) || "40P01".equals(state)))
                    {
                        throw ex;
                    }
                }
            }
        }

        private boolean tryAllocate(final int k, final int[] locations) throws SQLException
        {
            final int from = w.lineStart[k];
            final int n = w.lineCount(k);
            final int[] near = w.nearest(w.orderZip[k]);
            for (int i = 0; i < n; i++)
            {
                final int sku = w.lineSku[from + i];
                final int qty = w.lineQty[from + i];
                java.util.Arrays.fill(available, Long.MIN_VALUE);
                lock.setInt(1, sku);
                try (ResultSet rs = lock.executeQuery())
                {
                    while (rs.next())
                    {
                        available[rs.getInt(1)] = rs.getLong(2);
                    }
                }
                int pick = -1;
                for (int j = 0; j < near.length && pick < 0; j++)
                {
                    pick = available[near[j]] >= qty ? near[j] : -1;
                }
                if (pick < 0)
                {
                    c.rollback();
                    return false;
                }
                reserve.setLong(1, qty);
                reserve.setInt(2, sku);
                reserve.setInt(3, pick);
                reserve.executeUpdate();
                insert.setString(1, w.orderIds[k]);
                insert.setInt(2, sku);
                insert.setInt(3, pick);
                insert.setLong(4, qty);
                insert.executeUpdate();
                locations[i] = pick;
            }
            c.commit();
            return true;
        }

        @Override
        public void close()
        {
            try
            {
                c.close();
            }
            catch (final SQLException ignore)
            {
                // closing at the end of a run: nothing left to lose
            }
        }
    }
}
