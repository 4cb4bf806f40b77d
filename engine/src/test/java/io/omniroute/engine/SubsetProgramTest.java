package io.omniroute.engine;

import io.omniroute.engine.reference.ReferenceComparisonTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The exact programs (the partition program with its candidate-program fallback, and the candidate program alone)
 * must decide exactly as the brute-force reference does: every order of up to eight lines that could split is
 * settled by them here.
 */
class SubsetProgramTest
{
    @TempDir
    Path tmp;

    @AfterEach
    void reset()
    {
        Router.forcedProgram = 0;
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
}
