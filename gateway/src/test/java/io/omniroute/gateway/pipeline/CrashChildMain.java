package io.omniroute.gateway.pipeline;

import io.omniroute.engine.Command;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.journal.Durability;
import io.omniroute.journal.TestNetwork;
import org.agrona.concurrent.IdleStrategy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process the crash tests kill: recovers the journal, then feeds the commands file from the line after the
 * journal's last entry (entry seq n is line (n - 1) mod lines + 1 of the file: the stream repeats) through the
 * pipeline, and prints every durable result as {@code R <seq> <result line>} — what a client would have been
 * acknowledged. Runs until killed.
 * <p>
 * Args: network dir, journal dir, commands file, durability, snapshot interval, idle strategy.
 */
public final class CrashChildMain
{
    public static void main(final String[] args) throws IOException
    {
        final TestNetwork net = TestNetwork.load(Path.of(args[0]));
        final Path journal = Path.of(args[1]);
        final List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        final PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false,
            StandardCharsets.UTF_8);
        final Context ctx = new Context().network(net.network, net.dir).journalDir(journal)
            .durability(Durability.parse(args[3])).snapshotInterval(Long.parseLong(args[4])).idleStrategy(args[5])
            .ringSize(256).warnings(w -> out.println("W " + w));
        try (Pipeline p = Pipeline.launch(ctx))
        {
            final long start = p.recovery().lastSeq();
            out.println("S " + start);
            out.flush();
            final CommandJsonDecoder json = new CommandJsonDecoder();
            final Command cmd = new Command();
            final IdleStrategy idle = p.newIdleStrategy();
            final ResultAdapter.ResultHandler print = slot ->
            {
                out.print("R ");
                out.print(slot.seq());
                out.print(' ');
                out.println(slot.resultString());
            };
            for (long i = start; p.error() == null; i++)
            {
                json.decode(lines.get((int)(i % lines.size())), cmd);
                while (!p.publisher().offer(cmd, i))
                {
                    idle.idle(drain(p, print, out));
                }
                drain(p, print, out);
            }
            out.println("E " + p.error());
            out.flush();
        }
    }

    private static int drain(final Pipeline p, final ResultAdapter.ResultHandler print, final PrintStream out)
    {
        final int n = p.results().poll(print, 64);
        if (n > 0)
        {
            out.flush();
        }
        return n;
    }
}
