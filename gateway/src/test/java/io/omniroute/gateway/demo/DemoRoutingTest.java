package io.omniroute.gateway.demo;

import io.omniroute.engine.Engine;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.Reason;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo is meant to show a healthy peak day: the engine loads the generated network and fills most orders.
 */
class DemoRoutingTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldLoadAndRouteTheGeneratedPeakDay() throws Exception
    {
        new DemoGenerator(5, 5_000, 150).writeTo(tmp);
        final Simulator sim = new Simulator(new Engine(NetworkLoader.load(tmp.resolve("network"))));
        final long commands;
        try (InputStream in = Files.newInputStream(tmp.resolve("commands.jsonl")))
        {
            commands = sim.run(in, OutputStream.nullOutputStream(), null);
        }
        assertTrue(commands > 5_000);
        assertEquals(5_000, sim.engine().kpis().orders);
        assertEquals(0, sim.engine().kpis().rejectsByReason[Reason.INVALID.ordinal()], "every command is valid");
        assertTrue(sim.engine().kpis().fillRate() > 0.9, "fill rate " + sim.engine().kpis().fillRate());
        assertTrue(sim.engine().kpis().sameDayOrders > 0, "same-day orders near stores get served");
    }
}
