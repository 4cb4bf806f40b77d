package io.omniroute.gateway.client;

import io.omniroute.gateway.demo.DemoGenerator;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournalReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server dies by {@code kill -9} while a client streams orders. Every result the client received is in the
 * journal with the same decision; the restarted server recovers; resubmitting the whole stream changes nothing
 * already decided; SIGTERM then stops it cleanly with exit status 0. The server runs as a child process.
 */
class KillAndRecoverTest
{
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    /** A server child process and the port it listens on; its output goes to a file. */
    private static final class Child
    {
        final Process process;
        final int port;
        final Path log;

        Child(final Path network, final Path journal, final Path log, final String driver) throws Exception
        {
            this.log = log;
            final List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
                {
                    cmd.add(arg);
                }
            }
            cmd.add("-Xmx512m");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("io.omniroute.gateway.cli.OmniRouteCli");
            cmd.addAll(List.of("serve", "--network", network.toString(), "--journal", journal.toString(),
                "--port", "0", "--engine-driver", driver));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int found = -1;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (found < 0 && System.nanoTime() < deadline && process.isAlive())
            {
                final Matcher m = LISTENING.matcher(output());
                if (m.find())
                {
                    found = Integer.parseInt(m.group(1));
                }
                else
                {
                    Thread.sleep(20);
                }
            }
            if (found < 0)
            {
                process.destroyForcibly();
                throw new AssertionError("server did not start:\n" + output());
            }
            port = found;
        }

        String output() throws java.io.IOException
        {
            return Files.exists(log) ? Files.readString(log) : "";
        }
    }

    private final List<Process> children = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void killChildren()
    {
        for (final Process p : children)
        {
            p.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "engine driver {0}")
    @ValueSource(strings = { "pipeline", "inline" })
    void shouldKeepEveryAcknowledgedResultAcrossKillNine(final String driver) throws Exception
    {
        final Path demo = tmp.resolve("demo");
        new DemoGenerator(42, 6_000, 80).writeTo(demo);
        final Path network = demo.resolve("network");
        final List<String> orders = Files.readAllLines(demo.resolve("commands.jsonl")).stream()
            .filter(l -> l.contains("\"type\":\"order\"")).collect(Collectors.toList());
        final Path journal = tmp.resolve("journal");

        // 1. stream orders and kill the server in the middle
        final Child first = new Child(network, journal, tmp.resolve("first.log"), driver);
        children.add(first.process);
        final Map<String, String> received = new ConcurrentHashMap<>();
        try (OmniRouteClient client = OmniRouteClient.connect(new ClientConfig().port(first.port).reconnect(false)))
        {
            final List<CompletableFuture<ClientResult>> window = new ArrayList<>();
            for (int i = 0; i < orders.size(); i++)
            {
                final String id = orderId(orders.get(i));
                window.add(client.submitJson(orders.get(i)).whenComplete((r, ex) ->
                {
                    if (r != null && !r.isError())
                    {
                        received.put(id, r.json());
                    }
                }));
                if (window.size() == 128)
                {
                    try
                    {
                        window.remove(0).handle((r, ex) -> null).get(30, TimeUnit.SECONDS);
                    }
                    catch (final java.util.concurrent.TimeoutException ex)
                    {
                        throw new AssertionError("no result in 30 s at order " + i + "; server said:\n" +
                            first.output(), ex);
                    }
                }
                if (i == orders.size() / 2)
                {
                    first.process.destroyForcibly(); // SIGKILL
                    break;
                }
            }
            for (final CompletableFuture<ClientResult> f : window)
            {
                f.handle((r, ex) -> null).get(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(received.size() > 1_000, "results before the kill: " + received.size());

        // 2. every acknowledged result is in the journal, byte for byte
        final Map<Long, String> journaled = readJournal(journal);
        for (final String line : received.values())
        {
            final long seq = Long.parseLong(line.substring(7, line.indexOf(',')));
            assertEquals(line, journaled.get(seq), "seq " + seq + " acknowledged but not journaled as sent");
        }
        final Map<String, String> decidedBefore = new HashMap<>();
        for (final String line : journaled.values())
        {
            decidedBefore.put(orderId(line), ClientApiTest.strip(line));
        }

        // 3. restart: recovery, then the whole stream again changes nothing already decided
        final Child second = new Child(network, journal, tmp.resolve("second.log"), driver);
        children.add(second.process);
        assertTrue(second.output().contains("recovered to seq " + journaled.size()), second.output());
        int checked = 0;
        try (OmniRouteClient client = OmniRouteClient.connect(new ClientConfig().port(second.port)))
        {
            final List<CompletableFuture<ClientResult>> all = new ArrayList<>();
            for (final String order : orders)
            {
                all.add(client.submitJson(order));
            }
            for (int i = 0; i < orders.size(); i++)
            {
                final ClientResult r = all.get(i).get(60, TimeUnit.SECONDS);
                final String before = decidedBefore.get(orderId(orders.get(i)));
                if (before != null && !before.contains("\"status\":\"REJECTED\""))
                {
                    assertEquals(before, ClientApiTest.strip(r.json()), "order " + orderId(orders.get(i)));
                    checked++;
                }
            }
        }
        assertTrue(checked > 1_000, "orders re-checked: " + checked);

        // 4. SIGTERM: graceful stop, exit 0
        second.process.destroy();
        assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, second.process.exitValue(), second.output());
        assertTrue(second.output().contains("omniroute serve: stopped"), second.output());
    }

    private static String orderId(final String json)
    {
        final int at = json.indexOf("\"order_id\":\"") + 12;
        return json.substring(at, json.indexOf('"', at));
    }

    private static Map<Long, String> readJournal(final Path dir)
    {
        final Map<Long, String> lines = new HashMap<>();
        try (Journal journal = Journal.open(new Journal.Context().dir(dir).readOnly(true));
            JournalReader reader = journal.newReader())
        {
            while (reader.next())
            {
                lines.put(reader.entry().seq(), reader.entry().resultLine());
            }
        }
        return lines;
    }
}
