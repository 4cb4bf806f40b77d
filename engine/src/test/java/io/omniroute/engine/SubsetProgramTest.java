package io.omniroute.engine;

import io.omniroute.engine.reference.ReferenceComparisonTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The exact subset program (the fallback of the branch and bound on hard cases) must decide exactly as the
 * brute-force reference does, on its own: every order of up to eight lines is settled by it here.
 */
class SubsetProgramTest
{
    @TempDir
    Path tmp;

    @AfterEach
    void reset()
    {
        Router.subsetProgramOnly = false;
    }

    @Test
    void shouldAgreeWithTheReferenceWhenTheSubsetProgramDecidesEveryOrder()
    {
        Router.subsetProgramOnly = true;
        for (long seed = 900_000; seed < 900_400; seed++)
        {
            assertNull(ReferenceComparisonTest.runPair(seed, 60, tmp));
        }
    }
}
