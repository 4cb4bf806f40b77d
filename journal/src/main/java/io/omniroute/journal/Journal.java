package io.omniroute.journal;

import io.omniroute.engine.CommandType;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.IoMessages;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import io.omniroute.engine.SystemSettings;
import io.omniroute.journal.sbe.EntryPartEncoder;
import io.omniroute.journal.sbe.JournalEntryEncoder;
import io.omniroute.journal.sbe.JournalHeaderEncoder;
import io.omniroute.journal.sbe.MessageHeaderEncoder;
import io.omniroute.journal.sbe.TailCutEncoder;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The journal of one engine: a Chronicle Queue of checksummed SBE frames ({@link JournalFrame}) under
 * {@code DIR/queue}, with the engine's snapshots beside it under {@code DIR/snapshots}. Written by one thread (the
 * engine's) through {@link #append}; {@link #flush} at the end of each batch makes the batch durable per the
 * {@link Durability}. A writable journal holds {@code DIR/journal.lock}, so two processes never append to one
 * journal.
 * <p>
 * The first excerpt is a header naming the network (its fingerprint): opening a journal with another network's
 * fingerprint fails with a {@link JournalException} instead of producing different decisions.
 */
public final class Journal implements AutoCloseable
{
    public static final String QUEUE_DIR = "queue";
    public static final String SNAPSHOT_DIR = "snapshots";
    public static final String LOCK_FILE = "journal.lock";

    /**
     * Settings of a journal, with defaults; {@link #conclude()} validates them.
     */
    public static final class Context
    {
        /** System property naming the Chronicle roll cycle (a constant of {@code LargeRollCycles} or {@code RollCycles}). */
        public static final String ROLL_CYCLE_PROP = "omniroute.journal.rollCycle";
        /** System property with the Chronicle block size in bytes (the unit of mapping; an entry must fit in a quarter). */
        public static final String BLOCK_SIZE_PROP = "omniroute.journal.blockSize";
        /**
         * 256 MiB, so one entry may be 64 MiB: a stock count that re-routes a few hundred thousand orders lists them
         * all in its result (20 MB for 300 K orders), and Chronicle's default (64 MiB, entries of 16 MiB) refused it
         * after the engine had applied it, which stopped the engine. Mapped address space only: the files are sparse.
         */
        public static final long DEFAULT_BLOCK_SIZE = 256L << 20;
        /** Chronicle's block size when none is set (a 64-bit JVM). */
        private static final long CHRONICLE_DEFAULT_BLOCK_SIZE = 64L << 20;
        /**
         * System property: the most bytes one excerpt carries (default a quarter of the block size, less 64 KiB, or a
         * sixteenth of the block when that is less, for Chronicle's own framing); an entry longer than that is written
         * in parts ({@code EntryPart}).
         */
        public static final String MAX_EXCERPT_PROP = "omniroute.journal.maxExcerptBytes";
        /**
         * System property: the free space, in MiB, the journal leaves on its disk (default 64; 0 = no check). An
         * append that finds less refuses to write (see {@link Journal#append}).
         */
        public static final String MIN_FREE_PROP = "omniroute.journal.minFreeMiB";

        private Path dir;
        private Durability durability = Durability.ASYNC;
        private RollCycle rollCycle;
        /** Reads the defaults below from system properties; a bad one is refused by {@link #conclude()}. */
        private final SystemSettings settings = new SystemSettings();
        private long blockSize = settings.longValue(BLOCK_SIZE_PROP, DEFAULT_BLOCK_SIZE, 0, Long.MAX_VALUE);
        private int maxExcerptBytes = settings.intValue(MAX_EXCERPT_PROP, 0, 0, Integer.MAX_VALUE);
        private long minFreeBytes = minFreeBytes(settings);
        private boolean readOnly;
        private boolean fingerprintKnown;
        private long networkFingerprint;
        private int skuCount;
        private int locationCount;
        private String networkName = "";
        private String writer = "omniroute 0.1.0";
        private EpochClock epochClock = SystemEpochClock.INSTANCE;

        public Context dir(final Path dir)
        {
            this.dir = dir;
            return this;
        }

        public Path dir()
        {
            return dir;
        }

        public Context durability(final Durability durability)
        {
            this.durability = durability;
            return this;
        }

        public Durability durability()
        {
            return durability;
        }

