package io.omniroute.journal;

import io.omniroute.engine.AsciiId;
import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import io.omniroute.journal.sbe.CommandDecoder;
import io.omniroute.journal.sbe.CommandEncoder;
import io.omniroute.journal.sbe.CommandFlagsDecoder;
import io.omniroute.journal.sbe.CommandFlagsEncoder;
import io.omniroute.journal.sbe.CommandTypeCode;
import io.omniroute.journal.sbe.MessageHeaderDecoder;
import io.omniroute.journal.sbe.MessageHeaderEncoder;
import io.omniroute.journal.sbe.ReasonCode;
import io.omniroute.journal.sbe.StatusCode;
import io.omniroute.journal.sbe.TextPresenceDecoder;
import io.omniroute.journal.sbe.TextPresenceEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link Command} as an SBE {@code Command} message (header included) and back, field for field, so that a
 * journaled command replays to the same decision. One instance per thread: it keeps scratch buffers.
 * <p>
 * The enum mappings are explicit (by name, not by ordinal), so reordering the engine's enums never changes the
 * journal; a constant the journal schema does not know fails loudly ({@link #code(CommandType)}).
 */
public final class CommandCodec
{
    private static final CommandTypeCode[] TYPE_CODES = new CommandTypeCode[CommandType.values().length];
    private static final CommandType[] TYPES_BY_CODE = new CommandType[256];
    private static final StatusCode[] STATUS_CODES = new StatusCode[Status.values().length];
    private static final Status[] STATUS_BY_CODE = new Status[256];
    private static final ReasonCode[] REASON_CODES = new ReasonCode[Reason.values().length];
    private static final Reason[] REASON_BY_CODE = new Reason[256];

    static
    {
        for (final CommandType t : CommandType.values())
        {
            final CommandTypeCode c = CommandTypeCode.valueOf(t.name());
            TYPE_CODES[t.ordinal()] = c;
            TYPES_BY_CODE[c.value()] = t;
        }
        for (final Status s : Status.values())
        {
            final StatusCode c = StatusCode.valueOf(s.name());
            STATUS_CODES[s.ordinal()] = c;
            STATUS_BY_CODE[c.value()] = s;
        }
        for (final Reason r : Reason.values())
        {
            final ReasonCode c = ReasonCode.valueOf(r.name());
            REASON_CODES[r.ordinal()] = c;
            REASON_BY_CODE[c.value()] = r;
        }
    }

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CommandEncoder encoder = new CommandEncoder();
    private final CommandDecoder decoder = new CommandDecoder();
    private final ExpandableArrayBuffer text = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    /** Short repeated texts (channels, SKUs, ZIPs, services, locations, type names) decode without allocating. */
    private final StringCache cache = new StringCache(1 << 12, Wtf8::decode);

    /**
     * Pins the network's names in this codec's text cache ({@link NetworkNames}): decoding them then never allocates.
     */
    public CommandCodec pinNames(final io.omniroute.engine.Network network)
    {
        NetworkNames.pin(cache, network);
        return this;
    }

    public static CommandTypeCode code(final CommandType type)
    {
        return TYPE_CODES[type.ordinal()];
    }

    /**
     * @return the engine's type, or {@link CommandType#UNKNOWN} for a code this version does not know.
     */
    public static CommandType type(final CommandTypeCode code)
    {
        final CommandType t = code == CommandTypeCode.NULL_VAL ? null : TYPES_BY_CODE[code.value()];
        return t == null ? CommandType.UNKNOWN : t;
    }

    public static StatusCode code(final Status status)
    {
        return STATUS_CODES[status.ordinal()];
    }

    /**
     * @return the status, or null for a code this version does not know.
     */
    public static Status status(final StatusCode code)
    {
        return code == StatusCode.NULL_VAL ? null : STATUS_BY_CODE[code.value()];
    }

    public static ReasonCode code(final Reason reason)
    {
        return REASON_CODES[reason.ordinal()];
    }

    /**
     * @return the reason, or null for a code this version does not know.
     */
    public static Reason reason(final ReasonCode code)
    {
        return code == ReasonCode.NULL_VAL ? null : REASON_BY_CODE[code.value()];
    }

    /**
     * Writes the command (SBE message header + body) at {@code offset}.
     *
     * @return the encoded length in bytes.
     */
    public int encode(final Command cmd, final MutableDirectBuffer buffer, final int offset)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .ts(cmd.ts)
            .lat(cmd.lat)
            .lon(cmd.lon)
            .maxTransitDays(cmd.maxTransitDays)
            .holdSeconds(cmd.holdSeconds)
            .qty(cmd.qty)
            .onHand(cmd.onHand)
            .safetyStock(cmd.safetyStock)
            .commandType(code(cmd.type));
        final TextPresenceEncoder presence = encoder.presence();
        presence.clear()
            .typeName(cmd.typeName != null)
            .invalidMessage(cmd.invalidMessage != null)
            .orderId(cmd.orderId != null)
            .holdId(cmd.holdId != null)
            .customerId(cmd.customerId != null)
            .channel(cmd.channel != null)
            .zip(cmd.zip != null)
            .serviceName(cmd.serviceName != null)
            .locationId(cmd.locationId != null)
            .sku(cmd.sku != null)
            .reason(cmd.reason != null);
        final CommandFlagsEncoder flags = encoder.flags();
        flags.clear()
            .shipComplete(cmd.shipComplete)
            .resellable(cmd.resellable)
            .resellablePresent(cmd.resellablePresent);

        final CommandEncoder.LinesEncoder lines = encoder.linesCount(cmd.lineCount);
        for (int i = 0; i < cmd.lineCount; i++)
        {
            final String sku = cmd.lineSku[i];
            lines.next()
                .qty(cmd.lineQty[i])
                .unitPriceCents(cmd.lineUnitPriceCents[i])
                .skuPresent((short)(sku != null ? 1 : 0));
            lines.putSku(text, 0, put(sku));
        }
        final CommandEncoder.ServicesEncoder services = encoder.servicesCount(cmd.serviceCount);
        for (int i = 0; i < cmd.serviceCount; i++)
        {
            services.next().putName(text, 0, put(cmd.services[i]));
        }
        encoder.putTypeName(text, 0, put(cmd.typeName));
        encoder.putInvalidMessage(text, 0, put(cmd.invalidMessage));
        encoder.putOrderId(text, 0, put(cmd.orderId));
        encoder.putHoldId(text, 0, put(cmd.holdId));
        encoder.putCustomerId(text, 0, put(cmd.customerId));
        encoder.putChannel(text, 0, put(cmd.channel));
        encoder.putZip(text, 0, put(cmd.zip));
        encoder.putServiceName(text, 0, put(cmd.serviceName));
        encoder.putLocationId(text, 0, put(cmd.locationId));
        encoder.putSku(text, 0, put(cmd.sku));
        encoder.putReason(text, 0, put(cmd.reason));
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int put(final CharSequence s)
    {
        if (s instanceof AsciiId)
        {
            return ((AsciiId)s).copyTo(text, 0); // its bytes are the text's UTF-8 (ASCII): no encoding
        }
        return s == null ? 0 : Wtf8.encode(s, text, 0);
    }

    /**
     * Reads a command written by {@link #encode} (by this or an older schema version) into {@code cmd}.
     *
     * @throws JournalException when the bytes are not a Command message of this schema.
     */
    public Command decode(final DirectBuffer buffer, final int offset, final int length, final Command cmd)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new JournalException("command of " + length + " bytes is shorter than its header");
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != CommandDecoder.SCHEMA_ID ||
            headerDecoder.templateId() != CommandDecoder.TEMPLATE_ID)
        {
            throw new JournalException("not a command message (schema " + headerDecoder.schemaId() + ", template " +
                headerDecoder.templateId() + ")");
        }
        final int version = headerDecoder.version();
        if (version > CommandDecoder.SCHEMA_VERSION)
        {
            throw new JournalException("command of journal schema version " + version + ", this program reads up to " +
                CommandDecoder.SCHEMA_VERSION);
        }
        decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), version);
        cmd.reset();
        cmd.ts = decoder.ts();
        cmd.lat = decoder.lat();
        cmd.lon = decoder.lon();
        cmd.maxTransitDays = decoder.maxTransitDays();
        cmd.holdSeconds = decoder.holdSeconds();
        cmd.qty = decoder.qty();
        cmd.onHand = decoder.onHand();
        cmd.safetyStock = decoder.safetyStock();
        final TextPresenceDecoder presence = decoder.presence();
        cmd.type = type(decoder.commandType());
        final CommandFlagsDecoder flags = decoder.flags();
        cmd.shipComplete = flags.shipComplete();
        cmd.resellable = flags.resellable();
        cmd.resellablePresent = flags.resellablePresent();

        final CommandDecoder.LinesDecoder lines = decoder.lines();
        final int lineCount = lines.count();
        if (lineCount > Command.MAX_RAW_LINES)
        {
            throw new JournalException("command with " + lineCount + " lines, at most " + Command.MAX_RAW_LINES);
        }
        while (lines.hasNext())
        {
            lines.next();
            final long qty = lines.qty();
            final long price = lines.unitPriceCents();
            final boolean skuPresent = lines.skuPresent() != 0;
            lines.wrapSku(view);
            cmd.addLine(skuPresent ? cached(view) : null, qty, price);
        }
        final CommandDecoder.ServicesDecoder services = decoder.services();
        final int serviceCount = services.count();
        if (serviceCount > 0 && (cmd.services == null || cmd.services.length < serviceCount))
        {
            cmd.services = new String[Math.max(8, serviceCount)];
        }
        while (services.hasNext())
        {
            services.next().wrapName(view);
            cmd.services[cmd.serviceCount++] = cached(view);
        }
        decoder.wrapTypeName(view);
        cmd.typeName = presence.typeName() ? cached(view) : null;
        decoder.wrapInvalidMessage(view);
        cmd.invalidMessage = presence.invalidMessage() ? text(view) : null;
        decoder.wrapOrderId(view);
        cmd.orderId = presence.orderId() ? id(view, cmd.orderIdText) : null;
        decoder.wrapHoldId(view);
        cmd.holdId = presence.holdId() ? id(view, cmd.holdIdText) : null;
        decoder.wrapCustomerId(view);
        cmd.customerId = presence.customerId() ? id(view, cmd.customerIdText) : null;
        decoder.wrapChannel(view);
        cmd.channel = presence.channel() ? cached(view) : null;
        decoder.wrapZip(view);
        cmd.zip = presence.zip() ? cached(view) : null;
        decoder.wrapServiceName(view);
        cmd.serviceName = presence.serviceName() ? cached(view) : null;
        decoder.wrapLocationId(view);
        cmd.locationId = presence.locationId() ? cached(view) : null;
        decoder.wrapSku(view);
        cmd.sku = presence.sku() ? cached(view) : null;
        decoder.wrapReason(view);
        cmd.reason = presence.reason() ? cached(view) : null;
        return cmd;
    }

    /**
     * @return an id in the command's own reusable text when it is ASCII (as SPEC's ids are), else a string: a new
     * order's id is the one text of a command that is never seen again, so it is not made a string here.
     */
    private static CharSequence id(final DirectBuffer view, final AsciiId reuse)
    {
        return reuse.set(view, 0, view.capacity()) ? reuse : text(view);
    }

    private static String text(final DirectBuffer view)
    {
        return Wtf8.decode(view, 0, view.capacity());
    }

    private String cached(final DirectBuffer view)
    {
        return cache.get(view, 0, view.capacity());
    }
}
