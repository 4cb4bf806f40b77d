package io.omniroute.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkLoaderTest
{
    @TempDir
    Path dir;

    private int cases;

    private String failure(final Consumer<NetworkFixture> edit)
    {
        final NetworkFixture f = new NetworkFixture();
        edit.accept(f);
        final Path caseDir = f.write(dir.resolve("case" + cases++));
        return assertThrows(NetworkException.class, () -> NetworkLoader.load(caseDir)).getMessage();
    }

    @Test
    void shouldLoadTheFixtureWithLocationsAndSkusInIdOrder() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.locations = f.locations.replace("A,DC", "Z9,DC");
        f.stock = f.stock.replace(",A,", ",Z9,");
        final Network n = NetworkLoader.load(f.write(dir));
        assertEquals("B", n.locationId(0));
        assertEquals("Z9", n.locationId(1));
        assertEquals(3, n.skuCount());
        assertEquals(0, n.splitPenaltyCents(), "policy.properties is optional");
    }

    /**
     * A byte-order mark at the start of policy.properties (as the CSV files already allowed) is not part of the first
     * key: read as one, the first setting was an unknown key and silently not applied.
     */
    @Test
    void shouldApplyTheFirstPolicySettingAfterAByteOrderMark() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        final Path net = f.write(dir);
        Files.writeString(net.resolve(NetworkLoader.POLICY), "\uFEFFsplit_penalty_cents=999\n");
        final Network n = NetworkLoader.load(net);
        assertEquals(999, n.splitPenaltyCents());
        assertTrue(n.loadWarnings().isEmpty(), n.loadWarnings().toString());
    }

    @Test
    void shouldFindFiveDigitAndOtherZipsAlike() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.zips = "zip,lat,lon\nZA,40.0,-75.0\n01234,40.1,-75.1\n1234,40.2,-75.2\n123456,40.3,-75.3\n99999,40.4,-75.4\n";
        final Network n = NetworkLoader.load(f.write(dir));
        for (final String zip : new String[] { "ZA", "01234", "1234", "123456", "99999" })
        {
            final int z = n.zipIndex(zip);
            assertEquals(zip, n.zip(z));
        }
        assertEquals(Network.MISSING, n.zipIndex("12345"), "a five-digit ZIP not in zips.csv");
        assertEquals(Network.MISSING, n.zipIndex("00000"));
        assertEquals(Network.MISSING, n.zipIndex("0123"));
        assertEquals(Network.MISSING, n.zipIndex("1234 "));
    }

    @Test
    void shouldNameFileLineAndFieldForEveryBadRow()
    {
        assertEquals("skus.csv:3: field 'weight_g': -5 is out of range [0, 1000000000]",
            failure(f -> f.skus = "sku,weight_g,lead_time_days\nS1,500,5\nS2,-5,5\n"));
        assertEquals("locations.csv:2: field 'lat': 'north' is not a number",
            failure(f -> f.locations = f.locations.replace("40.0,-75.0", "north,-75.0")));
        assertEquals("locations.csv:3: field 'services': unknown service 'DRONE' (expected STANDARD, EXPEDITED, SAME_DAY)",
            failure(f -> f.locations = f.locations.replace("STANDARD|EXPEDITED|SAME_DAY", "STANDARD|DRONE")));
        assertEquals("stock.csv:2: field 'location_id': unknown location 'Q' (not in locations.csv)",
            failure(f -> f.stock = "sku,location_id,on_hand,safety_stock\nS1,Q,1,0\n"));
        assertEquals("stock.csv:3: field 'location_id': duplicate stock row for S1 at A",
            failure(f -> f.stock = "sku,location_id,on_hand,safety_stock\nS1,A,1,0\nS1,A,2,0\n"));
        assertEquals("rates.csv:2: field 'service': unknown service 'POST'",
            failure(f -> f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\nUPS,POST,1,10,10,1\n"));
        assertEquals("rates.csv:2: field 'zone': 9 is out of range [1, 8]",
            failure(f -> f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\nUPS,STANDARD,9,10,10,1\n"));
        assertTrue(failure(f -> f.rates = "carrier,service,zone,max_weight_g,price_cents,transit_days\n" +
            "UPS,STANDARD,1,10,10,1\nUPS,STANDARD,1,10,12,1\n").startsWith("rates.csv:3: field 'max_weight_g': duplicate"));
        assertEquals("zips.csv:1: field 'lon': missing column in header (expected zip,lat,lon)",
            failure(f -> f.zips = "zip,lat\nZA,40\n"));
        assertEquals("skus.csv:3: field 'sku': duplicate sku 'S1'",
            failure(f -> f.skus = "sku,weight_g,lead_time_days\nS1,500,5\nS1,5,5\n"));
        assertEquals("skus.csv:2: field 'lead_time_days': expected 3 fields, found 2",
            failure(f -> f.skus = "sku,weight_g,lead_time_days\nS1,500\n"));
        assertEquals("channel_skus.csv:2: field 'sku': unknown sku 'NOPE' (not in skus.csv)",
            failure(f -> f.channelSkus = "channel,channel_sku,sku\nmkt,M1,NOPE\n"));
        assertEquals("policy.properties: split_penalty_cents: 'lots' is not a whole number",
            failure(f -> f.policy = "split_penalty_cents=lots\n"));
        // a whole number too large for the engine is out of range, not malformed
        assertEquals("policy.properties: split_penalty_cents: '99999999999999999999' is out of range",
            failure(f -> f.policy = "split_penalty_cents=99999999999999999999\n"));
        assertEquals("skus.csv:2: field 'weight_g': '99999999999999999999' is out of range",
            failure(f -> f.skus = "sku,weight_g,lead_time_days\nS1,99999999999999999999,5\n"));
        assertTrue(failure(f -> f.locations = f.locations.replace("A,DC", "THIS-ID-IS-WAY-TOO-LONG,DC"))
            .contains("longer than 16"));
    }

    @Test
    void shouldNameTheLineOfTextThatIsNotUtf8() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        final Path caseDir = f.write(dir.resolve("utf8"));
        Files.write(caseDir.resolve("skus.csv"), concat("sku,weight_g,lead_time_days\nS1,500,5\nS2,500,5\nS3,500,5\n" +
            "\nS4,5", new byte[] { (byte)0xFF, (byte)0xFE }, ",5\n"));
        // was "<path>/skus.csv: cannot read: Input length = 1"
        assertEquals("skus.csv:6: not valid UTF-8 text",
            assertThrows(NetworkException.class, () -> NetworkLoader.load(caseDir)).getMessage());
        Files.writeString(caseDir.resolve("skus.csv"), f.skus);
        Files.write(caseDir.resolve("policy.properties"), concat("# penalty\nsplit_penalty_cents=", new byte[] {
            (byte)0xC3, (byte)0x28 }, "\n"));
        // was "policy.properties: cannot read: Input length = 1"
        assertEquals("policy.properties:2: not valid UTF-8 text",
            assertThrows(NetworkException.class, () -> NetworkLoader.load(caseDir)).getMessage());
    }

    private static byte[] concat(final String before, final byte[] bytes, final String after)
    {
        final byte[] a = before.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final byte[] c = after.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final byte[] all = new byte[a.length + bytes.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(bytes, 0, all, a.length, bytes.length);
        System.arraycopy(c, 0, all, a.length + bytes.length, c.length);
        return all;
    }

    @Test
    void shouldShowAValueInAMessageShortAndPrintable()
    {
        // was the whole 100,000-character field in the message
        final String longId = "A".repeat(100_000);
        assertEquals("skus.csv:5: field 'sku': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…' (100000 characters) is longer " +
            "than 32 characters", failure(f -> f.skus += longId + ",5,5\n"));
        assertEquals("stock.csv:2: field 'sku': unknown sku 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB…' (50000 characters) " +
            "(not in skus.csv)", failure(f -> f.stock = "sku,location_id,on_hand,safety_stock\n" + "B".repeat(50_000) +
            ",A,1,0\n"));
        assertEquals("skus.csv:5: field 'sku': 'S\\u0000X' must be printable ASCII without spaces",
            failure(f -> f.skus += "S\u0000X,5,5\n"));
        assertEquals("locations.csv:2: field 'type': 'WAREHOUSE' is not one of DC, STORE, DROPSHIP",
            failure(f -> f.locations = f.locations.replace("A,DC", "A,WAREHOUSE")));
    }

    @Test
    void shouldTakeOnlyPlainDecimalNumbersAndNamedHeaderColumns()
    {
        // Double.parseDouble took these as 12 and 8
        assertEquals("zips.csv:5: field 'lat': '12d' is not a number", failure(f -> f.zips += "ZD,12d,-75.0\n"));
        assertEquals("zips.csv:5: field 'lon': '0x1p3' is not a number", failure(f -> f.zips += "ZH,40.0,0x1p3\n"));
        assertEquals("zips.csv:5: field 'lat': 'NaN' is not a number", failure(f -> f.zips += "ZN,NaN,-75.0\n"));
        assertEquals("zips.csv:5: field 'lat': 1e999 is out of range [-90.0, 90.0]",
            failure(f -> f.zips += "ZE,1e999,-75.0\n"));
        // was "skus.csv:2: field '': expected 4 fields, found 3"
        assertEquals("skus.csv:1: column 4 of the header has no name (a comma at the end of the line?)",
            failure(f -> f.skus = "sku,weight_g,lead_time_days,\nS1,500,5\n"));
        // control characters at a value's ends were trimmed like spaces: "S9\0" loaded as S9, "500\0" as 500
        assertEquals("skus.csv:5: field 'sku': 'S9\\u0000' must be printable ASCII without spaces",
            failure(f -> f.skus += "S9\0,500,5\n"));
        assertTrue(failure(f -> f.skus += "S9,500\u000b,5\n").startsWith("skus.csv:5: field 'weight_g': "));
        assertTrue(failure(f -> f.skus = "sku\u0001,weight_g,lead_time_days\nS1,500,5\n")
            .startsWith("skus.csv:1: "));
        // a service of the list as well (it was split on '|' and trimmed with String.trim)
        assertTrue(failure(f -> f.locations = f.locations.replace("STANDARD|EXPEDITED,0", "STANDARD\u0001|EXPEDITED,0"))
            .contains("field 'services': unknown service 'STANDARD\\u0001'"));
        // was taken, the first 'sku' column read and the second ignored
        assertEquals("skus.csv:1: column 'sku' appears twice in the header",
            failure(f -> f.skus = "sku,weight_g,lead_time_days, sku\nS1,500,5,S9\n"));
    }

    @Test
    void shouldTakeSpacesAndTabsAroundAValue() throws Exception
    {
        final NetworkFixture f = new NetworkFixture();
        f.skus += " S9 ,\t500\t, 5\n";
        final Network n = NetworkLoader.load(f.write(dir.resolve("blanks")));
        assertEquals(500, n.weightGrams(n.skuIndex("S9")));
    }

    @Test
    void shouldRefuseAPolicyTheEngineCannotUse() throws Exception
    {
        // an unknown key is taken with a warning (a newer build's key, another tool's): the CLI prints it
        final NetworkFixture typo = new NetworkFixture();
        typo.policy = "splitt_penalty_cents=150\n";
        assertEquals(java.util.List.of("policy.properties: unknown key 'splitt_penalty_cents' ignored (known: " +
            "split_penalty_cents, ship_price_STANDARD_cents, ship_price_EXPEDITED_cents, ship_price_SAME_DAY_cents, " +
            "free_shipping_threshold_cents, max_open_holds_per_customer, order_retention_days, " +
            "order_book_max_mib, demand_smoothing, max_open_holds_per_customer.<channel>)"),
            NetworkLoader.load(typo.write(dir.resolve("typo"))).loadWarnings());
        // a setting of the run, not of the routing: it says where it goes instead (it was taken and did nothing)
        final NetworkFixture runSetting = new NetworkFixture();
        runSetting.policy = "snapshot_every=5\n";
        assertEquals(java.util.List.of("policy.properties: snapshot_every is not read from the policy (it is a " +
            "setting of the run, not of the routing): ignored; use --snapshot-every N of simulate and serve"),
            NetworkLoader.load(runSetting.write(dir.resolve("run-setting"))).loadWarnings());
        // a key given twice: Properties keeps the last silently; the load says so (warned, not refused)
        final NetworkFixture twice = new NetworkFixture();
        twice.policy = "split_penalty_cents=100\nsplit_penalty_cents = 250\n";
        final Network twiceLoaded = NetworkLoader.load(twice.write(dir.resolve("twice")));
        assertEquals(java.util.List.of("policy.properties: key 'split_penalty_cents' is given more than once; the " +
            "last value, '250', is used"), twiceLoaded.loadWarnings());
        assertEquals(250, twiceLoaded.splitPenaltyCents());
        assertEquals("policy.properties: split_penalty_cents: must be at most 2147483647, got 9223372036854775807",
            failure(f -> f.policy = "split_penalty_cents=9223372036854775807\n"));
        assertEquals("policy.properties: ship_price_SAME_DAY_cents: must be at most 2147483647, got 2147483648",
            failure(f -> f.policy = "ship_price_SAME_DAY_cents=2147483648\n"));
        assertEquals("policy.properties: demand_smoothing: 'fast' is not a number",
            failure(f -> f.policy = "demand_smoothing=fast\n"));
        assertEquals("policy.properties: demand_smoothing: must be between 0 and 1, got NaN",
            failure(f -> f.policy = "demand_smoothing=NaN\n"));
        assertEquals("policy.properties: demand_smoothing: must be between 0 and 1, got 2",
            failure(f -> f.policy = "demand_smoothing=2\n"));
        assertEquals("policy.properties: demand_smoothing: must be between 0 and 1, got -0.5",
            failure(f -> f.policy = "demand_smoothing=-0.5\n"));
        assertEquals("policy.properties: max_open_holds_per_customer.web: 'abc' is not a whole number",
            failure(f -> f.policy = "max_open_holds_per_customer.web=abc\n"));
        assertEquals("policy.properties: max_open_holds_per_customer.web: must not be negative, got -1",
            failure(f -> f.policy = "max_open_holds_per_customer.web=-1\n"));
        assertEquals("policy.properties: max_open_holds_per_customer.: no channel after the dot (expected " +
            "max_open_holds_per_customer.<channel>)", failure(f -> f.policy = "max_open_holds_per_customer.=3\n"));

        final NetworkFixture f = new NetworkFixture();
        f.policy = "# every key the engine reads\nsplit_penalty_cents = 2147483647\nship_price_STANDARD_cents=599\n" +
            "ship_price_EXPEDITED_cents=0\nship_price_SAME_DAY_cents=1\nfree_shipping_threshold_cents=" +
            Long.MAX_VALUE + "\nmax_open_holds_per_customer=3\nmax_open_holds_per_customer.web=0\n" +
            "demand_smoothing=1\norder_retention_days=45\norder_book_max_mib=64\n";
        assertEquals(Integer.MAX_VALUE, NetworkLoader.load(f.write(dir.resolve("all-keys"))).splitPenaltyCents());
    }

    @Test
    void shouldReportAMissingFileOrFolder() throws Exception
    {
        new NetworkFixture().write(dir);
        Files.delete(dir.resolve("zips.csv"));
        assertTrue(assertThrows(NetworkException.class, () -> NetworkLoader.load(dir)).getMessage()
            .endsWith("zips.csv: file not found"));
        Files.createDirectory(dir.resolve("zips.csv"));
        // was "<dir>/zips.csv: file not found"
        assertTrue(assertThrows(NetworkException.class, () -> NetworkLoader.load(dir)).getMessage()
            .endsWith("zips.csv: is a folder, not a file"));
        assertTrue(assertThrows(NetworkException.class, () -> NetworkLoader.load(dir.resolve("nope"))).getMessage()
            .endsWith("network folder not found"));
        // a file where the folder should be exists: it is not "not found"
        assertTrue(assertThrows(NetworkException.class, () -> NetworkLoader.load(dir.resolve("skus.csv")))
            .getMessage().endsWith("skus.csv: a file, not a network folder"));
    }
}
