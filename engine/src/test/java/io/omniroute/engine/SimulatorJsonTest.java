package io.omniroute.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * For tests that drive a {@link Simulator} over a fixture network one JSON command at a time and read the result as
 * JSON: the test sets {@link #sim}.
 */
abstract class SimulatorJsonTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    Simulator sim;

    JsonNode apply(final String command) throws Exception
    {
        return MAPPER.readTree(sim.apply(command));
    }
}
