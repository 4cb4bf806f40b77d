package io.omniroute.bench;

import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A three-location network small enough to work examples by hand: DC-A in Manhattan's south, DC-B in Los Angeles,
 * store ST-C at ZIP 10001's centroid. One carrier, STANDARD price 500 + 100 × (zone − 1) cents up to 10 kg,
 * handling 200 (DCs) and 500 (store), split penalty 250. ZIP 10001 is zone 1 from DC-A and ST-C, zone 8 from DC-B.
 */
public final class TinyNetwork
{
    private TinyNetwork()
    {
    }

    /**
     * @param stockRows "sku,location,on_hand" rows (safety stock 0).
     */
    public static Network write(final Path dir, final String... stockRows) throws Exception
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("locations.csv"),
            "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n" +
            "DC-A,DC,40.70,-74.00,200,-1,STANDARD,0\n" +
            "DC-B,DC,34.05,-118.25,200,-1,STANDARD,0\n" +
            "ST-C,STORE,40.75,-73.99,500,-1,STANDARD|SAME_DAY,50\n");
        Files.writeString(dir.resolve("skus.csv"), "sku,weight_g,lead_time_days\nS1,500,7\nS2,500,7\n");
        final StringBuilder rates = new StringBuilder("carrier,service,zone,max_weight_g,price_cents,transit_days\n");
        for (int z = 1; z <= 8; z++)
        {
            rates.append("UPS,STANDARD,").append(z).append(",10000,").append(500 + 100 * (z - 1)).append(',')
                .append(Math.min(5, z)).append('\n');
        }
        Files.writeString(dir.resolve("rates.csv"), rates.toString());
        Files.writeString(dir.resolve("zips.csv"), "zip,lat,lon\n10001,40.75,-73.99\n90001,33.97,-118.25\n");
        final StringBuilder stock = new StringBuilder("sku,location_id,on_hand,safety_stock\n");
        for (final String row : stockRows)
        {
            stock.append(row).append(",0\n");
        }
        Files.writeString(dir.resolve("stock.csv"), stock.toString());
        Files.writeString(dir.resolve("policy.properties"), "split_penalty_cents=250\n");
        return NetworkLoader.load(dir);
    }
}
