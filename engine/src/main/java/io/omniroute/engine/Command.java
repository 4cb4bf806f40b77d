package io.omniroute.engine;

/**
 * One command as the engine takes it: a mutable, reusable holder filled by a decoder (JSON Lines, SBE) and read by
 * the engine. Absent fields are null (text), {@link #ABSENT} (numbers) or false.
 */
public final class Command
{
    public static final long ABSENT = Long.MIN_VALUE;
    /** SPEC §1: order ids and SKUs are 1–32 ASCII characters, location ids 1–16; longer ones are {@code INVALID}. */
    public static final int MAX_ORDER_ID_LENGTH = 32;
    public static final int MAX_SKU_LENGTH = 32;
    public static final int MAX_LOCATION_ID_LENGTH = 16;
    /** Identifiers SPEC gives no length (channels, hold and customer ids): at most this many characters. */
    public static final int MAX_ID_LENGTH = 64;
    /**
     * The most of an over-long text a decoder keeps (the command is INVALID by then; the result names the field and
     * echoes the id): an id of megabytes would otherwise be echoed in its result and journaled twice, past what one
     * journal entry holds, and stop the engine.
     */
    public static final int MAX_KEPT_TEXT = 1024;
    private static final String CUT_MARK = "...";
    /** Most lines a command may carry before merging. */
    public static final int MAX_RAW_LINES = 256;
    private static final int INITIAL_LINES = 8;

    public CommandType type = CommandType.UNKNOWN;
    /** The type as written, echoed in results when it was not a known type. */
    public String typeName;
    /** Set by a decoder when the command is structurally bad; the engine rejects it as INVALID with this text. */
    public String invalidMessage;

    public long ts = ABSENT;
    /**
     * The ids: a {@link String} from the JSON decoder, or one of this command's own {@link AsciiId}s below from a
     * binary decoder (valid until the command is decoded into again; {@code toString()} to keep one).
     */
    public CharSequence orderId;
    public CharSequence holdId;
    public CharSequence customerId;
    /** Reused by binary decoders for {@link #orderId}, {@link #holdId} and {@link #customerId}. */
    public final AsciiId orderIdText;
    public final AsciiId holdIdText;
    public final AsciiId customerIdText;
    public String channel;
    public String zip;
    public double lat = Double.NaN;
    public double lon = Double.NaN;
    public String serviceName;
    public boolean shipComplete;
    public long maxTransitDays = ABSENT;
    public long holdSeconds = ABSENT;
    public String[] services;
    public int serviceCount;

    public int lineCount;
    /**
     * The raw lines, [0, {@link #lineCount}); the arrays start small (a cart has a few lines) and grow to at most
     * {@link #MAX_RAW_LINES} by {@link #addLine}, once, for an outsized command: a command is read on the engine's
     * core right after a decoder wrote it on another, and a few cache lines move faster than the 5 KB arrays of
     * {@code MAX_RAW_LINES} would spread a cart over.
     */
    public String[] lineSku = new String[INITIAL_LINES];
    public long[] lineQty = new long[INITIAL_LINES];
    public long[] lineUnitPriceCents = new long[INITIAL_LINES];

    public String locationId;
    public String sku;
    public long qty = ABSENT;
    public long onHand = ABSENT;
    public long safetyStock = ABSENT;
    public boolean resellable;
    public boolean resellablePresent;
    public String reason;

    /**
     * The network {@link #resolveNames} looked the names up in, or null (then the fields below mean nothing). A
     * name's index is used only while the name is the very instance it was looked up for, so a command whose names
     * were changed afterwards is looked up again by the engine.
     */
    public Network resolvedNetwork;
    public String resolvedChannelName;
    public int resolvedChannel = Network.MISSING;
    public String resolvedZipName;
    public int resolvedZip = Network.MISSING;
    /** Lines resolved: [0, resolvedLineCount) of the two arrays below. */
    public int resolvedLineCount;
    public String[] resolvedSkuName = new String[4];
    public int[] resolvedSku = new int[4];

