package io.omniroute.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.json.ResultJsonEncoder;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JSON Lines codec on the demo stream's order lines: decoding a command into the reusable {@link Command}
 * (against the usual way, Jackson's ObjectMapper reading a tree) and encoding an allocation result from the reusable
 * {@link Decision} (against Jackson writing the same result from a tree). Single thread, no spinning.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark extends ChronicleFork
{
    private static final int N = 1024;

    private DemoFixture fixture;
    private final CommandJsonDecoder decoder = new CommandJsonDecoder();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Command command = new Command();
    private byte[][] lines;
    private Decision[] decisions;
    private JsonNode[] resultTrees;
    private ResultJsonEncoder encoder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private JsonGenerator generator;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        fixture = new DemoFixture(20_000);
        final Engine engine = new Engine(fixture.network);
        encoder = new ResultJsonEncoder(engine);
        final List<byte[]> orders = new ArrayList<>();
        final List<Decision> allocated = new ArrayList<>();
        final List<JsonNode> trees = new ArrayList<>();
        final com.fasterxml.jackson.core.JsonFactory factory = CommandJsonDecoder.fastFactory();
        for (final String line : new String(fixture.commands, StandardCharsets.UTF_8).split("\n"))
        {
            if (orders.size() == N)
            {
                break;
            }
            final Command c = decoder.decode(line, new Command());
            if (c.type != CommandType.ORDER)
            {
                continue;
            }
            final Decision d = engine.apply(c, new Decision());
            if (d.shipmentCount == 0)
            {
                continue;
            }
            orders.add(line.getBytes(StandardCharsets.UTF_8));
            allocated.add(d);
            final ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (JsonGenerator g = factory.createGenerator(b, JsonEncoding.UTF8))
            {
                encoder.encode(d, g);
            }
            trees.add(mapper.readTree(b.toByteArray()));
        }
        lines = orders.toArray(new byte[0][]);
        decisions = allocated.toArray(new Decision[0]);
        resultTrees = trees.toArray(new JsonNode[0]);
        generator = factory.createGenerator(out, JsonEncoding.UTF8);
        generator.setRootValueSeparator(null);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        generator.close();
        fixture.deleteFiles();
    }

    private int next()
    {
        final int k = i++;
        if (i == lines.length)
        {
            i = 0;
        }
        return k;
    }

    @Benchmark
    public Command decodeOrder()
    {
        final byte[] b = lines[next()];
        return decoder.decode(b, 0, b.length, command);
    }

    @Benchmark
    public JsonNode baselineDecodeJacksonTree() throws IOException
    {
        return mapper.readTree(lines[next()]);
    }

    @Benchmark
    public int encodeResult() throws IOException
    {
        out.reset();
        encoder.encode(decisions[next()], generator);
        generator.flush();
        return out.size();
    }

    @Benchmark
    public int baselineEncodeJacksonTree() throws IOException
    {
        out.reset();
        mapper.writeTree(generator, resultTrees[next()]);
        generator.flush();
        return out.size();
    }
}
