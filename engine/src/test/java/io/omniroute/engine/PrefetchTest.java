package io.omniroute.engine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.json.ResultJsonEncoder;
import io.omniroute.engine.reference.RandomNetworks;
import io.omniroute.engine.reference.RandomStreams;
import io.omniroute.engine.reference.ReferenceRouter;
import io.omniroute.engine.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Engine#expect} and {@link Engine#prefetch}, the engine thread's read-ahead of the order-id index: decisions
 * and state are the same with it as without it.
 */
class PrefetchTest
{
    @TempDir
    Path dir;

    /**
     * Random streams of every command, applied in windows of up to {@link Engine#PREFETCH_AHEAD} commands that are
     * all noted and prefetched before the first of them is applied (as the pipeline's engine thread does with the
     * ring), answer byte for byte as the same stream applied one command at a time, and end in the same state.
     */
    @Test
    void readingAheadChangesNoDecision() throws Exception
    {
        final JsonFactory factory = CommandJsonDecoder.fastFactory();
        final CommandJsonDecoder decoder = new CommandJsonDecoder(factory);
        long prefetchedIds = 0;
        for (long seed = 1; seed <= 30; seed++)
        {
            final long idsBefore = prefetchedIds;
            final Path net = dir.resolve("net-" + seed);
            final RandomNetworks.Spec spec = RandomNetworks.write(seed, net, RandomNetworks.Config.CHECKOUT);
            final Network network = NetworkLoader.load(net);
            final ReferenceRouter ref = ReferenceRouter.load(net);
            final RandomStreams stream = new RandomStreams(spec, seed, RandomStreams.Mix.FULL);
            final List<String> lines = new ArrayList<>();
            for (int i = 0; i < 400; i++)
            {
                final String line = stream.next(ref);
                ref.apply(line);
                lines.add(line);
            }

            final Simulator plain = new Simulator(new Engine(network));
            final Engine ahead = new Engine(network);
            final ResultJsonEncoder encoder = new ResultJsonEncoder(ahead);
            final Command[] window = new Command[Engine.PREFETCH_AHEAD];
            for (int k = 0; k < window.length; k++)
            {
                window[k] = new Command();
            }
            final Decision decision = new Decision();
            // windows of 1 to 16 commands, so the read-ahead both fills and falls short of its limit
            int windowLength = (int)(seed % Engine.PREFETCH_AHEAD) + 1;
            for (int i = 0; i < lines.size(); i += windowLength)
            {
                final int n = Math.min(windowLength, lines.size() - i);
                for (int k = 0; k < n; k++)
                {
                    // names looked up ahead, as the pipeline's publisher and the replay reader do
                    decoder.decode(lines.get(i + k), window[k].reset()).resolveNames(network);
                    assertTrue(ahead.expect(window[k]), "seed " + seed + ": the window is within the limit");
                    prefetchedIds += window[k].orderId != null && window[k].invalidMessage == null ? 1 : 0;
                }
                ahead.prefetch();
                for (int k = 0; k < n; k++)
                {
                    ahead.apply(window[k], decision);
                    ahead.endOfBatch();
                    final String line = lines.get(i + k);
                    assertEquals(plain.apply(line), encode(factory, encoder, decision),
                        "seed " + seed + " command #" + (i + k) + " " + line);
                }
                windowLength = windowLength % Engine.PREFETCH_AHEAD + 1;
            }
            assertArrayEquals(EngineSnapshot.toBytes(plain.engine()), EngineSnapshot.toBytes(ahead), "seed " + seed);
            assertEquals(prefetchedIds - idsBefore, ahead.idsReadAhead(), "seed " + seed + ": every noted id read ahead");
            assertEquals(0, plain.engine().idsReadAhead(), "seed " + seed);
        }
        assertTrue(prefetchedIds > 1_000, "the streams had few commands with an order id: " + prefetchedIds);
    }

    @Test
    void notesAtMostPrefetchAheadCommandsWithAnIdBetweenTwoPrefetches() throws Exception
    {
        final Engine engine = new Engine(NetworkLoader.load(new NetworkFixture().write(dir)));
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        final Command order = decoder.decode("{\"type\":\"cancel\",\"order_id\":\"o-1\"}", new Command());
        final Command withoutId = decoder.decode("{\"type\":\"new_day\"}", new Command());
        for (int i = 0; i < Engine.PREFETCH_AHEAD; i++)
        {
            assertTrue(engine.expect(withoutId), "a command without an order id takes no place");
            assertTrue(engine.expect(order), "command " + i);
        }
        assertFalse(engine.expect(order), "past the limit");
        assertFalse(engine.expect(withoutId), "past the limit");
        engine.prefetch();
        assertEquals(Engine.PREFETCH_AHEAD, engine.idsReadAhead());
        assertTrue(engine.expect(order), "a prefetch forgets what was noted");
        engine.prefetch();
        engine.prefetch(); // nothing noted: nothing read
        assertEquals(Engine.PREFETCH_AHEAD + 1, engine.idsReadAhead());
        assertEquals("REJECTED", engine.apply(order, new Decision()).status.name(), "an unknown order, as ever");
    }

    private static String encode(final JsonFactory factory, final ResultJsonEncoder encoder, final Decision d)
        throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8))
        {
            encoder.encode(d, g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
