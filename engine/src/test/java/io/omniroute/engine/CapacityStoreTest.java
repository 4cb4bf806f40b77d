package io.omniroute.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The used-up bitset the router reads to tell whether capacity left any location out: it follows every change of the
 * counts (a shipment planned, one given back, a new day) and is made again from counts read into the buffer, as a
 * snapshot's are.
 */
class CapacityStoreTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldKeepTheUsedUpBitsetEqualToTheCounts() throws Exception
    {
        final NetworkFixture fixture = new NetworkFixture();
        // A unlimited, B 2 a day, C none at all
        fixture.locations = "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services," +
            "same_day_radius_km\nA,DC,40.0,-75.0,100,-1,STANDARD,0\nB,DC,40.0,-80.0,100,2,STANDARD,0\n" +
            "C,DC,41.0,-80.0,100,0,STANDARD,0\n";
        fixture.stock = "sku,location_id,on_hand,safety_stock\nS1,A,10,0\n";
        final Network network = NetworkLoader.load(fixture.write(tmp));
        final CapacityStore capacity = new CapacityStore(network);
        final int b = 1;
        final int c = 2;
        assertEquals(1L << c, capacity.fullWord(0), "a location of no capacity is used up from the start");
        capacity.use(0);
        capacity.use(b);
        assertEquals(1L << c, capacity.fullWord(0));
        capacity.use(b);
        assertEquals(1L << b | 1L << c, capacity.fullWord(0), "B used up at its second shipment");
        capacity.release(b);
        assertEquals(1L << c, capacity.fullWord(0), "B has capacity again once one is given back");
        capacity.use(b);
        capacity.use(b); // past its capacity (a re-route may plan over it): still used up
        capacity.release(b);
        assertEquals(1L << b | 1L << c, capacity.fullWord(0));
        capacity.newDay();
        assertEquals(1L << c, capacity.fullWord(0), "a new day");

        capacity.buffer().putInt(b * 4, 2); // counts as a snapshot restores them, then the bitset made from them
        capacity.rebuildDerived();
        assertEquals(1L << b | 1L << c, capacity.fullWord(0));
        for (int l = 0; l < network.locationCount(); l++)
        {
            assertEquals(!capacity.hasCapacity(l), (capacity.fullWord(0) & 1L << l) != 0, "location " + l);
        }
    }

    @Test
    void shouldMakeTheBitsetAgainWhenASnapshotIsRead() throws Exception
    {
        final NetworkFixture fixture = new NetworkFixture();
        fixture.locations = "location_id,type,lat,lon,handling_cost_cents,daily_capacity,services," +
            "same_day_radius_km\nA,DC,40.0,-75.0,100,1,STANDARD,0\nB,DC,40.0,-80.0,100,-1,STANDARD,0\n";
        final Network network = NetworkLoader.load(fixture.write(tmp));
        final Engine engine = new Engine(network);
        engine.capacity.use(0);
        assertEquals(1L, engine.capacity.fullWord(0));
        final Engine restored = EngineSnapshot.read(network,
            new java.io.ByteArrayInputStream(EngineSnapshot.toBytes(engine)));
        assertEquals(1L, restored.capacity.fullWord(0), "A's capacity used up, as the snapshot's counts say");
    }
}