    /**
     * The id buffers are made after every other field's arrays, so that a command's fields and the arrays a route
     * reads (its lines, their looked-up SKUs) lie together in memory, not on either side of three id buffers.
     */
    public Command()
    {
        orderIdText = new AsciiId(MAX_ID_LENGTH);
        holdIdText = new AsciiId(MAX_ID_LENGTH);
        customerIdText = new AsciiId(MAX_ID_LENGTH);
    }

    public Command reset()
    {
        type = CommandType.UNKNOWN;
        typeName = null;
        invalidMessage = null;
        ts = ABSENT;
        orderId = null;
        holdId = null;
        customerId = null;
        channel = null;
        zip = null;
        lat = Double.NaN;
        lon = Double.NaN;
        serviceName = null;
        shipComplete = false;
        maxTransitDays = ABSENT;
        holdSeconds = ABSENT;
        serviceCount = 0;
        lineCount = 0;
        locationId = null;
        sku = null;
        qty = ABSENT;
        onHand = ABSENT;
        safetyStock = ABSENT;
        resellable = false;
        resellablePresent = false;
        reason = null;
        resolvedNetwork = null;
        return this;
    }

    /**
     * Looks up the channel, ZIP and line SKUs of an order, hold or quote in a network, so that the engine need not:
     * for a decoder on another thread than the engine's (a pipeline's publisher). The engine uses an index only when
     * the command still carries the same name instance and routes over the same network; otherwise it looks up.
     */
    public void resolveNames(final Network network)
    {
        resolvedNetwork = null;
        if (invalidMessage != null || (type != CommandType.ORDER && type != CommandType.HOLD &&
            type != CommandType.QUOTE) || channel == null)
        {
            return;
        }
        resolvedChannelName = channel;
        resolvedChannel = network.channelIndex(channel);
        resolvedZipName = zip;
        resolvedZip = network.zipIndex(zip);
        if (resolvedSku.length < lineCount)
        {
            final int capacity = Math.max(lineCount, resolvedSku.length * 2);
            resolvedSku = new int[capacity];
            resolvedSkuName = new String[capacity];
        }
        for (int i = 0; i < lineCount; i++)
        {
            final String sku = lineSku[i];
            resolvedSkuName[i] = sku;
            resolvedSku[i] = sku == null ? Network.MISSING : network.resolveSku(resolvedChannel, sku);
        }
        resolvedLineCount = lineCount;
        resolvedNetwork = network;
    }

    /**
     * @return {@code s}, or its first {@link #MAX_KEPT_TEXT} characters ending in "..." when it is longer.
     */
    public static String kept(final String s)
    {
        return s == null || s.length() <= MAX_KEPT_TEXT ? s :
            s.substring(0, MAX_KEPT_TEXT - CUT_MARK.length()) + CUT_MARK;
    }

    public boolean hasLatLon()
    {
        return !Double.isNaN(lat) && !Double.isNaN(lon);
    }

    /**
     * Adds a line; returns false when the command already carries {@link #MAX_RAW_LINES}.
     */
    public boolean addLine(final String sku, final long qty, final long unitPriceCents)
    {
        if (lineCount == lineSku.length)
        {
            if (lineCount == MAX_RAW_LINES)
            {
                return false;
            }
            final int capacity = Math.min(MAX_RAW_LINES, lineCount * 2);
            lineSku = java.util.Arrays.copyOf(lineSku, capacity);
            lineQty = java.util.Arrays.copyOf(lineQty, capacity);
            lineUnitPriceCents = java.util.Arrays.copyOf(lineUnitPriceCents, capacity);
        }
        lineSku[lineCount] = sku;
        lineQty[lineCount] = qty;
        lineUnitPriceCents[lineCount] = unitPriceCents;
        lineCount++;
        return true;
    }
}