        public Context rollCycle(final RollCycle rollCycle)
        {
            this.rollCycle = rollCycle;
            return this;
        }

        public Context blockSize(final long blockSize)
        {
            this.blockSize = blockSize;
            return this;
        }

        /**
         * @param maxExcerptBytes the most bytes one excerpt carries (frame included; at least 256; 0 = the default of
         *                        {@link #MAX_EXCERPT_PROP}): a longer entry is written in parts. Chronicle refuses an
         *                        excerpt over a quarter of its block size, so it may not be more than that.
         */
        public Context maxExcerptBytes(final int maxExcerptBytes)
        {
            this.maxExcerptBytes = maxExcerptBytes;
            return this;
        }

        /**
         * @return the most bytes one excerpt carries, frame included.
         */
        public int maxExcerptBytes()
        {
            final long block = blockSize > 0 ? blockSize : CHRONICLE_DEFAULT_BLOCK_SIZE;
            // Chronicle takes a quarter of a block, and never more than 1 GiB
            final long quarter = Math.max(MIN_EXCERPT_BYTES,
                Math.min(block / 4, 1L << 30) - Math.min(64 << 10, block / 16));
            return (int)(maxExcerptBytes > 0 ? Math.min(maxExcerptBytes, quarter) : quarter);
        }

        /**
         * @return the free space the journal leaves on its disk unless told otherwise: {@link #MIN_FREE_PROP}, or
         * 64 MiB (snapshot files keep out of the same reserve).
         */
        public static long defaultMinFreeBytes()
        {
            return minFreeBytes(new SystemSettings());
        }

        /**
         * @return {@link #MIN_FREE_PROP} (MiB, default 64) in bytes, as {@code settings} reads it; a reserve larger
         * than any disk (a test's full disk) is kept as large as a long holds rather than overflow.
         */
        private static long minFreeBytes(final SystemSettings settings)
        {
            return Math.min(settings.longValue(MIN_FREE_PROP, 64, 0, Long.MAX_VALUE), Long.MAX_VALUE >> 20) << 20;
        }

        /**
         * @param minFreeBytes the free space appends leave on the journal's disk; 0 = no check.
         */
        public Context minFreeBytes(final long minFreeBytes)
        {
            this.minFreeBytes = minFreeBytes;
            return this;
        }

        /**
         * Opens for reading only: nothing in the directory changes, {@link #append} is refused.
         */
        public Context readOnly(final boolean readOnly)
        {
            this.readOnly = readOnly;
            return this;
        }

        public boolean readOnly()
        {
            return readOnly;
        }

        /**
         * The network the journal must belong to (checked against the header; written into a new journal's header).
         * A read-only journal opened without it accepts any network.
         */
        public Context network(final long fingerprint, final int skuCount, final int locationCount, final String name)
        {
            this.fingerprintKnown = true;
            this.networkFingerprint = fingerprint;
            this.skuCount = skuCount;
            this.locationCount = locationCount;
            this.networkName = name == null ? "" : name;
            return this;
        }

        public Context writer(final String writer)
        {
            this.writer = writer;
            return this;
        }

        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        public EpochClock epochClock()
        {
            return epochClock;
        }

        public Context conclude()
        {
            if (dir == null)
            {
                throw new IllegalStateException("journal dir not set");
            }
            if (durability == null)
            {
                throw new IllegalStateException("durability not set");
            }
            if (!readOnly && !fingerprintKnown)
            {
                throw new IllegalStateException("a writable journal needs the network's fingerprint");
            }
            if (settings.firstBad() != null)
            {
                throw new JournalException("journal setting " + settings.firstBad());
            }
            if (maxExcerptBytes != 0 && maxExcerptBytes < MIN_EXCERPT_BYTES)
            {
                throw new JournalException("journal setting maxExcerptBytes (-D" + MAX_EXCERPT_PROP + ") " +
                    maxExcerptBytes + ": must be 0 (the default) or at least " + MIN_EXCERPT_BYTES + " bytes");
            }
            if (rollCycle == null)
            {
                rollCycle = rollCycleNamed(System.getProperty(ROLL_CYCLE_PROP, LargeRollCycles.HUGE_DAILY.name()));
            }
            return this;
        }

        /** The least {@link #maxExcerptBytes}: room for a part's frame and headers and some of the entry. */
        static final int MIN_EXCERPT_BYTES = 256;

