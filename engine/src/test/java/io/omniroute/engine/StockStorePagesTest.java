package io.omniroute.engine;

import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stock positions are kept in pages of 2^25 (a buffer holds at most 2 GiB; a network of 100 M positions needs
 * several). Pages of a few positions (the test hook) make small networks span many of them: the store must then
 * answer, change and snapshot exactly as with one page, byte for byte.
 */
class StockStorePagesTest
{
    @AfterEach
    void onePageAgain()
    {
        System.clearProperty(StockStore.PAGE_BITS_PROP);
    }

    private static StockStore store(final int skus, final int locations, final Integer pageBits)
    {
        if (pageBits == null)
        {
            System.clearProperty(StockStore.PAGE_BITS_PROP);
        }
        else
        {
            System.setProperty(StockStore.PAGE_BITS_PROP, pageBits.toString());
        }
        try
        {
            return new StockStore(skus, locations);
        }
        finally
        {
            System.clearProperty(StockStore.PAGE_BITS_PROP);
        }
    }

    private static byte[] records(final StockStore s) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeRecords(new DataOutputStream(bytes), new byte[100]);
        return bytes.toByteArray();
    }

    @Test
    void aPagedStoreAnswersChangesAndSnapshotsExactlyAsOnePage() throws IOException
    {
        // 7 SKUs × 70 locations: 490 positions, 8 pages of 64 (the last of 42), locations over two bitset words
        final int skus = 7;
        final int locations = 70;
        final StockStore flat = store(skus, locations, null);
        final StockStore paged = store(skus, locations, 6);
        final SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++)
        {
            final int sku = rnd.nextInt(skus);
            final int loc = rnd.nextInt(locations);
            final long v = rnd.nextInt(50);
            switch (rnd.nextInt(4))
            {
                case 0 -> { flat.setOnHand(sku, loc, v); paged.setOnHand(sku, loc, v); }
                case 1 -> { flat.setSafetyStock(sku, loc, v % 5); paged.setSafetyStock(sku, loc, v % 5); }
                case 2 -> { flat.addReserved(sku, loc, v - 20); paged.addReserved(sku, loc, v - 20); }
                default -> { flat.addOnHand(sku, loc, v - 25); paged.addOnHand(sku, loc, v - 25); }
            }
            assertEquals(flat.atp(sku, loc), paged.atp(sku, loc));
        }
        for (int sku = 0; sku < skus; sku++)
        {
            for (int loc = 0; loc < locations; loc++)
            {
                assertEquals(flat.onHand(sku, loc), paged.onHand(sku, loc));
                assertEquals(flat.reserved(sku, loc), paged.reserved(sku, loc));
                assertEquals(flat.safetyStock(sku, loc), paged.safetyStock(sku, loc));
                assertEquals(flat.atp(sku, loc), paged.atp(sku, loc));
            }
            for (int w = 0; w < StockStore.wordsFor(locations); w++)
            {
                assertEquals(flat.availableWord(sku, w), paged.availableWord(sku, w), "sku " + sku + " word " + w);
            }
        }
        final byte[] bytes = records(flat);
        assertEquals(skus * locations * StockStore.RECORD_LENGTH, bytes.length);
        assertArrayEquals(bytes, records(paged), "the snapshot bytes do not depend on the pages");

        // read back into another paging: the same records, and the same availability once rebuilt
        final StockStore restored = store(skus, locations, 4);
        restored.readRecords(new DataInputStream(new ByteArrayInputStream(bytes)), new byte[7]);
        restored.rebuildDerived();
        assertArrayEquals(bytes, records(restored));
        for (int sku = 0; sku < skus; sku++)
        {
            for (int loc = 0; loc < locations; loc++)
            {
                assertEquals(flat.atp(sku, loc), restored.atp(sku, loc));
            }
        }
    }

    @Test
    void theWorkedExampleOnPagesOfTwoPositionsGivesTheSameResultsAndState() throws Exception
    {
        final Path dir = WorkedExampleTest.example();
        final byte[] input = Files.readAllBytes(dir.resolve("commands.jsonl"));
        final String[] results = new String[2];
        final byte[][] states = new byte[2][];
        for (int r = 0; r < 2; r++)
        {
            if (r == 1)
            {
                System.setProperty(StockStore.PAGE_BITS_PROP, "1");
            }
            final Engine engine = new Engine(NetworkLoader.load(dir.resolve("network")));
            System.clearProperty(StockStore.PAGE_BITS_PROP);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Simulator(engine).run(new ByteArrayInputStream(input), out, null);
            results[r] = out.toString(StandardCharsets.UTF_8);
            states[r] = EngineSnapshot.toBytes(engine);
        }
        assertEquals(results[0], results[1]);
        assertArrayEquals(states[0], states[1]);
    }
}
