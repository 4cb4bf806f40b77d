package io.omniroute.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the golden journal of {@link GoldenJournalTest} (run by hand when a new schema version is made, into a new
 * folder {@code golden/vN}; old folders are never rewritten):
 * {@code java -cp … io.omniroute.journal.GoldenJournal journal/src/test/resources/io/omniroute/journal/golden/v1}.
 * The commands cover every field of a command, every command type, bad lines and non-ASCII text. Version 2 (entries
 * in parts) was written with excerpts of at most {@link #V2_MAX_EXCERPT_BYTES} bytes (the second argument), so that
 * most of its entries come in parts.
 */
public final class GoldenJournal
{
    static final long BLOCK_SIZE = 256 << 10;
    static final int V2_MAX_EXCERPT_BYTES = 300;

    static List<String> commands()
    {
        final List<String> c = new ArrayList<>();
        c.add("{\"type\":\"stock\",\"sku\":\"SKU-1\",\"location_id\":\"L01-DC\",\"on_hand\":40,\"safety_stock\":2," +
            "\"ts\":1700000000000}");
        c.add("{\"type\":\"order\",\"order_id\":\"g-1\",\"channel\":\"web\",\"zip\":\"55101\",\"service\":\"STANDARD\"," +
            "\"ship_complete\":true,\"max_transit_days\":5,\"lines\":[{\"sku\":\"SKU-1\",\"qty\":2," +
            "\"unit_price_cents\":1999},{\"sku\":\"SKU-0\",\"qty\":1}],\"ts\":1700000001000}");
        c.add("{\"type\":\"order\",\"order_id\":\"g-2\",\"channel\":\"mkt\",\"lat\":33.9,\"lon\":-118.1," +
            "\"service\":\"EXPEDITED\",\"lines\":[{\"sku\":\"M-SKU-1\",\"qty\":1}]}");
        c.add("{\"type\":\"quote\",\"channel\":\"web\",\"zip\":\"30724\",\"services\":[\"STANDARD\",\"SAME_DAY\"]," +
            "\"lines\":[{\"sku\":\"SKU-2\",\"qty\":1,\"unit_price_cents\":500}]}");
        c.add("{\"type\":\"hold\",\"hold_id\":\"gh-1\",\"customer_id\":\"cust-é\",\"hold_seconds\":600," +
            "\"channel\":\"web\",\"zip\":\"46725\",\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"SKU-4\",\"qty\":1}]," +
            "\"ts\":1700000002000}");
        c.add("{\"type\":\"ship\",\"order_id\":\"g-1\"}");
        c.add("{\"type\":\"return\",\"order_id\":\"g-1\",\"sku\":\"SKU-1\",\"qty\":1,\"location_id\":\"L02-ST\"," +
            "\"resellable\":false,\"reason\":\"damaged\"}");
        c.add("{\"type\":\"pick_short\",\"order_id\":\"g-2\",\"location_id\":\"L03-DC\",\"sku\":\"SKU-1\",\"qty\":1}");
        c.add("{\"type\":\"receive\",\"sku\":\"SKU-5\",\"location_id\":\"L06-ST\",\"qty\":7}");
        c.add("{\"type\":\"status\",\"order_id\":\"g-2\"}");
        c.add("{\"type\":\"cancel\",\"order_id\":\"g-2\"}");
        c.add("{\"type\":\"new_day\",\"ts\":1700086400000}");
        c.add("{\"type\":\"release\",\"hold_id\":\"nope\"}");
        c.add("{\"type\":\"kpi\"}");
        c.add("{\"type\":\"snapshot\"}");
        c.add("{\"type\":\"\\ud800-teleport\",\"zip\":\"\"}");
        c.add("{\"type\":\"order\",\"order_id\":\"g-3\",\"lines\":[{\"qty\":1}]}");
        c.add("not json");
        c.addAll(new RandomCommands(2024, true).take(200));
        return c;
    }

    public static void main(final String[] args) throws IOException
    {
        final Path out = Path.of(args[0]);
        final Path tmpNet = Files.createTempDirectory("golden-net");
        final TestNetwork net = TestNetwork.writeTo(tmpNet.resolve("network"));
        final List<String> commands = commands();
        final int maxExcerptBytes = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        final Recovery.Result r = Recovery.recover(net.journalContext(out.resolve("journal")).blockSize(BLOCK_SIZE)
            .maxExcerptBytes(maxExcerptBytes), net.network, net.fingerprint, null);
        final JournaledEngine je = new JournaledEngine(r.engine(), r.journal(), null, 0, null, false);
        final JournalFixture f = new JournalFixture(je);
        f.applyAll(commands, 10);
        f.close();
        Files.write(out.resolve("commands.jsonl"), commands, StandardCharsets.UTF_8);
        Files.write(out.resolve("results.jsonl"), f.results, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("fingerprint.txt"), NetworkFingerprint.hex(net.fingerprint) + "\n");
        Files.deleteIfExists(out.resolve("journal").resolve(Journal.LOCK_FILE));
        System.out.println("wrote " + commands.size() + " entries to " + out);
    }
}