        private static RollCycle rollCycleNamed(final String name)
        {
            if (name.equals("WEEKLY"))
            {
                // a journal made with it could not read back its own header: its queue "holds no readable entry"
                throw new JournalException("journal setting -D" + ROLL_CYCLE_PROP + "=WEEKLY: not supported (the " +
                    "queue cannot read back the week files it writes); use a daily or shorter cycle (the default is " +
                    "HUGE_DAILY)");
            }
            for (final LargeRollCycles r : LargeRollCycles.values())
            {
                if (r.name().equals(name))
                {
                    return r;
                }
            }
            for (final RollCycle r : net.openhft.chronicle.queue.RollCycles.all())
            {
                if (r.toString().equals(name))
                {
                    return r;
                }
            }
            throw new JournalException("journal setting -D" + ROLL_CYCLE_PROP + "=" + name +
                ": no roll cycle of that name (the default is HUGE_DAILY)");
        }
    }

    private final Context ctx;
    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final JournalHeader header;

    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(4096);
    private final CRC32C crc = new CRC32C();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final JournalEntryEncoder entryEncoder = new JournalEntryEncoder();
    private final EntryPartEncoder partEncoder = new EntryPartEncoder();
    /** A part's excerpt less the entry bytes it carries: frame header, SBE header, part block, data length. */
    private static final int PART_OVERHEAD_BYTES = JournalFrame.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH +
        EntryPartEncoder.BLOCK_LENGTH + EntryPartEncoder.bytesHeaderLength();
    /** Holds one part of an entry too long for one excerpt; made when first needed. */
    private ExpandableArrayBuffer partFrame;
    /** Bytes of a JournalEntry message one excerpt carries, whole or as one part (frame and part headers aside). */
    private final int partDataBytes;
    private long lastSeq = -1;
    private long lastIndex = -1;
    /** Bytes appended since the journal's disk was last asked for its free space (the first append asks). */
    private long bytesSinceSpaceCheck = SPACE_CHECK_BYTES;
    private java.nio.file.FileStore store;
    /** How often appends ask: the reserve must be larger, so the journal itself cannot fill the disk between. */
    private static final long SPACE_CHECK_BYTES = 8 << 20;
    /** An entry this large is checked against the free space on its own (the reserve covers the 8 MiB between). */
    private static final long LARGE_ENTRY_BYTES = 1 << 20;

    private Journal(final Context ctx, final SingleChronicleQueue queue, final FileChannel lockChannel,
        final FileLock lock)
    {
        this(ctx, queue, lockChannel, lock, false);
    }

    /**
     * Takes over {@code queue}, {@code lockChannel} and {@code lock}: when it throws, it has closed them (and the
     * appender writing the header made), so a queue given to it is never left for Chronicle's finalizer, whose close
     * warns on stderr at some later collection.
     *
     * @param create write the header into the (new, empty) queue; otherwise a queue without a readable header is
     *               refused as damaged.
     */
    private Journal(final Context ctx, final SingleChronicleQueue queue, final FileChannel lockChannel,
        final FileLock lock, final boolean create)
    {
        this.ctx = ctx;
        this.queue = queue;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.partDataBytes = ctx.maxExcerptBytes() - PART_OVERHEAD_BYTES;
        try
        {
            header = readOrWriteHeader(create);
        }
        catch (final RuntimeException | Error ex)
        {
            // an Error too: a queue file cut short under its mapping faults as an InternalError
            CloseHelper.quietCloseAll(appender, queue, lock, lockChannel);
            throw ex;
        }
    }

    private JournalHeader readOrWriteHeader(final boolean create)
    {
        JournalHeader h;
        try (JournalReader reader = new JournalReader(queue.createTailer(), ctx.dir))
        {
            h = reader.header();
        }
        if (h == null && create)
        {
            h = writeHeader();
        }
        if (h == null)
        {
            // a journal is created with its header before its queue is put in place (see createQueue), so cycle
            // files without a readable header are damage: writing a new header there made the old entries and the
            // new ones unreadable
            throw new NoHeader();
        }
        if (ctx.fingerprintKnown && h.networkFingerprint() != ctx.networkFingerprint)
        {
            throw new JournalException("journal " + ctx.dir + " was written for another network (fingerprint " +
                NetworkFingerprint.hex(h.networkFingerprint()) + ", " + h.skuCount() + " SKUs, " +
                h.locationCount() + " locations" + (h.network().isEmpty() ? "" : ", " + h.network()) +
                "), not this one (" + NetworkFingerprint.hex(ctx.networkFingerprint) + ")");
        }
        return h;
    }

