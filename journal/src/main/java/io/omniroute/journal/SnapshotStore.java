package io.omniroute.journal;

import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineSnapshot;
import io.omniroute.engine.Network;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The snapshot files of a journal ({@code DIR/snapshots/snapshot-<seq>.snap}): written whole to a temporary file,
 * fsync'ed, then renamed into place, so a crash leaves either the complete file or none; read back with every check
 * (magic, versions, checksums, network, state hash). Keeps the newest {@link #keep} files.
 */
public final class SnapshotStore
{
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");
    private static final String TMP_SUFFIX = ".tmp";

    private final Path dir;
    private final int keep;
    private final long minFreeBytes;

    /**
     * A snapshot read back and checked.
     *
     * @param file   the file.
     * @param header its header.
     * @param engine the engine restored from it.
     */
    public record Loaded(Path file, SnapshotFile.Header header, Engine engine)
    {
    }

    /**
     * A snapshot not written because it would have taken the room the journal keeps free; nothing was written.
     */
    public static final class NoRoom extends IOException
    {
        private static final long serialVersionUID = 1L;

        NoRoom(final String message)
        {
            super(message);
        }
    }

    private Journal journal;

    public SnapshotStore(final Path dir, final int keep)
    {
        this(dir, keep, Journal.Context.defaultMinFreeBytes());
    }

    /**
     * @param minFreeBytes the free space a snapshot leaves on the disk: the journal's reserve (a snapshot that would
     *                     eat into it is not written, so the journal's next appends still find room); 0 = no check.
     */
    public SnapshotStore(final Path dir, final int keep, final long minFreeBytes)
    {
        this.dir = dir;
        this.keep = Math.max(1, keep);
        this.minFreeBytes = minFreeBytes;
    }

    public Path dir()
    {
        return dir;
    }

    /**
     * Forces this journal's files to disk before each snapshot is written (see {@link Journal#syncFiles()}).
     */
    public SnapshotStore syncing(final Journal journal)
    {
        this.journal = journal;
        return this;
    }

    public static String fileName(final long seq)
    {
        return String.format("snapshot-%020d.snap", seq);
    }

    /**
     * Writes a snapshot durably (off the engine thread: this blocks on the disk).
     *
     * @param body the engine state body ({@link EngineSnapshot#write}) at {@code seq}.
     * @return the file written.
     */
    public Path write(final long seq, final long journalIndex, final long fingerprint, final long createdEpochMs,
        final byte[] body, final int bodyLength) throws IOException
    {
        return write(seq, journalIndex, fingerprint, createdEpochMs, StateBody.wrap(body, bodyLength));
    }

    /**
     * Writes a snapshot durably (off the engine thread: this blocks on the disk).
     *
     * @param body the engine state body ({@link EngineSnapshot#write}) at {@code seq}.
     * @return the file written.
     */
    public Path write(final long seq, final long journalIndex, final long fingerprint, final long createdEpochMs,
        final StateBody body) throws IOException
    {
        if (journal != null)
        {
            journal.syncFiles();   // its entries on disk before the snapshot that holds them, in async durability too
        }
        Files.createDirectories(dir);
        final byte[] header = SnapshotFile.header(seq, journalIndex, body.stateHash(), fingerprint, createdEpochMs,
            body.crc32c(), body.length());
        final Path file = dir.resolve(fileName(seq));
        final Path tmp = dir.resolve(fileName(seq) + TMP_SUFFIX);
        final long needed = header.length + body.length();
        if (minFreeBytes > 0)
        {
            final long free = Files.getFileStore(dir).getUsableSpace();
            if (free - needed < minFreeBytes)
            {
                throw new NoRoom("not written: it needs " + (needed >> 20) + " MiB and the disk has " +
                    (free >> 20) + " MiB free, of which the journal keeps " + (minFreeBytes >> 20) + " MiB (-D" +
                    Journal.Context.MIN_FREE_PROP + ")");
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer h = ByteBuffer.wrap(header);
            while (h.hasRemaining())
            {
                ch.write(h);
            }
            body.writeTo(ch);
            ch.force(true);
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            Files.deleteIfExists(tmp); // a part-written snapshot would only take the journal's room
            throw ex;
        }
        try
        {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDir(dir);
        prune();
        return file;
    }

    /**
     * Makes a rename into {@code dir} durable (the journal's new queue, a snapshot file).
     */
    static void syncDir(final Path dir)
    {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ))
        {
            d.force(true);
        }
        catch (final IOException ex)
        {
            // not every file system lets a directory be opened for fsync; the rename is still atomic
        }
    }

    /**
     * @return the snapshot files, newest (highest sequence) first; leftovers of interrupted writes are not listed.
     */
    public List<Path> list()
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir))
        {
            return files;
        }
        try (Stream<Path> s = Files.list(dir))
        {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new JournalException("snapshots " + dir + ": " + ex.getMessage(), ex);
        }
        files.sort(Comparator.comparingLong(SnapshotStore::seqOf).reversed());
        return files;
    }

    /**
     * @return the sequence a snapshot file name carries, or -1.
     */
    public static long seqOf(final Path file)
    {
        final Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Deletes all but the newest {@link #keep} snapshots, and leftovers of interrupted writes.
     */
    public void prune()
    {
        final List<Path> files = list();
        for (int i = keep; i < files.size(); i++)
        {
            deleteQuietly(files.get(i));
        }
        try (Stream<Path> s = Files.list(dir))
        {
            s.filter(p -> p.getFileName().toString().endsWith(TMP_SUFFIX)).forEach(SnapshotStore::deleteQuietly);
        }
        catch (final IOException ex)
        {
            // pruning is housekeeping
        }
    }

    private static void deleteQuietly(final Path p)
    {
        try
        {
            Files.deleteIfExists(p);
        }
        catch (final IOException ex)
        {
            // housekeeping; a stale file is ignored by readers
        }
    }

    /**
     * Reads a snapshot and restores an engine from it, checking everything: header and body checksums, the network,
     * the body version, that the body decodes, and that the restored engine's state hash is the one recorded.
     *
     * @throws JournalException naming what is wrong.
     */
    public static Loaded read(final Path file, final Network network, final long fingerprint)
    {
        final SnapshotFile.Header h = SnapshotFile.readHeader(file);
        if (h.networkFingerprint() != fingerprint)
        {
            throw new JournalException("snapshot " + file + " is of another network (fingerprint " +
                NetworkFingerprint.hex(h.networkFingerprint()) + ")");
        }
        // the body is checked whole before it is decoded (a damaged length must not size a buffer), then read a block
        // at a time: a state of several GB is never one array
        SnapshotFile.verifyBody(file, h);
        if (h.bodyVersion() != EngineSnapshot.BODY_VERSION)
        {
            throw new JournalException("snapshot " + file + ": engine body version " + h.bodyVersion() +
                ", this program reads " + EngineSnapshot.BODY_VERSION);
        }
        final Engine engine;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ))
        {
            ch.position(SnapshotFile.HEADER_LENGTH);
            engine = EngineSnapshot.read(network, new BufferedInputStream(Channels.newInputStream(ch), 1 << 16));
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new JournalException("snapshot " + file + ": body does not decode: " + ex.getMessage(), ex);
        }
        if (engine.lastSeq() != h.seq())
        {
            throw new JournalException("snapshot " + file + ": body is at seq " + engine.lastSeq() + ", header says " +
                h.seq());
        }
        final long stateHash = EngineSnapshot.stateHash(engine);
        if (stateHash != h.stateHash())
        {
            throw new JournalException("snapshot " + file + ": restored state hash " + Long.toHexString(stateHash) +
                " differs from the recorded " + Long.toHexString(h.stateHash()));
        }
        return new Loaded(file, h, engine);
    }
}
