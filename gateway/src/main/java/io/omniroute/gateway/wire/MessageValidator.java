package io.omniroute.gateway.wire;

import io.omniroute.gateway.wire.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Checks the structure of one SBE message against the schema before any decoder touches it: known schema and
 * template, a block at least as long as this version's, and every group and variable-length field inside the frame.
 * A message that passes can be decoded by the generated flyweights without reading past the frame; one that fails
 * gets a one-line reason. Allocation-free when the message is good.
 */
public final class MessageValidator
{
    public static final int OK = 0;
    public static final int BAD_SCHEMA = 1;
    public static final int UNKNOWN_TEMPLATE = 2;
    public static final int MALFORMED = 3;

    private static final int MAX_TEMPLATE_ID = 32;
    /** Per template: minimum root block length, or -1 when unknown. */
    private static final int[] BLOCK = new int[MAX_TEMPLATE_ID + 1];
    /** Per template: minimum block length of its one repeating group (lines), or -1 for none. */
    private static final int[] GROUP_BLOCK = new int[MAX_TEMPLATE_ID + 1];
    /** Per template: length-field sizes of the group's data fields. */
    private static final int[][] GROUP_DATA = new int[MAX_TEMPLATE_ID + 1][];
    /** Per template: length-field sizes of the root data fields, in schema order. */
    private static final int[][] DATA = new int[MAX_TEMPLATE_ID + 1][];
    /** Most entries a group may hold. */
    public static final int MAX_GROUP_COUNT = 4096;

    static
    {
        java.util.Arrays.fill(BLOCK, -1);
        java.util.Arrays.fill(GROUP_BLOCK, -1);
        final int s = 2;
        final int t = 4;
        final int[] none = {};
        final int[] lines = { s };
        define(LogonDecoder.TEMPLATE_ID, LogonDecoder.BLOCK_LENGTH, -1, null, new int[]{ s, s });
        define(LogonAckDecoder.TEMPLATE_ID, LogonAckDecoder.BLOCK_LENGTH, -1, null, none);
        define(HeartbeatDecoder.TEMPLATE_ID, HeartbeatDecoder.BLOCK_LENGTH, -1, null, none);
        define(SubscribeDecoder.TEMPLATE_ID, SubscribeDecoder.BLOCK_LENGTH, -1, null, new int[]{ s });
        define(SubscribeAckDecoder.TEMPLATE_ID, SubscribeAckDecoder.BLOCK_LENGTH, -1, null, none);
        define(ErrorDecoder.TEMPLATE_ID, ErrorDecoder.BLOCK_LENGTH, -1, null, new int[]{ t });
        define(OrderDecoder.TEMPLATE_ID, OrderDecoder.BLOCK_LENGTH, OrderDecoder.LinesDecoder.sbeBlockLength(), lines,
            new int[]{ s, s, s, s });
        define(CancelDecoder.TEMPLATE_ID, CancelDecoder.BLOCK_LENGTH, -1, null, new int[]{ s });
        define(ShipDecoder.TEMPLATE_ID, ShipDecoder.BLOCK_LENGTH, -1, null, new int[]{ s, s });
        define(PickShortDecoder.TEMPLATE_ID, PickShortDecoder.BLOCK_LENGTH, -1, null, new int[]{ s, s, s });
        define(ReturnDecoder.TEMPLATE_ID, ReturnDecoder.BLOCK_LENGTH, -1, null, new int[]{ s, s, s, s });
        define(StockDecoder.TEMPLATE_ID, StockDecoder.BLOCK_LENGTH, -1, null, new int[]{ s, s });
        define(ReceiveDecoder.TEMPLATE_ID, ReceiveDecoder.BLOCK_LENGTH, -1, null, new int[]{ s, s });
        define(NewDayDecoder.TEMPLATE_ID, NewDayDecoder.BLOCK_LENGTH, -1, null, none);
        define(QuoteDecoder.TEMPLATE_ID, QuoteDecoder.BLOCK_LENGTH, QuoteDecoder.LinesDecoder.sbeBlockLength(), lines,
            new int[]{ s, s });
        define(HoldDecoder.TEMPLATE_ID, HoldDecoder.BLOCK_LENGTH, HoldDecoder.LinesDecoder.sbeBlockLength(), lines,
            new int[]{ s, s, s, s });
        define(ReleaseDecoder.TEMPLATE_ID, ReleaseDecoder.BLOCK_LENGTH, -1, null, new int[]{ s });
        define(StatusDecoder.TEMPLATE_ID, StatusDecoder.BLOCK_LENGTH, -1, null, new int[]{ s });
        define(KpiDecoder.TEMPLATE_ID, KpiDecoder.BLOCK_LENGTH, -1, null, none);
        define(SnapshotDecoder.TEMPLATE_ID, SnapshotDecoder.BLOCK_LENGTH, -1, null, none);
        define(JsonCommandDecoder.TEMPLATE_ID, JsonCommandDecoder.BLOCK_LENGTH, -1, null, new int[]{ t });
        define(ResultDecoder.TEMPLATE_ID, ResultDecoder.BLOCK_LENGTH, -1, null, new int[]{ t });
        define(AvailabilityDecoder.TEMPLATE_ID, AvailabilityDecoder.BLOCK_LENGTH, -1, null, new int[]{ s, s });
        define(ReorderDecoder.TEMPLATE_ID, ReorderDecoder.BLOCK_LENGTH, -1, null, new int[]{ s });
    }