    /**
     * Opens (or, when writable and absent, creates) the journal of {@code ctx.dir()}.
     *
     * @throws JournalException when it is locked by another process, missing (read-only), of another network, or
     *                          its header is unreadable.
     */
    public static Journal open(final Context ctx)
    {
        ctx.conclude();
        final Path dir = ctx.dir;
        final Path queueDir = dir.resolve(QUEUE_DIR);
        FileChannel channel = null;
        FileLock lock = null;
        SingleChronicleQueue queue = null;
        String filesBefore = null;
        boolean opened = false;
        try
        {
            if (ctx.readOnly)
            {
                if (!Files.isDirectory(queueDir) || !hasCycleFiles(queueDir))
                {
                    throw new JournalException("journal " + dir + ": not found (no " + QUEUE_DIR + "/*.cq4 files)");
                }
            }
            else
            {
                Files.createDirectories(dir);
                Files.createDirectories(dir.resolve(SNAPSHOT_DIR));
                channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try
                {
                    lock = channel.tryLock();
                }
                catch (final OverlappingFileLockException ex)
                {
                    lock = null;
                }
                if (lock == null)
                {
                    throw new JournalException("journal " + dir + " is in use by another process");
                }
            }
            if (!ctx.readOnly && !hasCycleFiles(queueDir))
            {
                createQueue(ctx, queueDir);
            }
            // as they are before Chronicle maps them (it extends a cut file back to its chunk size with zeros)
            filesBefore = describeCycleFiles(queueDir);
            queue = queueBuilder(ctx, queueDir).build();
            final Journal journal;
            try
            {
                journal = new Journal(ctx, queue, channel, lock);
            }
            catch (final NoHeader ex)
            {
                throw new JournalException("journal " + dir + ": its queue holds no readable entry (" + filesBefore +
                    "): damaged or cut short. Restore the journal from a copy; to start afresh instead, move " + dir +
                    " away");
            }
            opened = true;
            return journal;
        }
        catch (final IOException ex)
        {
            if (ex instanceof java.io.StreamCorruptedException && filesBefore != null)
            {
                throw damaged(dir, filesBefore, ex);
            }
            throw new JournalException("journal " + dir + ": " + IoMessages.describe(ex), ex);
        }
        catch (final RuntimeException ex)
        {
            if (ex instanceof JournalException)
            {
                throw ex;
            }
            if (filesBefore == null)
            {
                throw new JournalException("journal " + dir + ": cannot open: " + ex, ex);
            }
            throw damaged(dir, filesBefore, ex);
        }
        finally
        {
            if (!opened)
            {
                // whatever stopped the open, an Error too (a queue file cut short under its mapping faults as an
                // InternalError while the header is read): a queue left open is closed by Chronicle's finalizer at
                // some later collection, with a warning and a stack trace on stderr, and the lock stays held till then
                CloseHelper.quietCloseAll(queue, lock, channel);
            }
        }
    }

    /**
     * Chronicle's own words on opening ("The first message should be the header", "Unknown_0x0", a class not found,
     * a lock it cannot claim on a garbled metadata file) mean its files do not read as a queue: said in ours.
     */
    private static JournalException damaged(final Path dir, final String files, final Exception ex)
    {
        final Throwable cause = ex.getCause() != null && ex.getMessage() != null &&
            ex.getMessage().startsWith(ex.getCause().getClass().getName()) ? ex.getCause() : ex;
        final String said = String.valueOf(cause.getMessage()).strip();
        return new JournalException("journal " + dir + ": its queue cannot be read (" + files + "; Chronicle Queue " +
            "says \"" + said + "\"): damaged or cut short. Restore the journal from a copy; to start afresh instead, " +
            "move " + dir + " away", ex);
    }

    /** A queue in place without a readable header (the constructor has closed what it was given). */
    private static final class NoHeader extends JournalException
    {
        private static final long serialVersionUID = 1L;

        NoHeader()
        {
            super("no readable header");
        }
    }

