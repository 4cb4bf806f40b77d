package io.omniroute.journal;

import io.omniroute.engine.EngineSnapshot;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Layout of a snapshot file: a 72-byte header, then the engine's state body ({@link EngineSnapshot}).
 * <pre>
 *   0  8 bytes  magic "ORSNAP\r\n"
 *   8  int32    file format version (1)
 *  12  int32    engine body version (EngineSnapshot.BODY_VERSION)
 *  16  int64    seq: the state after applying the entry with this sequence
 *  24  int64    Chronicle index of that entry in the journal (where replay resumes)
 *  32  int64    state hash (EngineSnapshot.hash of the body)
 *  40  int64    network fingerprint
 *  48  int64    created, epoch ms
 *  56  int64    body length
 *  64  uint32   CRC32C of the body
 *  68  uint32   CRC32C of bytes 0..67
 *  72  body
 * </pre>
 * All little endian.
 */
public final class SnapshotFile
{
    public static final byte[] MAGIC = { 'O', 'R', 'S', 'N', 'A', 'P', '\r', '\n' };
    public static final int FORMAT_VERSION = 1;
    public static final int FORMAT_VERSION_OFFSET = 8;
    public static final int BODY_VERSION_OFFSET = 12;
    public static final int SEQ_OFFSET = 16;
    public static final int JOURNAL_INDEX_OFFSET = 24;
    public static final int STATE_HASH_OFFSET = 32;
    public static final int FINGERPRINT_OFFSET = 40;
    public static final int CREATED_OFFSET = 48;
    public static final int BODY_LENGTH_OFFSET = 56;
    public static final int BODY_CRC_OFFSET = 64;
    public static final int HEADER_CRC_OFFSET = 68;
    public static final int HEADER_LENGTH = 72;

    /**
     * A snapshot file's header.
     *
     * @param formatVersion      file format version.
     * @param bodyVersion        engine body version.
     * @param seq                the sequence the state is at.
     * @param journalIndex       Chronicle index of the entry with that sequence.
     * @param stateHash          the engine's state hash at that sequence.
     * @param networkFingerprint the network's fingerprint.
     * @param createdEpochMs     when it was written.
     * @param bodyLength         body bytes.
     * @param bodyCrc            CRC32C of the body.
     */
    public record Header(int formatVersion, int bodyVersion, long seq, long journalIndex, long stateHash,
        long networkFingerprint, long createdEpochMs, long bodyLength, int bodyCrc)
    {
    }

    private SnapshotFile()
    {
    }

    static byte[] header(final long seq, final long journalIndex, final long stateHash, final long fingerprint,
        final long createdEpochMs, final int bodyCrc, final long bodyLength)
    {
        final byte[] bytes = new byte[HEADER_LENGTH];
        final UnsafeBuffer b = new UnsafeBuffer(bytes);
        b.putBytes(0, MAGIC);
        b.putInt(FORMAT_VERSION_OFFSET, FORMAT_VERSION, ByteOrder.LITTLE_ENDIAN);
        b.putInt(BODY_VERSION_OFFSET, EngineSnapshot.BODY_VERSION, ByteOrder.LITTLE_ENDIAN);
        b.putLong(SEQ_OFFSET, seq, ByteOrder.LITTLE_ENDIAN);
        b.putLong(JOURNAL_INDEX_OFFSET, journalIndex, ByteOrder.LITTLE_ENDIAN);
        b.putLong(STATE_HASH_OFFSET, stateHash, ByteOrder.LITTLE_ENDIAN);
        b.putLong(FINGERPRINT_OFFSET, fingerprint, ByteOrder.LITTLE_ENDIAN);
        b.putLong(CREATED_OFFSET, createdEpochMs, ByteOrder.LITTLE_ENDIAN);
        b.putLong(BODY_LENGTH_OFFSET, bodyLength, ByteOrder.LITTLE_ENDIAN);
        b.putInt(BODY_CRC_OFFSET, bodyCrc, ByteOrder.LITTLE_ENDIAN);
        b.putInt(HEADER_CRC_OFFSET, JournalFrame.checksum(new CRC32C(), bytes, 0, HEADER_CRC_OFFSET),
            ByteOrder.LITTLE_ENDIAN);
        return bytes;
    }

    /**
     * Reads and checks a snapshot file's header (magic, version, header checksum, length).
     *
     * @throws JournalException naming what is wrong.
     */
    public static Header readHeader(final Path file)
    {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer bb = ByteBuffer.allocate(HEADER_LENGTH);
            while (bb.hasRemaining() && ch.read(bb) >= 0)
            {
                // read the whole header
            }
            return parseHeader(file, bb.array(), bb.position(), ch.size());
        }
        catch (final IOException ex)
        {
            throw new JournalException("snapshot " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Checks the body's checksum against the header's, reading the file a MiB at a time (a body of a GB is not held
     * whole); for looking at a snapshot without its network.
     *
     * @throws JournalException when it differs or the file cannot be read.
     */
    public static void verifyBody(final Path file, final Header h)
    {
        final CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer bb = ByteBuffer.allocate(1 << 20);
            long position = HEADER_LENGTH;
            final long end = HEADER_LENGTH + h.bodyLength();
            while (position < end)
            {
                bb.clear().limit((int)Math.min(bb.capacity(), end - position));
                final int n = ch.read(bb, position);
                if (n < 0)
                {
                    throw new JournalException("snapshot " + file + ": body cut short at byte " + position);
                }
                bb.flip();
                crc.update(bb);
                position += n;
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("snapshot " + file + ": " + ex.getMessage(), ex);
        }
        if ((int)crc.getValue() != h.bodyCrc())
        {
            throw new JournalException("snapshot " + file + ": body checksum mismatch");
        }
    }

    static Header parseHeader(final Path file, final byte[] bytes, final int read, final long fileLength)
    {
        if (read < HEADER_LENGTH)
        {
            throw new JournalException("snapshot " + file + ": file of " + fileLength + " bytes has no full header");
        }
        final UnsafeBuffer b = new UnsafeBuffer(bytes);
        for (int i = 0; i < MAGIC.length; i++)
        {
            if (bytes[i] != MAGIC[i])
            {
                throw new JournalException("snapshot " + file + ": not a snapshot file (bad magic)");
            }
        }
        final int headerCrc = JournalFrame.checksum(new CRC32C(), bytes, 0, HEADER_CRC_OFFSET);
        if (headerCrc != b.getInt(HEADER_CRC_OFFSET, ByteOrder.LITTLE_ENDIAN))
        {
            throw new JournalException("snapshot " + file + ": header checksum mismatch");
        }
        final int version = b.getInt(FORMAT_VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (version != FORMAT_VERSION)
        {
            throw new JournalException("snapshot " + file + ": format version " + version + ", this program reads " +
                FORMAT_VERSION);
        }
        final Header h = new Header(version,
            b.getInt(BODY_VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(SEQ_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(JOURNAL_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(STATE_HASH_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(FINGERPRINT_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(CREATED_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getLong(BODY_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN),
            b.getInt(BODY_CRC_OFFSET, ByteOrder.LITTLE_ENDIAN));
        if (h.bodyLength() != fileLength - HEADER_LENGTH)
        {
            throw new JournalException("snapshot " + file + ": body of " + (fileLength - HEADER_LENGTH) +
                " bytes, header says " + h.bodyLength() + " (truncated?)");
        }
        return h;
    }
}
