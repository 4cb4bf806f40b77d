package io.omniroute.gateway.wire;

import io.omniroute.gateway.wire.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The frame layout on the wire: an int32 little-endian length N, then N bytes holding one SBE message (8-byte header
 * and body). Constants and the checks every reader applies before it decodes anything.
 */
public final class Framing
{
    /** Bytes of the length prefix. */
    public static final int LENGTH_FIELD_LENGTH = 4;
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Smallest legal frame body: the SBE message header. */
    public static final int MIN_FRAME_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Default largest frame a client may send to the server. */
    public static final int DEFAULT_MAX_INBOUND_FRAME_LENGTH = 64 * 1024;
    /** Largest frame the server sends (a KPI result over a large network is the biggest). */
    public static final int MAX_OUTBOUND_FRAME_LENGTH = 4 * 1024 * 1024;

    /** Result of {@link #checkLength(int, int)}. */
    public static final int LENGTH_OK = 0;
    public static final int LENGTH_ZERO = 1;
    public static final int LENGTH_TOO_SHORT = 2;
    public static final int LENGTH_TOO_LARGE = 3;

    private Framing()
    {
    }

    public static int checkLength(final int length, final int maxFrameLength)
    {
        if (length == 0)
        {
            return LENGTH_ZERO;
        }
        if (length < 0 || length > maxFrameLength) // negative = above 2 GiB read unsigned
        {
            return LENGTH_TOO_LARGE;
        }
        if (length < MIN_FRAME_LENGTH)
        {
            return LENGTH_TOO_SHORT;
        }
        return LENGTH_OK;
    }

    /**
     * One line naming what is wrong with a frame length, for the error frame sent before the session closes.
     */
    public static String describeLength(final int check, final int length, final int maxFrameLength)
    {
        switch (check)
        {
            case LENGTH_ZERO:
                return "frame length 0: a frame must hold at least the 8-byte SBE header";
            case LENGTH_TOO_SHORT:
                return "frame length " + length + " is shorter than the 8-byte SBE header";
            case LENGTH_TOO_LARGE:
                return "frame length " + Integer.toUnsignedString(length) + " exceeds the limit of " + maxFrameLength +
                    " bytes";
            default:
                return "frame length " + length + " is fine";
        }
    }

    public static int readLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset, BYTE_ORDER);
    }

    public static void writeLength(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        buffer.putInt(offset, length, BYTE_ORDER);
    }
}
