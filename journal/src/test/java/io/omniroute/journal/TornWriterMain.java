package io.omniroute.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Child process for the torn-write tests: journals {@code n} random commands, then starts one more excerpt, writes
 * half a frame into it and dies (halt, no shutdown hooks) before completing it, as a process killed mid-write would.
 * With a fourth argument {@code parts}, the journal carries excerpts of at most {@link #PARTS_MAX_EXCERPT} bytes, and
 * before the torn write come two of the three parts of entry {@code n + 1}: a process killed while journaling an
 * entry in parts.
 */
public final class TornWriterMain
{
    static final int PARTS_MAX_EXCERPT = 512;

    public static void main(final String[] args)
    {
        final Path net = Path.of(args[0]);
        final Path journal = Path.of(args[1]);
        final int n = Integer.parseInt(args[2]);
        final TestNetwork network = TestNetwork.load(net);
        final boolean parts = args.length > 3 && args[3].equals("parts");
        final JournalFixture f = JournalFixture.open(network, parts ?
            network.journalContext(journal).maxExcerptBytes(PARTS_MAX_EXCERPT) : network.journalContext(journal), 0);
        f.applyAll(new RandomCommands(7, false).take(n), 16);
        f.close();
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(journal.resolve(Journal.QUEUE_DIR).toFile())
            .build())
        {
            final ExcerptAppender a = q.createAppender();
            if (parts)
            {
                JournalFiles.appendEntryParts(a, n + 1, 3, 2);
            }
            final DocumentContext dc = a.writingDocument();
            dc.wire().bytes().write(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9 });
            System.out.println("torn");
            System.out.flush();
            Runtime.getRuntime().halt(9);
        }
    }
}
