package io.omniroute.journal;

import io.omniroute.journal.sbe.EntryPartDecoder;
import io.omniroute.journal.sbe.JournalEntryDecoder;
import io.omniroute.journal.sbe.JournalHeaderDecoder;
import io.omniroute.journal.sbe.MessageHeaderDecoder;
import io.omniroute.journal.sbe.TailCutDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a journal's entries in order and checks them: each frame's checksum and schema, and that sequences follow
 * one another without a gap. Excerpts voided by a {@code TailCut} are skipped. Unusable excerpts with nothing valid
 * after them are a torn tail: {@link #next()} ends and {@link #tornTail()} describes them. Unusable excerpts followed
 * by valid entries are damage in the middle: a {@link JournalException}.
 */
public final class JournalReader implements AutoCloseable
{
    private static final int TEMPLATE_NONE = -1;

    private final ExcerptTailer tailer;
    private final Path dir;
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private final CRC32C crc = new CRC32C();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JournalEntryDecoder entryDecoder = new JournalEntryDecoder();
    private final TailCutDecoder cutDecoder = new TailCutDecoder();
    private final EntryPartDecoder partDecoder = new EntryPartDecoder();
    /** The entry in parts being put together: its message bytes so far. */
    private final ExpandableArrayBuffer assembled = new ExpandableArrayBuffer(0);
    /** Index of part 0 of the entry being put together, or -1. */
    private long partsIndex = -1;
    private long partsSeq;
    private int partsTotal;
    private int partsRead;
    private long partsMessageLength;
    private int partsBytes;
    private final JournalEntry entry = new JournalEntry();

    private JournalHeader header;
    private boolean headerRead;
    private long expectedSeq = -1;
    private long lastGoodSeq;
    private long firstBadIndex = -1;
    private int badExcerpts;
    private String badWhy;
    private TornTail tornTail;
    private long cutsSkipped;
    /** The regions [first cut index, the cut's own index) the TailCuts passed voided (a cut is rare: a list). */
    private final java.util.List<long[]> voided = new java.util.ArrayList<>();
    private String problem;
    private long lastIndex = -1;
    private long lastEnd = -1;
    private java.io.File lastFile;

    JournalReader(final ExcerptTailer tailer, final Path dir)
    {
        this.tailer = tailer;
        this.dir = dir;
    }

    /**
     * @return the journal's header, or null when the journal has no excerpt at all.
     */
    public JournalHeader header()
    {
        if (!headerRead)
        {
            readHeader();
        }
        return header;
    }

    private void readHeader()
    {
        headerRead = true;
        final long index;
        final int length;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return;
            }
            index = dc.index();
            length = copy(dc);
        }
        final int template = check(length);
        if (template != JournalHeaderDecoder.TEMPLATE_ID)
        {
            throw new JournalException("journal " + dir + ": the first excerpt (index " + Long.toHexString(index) +
                ") is not a valid journal header" + (problem != null ? " (" + problem + ")" : "") +
                "; is this an OmniRoute journal?");
        }
        final JournalHeaderDecoder d = new JournalHeaderDecoder();
        d.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final long created = d.createdEpochMs();
        final long fingerprint = d.networkFingerprint();
        final int skus = d.skuCount();
        final int locations = d.locationCount();
        final int bodyVersion = d.engineBodyVersion();
        final byte[] network = new byte[d.networkLength()];
        d.getNetwork(network, 0, network.length);
        final byte[] writer = new byte[d.writerLength()];
        d.getWriter(writer, 0, writer.length);
        header = new JournalHeader(created, fingerprint, skus, locations, bodyVersion, utf8(network), utf8(writer));
    }

    /**
     * Positions the reader so that {@link #next()} returns the entry at {@code index} (as given by
     * {@link JournalEntry#index()}).
     *
     * @return false when the journal has no excerpt at that index.
     */
    public boolean seek(final long index)
    {
        header();
        if (!tailer.moveToIndex(index))
        {
            return false;
        }
        expectedSeq = -1;
        partsIndex = -1;
        return true;
    }

    /**
     * Moves to the next entry.
     *
     * @return false at the end of the journal (see {@link #tornTail()} for whether the end was torn).
     * @throws JournalException when the journal is damaged before its end, or its sequences have a gap.
     */
    public boolean next()
    {
        header();
        if (header == null)
        {
            return false;
        }
        while (true)
        {
            final long index;
            final int length;
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    endOfJournal();
                    return false;
                }
                index = dc.index();
                length = copy(dc);
                lastIndex = index;
                lastEnd = dc.wire().bytes().readLimit();
                lastFile = tailer.currentFile();
            }
            final int template = check(length);
            if (template == TEMPLATE_NONE)
            {
                if (badExcerpts == 0)
                {
                    // an entry being put together is unusable from its first part
                    firstBadIndex = partsIndex >= 0 ? partsIndex : index;
                    badWhy = partsIndex >= 0 ? "part " + partsRead + " of the " + partsTotal + " of entry seq " +
                        partsSeq + ": " + problem : problem;
                }
                dropParts();
                badExcerpts++;
                continue;
            }
            if (template == TailCutDecoder.TEMPLATE_ID)
            {
                cutDecoder.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                    headerDecoder.version());
                voided.add(new long[]{ cutDecoder.firstCutIndex(), index });
                if (badExcerpts > 0 && cutDecoder.firstCutIndex() <= firstBadIndex)
                {
                    badExcerpts = 0;
                    firstBadIndex = -1;
                }
                if (partsIndex >= 0)
                {
                    if (cutDecoder.firstCutIndex() > partsIndex)
                    {
                        throw brokenParts(index, "a tail cut from index " +
                            Long.toHexString(cutDecoder.firstCutIndex()));
                    }
                    partsIndex = -1; // the parts of an entry a crash left unfinished, cut by a recovery
                }
                cutsSkipped++;
                continue;
            }
            if (template == EntryPartDecoder.TEMPLATE_ID)
            {
                partDecoder.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                    headerDecoder.version());
                if (partsIndex < 0 && badExcerpts > 0 && partDecoder.part() != 0)
                {
                    badExcerpts++; // the rest of an entry one of whose earlier parts was unusable
                    continue;
                }
                if (addPart(index))
                {
                    return entry(partsIndex(), true);
                }
                continue;
            }
            if (template != JournalEntryDecoder.TEMPLATE_ID)
            {
                throw new JournalException("journal " + dir + ": unexpected message (template " + template +
                    ") at index " + Long.toHexString(index));
            }
            if (partsIndex >= 0)
            {
                throw brokenParts(index, "an entry");
            }
            return entry(index, false);
        }
    }

    /**
     * The journal has no further excerpt: notes a torn tail when it ended in unusable excerpts, an incomplete write,
     * or part of an entry whose other parts were never written.
     */
    private void endOfJournal()
    {
        if (badExcerpts > 0)
        {
            dropParts();
            tornTail = new TornTail(firstBadIndex, badExcerpts, lastGoodSeq, badWhy, false, null);
            return;
        }
        final IncompleteWrite.Region region = IncompleteWrite.find(lastFile, lastEnd);
        if (partsIndex >= 0)
        {
            tornTail = new TornTail(partsIndex, partsRead, lastGoodSeq, "entry seq " + partsSeq + " has " +
                partsRead + " of its " + partsTotal + " parts" + (region != null ? " and an incomplete write" : "") +
                ": left by a process that died writing it, or one still writing", false, region);
        }
        else if (region != null)
        {
            tornTail = new TornTail(lastIndex + 1, 1, lastGoodSeq,
                "left by a process that died mid-write, or one still writing", true, region);
        }
    }

    /**
     * Adds the part just checked (wrapped by {@link #partDecoder}) to the entry being put together.
     *
     * @return whether that entry is now whole (its message wrapped, ready for {@link #entry(long, boolean)}).
     */
    private boolean addPart(final long index)
    {
        final long seq = partDecoder.seq();
        final int part = partDecoder.part();
        final int parts = partDecoder.parts();
        final long messageLength = partDecoder.messageLength();
        if (partsIndex < 0)
        {
            if (part != 0 || parts < 1 || messageLength < MessageHeaderDecoder.ENCODED_LENGTH ||
                messageLength > Integer.MAX_VALUE - 64)
            {
                throw new JournalException("journal " + dir + ": part " + part + " of " + parts + " of entry seq " +
                    seq + " (" + messageLength + " bytes) at index " + Long.toHexString(index) +
                    " does not start an entry");
            }
            partsIndex = index;
            partsSeq = seq;
            partsTotal = parts;
            partsMessageLength = messageLength;
            partsRead = 0;
            partsBytes = 0;
        }
        else if (seq != partsSeq || part != partsRead || parts != partsTotal || messageLength != partsMessageLength)
        {
            throw brokenParts(index, "part " + part + " of " + parts + " of entry seq " + seq);
        }
        final int bytes = partDecoder.bytesLength();
        if (partsBytes + (long)bytes > partsMessageLength)
        {
            throw brokenParts(index, "more bytes than the entry's " + partsMessageLength);
        }
        assembled.checkLimit(partsBytes + bytes);
        partDecoder.getBytes(assembled, partsBytes, bytes);
        partsBytes += bytes;
        if (++partsRead < partsTotal)
        {
            return false;
        }
        if (partsBytes != partsMessageLength)
        {
            throw brokenParts(index, "its last part, with " + partsBytes + " of the entry's " + partsMessageLength +
                " bytes");
        }
        message.wrap(assembled, 0, partsBytes);
        headerDecoder.wrap(message, 0);
        if (headerDecoder.schemaId() != JournalEntryDecoder.SCHEMA_ID ||
            headerDecoder.templateId() != JournalEntryDecoder.TEMPLATE_ID)
        {
            throw brokenParts(index, "its last part, and its bytes are not a journal entry");
        }
        return true;
    }

    /**
     * Counts the parts read of an entry being put together as unusable, with the excerpt that ended it.
     */
    private void dropParts()
    {
        if (partsIndex >= 0)
        {
            badExcerpts += partsRead;
            partsIndex = -1;
        }
    }

    private long partsIndex()
    {
        final long first = partsIndex;
        partsIndex = -1;
        return first;
    }

    private JournalException brokenParts(final long index, final String what)
    {
        return new JournalException("journal " + dir + ": entry seq " + partsSeq + ", in " + partsTotal +
            " parts from index " + Long.toHexString(partsIndex) + ", is broken after " + partsRead + " of them: " +
            "index " + Long.toHexString(index) + " holds " + what);
    }

    /**
     * Makes the JournalEntry message in {@link #message} the current entry.
     *
     * @param index     its Chronicle index (its first part's when it came in parts).
     * @param assembled whether it was put together from parts.
     */
    private boolean entry(final long index, final boolean assembled)
    {
        if (badExcerpts > 0)
        {
            throw new JournalException("journal " + dir + ": damaged in the middle: " + badExcerpts +
                " unusable excerpt(s) after seq " + lastGoodSeq + " (" + badWhy + ") are followed by valid " +
                "entries; restore it from a copy or cut it by hand");
        }
        entryDecoder.wrap(message, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        entry.wrap(index, entryDecoder);
        if (expectedSeq >= 0 && entry.seq() != expectedSeq)
        {
            throw new JournalException("journal " + dir + ": entry at index " + Long.toHexString(index) +
                " has seq " + entry.seq() + ", expected " + expectedSeq);
        }
        if (assembled && entry.seq() != partsSeq)
        {
            throw new JournalException("journal " + dir + ": the entry in parts from index " +
                Long.toHexString(index) + " has seq " + entry.seq() + ", its parts say " + partsSeq);
        }
        expectedSeq = entry.seq() + 1;
        lastGoodSeq = entry.seq();
        return true;
    }

    public JournalEntry entry()
    {
        return entry;
    }

    /**
     * Lets the next thread to call this reader use it: Chronicle's tailer checks that one thread uses it, and a
     * {@link ReplayFeed} reads on a thread of its own between the caller's seek and close.
     */
    void handOver()
    {
        tailer.singleThreadedCheckReset();
    }

    /**
     * @return the unusable excerpts that ended the journal, or null when it ended cleanly (valid after
     * {@link #next()} returned false).
     */
    public TornTail tornTail()
    {
        return tornTail;
    }

    /**
     * @return whether the excerpt at {@code index} lies in a region voided by a {@code TailCut} this reader passed
     * (a tail an earlier recovery cut: what it held was decided again after it).
     */
    public boolean voided(final long index)
    {
        for (final long[] region : voided)
        {
            if (index >= region[0] && index < region[1])
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return how many {@code TailCut} markers were passed (tails cut by earlier recoveries).
     */
    public long cutsSkipped()
    {
        return cutsSkipped;
    }

    private int copy(final DocumentContext dc)
    {
        final Bytes<?> bytes = dc.wire().bytes();
        final int length = (int)bytes.readRemaining();
        frame.checkLimit(length);
        bytes.read(frame.byteArray(), 0, length);
        return length;
    }

    /**
     * Validates the frame in {@link #frame} and wraps its message.
     *
     * @return the message's template id, or {@link #TEMPLATE_NONE} with {@link #problem} set.
     */
    private int check(final int length)
    {
        problem = null;
        if (length < JournalFrame.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH)
        {
            problem = "excerpt of " + length + " bytes is too short";
            return TEMPLATE_NONE;
        }
        final int messageLength = frame.getInt(JournalFrame.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (messageLength < MessageHeaderDecoder.ENCODED_LENGTH || messageLength > length - JournalFrame.HEADER_LENGTH)
        {
            problem = "frame length " + messageLength + " does not fit the excerpt of " + length + " bytes";
            return TEMPLATE_NONE;
        }
        final int expected = frame.getInt(JournalFrame.CHECKSUM_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int actual = JournalFrame.checksum(crc, frame.byteArray(), JournalFrame.HEADER_LENGTH, messageLength);
        if (expected != actual)
        {
            problem = "checksum mismatch";
            return TEMPLATE_NONE;
        }
        message.wrap(frame, JournalFrame.HEADER_LENGTH, messageLength);
        headerDecoder.wrap(message, 0);
        if (headerDecoder.schemaId() != JournalEntryDecoder.SCHEMA_ID)
        {
            problem = "schema id " + headerDecoder.schemaId() + " is not the journal's";
            return TEMPLATE_NONE;
        }
        if (headerDecoder.version() > JournalEntryDecoder.SCHEMA_VERSION)
        {
            throw new JournalException("journal " + dir + " was written with journal schema version " +
                headerDecoder.version() + "; this program reads up to " + JournalEntryDecoder.SCHEMA_VERSION);
        }
        return headerDecoder.templateId();
    }

    static String utf8(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}
