package io.omniroute.engine;

import io.omniroute.engine.reference.ReferenceComparisonTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The exact programs (the partition program with its branch and bound and candidate-program fallbacks, and the
 * candidate program alone), pricing by lookup instead of weight class, and the best single location found by a pass
 * over every location instead of the zone lists must decide exactly as the brute-force reference does: every order
 * of up to eight lines that could split is settled by them here.
 */
class SubsetProgramTest
{
    @TempDir
    Path tmp;

    @AfterEach
    void reset()
    {
        Router.forcedProgram = 0;
        Router.lookupOnly = false;
        Router.everyLocation = false;
    }

    @Test
    void shouldAgreeWithTheReferenceWhenThePartitionProgramDecidesEveryOrder()
    {
        Router.forcedProgram = 1;
        for (long seed = 910_000; seed < 910_400; seed++)
        {
            assertNull(ReferenceComparisonTest.runPair(seed, 60, tmp));
        }
    }

    @Test
    void shouldAgreeWithTheReferenceWhenTheSubsetProgramDecidesEveryOrder()
    {
        Router.forcedProgram = 2;
        for (long seed = 900_000; seed < 900_400; seed++)
        {
            assertNull(ReferenceComparisonTest.runPair(seed, 60, tmp));
        }
    }

    @Test
    void shouldAgreeWithTheReferenceWhenPricesComeFromLookupsInsteadOfWeightClasses()
    {
        Router.lookupOnly = true;
        for (long seed = 920_000; seed < 920_300; seed++)
        {
            assertNull(ReferenceComparisonTest.runPair(seed, 60, tmp));
        }
    }

    @Test
    void shouldAgreeWithTheReferenceWhenTheBestSingleLocationComesFromAPassOverEveryLocation()
    {
        Router.everyLocation = true;
        for (long seed = 930_000; seed < 930_300; seed++)
        {
            assertNull(ReferenceComparisonTest.runPair(seed, 60, tmp));
        }
    }
}
