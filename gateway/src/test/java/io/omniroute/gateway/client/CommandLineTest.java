package io.omniroute.gateway.client;

import io.omniroute.gateway.cli.ConsoleCapture;
import io.omniroute.gateway.cli.OmniRouteCli;
import io.omniroute.gateway.server.ClientRegistry;
import io.omniroute.gateway.server.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serve, client and hash-secret commands: a user mistake is one line on stderr and exit status 2.
 */
class CommandLineTest
{
    @TempDir
    Path tmp;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private String oneLineError(final int expectedStatus, final String... args)
    {
        assertEquals(expectedStatus, console.run(args), console::err);
        final String e = console.err().trim();
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), "no stack trace: " + e);
        return e;
    }

    @Test
    void shouldReportServeMistakesInOneLine() throws Exception
    {
        final String network = TestGateway.basicNetwork().toString();
        final String journal = tmp.resolve("j").toString();
        assertTrue(oneLineError(2, "serve", "--network", tmp.resolve("nope").toString(), "--journal", journal)
            .startsWith("omniroute serve: network: "));
        assertEquals("omniroute serve: --durability: 'fast' is not async or sync",
            oneLineError(2, "serve", "--network", network, "--journal", journal, "--durability", "fast"));
        assertEquals("omniroute serve: --ts: 'now' is not server or client",
            oneLineError(2, "serve", "--network", network, "--journal", journal, "--ts", "now"));
        assertEquals("omniroute serve: --tls-cert and --tls-key go together",
            oneLineError(2, "serve", "--network", network, "--journal", journal, "--tls-cert", network));
        assertTrue(oneLineError(2, "serve", "--network", network, "--journal", journal, "--bind", "0.0.0.0")
            .contains("a clients file (--clients) is required to bind 0.0.0.0"));
        Files.writeString(tmp.resolve("clients"), "shop order plain-text-secret\n");
        assertTrue(oneLineError(2, "serve", "--network", network, "--journal", journal, "--clients",
            tmp.resolve("clients").toString()).startsWith("omniroute serve: clients:1: secret hash must look like"));
        Files.writeString(tmp.resolve("a-file"), "");
        assertEquals("omniroute serve: journal " + tmp.resolve("a-file") + ": not a directory",
            oneLineError(2, "serve", "--network", network, "--journal", tmp.resolve("a-file").toString()));
        assertTrue(oneLineError(2, "serve", "--network", network, "--journal", journal, "--engine-idle", "nap")
            .contains("idle strategy 'nap'"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final String e = oneLineError(2, "serve", "--network", network, "--journal", journal, "--port",
                Integer.toString(taken.getLocalPort()));
            assertTrue(e.startsWith("omniroute serve: cannot listen on 127.0.0.1:" + taken.getLocalPort()), e);
        }
        // was "omniroute: internal error: java.lang.IllegalArgumentException: port out of range:99999", exit 1,
        // after recovering the journal and binding the gateway's port
        assertEquals("omniroute serve: --metrics-port 99999 is not 0..65535", oneLineError(2, "serve", "--network",
            network, "--journal", journal, "--port", "0", "--metrics-port", "99999"));
        assertEquals("omniroute serve: --metrics-port -3 is not 0..65535", oneLineError(2, "serve", "--network",
            network, "--journal", journal, "--port", "0", "--metrics-port", "-3"));
        assertEquals(2, console.run("serve", "--network", network)); // picocli: the message, then the usage
        assertTrue(console.err().startsWith("Missing required option: '--journal=DIR'"));
    }

    @Test
    void shouldReportClientMistakesInOneLine() throws Exception
    {
        final Path commands = TestGateway.basicExample().resolve("commands.jsonl");
        assertEquals("omniroute client: --window must be 1..1000000", oneLineError(2, "client", "--commands",
            commands.toString(), "--out", tmp.resolve("o").toString(), "--window", "0"));
        assertTrue(oneLineError(2, "client", "--commands", tmp.resolve("missing").toString(), "--out",
            tmp.resolve("o").toString()).endsWith("missing: file not found"));
        assertTrue(oneLineError(2, "client", "--commands", commands.toString(), "--out", commands.toString())
            .startsWith("omniroute client: --out " + commands + " is the commands file"));
        final int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = s.getLocalPort();
        }
        // in words, not the transport's "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:N"
        assertEquals("omniroute client: cannot connect to 127.0.0.1:" + port + ": connection refused (is the server " +
            "running, on that port?)", oneLineError(2, "client", "--port", Integer.toString(port), "--commands",
            commands.toString(), "--out", tmp.resolve("o").toString()).trim());
    }

    @Test
    void shouldHashASecretIntoAClientsFileLine() throws Exception
    {
        console.stdin("s3cret\n");
        assertEquals(0, OmniRouteCli.run("hash-secret", "--client-id", "web", "--roles", "order,read",
            "--iterations", "1000", "--rate", "500"));
        final String line = console.out().trim();
        assertTrue(line.matches("web order,read pbkdf2-sha256:1000:\\S+:\\S+ rate=500"), line);
        final Path f = tmp.resolve("clients");
        Files.writeString(f, line + "\n");
        assertNotNull(ClientRegistry.load(f).authenticate("web", "s3cret"));
        console.stdin("");
        assertTrue(oneLineError(2, "hash-secret").startsWith("omniroute hash-secret: give the secret on standard input"));
        console.stdin("x\n");
        assertEquals("omniroute hash-secret: --roles: unknown role 'admin' (roles are order, ops, read)",
            oneLineError(2, "hash-secret", "--roles", "admin"));
        // a line serve would refuse, split or read as a comment is not printed
        for (final String id : new String[] { "a b", "#web", "x".repeat(65), "w\u00e9b" })
        {
            console.stdin("x\n");
            assertEquals("omniroute hash-secret: --client-id must be 1-64 printable ASCII characters, no spaces, " +
                "not starting with '#'", oneLineError(2, "hash-secret", "--client-id", id), id);
        }
        console.stdin("x\n");
        assertEquals("omniroute hash-secret: --rate goes on a clients-file line: give --client-id too",
            oneLineError(2, "hash-secret", "--rate", "10"));
    }

    @Test
    void shouldRefuseADemoTooLargeForItsGeneratorBeforeMakingAFolder() throws Exception
    {
        final long before = countDemoFolders();
        assertEquals("omniroute demo: --skus must be at most 1,000,000",
            oneLineError(2, "demo", "--skus", "2000000", "--orders", "10"));
        assertEquals(before, countDemoFolders(), "no temporary folder left behind");
    }

    /**
     * demo --out into a folder holding files it did not write is refused, and nothing there is touched (it replaced
     * the folder's commands.jsonl and network files silently); --orders has a ceiling, as --skus has.
     */
    @Test
    void shouldNotWriteADemoOverSomeoneElsesFiles() throws Exception
    {
        final Path mine = Files.createTempDirectory("omniroute-cli-test");
        try
        {
            Files.writeString(mine.resolve("commands.jsonl"), "{\"type\":\"new_day\"}\n");
            // laid out as a demo's folder, but not written by one (no marker): someone's own data
            assertEquals("omniroute demo: --out " + mine + " holds 'commands.jsonl', which the demo did not write: " +
                "give a new or empty folder (a folder an earlier demo wrote is fine: its files are replaced)",
                oneLineError(2, "demo", "--out", mine.toString(), "--orders", "10"));
            Files.writeString(mine.resolve("notes.txt"), "mine\n");
            Files.writeString(mine.resolve(".omniroute-demo"), "");
            assertEquals("omniroute demo: --out " + mine + " holds 'notes.txt', which the demo did not write: give a " +
                "new or empty folder (a folder an earlier demo wrote is fine: its files are replaced)",
                oneLineError(2, "demo", "--out", mine.toString(), "--orders", "10"));
            assertEquals("{\"type\":\"new_day\"}\n", Files.readString(mine.resolve("commands.jsonl")));
            assertEquals("omniroute demo: --out " + mine.resolve("notes.txt") + " is a file, not a folder",
                oneLineError(2, "demo", "--out", mine.resolve("notes.txt").toString(), "--orders", "10"));
        }
        finally
        {
            try (var walk = Files.walk(mine))
            {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        final long before = countDemoFolders();
        assertEquals("omniroute demo: --orders must be at most 50,000,000 (a day of that many writes about 10 GB)",
            oneLineError(2, "demo", "--orders", "2000000000"));
        assertEquals(before, countDemoFolders(), "no temporary folder left behind");
    }

    private static long countDemoFolders() throws java.io.IOException
    {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return files.filter(p -> p.getFileName().toString().startsWith("omniroute-demo")).count();
        }
    }
}
