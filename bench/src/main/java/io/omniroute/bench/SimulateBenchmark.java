package io.omniroute.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.Command;
import io.omniroute.engine.Engine;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * {@code simulate} end to end on one core: JSON Lines in, engine, JSON Lines out, over the demo stream of
 * {@link #COMMANDS} commands (one op = the whole stream through a fresh engine; commands/s = ops/s × COMMANDS).
 * Baseline in the same run: the same JSON decode and a one-field result encode with no engine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class SimulateBenchmark extends ChronicleFork
{
    public static final int COMMANDS = 20_000;

    private DemoFixture fixture;
    private final NullOutputStream sink = new NullOutputStream();

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        fixture = new DemoFixture(COMMANDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        fixture.deleteFiles();
    }

    @Benchmark
    public long simulate() throws IOException
    {
        final Simulator sim = new Simulator(new Engine(fixture.network));
        return sim.run(new ByteArrayInputStream(fixture.commands), sink, null);
    }

    @Benchmark
    public long baselineJsonOnly() throws IOException
    {
        final JsonFactory factory = new JsonFactory();
        final CommandJsonDecoder decoder = new CommandJsonDecoder(factory);
        final Command c = new Command();
        final byte[] b = fixture.commands;
        long n = 0;
        try (JsonGenerator g = factory.createGenerator(sink, JsonEncoding.UTF8))
        {
            g.setRootValueSeparator(null);
            int start = 0;
            for (int i = 0; i < b.length; i++)
            {
                if (b[i] == '\n')
                {
                    decoder.decode(b, start, i - start, c);
                    g.writeStartObject();
                    g.writeNumberField("seq", ++n);
                    g.writeStringField("status", c.type.name());
                    g.writeEndObject();
                    g.writeRaw('\n');
                    start = i + 1;
                }
            }
        }
        return n;
    }

    static final class NullOutputStream extends OutputStream
    {
        long count;

        @Override
        public void write(final int b)
        {
            count++;
        }

        @Override
        public void write(final byte[] b, final int off, final int len)
        {
            count += len;
        }
    }
}
