package io.omniroute.journal;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Layout of one journal excerpt: an 8-byte frame header, then one SBE message (header + body).
 * <pre>
 *   0  uint32 LE  CRC32C of the message bytes
 *   4  uint32 LE  message length N
 *   8  N bytes    SBE message header + body
 * </pre>
 * The checksum is ours, on top of Chronicle's own framing, so that a torn or corrupted excerpt (power loss, a disk
 * error, a stray write) is detected before its bytes are decoded.
 */
public final class JournalFrame
{
    public static final int CHECKSUM_OFFSET = 0;
    public static final int LENGTH_OFFSET = 4;
    public static final int HEADER_LENGTH = 8;

    private JournalFrame()
    {
    }

    /**
     * Fills in the frame header of a message already written at {@code offset + HEADER_LENGTH}, in a byte-array
     * backed buffer.
     *
     * @return the whole frame's length.
     */
    public static int seal(final CRC32C crc, final MutableDirectBuffer buffer, final int offset, final int messageLength)
    {
        buffer.putInt(offset + CHECKSUM_OFFSET, checksum(crc, buffer.byteArray(), offset + HEADER_LENGTH, messageLength),
            ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + LENGTH_OFFSET, messageLength, ByteOrder.LITTLE_ENDIAN);
        return HEADER_LENGTH + messageLength;
    }

    public static int checksum(final CRC32C crc, final byte[] bytes, final int offset, final int length)
    {
        crc.reset();
        crc.update(bytes, offset, length);
        return (int)crc.getValue();
    }
}
