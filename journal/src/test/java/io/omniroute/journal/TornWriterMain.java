package io.omniroute.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Child process for the torn-write test: journals {@code n} random commands, then starts one more excerpt, writes
 * half a frame into it and dies (halt, no shutdown hooks) before completing it, as a process killed mid-write would.
 */
public final class TornWriterMain
{
    public static void main(final String[] args)
    {
        final Path net = Path.of(args[0]);
        final Path journal = Path.of(args[1]);
        final int n = Integer.parseInt(args[2]);
        final TestNetwork network = TestNetwork.load(net);
        final JournalFixture f = JournalFixture.open(network, journal, 0);
        f.applyAll(new RandomCommands(7, false).take(n), 16);
        f.close();
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(journal.resolve(Journal.QUEUE_DIR).toFile())
            .build())
        {
            final ExcerptAppender a = q.createAppender();
            final DocumentContext dc = a.writingDocument();
            dc.wire().bytes().write(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9 });
            System.out.println("torn");
            System.out.flush();
            Runtime.getRuntime().halt(9);
        }
    }
}
