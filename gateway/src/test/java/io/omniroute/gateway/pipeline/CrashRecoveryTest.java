package io.omniroute.gateway.pipeline;

import io.omniroute.engine.EngineSnapshot;
import io.omniroute.journal.DirectRun;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournalFiles;
import io.omniroute.journal.JournalReader;
import io.omniroute.journal.RandomCommands;
import io.omniroute.journal.Recovery;
import io.omniroute.journal.TestNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kill -9 at random points: a child process runs the pipeline with a journal and prints every acknowledged (durable)
 * result; it is killed with SIGKILL at a random moment (during start-up and recovery, mid-stream, during snapshot
 * writes), then recovered here. Each round checks that every result the child printed is in the journal with the
 * same decision, that the recovered state hash equals an uninterrupted run over the same prefix, and the next child
 * carries on from the recovered journal, so crashes pile up on one journal.
 */
class CrashRecoveryTest
{
    private static final int COMMANDS = 20_000;

    @TempDir
    Path tmp;

    @Test
    void shouldLoseNothingAcknowledgedWhenKilledAtRandomPoints() throws Exception
    {
        killLoop(20, 4242);
    }

    @Tag("slow")
    @Test
    void shouldLoseNothingAcknowledgedOverAThousandKills() throws Exception
    {
        killLoop(Integer.getInteger("omniroute.crash.kills", 1000), 777);
    }