    private static SingleChronicleQueueBuilder queueBuilder(final Context ctx, final Path queueDir)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(queueDir.toFile())
            .rollCycle(ctx.rollCycle)
            .readOnly(ctx.readOnly)
            .syncMode(ctx.durability == Durability.SYNC ? SyncMode.SYNC : SyncMode.NONE);
        if (ctx.blockSize > 0)
        {
            builder.blockSize(ctx.blockSize);
        }
        return builder;
    }

    /**
     * Creates the queue with its header entry beside the journal ({@code queue.new}) and then moves it into place, so
     * that a queue in place always starts with its header: a process killed while creating leaves only
     * {@code queue.new} (done again on the next start), and a queue in place whose header cannot be read is damage.
     */
    private static void createQueue(final Context ctx, final Path queueDir) throws IOException
    {
        final Path tmp = queueDir.resolveSibling(QUEUE_DIR + ".new");
        deleteQueueFolder(tmp);
        deleteQueueFolder(queueDir);   // no cycle file in it: a queue folder an older build left before its first write
        // the constructor closes the queue when it throws (writing the header failed): nothing else holds it
        final Journal created = new Journal(ctx, queueBuilder(ctx, tmp).build(), null, null, true);
        created.close();
        Files.move(tmp, queueDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        SnapshotStore.syncDir(queueDir.getParent());
    }

    /**
     * Deletes a queue folder that holds nothing but Chronicle's files; one holding anything else is not ours to
     * delete (a {@code --journal} pointed at the wrong folder) and is refused.
     */
    private static void deleteQueueFolder(final Path path) throws IOException
    {
        if (!Files.exists(path))
        {
            return;
        }
        final java.util.List<Path> files;
        try (var list = Files.list(path))
        {
            files = list.toList();
        }
        for (final Path f : files)
        {
            final String name = f.getFileName().toString();
            if (!Files.isRegularFile(f) || !(name.endsWith(".cq4t") || name.endsWith(".cq4")))
            {
                throw new JournalException("journal " + path.getParent() + ": " + path + " holds " + name +
                    ", which is not a journal's: not touching it (is --journal the right folder?)");
            }
        }
        for (final Path f : files)
        {
            Files.delete(f);
        }
        Files.delete(path);
    }

    private static String describeCycleFiles(final Path queueDir)
    {
        try (var list = Files.list(queueDir))
        {
            final StringBuilder sb = new StringBuilder();
            for (final Path p : (Iterable<Path>)list.filter(f -> f.getFileName().toString().endsWith(".cq4"))
                .sorted()::iterator)
            {
                sb.append(sb.length() == 0 ? "" : ", ").append(QUEUE_DIR).append('/').append(p.getFileName())
                    .append(String.format(java.util.Locale.ROOT, ": %,d bytes", Files.size(p)));
            }
            return sb.toString();
        }
        catch (final IOException ex)
        {
            return QUEUE_DIR + "/: " + IoMessages.describe(ex);
        }
    }

    static boolean hasCycleFiles(final Path queueDir)
    {
        try (var list = Files.list(queueDir))
        {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @return whether {@code dir} holds a journal (a queue with at least one cycle file).
     */
    public static boolean exists(final Path dir)
    {
        final Path q = dir.resolve(QUEUE_DIR);
        return Files.isDirectory(q) && hasCycleFiles(q);
    }

    private JournalHeader writeHeader()
    {
        final JournalHeaderEncoder e = new JournalHeaderEncoder();
        e.wrapAndApplyHeader(frame, JournalFrame.HEADER_LENGTH, headerEncoder)
            .createdEpochMs(ctx.epochClock.time())
            .networkFingerprint(ctx.networkFingerprint)
            .skuCount(ctx.skuCount)
            .locationCount(ctx.locationCount)
            .engineBodyVersion(EngineSnapshot.BODY_VERSION);
        final byte[] network = ctx.networkName.getBytes(StandardCharsets.UTF_8);
        final byte[] writer = ctx.writer.getBytes(StandardCharsets.UTF_8);
        e.putNetwork(network, 0, network.length);
        e.putWriter(writer, 0, writer.length);
        write(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        flushAlways();
        return new JournalHeader(ctx.epochClock.time(), ctx.networkFingerprint, ctx.skuCount, ctx.locationCount,
            EngineSnapshot.BODY_VERSION, ctx.networkName, ctx.writer);
    }

    public Path dir()
    {
        return ctx.dir;
    }

    /**
     * Forces the queue's files to disk, whatever the durability, from any thread (a file descriptor's fsync covers
     * the pages written through the mapping): the snapshot writer calls it before it writes a snapshot, so that no
     * snapshot outlives its journal entries on a power cut (recovery refuses a journal that ends before a snapshot).
     */
    public void syncFiles() throws java.io.IOException
    {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(ctx.dir.resolve(QUEUE_DIR)))
        {
            for (final Path p : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".cq4"))::iterator)
            {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
                    java.nio.file.StandardOpenOption.READ))
                {
                    ch.force(false);
                }
            }
        }
    }

    public Path snapshotDir()
    {
        return ctx.dir.resolve(SNAPSHOT_DIR);
    }

    public Durability durability()
    {
        return ctx.durability;
    }

    /**
     * @return the header (a journal without one is refused at open as damaged).
     */
    public JournalHeader header()
    {
        return header;
    }

    /**
     * A reader from the first excerpt; close it before the journal.
     */
    public JournalReader newReader()
    {
        return new JournalReader(queue.createTailer(), ctx.dir);
    }

    /**
     * Tells the journal its last entry (found by recovery), so that {@link #append} can check the next one follows.
     */
    public void resume(final long seq, final long index)
    {
        this.lastSeq = seq;
        this.lastIndex = index;
    }

    public long lastSeq()
    {
        return lastSeq;
    }

    /**
     * @return the Chronicle index of the last excerpt this journal appended, or -1.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Appends one entry (engine thread only). The command is a {@code Command} message as {@link CommandCodec}
     * writes it; the result is the result line's bytes.
     *
     * @return the entry's Chronicle index.
     */
    public long append(final long seq, final long ingressTimeNs, final CommandType type, final Status status,
        final Reason reason, final long totalCostCents, final DirectBuffer command, final int commandOffset,
        final int commandLength, final DirectBuffer result, final int resultOffset, final int resultLength)
    {
        if (lastSeq >= 0 && seq != lastSeq + 1)
        {
            throw new IllegalStateException("journal: entry seq " + seq + " does not follow " + lastSeq);
        }
        final long entryBytes = (long)commandLength + resultLength;
        if ((bytesSinceSpaceCheck >= SPACE_CHECK_BYTES || entryBytes >= LARGE_ENTRY_BYTES) && ctx.minFreeBytes > 0)
        {
            // throws, and keeps refusing, while the disk is below the reserve; an entry of megabytes (a count that
            // re-routes many orders) must fit above the reserve itself, whenever the last check was
            requireFreeSpace(seq, entryBytes >= LARGE_ENTRY_BYTES ? entryBytes : 0);
            bytesSinceSpaceCheck = 0;
        }
        entryEncoder.wrapAndApplyHeader(frame, JournalFrame.HEADER_LENGTH, headerEncoder)
            .seq(seq)
            .ingressTimeNs(ingressTimeNs)
            .totalCostCents(totalCostCents)
            .status(CommandCodec.code(status))
            .reason(CommandCodec.code(reason))
            .commandType(CommandCodec.code(type));
        entryEncoder.putCommand(command, commandOffset, commandLength);
        entryEncoder.putResult(result, resultOffset, resultLength);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + entryEncoder.encodedLength();
        if (messageLength <= partDataBytes)
        {
            write(messageLength);
        }
        else
        {
            writeParts(seq, messageLength);
        }
        lastSeq = seq;
        return lastIndex;
    }

    /**
     * Writes the JournalEntry message in {@link #frame} as consecutive {@code EntryPart} excerpts, each carrying the
     * next {@link #partDataBytes} of it: Chronicle refuses an excerpt over a quarter of its block size, and the
     * result of a stock count that re-routes a million orders is longer than that. A crash between the parts leaves
     * an entry that was never acknowledged and that recovery cuts. The entry's index is its first part's.
     */
    private void writeParts(final long seq, final int messageLength)
    {
        final int parts = (int)(((long)messageLength + partDataBytes - 1) / partDataBytes);
        if (partFrame == null)
        {
            partFrame = new ExpandableArrayBuffer(PART_OVERHEAD_BYTES + partDataBytes);
        }
        long firstIndex = -1;
        for (int part = 0; part < parts; part++)
        {
            final int offset = part * partDataBytes;
            final int length = Math.min(partDataBytes, messageLength - offset);
            partEncoder.wrapAndApplyHeader(partFrame, JournalFrame.HEADER_LENGTH, headerEncoder)
                .seq(seq)
                .part(part)
                .parts(parts)
                .messageLength(messageLength);
            partEncoder.putBytes(frame, JournalFrame.HEADER_LENGTH + offset, length);
            appendFrame(partFrame, MessageHeaderEncoder.ENCODED_LENGTH + partEncoder.encodedLength());
            if (part == 0)
            {
                firstIndex = lastIndex;
            }
        }
        lastIndex = firstIndex;
    }

    /**
     * Records that the excerpts from {@code firstCutIndex} on are void (a torn or corrupt tail found by recovery);
     * readers skip them. Must come before the next {@link #append}.
     */
    public void cutTail(final TornTail tail)
    {
        final TailCutEncoder e = new TailCutEncoder();
        e.wrapAndApplyHeader(frame, JournalFrame.HEADER_LENGTH, headerEncoder)
            .firstCutIndex(tail.firstBadIndex())
            .lastGoodSeq(tail.lastGoodSeq())
            .cutEpochMs(ctx.epochClock.time())
            .voidExcerpts(tail.badExcerpts());
        final byte[] why = tail.why().getBytes(StandardCharsets.UTF_8);
        e.putWhy(why, 0, why.length);
        write(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        flushAlways();
    }

    private void write(final int messageLength)
    {
        appendFrame(frame, messageLength);
    }

    /**
     * Seals the frame whose message is at {@link JournalFrame#HEADER_LENGTH} of {@code buffer} and appends it.
     */
    private void appendFrame(final ExpandableArrayBuffer buffer, final int messageLength)
    {
        if (appender == null)
        {
            if (ctx.readOnly)
            {
                throw new IllegalStateException("journal " + ctx.dir + " is open read-only");
            }
            // created on first write, after recovery has read to the end: Chronicle's appender takes over a write
            // left incomplete by a crashed process, and the reader should see it first
            appender = queue.createAppender();
        }
        final int length = JournalFrame.seal(crc, buffer, 0, messageLength);
        bytesSinceSpaceCheck += length;
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(buffer.byteArray(), 0, length);
        }
        lastIndex = appender.lastIndexAppended();
    }

    /**
     * Refuses to append once the journal's disk has less free space than {@link Context#minFreeBytes} (checked every
     * {@link #SPACE_CHECK_BYTES} appended). The queue's files are memory-mapped: a write into a page the full disk
     * cannot back faults, and the JVM reports that fault to the writing thread only some instructions later, after the
     * entry may already have been counted as written. Stopping while there is room means no entry is ever torn by a
     * full disk and no result is acknowledged for an entry that did not land.
     */
    private void requireFreeSpace(final long seq, final long entryBytes)
    {
        final long free;
        try
        {
            if (store == null)
            {
                store = Files.getFileStore(ctx.dir.resolve(QUEUE_DIR));
            }
            free = store.getUsableSpace();
        }
        catch (final IOException ex)
        {
            return; // a store that cannot say: the mapped write is the check
        }
        if (free < ctx.minFreeBytes + entryBytes)
        {
            throw new JournalException("journal " + ctx.dir + ": only " + (free >> 20) + " MiB left on its disk, " +
                "below the " + (ctx.minFreeBytes >> 20) + " MiB it keeps free (-D" + Context.MIN_FREE_PROP + ")" +
                (entryBytes > 0 ? " plus the " + (entryBytes >> 20) + " MiB of the entry" : "") + ": it " +
                "stopped before entry seq " + seq + " so that no entry is torn by a full disk");
        }
    }

    /**
     * Lets another thread take over appending (Chronicle's appender checks that one thread uses it): call on the
     * thread that used it last, or after that thread has stopped, before the next thread appends.
     */
    public void handOver()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
        }
    }

    /**
     * Ends a batch: with {@link Durability#SYNC} the pages written since the last flush are msync'ed before this
     * returns; with {@link Durability#ASYNC} the entries are already in the page cache and nothing is to be done.
     */
    public void flush()
    {
        if (ctx.durability == Durability.SYNC && appender != null)
        {
            appender.sync();
        }
    }

    private void flushAlways()
    {
        if (appender != null)
        {
            appender.sync();
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(appender, queue, lock, lockChannel);
    }
}