    private static void define(final int templateId, final int block, final int groupBlock, final int[] groupData,
        final int[] data)
    {
        BLOCK[templateId] = block;
        GROUP_BLOCK[templateId] = groupBlock;
        GROUP_DATA[templateId] = groupData;
        DATA[templateId] = data;
    }

    private int templateId;
    private int blockLength;
    private int version;
    private String error;

    /**
     * @return true when the template id is one of this schema's messages.
     */
    public static boolean isKnownTemplate(final int templateId)
    {
        return templateId >= 0 && templateId <= MAX_TEMPLATE_ID && BLOCK[templateId] >= 0;
    }

    /**
     * Validates the message in {@code [offset, offset + length)}.
     *
     * @return {@link #OK}, {@link #BAD_SCHEMA}, {@link #UNKNOWN_TEMPLATE} or {@link #MALFORMED}; see {@link #error()}.
     */
    public int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        error = null;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return fail(MALFORMED, "message of " + length + " bytes is shorter than the 8-byte SBE header");
        }
        blockLength = buffer.getShort(offset, Framing.BYTE_ORDER) & 0xFFFF;
        templateId = buffer.getShort(offset + 2, Framing.BYTE_ORDER) & 0xFFFF;
        final int schemaId = buffer.getShort(offset + 4, Framing.BYTE_ORDER) & 0xFFFF;
        version = buffer.getShort(offset + 6, Framing.BYTE_ORDER) & 0xFFFF;
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return fail(BAD_SCHEMA, "schema id " + schemaId + " is not OmniRoute's wire schema " +
                MessageHeaderDecoder.SCHEMA_ID);
        }
        if (version < 1)
        {
            return fail(BAD_SCHEMA, "schema version " + version + " is not supported (this server speaks 1.." +
                MessageHeaderDecoder.SCHEMA_VERSION + ")");
        }
        if (!isKnownTemplate(templateId))
        {
            return fail(UNKNOWN_TEMPLATE, "unknown template id " + templateId);
        }
        if (blockLength < BLOCK[templateId])
        {
            return fail(MALFORMED, "template " + templateId + ": block length " + blockLength + " is shorter than " +
                BLOCK[templateId]);
        }
        final int end = offset + length;
        int pos = offset + MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        if (pos > end)
        {
            return fail(MALFORMED, "template " + templateId + ": the block runs past the end of the frame");
        }
        if (GROUP_BLOCK[templateId] >= 0)
        {
            if (pos + 4 > end)
            {
                return fail(MALFORMED, "template " + templateId + ": group header runs past the end of the frame");
            }
            final int groupBlock = buffer.getShort(pos, Framing.BYTE_ORDER) & 0xFFFF;
            final int count = buffer.getShort(pos + 2, Framing.BYTE_ORDER) & 0xFFFF;
            pos += 4;
            if (groupBlock < GROUP_BLOCK[templateId])
            {
                return fail(MALFORMED, "template " + templateId + ": group block length " + groupBlock +
                    " is shorter than " + GROUP_BLOCK[templateId]);
            }
            if (count > MAX_GROUP_COUNT)
            {
                return fail(MALFORMED, "template " + templateId + ": group of " + count + " entries (at most " +
                    MAX_GROUP_COUNT + ")");
            }
            final int[] groupData = GROUP_DATA[templateId];
            for (int i = 0; i < count; i++)
            {
                pos += groupBlock;
                if (pos > end)
                {
                    return fail(MALFORMED, "template " + templateId + ": group entry " + i +
                        " runs past the end of the frame");
                }
                pos = skipData(buffer, pos, end, groupData);
                if (pos < 0)
                {
                    return fail(MALFORMED, "template " + templateId + ": a text field of group entry " + i +
                        " runs past the end of the frame");
                }
            }
        }
        pos = skipData(buffer, pos, end, DATA[templateId]);
        if (pos < 0)
        {
            return fail(MALFORMED, "template " + templateId + ": a text field runs past the end of the frame");
        }
        if (pos != end && version <= MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return fail(MALFORMED, "template " + templateId + ": " + (end - pos) +
                " bytes after the end of the message");
        }
        return OK;
    }

    private static int skipData(final DirectBuffer buffer, final int start, final int end, final int[] headers)
    {
        int pos = start;
        for (final int header : headers)
        {
            if (pos + header > end)
            {
                return -1;
            }
            final long len = header == 2 ? buffer.getShort(pos, Framing.BYTE_ORDER) & 0xFFFF :
                buffer.getInt(pos, Framing.BYTE_ORDER) & 0xFFFF_FFFFL;
            if (pos + header + len > end)
            {
                return -1;
            }
            pos += header + (int)len;
        }
        return pos;
    }

    private int fail(final int code, final String message)
    {
        error = message;
        return code;
    }

    public int templateId()
    {
        return templateId;
    }

    public int blockLength()
    {
        return blockLength;
    }

    public int version()
    {
        return version;
    }

    /**
     * @return the reason of the last failed validation.
     */
    public String error()
    {
        return error;
    }
}
