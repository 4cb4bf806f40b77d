package io.omniroute.gateway.cli;

import io.omniroute.engine.Command;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.sim.JsonLinesReader;
import io.omniroute.journal.CommandCodec;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournalReader;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.LongArrayList;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How far a commands file already is in a journal. A {@code simulate --journal} run that stopped part way (killed, a
 * full disk, Ctrl-C) leaves the file's first commands as the journal's last entries; run again, it resumes after
 * them rather than apply them a second time (a receipt applied twice would count its units twice, a {@code new_day}
 * would open another day). The prefix is found by comparing the journaled command bytes with the file's lines encoded
 * as the pipeline encodes them, from where the file's last run began: each {@code simulate --journal} run writes the
 * seq of its first command and the file it reads to {@link #RUN_LOG} beside the journal before it applies anything.
 * Without a record (a journal of an older build, or a file moved since) it is the latest entry equal to the file's
 * first command from which every later entry, to the journal's end, equals the file's next command.
 */
final class JournaledPrefix
{
    static final JournaledPrefix NONE = new JournaledPrefix(-1, -1, 0);

    /** The journal index of the prefix's first entry, or -1. */
    final long firstIndex;
    /** The seq of the prefix's first entry, or -1. */
    final long firstSeq;
    /** How many of the file's first commands the journal holds. */
    final long commands;

    private JournaledPrefix(final long firstIndex, final long firstSeq, final long commands)
    {
        this.firstIndex = firstIndex;
        this.firstSeq = firstSeq;
        this.commands = commands;
    }

    /**
     * @return the file's journaled prefix, or {@link #NONE} (a new journal, or one that does not end with the
     * file's first commands).
     */
    static JournaledPrefix find(final Path journalDir, final Path commandsFile) throws IOException
    {
        if (!Journal.exists(journalDir))
        {
            return NONE;
        }
        final long recordedStart = lastRunStart(journalDir, commandsFile);
        final LineEncoder lines = new LineEncoder();
        final int firstLength = firstCommand(commandsFile, lines);
        if (firstLength < 0)
        {
            return NONE;
        }
        final byte[] first = new byte[firstLength];
        lines.encoded.getBytes(0, first);
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true)))
        {
            final LongArrayList starts = new LongArrayList();
            final LongArrayList startSeqs = new LongArrayList();
            long recordedIndex = -1;
            try (JournalReader reader = journal.newReader())
            {
                while (reader.next())
                {
                    if (reader.entry().seq() == recordedStart)
                    {
                        recordedIndex = reader.entry().index();
                    }
                    if (reader.entry().commandEquals(first, first.length))
                    {
                        starts.addLong(reader.entry().index());
                        startSeqs.addLong(reader.entry().seq());
                    }
                }
            }
            if (recordedStart > 0)
            {
                // the run of this file that stopped began at that entry, as it wrote down before its first command:
                // no guess among entries that equal the file's first command (a file whose first line comes again,
                // a new_day opening each day, or the same file run twice on one journal)
                if (recordedIndex < 0)
                {
                    return NONE; // it stopped before its first entry: none of the file is in the journal
                }
                final long matched = matchFrom(journal, recordedIndex, commandsFile, lines);
                return matched > 0 ? new JournaledPrefix(recordedIndex, recordedStart, matched) : NONE;
            }
            // a journal from a build that wrote no run log (or the file moved): the latest start that matches to the
            // journal's end, as before
            for (int i = starts.size() - 1; i >= 0; i--)
            {
                final long matched = matchFrom(journal, starts.getLong(i), commandsFile, lines);
                if (matched > 0)
                {
                    return new JournaledPrefix(starts.getLong(i), startSeqs.getLong(i), matched);
                }
            }
        }
        return NONE;
    }

    /** The run log beside the journal: one line per simulate run, {@code <first seq>\t<commands file>}. */
    static final String RUN_LOG = "simulate-runs.tsv";

    /**
     * Notes, before the run applies anything, that a simulate run of {@code commandsFile} begins at {@code firstSeq}
     * (forced to disk, so a run killed at any point after has its record).
     */
    static void recordRunStart(final Path journalDir, final Path commandsFile, final long firstSeq) throws IOException
    {
        final byte[] line = (firstSeq + "\t" + identity(commandsFile) + "\n").getBytes(StandardCharsets.UTF_8);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(journalDir.resolve(RUN_LOG),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND))
        {
            ch.write(java.nio.ByteBuffer.wrap(line));
            ch.force(true);
        }
    }

    /**
     * @return the first seq of the last recorded run of {@code commandsFile}, or -1.
     */
    private static long lastRunStart(final Path journalDir, final Path commandsFile) throws IOException
    {
        final Path log = journalDir.resolve(RUN_LOG);
        if (!Files.exists(log))
        {
            return -1;
        }
        final String file = identity(commandsFile);
        long start = -1;
        for (final String line : Files.readAllLines(log, StandardCharsets.UTF_8))
        {
            final int tab = line.indexOf('\t');
            if (tab > 0 && line.substring(tab + 1).equals(file))
            {
                try
                {
                    start = Long.parseLong(line.substring(0, tab));
                }
                catch (final NumberFormatException ex)
                {
                    // a line torn by a crash while it was written: not a record
                }
            }
        }
        return start;
    }

    private static String identity(final Path commandsFile) throws IOException
    {
        return commandsFile.toRealPath().toString();
    }

    /**
     * Writes the result lines of the prefix's entries, as the first run wrote them.
     */
    void copyResults(final Path journalDir, final OutputStream out) throws IOException
    {
        final byte[] line = new byte[1 << 12];
        try (Journal journal = Journal.open(new Journal.Context().dir(journalDir).readOnly(true));
            JournalReader reader = journal.newReader())
        {
            reader.seek(firstIndex);
            for (long n = 0; n < commands && reader.next(); n++)
            {
                final DirectBuffer result = reader.entry().result();
                final byte[] bytes = result.capacity() <= line.length ? line : new byte[result.capacity()];
                result.getBytes(0, bytes, 0, result.capacity());
                out.write(bytes, 0, result.capacity());
                out.write('\n');
            }
        }
    }

    /**
     * @return how many lines of the file, from its first, equal the journal's entries from {@code index} to its end;
     * 0 when one differs, or when the journal goes on after the file's last line.
     */
    private static long matchFrom(final Journal journal, final long index, final Path commandsFile,
        final LineEncoder lines) throws IOException
    {
        try (JournalReader reader = journal.newReader();
            InputStream in = Files.newInputStream(commandsFile))
        {
            if (!reader.seek(index))
            {
                return 0;
            }
            final long[] matched = { 0 };
            final boolean[] done = { false, false }; // done, and whether it matched to the journal's end
            new JsonLinesReader(in).readAll((buf, start, len) ->
            {
                if (done[0])
                {
                    return;
                }
                if (!reader.next())
                {
                    done[0] = true;
                    done[1] = true;
                    return;
                }
                final int length = lines.encode(buf, start, len);
                if (!reader.entry().commandEquals(lines.encoded.byteArray(), length))
                {
                    done[0] = true;
                    return;
                }
                matched[0]++;
            }, null);
            if (!done[0])
            {
                // the file ended: a match only if the journal ends with it too
                done[1] = !reader.next();
            }
            return done[1] ? matched[0] : 0;
        }
    }

    /**
     * @return the length of the file's first command, encoded into {@code lines.encoded}, or -1 for a file of blank
     * lines.
     */
    private static int firstCommand(final Path commandsFile, final LineEncoder lines) throws IOException
    {
        final int[] length = { -1 };
        try (InputStream in = Files.newInputStream(commandsFile))
        {
            new JsonLinesReader(in).readAll((buf, start, len) ->
            {
                if (length[0] < 0)
                {
                    length[0] = lines.encode(buf, start, len);
                }
            }, null);
        }
        return length[0];
    }

    /** A command line decoded and encoded as {@code simulate --journal} hands it to the pipeline. */
    private static final class LineEncoder
    {
        private final CommandJsonDecoder decoder = new CommandJsonDecoder();
        private final CommandCodec codec = new CommandCodec();
        private final Command command = new Command();
        final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(1024);

        int encode(final byte[] buf, final int start, final int len)
        {
            decoder.decode(buf, start, len, command);
            return codec.encode(command, encoded, 0);
        }
    }
}
