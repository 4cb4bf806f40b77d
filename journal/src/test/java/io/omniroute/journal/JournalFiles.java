package io.omniroute.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test tools that reach under the journal API: where entries are, damaging bytes on disk, child JVMs.
 */
public final class JournalFiles
{
    private JournalFiles()
    {
    }

    /**
     * @return the Chronicle index of every entry, in order (entry i has seq i + 1 in a journal started afresh).
     */
    public static List<Long> entryIndices(final Path journalDir)
    {
        final List<Long> indices = new ArrayList<>();
        try (Journal j = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
            JournalReader r = j.newReader())
        {
            while (r.next())
            {
                indices.add(r.entry().index());
            }
        }
        return indices;
    }

    /**
     * @return the entries' result lines, in order.
     */
    public static List<String> resultLines(final Path journalDir)
    {
        final List<String> lines = new ArrayList<>();
        try (Journal j = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
            JournalReader r = j.newReader())
        {
            while (r.next())
            {
                lines.add(r.entry().resultLine());
            }
        }
        return lines;
    }

    /**
     * Flips the bits of one byte of the excerpt at {@code index}, {@code offset} bytes into its data.
     */
    public static void damageExcerpt(final Path journalDir, final long index, final int offset)
    {
        final long position;
        final java.io.File file;
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(journalDir.resolve(Journal.QUEUE_DIR).toFile())
            .readOnly(true).build();
            ExcerptTailer t = q.createTailer())
        {
            if (!t.moveToIndex(index))
            {
                throw new IllegalStateException("no excerpt at " + Long.toHexString(index));
            }
            try (DocumentContext dc = t.readingDocument())
            {
                position = dc.wire().bytes().readPosition() + offset;
                file = t.currentFile();
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
        {
            raf.seek(position);
            final int b = raf.read();
            raf.seek(position);
            raf.write(~b);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return a command's binary form (the ring slot's bytes, as journaled), from its JSON line.
     */
    public static org.agrona.concurrent.UnsafeBuffer encodedCommand(final String json)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
        final int length = new CommandCodec().encode(new io.omniroute.engine.json.CommandJsonDecoder()
            .decode(json, new io.omniroute.engine.Command()), buffer, 0);
        return new org.agrona.concurrent.UnsafeBuffer(buffer, 0, length);
    }

    /**
     * @return how many excerpts the journal's queue holds (header, entries, parts of entries and tail cuts).
     */
    public static long excerptCount(final Path journalDir)
    {
        long n = 0;
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(journalDir.resolve(Journal.QUEUE_DIR).toFile())
            .readOnly(true).build();
            ExcerptTailer t = q.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = t.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return n;
                    }
                    n++;
                }
            }
        }
    }

    /**
     * Appends the first {@code written} of {@code parts} parts of an entry with {@code seq} (valid frames, filler
     * bytes), as a process that died while journaling an entry in parts leaves them.
     */
    public static void appendEntryParts(final Path journalDir, final long seq, final int parts, final int written)
    {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(journalDir.resolve(Journal.QUEUE_DIR).toFile())
            .build())
        {
            appendEntryParts(q.createAppender(), seq, parts, written);
        }
    }

    static void appendEntryParts(final net.openhft.chronicle.queue.ExcerptAppender appender, final long seq,
        final int parts, final int written)
    {
        final int partBytes = 100;
        final org.agrona.ExpandableArrayBuffer frame = new org.agrona.ExpandableArrayBuffer(512);
        final io.omniroute.journal.sbe.EntryPartEncoder e = new io.omniroute.journal.sbe.EntryPartEncoder();
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (int part = 0; part < written; part++)
        {
            e.wrapAndApplyHeader(frame, JournalFrame.HEADER_LENGTH, new io.omniroute.journal.sbe.MessageHeaderEncoder())
                .seq(seq).part(part).parts(parts).messageLength((long)parts * partBytes);
            e.putBytes(new byte[partBytes], 0, partBytes);
            final int length = JournalFrame.seal(crc, frame, 0,
                io.omniroute.journal.sbe.MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(frame.byteArray(), 0, length);
            }
        }
    }

    /**
     * A command line running {@code main} in a new JVM with this JVM's class path and flags.
     */
    public static List<String> javaCommand(final Class<?> main, final String... args)
    {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (a.startsWith("--add-") || a.startsWith("-Dchronicle") || a.startsWith("-Domniroute"))
            {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx2g"); // a snapshot is a copy of the state, and a pending and a written one may exist beside it
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
