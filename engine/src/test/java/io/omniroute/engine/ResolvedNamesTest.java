package io.omniroute.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.json.ResultJsonEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Names a decoder looked up ({@link Command#resolveNames}) give the same results as the engine's own look-ups, and
 * are not used once the command carries other names or goes to an engine over another network.
 */
class ResolvedNamesTest
{
    @TempDir
    Path dir;

    private static final String[] COMMANDS = {
        "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"mkt\",\"zip\":\"ZA\",\"service\":\"STANDARD\"," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":1},{\"sku\":\"M-S3\",\"qty\":2},{\"sku\":\"S1\",\"qty\":1}]}",
        "{\"type\":\"order\",\"order_id\":\"o2\",\"channel\":\"web\",\"zip\":\"ZB\",\"service\":\"EXPEDITED\"," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":1},{\"sku\":\"NOPE\",\"qty\":1}]}",
        "{\"type\":\"order\",\"order_id\":\"o3\",\"channel\":\"other\",\"zip\":\"ZMID\",\"service\":\"STANDARD\"," +
            "\"lines\":[{\"sku\":\"S2\",\"qty\":1}]}",
        "{\"type\":\"order\",\"order_id\":\"o4\",\"channel\":\"mkt\",\"zip\":\"99999\",\"service\":\"STANDARD\"," +
            "\"lines\":[{\"sku\":\"S2\",\"qty\":1}]}",
        "{\"type\":\"hold\",\"hold_id\":\"h1\",\"channel\":\"mkt\",\"zip\":\"ZA\",\"service\":\"STANDARD\"," +
            "\"hold_seconds\":60,\"lines\":[{\"sku\":\"S1\",\"qty\":1}]}",
        "{\"type\":\"quote\",\"channel\":\"mkt\",\"lat\":40.0,\"lon\":-79.0,\"lines\":[{\"sku\":\"M-S3\",\"qty\":1}]}",
        "{\"type\":\"order\",\"order_id\":\"o1\",\"channel\":\"mkt\",\"zip\":\"ZA\",\"service\":\"STANDARD\"," +
            "\"lines\":[{\"sku\":\"S1\",\"qty\":1},{\"sku\":\"M-S3\",\"qty\":2},{\"sku\":\"S1\",\"qty\":1}]}",
    };

    private NetworkFixture fixture()
    {
        final NetworkFixture f = new NetworkFixture();
        f.channelSkus = "channel,channel_sku,sku\nmkt,M-S3,S3\nmkt,S1,S2\n"; // on mkt, "S1" is the product S2
        return f;
    }

    private static List<String> run(final Network network, final Network resolveIn, final boolean renamed)
        throws Exception
    {
        final Engine engine = new Engine(network);
        final ResultJsonEncoder encoder = new ResultJsonEncoder(engine);
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        final Command cmd = new Command();
        final Decision d = new Decision();
        final List<String> out = new ArrayList<>();
        for (final String line : COMMANDS)
        {
            decoder.decode(line, cmd);
            if (resolveIn != null)
            {
                cmd.resolveNames(resolveIn);
            }
            if (renamed)
            {
                // equal names, other instances; then other names: the engine must look them up itself
                cmd.channel = new String(cmd.channel);
                for (int i = 0; i < cmd.lineCount; i++)
                {
                    cmd.lineSku[i] = "S1".equals(cmd.lineSku[i]) ? "S3" : cmd.lineSku[i];
                }
            }
            engine.apply(cmd, d);
            final StringWriter w = new StringWriter();
            try (JsonGenerator g = CommandJsonDecoder.fastFactory().createGenerator(w))
            {
                encoder.encode(d, g);
            }
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void shouldDecideAsWithoutResolvedNames() throws Exception
    {
        final Network network = NetworkLoader.load(fixture().write(dir.resolve("a")));
        assertEquals(run(network, null, false), run(network, network, false));
    }

    @Test
    void shouldLookUpAgainWhenTheNamesOrTheNetworkDiffer() throws Exception
    {
        final Network network = NetworkLoader.load(fixture().write(dir.resolve("a")));
        final Network other = NetworkLoader.load(new NetworkFixture().write(dir.resolve("b")));
        final List<String> renamed = run(network, null, true);
        assertNotEquals(run(network, null, false), renamed);
        assertEquals(renamed, run(network, network, true));
        assertEquals(run(network, null, false), run(network, other, false));
    }
}
