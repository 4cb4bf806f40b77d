package io.omniroute.engine;

import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SPEC's bounds are inclusive: a store whose same-day radius is the distance to the destination, to the last bit, may
 * ship it. The radius here is the haversine distance computed with correctly rounded sin, cos and asin (Python,
 * glibc): 3041.6516399756824 km; fdlibm's distance is one ulp more (3041.651639975683), which refused the order as
 * NO_SERVICE before distances near a bound were computed exactly (tools/oracle/cases/radius-equals-distance).
 */
class InclusiveBoundsTest
{
    @TempDir
    Path dir;

    private String route(final String radius) throws Exception
    {
        final Path net = dir.resolve("net-" + radius);
        Files.createDirectories(net);
        Files.writeString(net.resolve("locations.csv"), "location_id,type,lat,lon,handling_cost_cents,daily_capacity," +
            "services,same_day_radius_km\nL2,STORE,10.64491,-110.47859,300,5,SAME_DAY," + radius + "\n");
        Files.writeString(net.resolve("rates.csv"),
            "carrier,service,zone,max_weight_g,price_cents,transit_days\nUPS,SAME_DAY,8,1000,1000,0\n");
        Files.writeString(net.resolve("skus.csv"), "sku,weight_g,lead_time_days\nS1,100,3\n");
        Files.writeString(net.resolve("stock.csv"), "sku,location_id,on_hand,safety_stock\nS1,L2,5,0\n");
        Files.writeString(net.resolve("zips.csv"), "zip,lat,lon\n34343,37.369495,-103.995\n");
        return new Simulator(new Engine(NetworkLoader.load(net))).apply("{\"type\":\"order\",\"order_id\":\"o-1\"," +
            "\"channel\":\"web\",\"zip\":\"34343\",\"service\":\"SAME_DAY\",\"lines\":[{\"sku\":\"S1\",\"qty\":1}]}");
    }

    @Test
    void shouldShipSameDayWhenTheRadiusIsExactlyTheDistance() throws Exception
    {
        assertEquals("{\"seq\":1,\"type\":\"order\",\"order_id\":\"o-1\",\"status\":\"ALLOCATED\"," +
            "\"total_cost_cents\":1300,\"shipments\":[{\"location_id\":\"L2\",\"carrier\":\"UPS\",\"service\":" +
            "\"SAME_DAY\",\"zone\":8,\"transit_days\":0,\"cost_cents\":1300,\"lines\":[{\"sku\":\"S1\",\"qty\":1}]}]}",
            route("3041.6516399756824"));
    }

    @Test
    void shouldNotShipSameDayWhenTheRadiusIsOneUlpShort() throws Exception
    {
        assertEquals("{\"seq\":1,\"type\":\"order\",\"order_id\":\"o-1\",\"status\":\"REJECTED\"," +
            "\"reason\":\"NO_SERVICE\"}", route(Double.toString(Math.nextDown(3041.6516399756824))));
    }
}
