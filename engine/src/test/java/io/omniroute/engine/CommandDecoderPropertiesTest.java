package io.omniroute.engine;

import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.sim.Simulator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever bytes arrive, the decoder and the engine answer with one result and never throw; a reject changes no
 * stock.
 */
class CommandDecoderPropertiesTest
{
    private Simulator sim;

    @BeforeProperty
    void setUp() throws Exception
    {
        final Path dir = Files.createTempDirectory("omniroute-prop");
        sim = new NetworkFixture().simulator(dir);
    }

    @Provide
    Arbitrary<String> lines()
    {
        final Arbitrary<String> garbage = Arbitraries.strings().ofMaxLength(80);
        final Arbitrary<String> type = Arbitraries.of("order", "cancel", "ship", "pick_short", "return", "stock",
            "receive", "new_day", "quote", "hold", "release", "status", "kpi", "snapshot", "bogus");
        final Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("\"S1\"", "\"A\"", "\"ZA\"", "\"web\"",
            "\"STANDARD\"", "\"SAME_DAY\"", "true", "null", "[]", "{}", "\"\""), Arbitraries.longs().map(String::valueOf),
            Arbitraries.of("[{\"sku\":\"S1\",\"qty\":1}]", "[{\"sku\":\"S2\",\"qty\":-1}]", "[{\"qty\":2}]", "[1]"));
        final Arbitrary<String> field = Arbitraries.of("order_id", "hold_id", "channel", "zip", "service", "lines",
            "qty", "sku", "location_id", "on_hand", "safety_stock", "ts", "hold_seconds", "ship_complete",
            "max_transit_days", "resellable", "lat", "lon", "services", "customer_id");
        final Arbitrary<String> pair = net.jqwik.api.Combinators.combine(field, value).as((f, v) -> "\"" + f + "\":" + v);
        final Arbitrary<String> object = net.jqwik.api.Combinators.combine(type, pair.list().ofMaxSize(8))
            .as((t, ps) -> "{\"type\":\"" + t + "\"" + (ps.isEmpty() ? "" : "," + String.join(",", ps)) + "}");
        return Arbitraries.oneOf(garbage, object, object, object);
    }

    @Property(tries = 2000)
    void shouldAnswerEveryLineWithoutThrowing(@ForAll("lines") final String line)
    {
        final long reservedBefore = sim.engine().stock().reserved(0, 0) + sim.engine().stock().reserved(0, 1);
        final long onHandBefore = sim.engine().stock().onHand(0, 0);
        final String result = sim.apply(line);
        if (line.isBlank())
        {
            return;
        }
        assertNotNull(result);
        assertTrue(result.startsWith("{\"seq\":"), result);
        if (result.contains("\"REJECTED\""))
        {
            assertTrue(reservedBefore == sim.engine().stock().reserved(0, 0) + sim.engine().stock().reserved(0, 1),
                "a reject changes nothing: " + line);
            assertTrue(onHandBefore == sim.engine().stock().onHand(0, 0), "a reject changes nothing: " + line);
        }
        for (int s = 0; s < sim.engine().network().skuCount(); s++)
        {
            for (int l = 0; l < sim.engine().network().locationCount(); l++)
            {
                assertTrue(sim.engine().stock().reserved(s, l) >= 0);
            }
        }
    }

    @Property(tries = 500)
    void shouldNeverThrowOnArbitraryBytes(@ForAll final byte[] bytes)
    {
        final Command c = new CommandJsonDecoder().decode(bytes, 0, bytes.length, new Command());
        assertTrue(c.invalidMessage != null || c.type != CommandType.UNKNOWN);
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseAFieldGivenTwice()
    {
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        // the last value used to win silently: order b, or an order turned into a cancel
        assertEquals("field 'order_id': given twice", decoder.decode("{\"type\":\"order\",\"order_id\":\"a\"," +
            "\"order_id\":\"b\",\"channel\":\"web\"}", new Command()).invalidMessage);
        assertEquals("field 'type': given twice", decoder.decode("{\"type\":\"order\",\"order_id\":\"a\"," +
            "\"type\":\"cancel\"}", new Command()).invalidMessage);
        assertEquals("field 'lines[].qty': given twice", decoder.decode("{\"type\":\"order\",\"order_id\":\"a\"," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":1,\"qty\":5}]}", new Command()).invalidMessage);
        // an unknown field may come twice (it is ignored), and the same field in two lines is two lines
        final Command ok = decoder.decode("{\"type\":\"order\",\"order_id\":\"a\",\"note\":1,\"note\":2," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":1},{\"sku\":\"S2\",\"qty\":2}]}", new Command());
        assertEquals(null, ok.invalidMessage);
        assertEquals(2, ok.lineCount);
    }
}
