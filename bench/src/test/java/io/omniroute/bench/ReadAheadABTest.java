package io.omniroute.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-ahead A/B tool still runs (a small demo day, one block): a measurement tool nobody runs rots.
 */
class ReadAheadABTest
{
    @Test
    void runsOneBlockOfEachVariant() throws Exception
    {
        final ReadAheadAB ab = new ReadAheadAB(300);
        try
        {
            final double[] ratios = ab.run(1, false);
            assertEquals(1, ratios.length);
            assertTrue(ratios[0] > 0 && Double.isFinite(ratios[0]), "ratio " + ratios[0]);
        }
        finally
        {
            ab.close();
        }
    }
}
