package io.omniroute.engine;

import io.omniroute.engine.sim.Simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small hand-made network folders for tests. Every file starts from a sensible default that the test
 * overrides.
 */
final class NetworkFixture
{
    String locations = "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services,same_day_radius_km\n" +
        "A,DC,40.0,-75.0,100,-1,STANDARD|EXPEDITED,0\n" +
        "B,STORE,40.0,-80.0,100,-1,STANDARD|EXPEDITED|SAME_DAY,50\n";
    String skus = "sku,weight_g,lead_time_days\nS1,500,5\nS2,500,5\nS3,500,5\n";
    String rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\n" + allZones("UPS", "STANDARD", 1000) +
        allZones("UPS", "EXPEDITED", 2000) + "UPS,SAME_DAY,1,50000,3000,0\n";
    String stock = "sku,location_id,on_hand,safety_stock\nS1,A,10,0\nS2,A,10,0\nS3,A,10,0\nS1,B,10,0\nS2,B,10,0\n";
    String zips = "zip,lat,lon\nZA,40.0,-75.0\nZB,40.0,-80.0\nZMID,40.0,-77.5\n";
    String channelSkus;
    String channelLocations;
    String policy;

    static String allZones(final String carrier, final String service, final int basePrice)
    {
        final StringBuilder sb = new StringBuilder();
        for (int z = 1; z <= 8; z++)
        {
            sb.append(carrier).append(',').append(service).append(',').append(z).append(",50000,")
                .append(basePrice + 100 * z).append(',').append(z).append('\n');
        }
        return sb.toString();
    }

    Path write(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("locations.csv"), locations);
            Files.writeString(dir.resolve("skus.csv"), skus);
            Files.writeString(dir.resolve("rates.csv"), rates);
            Files.writeString(dir.resolve("stock.csv"), stock);
            Files.writeString(dir.resolve("zips.csv"), zips);
            if (channelSkus != null)
            {
                Files.writeString(dir.resolve("channel_skus.csv"), channelSkus);
            }
            if (channelLocations != null)
            {
                Files.writeString(dir.resolve("channel_locations.csv"), channelLocations);
            }
            if (policy != null)
            {
                Files.writeString(dir.resolve("policy.properties"), policy);
            }
            return dir;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    Simulator simulator(final Path dir)
    {
        try
        {
            return new Simulator(new Engine(NetworkLoader.load(write(dir))));
        }
        catch (final NetworkException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static String order(final String id, final String zip, final String service, final String lines)
    {
        return "{\"type\":\"order\",\"order_id\":\"" + id + "\",\"channel\":\"web\",\"zip\":\"" + zip +
            "\",\"service\":\"" + service + "\",\"ship_complete\":false,\"lines\":[" + lines + "]}";
    }

    static String line(final String sku, final int qty)
    {
        return "{\"sku\":\"" + sku + "\",\"qty\":" + qty + "}";
    }
}