    private void killLoop(final int kills, final long seed) throws Exception
    {
        final TestNetwork net = TestNetwork.writeTo(tmp.resolve("network"));
        final Path journal = tmp.resolve("journal");
        final Path commandsFile = tmp.resolve("commands.jsonl");
        final List<String> commands = new RandomCommands(seed, true).take(COMMANDS);
        Files.write(commandsFile, commands, StandardCharsets.UTF_8);
        final SplittableRandom rnd = new SplittableRandom(seed);
        final DirectRun reference = new DirectRun(net.network);
        long referenceSeq = 0;
        long lastSeq = 0;
        long lastIndex = -1;
        int killedMidStream = 0;
        long acknowledged = 0;
        final List<String> allWarnings = new ArrayList<>();
        // the child cycles the same commands, so over a long run the same orders are picked short and re-routed again
        // and again and the state outgrows what it would be for as many fresh orders (140 MB by seq 200 K): a long
        // run snapshots less often, or copying that state every 50 commands would be most of what the child does
        final int snapshotEvery = kills > 100 ? 1000 : 50;
        for (int round = 0; round < kills; round++)
        {
            final String durability = rnd.nextInt(4) == 0 ? "sync" : "async";
            final String idle = rnd.nextBoolean() ? "backoff" : "yielding";
            final Process child = new ProcessBuilder(JournalFiles.javaCommand(CrashChildMain.class,
                net.dir.toString(), journal.toString(), commandsFile.toString(), durability,
                String.valueOf(snapshotEvery + rnd.nextInt(8 * snapshotEvery)), idle))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final Output output = new Output(child.getInputStream());
            output.start();
            // kill during start-up and recovery, or after a random number of acknowledged results
            final boolean early = rnd.nextInt(5) == 0;
            final int afterResults = early ? 0 : rnd.nextInt(1500);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            final long earlyKillNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rnd.nextInt(700));
            while (child.isAlive() && System.nanoTime() < deadline)
            {
                if (early ? System.nanoTime() >= earlyKillNs : output.results() >= afterResults)
                {
                    break;
                }
                Thread.sleep(1);
            }
            if (!early && rnd.nextBoolean())
            {
                Thread.sleep(rnd.nextInt(30)); // let it run on a little past the count
            }
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            output.join(10_000);
            final String context = "round " + round + " (seed " + seed + ", " + durability + ", kill " +
                (early ? "early" : "after " + afterResults + " results") + ")";
            if (output.text().contains("\nE ") || output.text().startsWith("E "))
            {
                fail(context + ": the child's pipeline failed: " + output.text());
            }

            final List<String> warnings = new ArrayList<>();
            final Recovery.Result r = Recovery.recover(net.journalContext(journal), net.network, net.fingerprint,
                warnings::add);
            final long recovered = r.lastSeq();
            final long hash = EngineSnapshot.stateHash(r.engine());
            r.journal().close();
            assertTrue(recovered >= lastSeq, context + ": the journal lost entries: " + recovered + " < " + lastSeq);

            // the journal's entries since the last round: seq lastSeq + 1 … recovered
            final List<String> journaled = new ArrayList<>();
            try (Journal j = Journal.open(new Journal.Context().dir(journal).readOnly(true));
                JournalReader reader = j.newReader())
            {
                if (lastIndex >= 0)
                {
                    assertTrue(reader.seek(lastIndex) && reader.next(), context);
                    assertEquals(lastSeq, reader.entry().seq(), context);
                }
                while (reader.next())
                {
                    journaled.add(reader.entry().resultLine());
                    lastIndex = reader.entry().index();
                }
            }
            assertEquals(recovered - lastSeq, journaled.size(), context);
            long expectSeq = -1;
            for (final String line : output.lines())
            {
                if (line.startsWith("S "))
                {
                    assertEquals(lastSeq, Long.parseLong(line.substring(2)), context + ": the child resumed elsewhere");
                    expectSeq = lastSeq + 1;
                }
                else if (line.startsWith("R "))
                {
                    final int space = line.indexOf(' ', 2);
                    final long seq = Long.parseLong(line.substring(2, space));
                    assertEquals(expectSeq++, seq, context + ": results out of order");
                    assertTrue(seq <= recovered, context + ": acknowledged seq " + seq + " is not in the journal " +
                        "(it ends at " + recovered + ")");
                    assertEquals(journaled.get((int)(seq - lastSeq - 1)), line.substring(space + 1),
                        context + ": seq " + seq);
                    acknowledged++;
                }
            }
            while (referenceSeq < recovered)
            {
                final String expected = reference.apply(commands.get((int)(referenceSeq % COMMANDS)));
                assertEquals(expected, journaled.get((int)(referenceSeq - lastSeq)),
                    context + ": seq " + (referenceSeq + 1) + " differs from an uninterrupted run");
                referenceSeq++;
            }
            reference.results.clear();
            assertEquals(reference.stateHash(), hash, context + ": recovered state differs from an uninterrupted run");
            if (output.results() > 0)
            {
                killedMidStream++;
            }
            lastSeq = recovered;
            allWarnings.addAll(warnings);
        }
        System.out.printf("crash test: %d kills (%d mid-stream), %d acknowledged results checked, journal at seq %d, " +
            "%d recovery warnings%s%n", kills, killedMidStream, acknowledged, lastSeq, allWarnings.size(),
            allWarnings.isEmpty() ? "" : ", e.g. " + allWarnings.get(0));
        assertTrue(killedMidStream >= kills / 2, "most kills should land mid-stream: " + killedMidStream);
    }

    /**
     * Collects the child's stdout; only complete lines count (a line cut by the kill was never acknowledged).
     */
    private static final class Output extends Thread
    {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile int results;

        Output(final InputStream in)
        {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run()
        {
            final byte[] buf = new byte[1 << 16];
            int n;
            try
            {
                while ((n = in.read(buf)) > 0)
                {
                    int r = 0;
                    synchronized (bytes)
                    {
                        bytes.write(buf, 0, n);
                    }
                    for (int i = 0; i < n; i++)
                    {
                        if (buf[i] == 'R' && (i > 0 ? buf[i - 1] == '\n' : true))
                        {
                            r++;
                        }
                    }
                    results += r;
                }
            }
            catch (final IOException ex)
            {
                // the child died
            }
        }

        int results()
        {
            return results;
        }

        String text()
        {
            synchronized (bytes)
            {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        List<String> lines()
        {
            final String t = text();
            final int end = t.lastIndexOf('\n');
            final List<String> lines = new ArrayList<>();
            if (end >= 0)
            {
                for (final String l : t.substring(0, end).split("\n", -1))
                {
                    lines.add(l);
                }
            }
            return lines;
        }
    }
}
