package io.omniroute.journal;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of a short text field into a {@link String} without allocating when the same text was seen
 * recently: channels, SKUs, locations, ZIPs and service names repeat across millions of commands. A fixed-size,
 * direct-mapped table keyed by a hash of the bytes; a collision simply replaces the entry. Single-threaded. The same
 * bytes always decode to the same text, so a hit returns what decoding would.
 */
public final class StringCache
{
    /**
     * Decodes bytes to text on a miss.
     */
    @FunctionalInterface
    public interface Decoder
    {
        String decode(DirectBuffer buffer, int offset, int length);
    }

    /** Standard UTF-8 (malformed input becomes U+FFFD), as the wire protocol's texts are decoded. */
    public static final Decoder UTF_8 = (buffer, offset, length) ->
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    };

    private static final int MAX_CACHED_LENGTH = 64;
    private final Decoder decoder;
    private final byte[] probe = new byte[MAX_CACHED_LENGTH];
    private byte[] scratch = new byte[256];
    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    public StringCache(final int capacityPowerOfTwo)
    {
        this(capacityPowerOfTwo, UTF_8);
    }

    public StringCache(final int capacityPowerOfTwo, final Decoder decoder)
    {
        this.decoder = decoder;
        if (Integer.bitCount(capacityPowerOfTwo) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        keys = new byte[capacityPowerOfTwo][];
        values = new String[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    /**
     * @return the text of {@code [offset, offset + length)} decoded as UTF-8; cached when short.
     */
    public String get(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_CACHED_LENGTH)
        {
            return uncached(buffer, offset, length);
        }
        // one bulk copy, then hash and compare on the array (no per-byte bounds checks)
        final byte[] bytes = probe;
        buffer.getBytes(offset, bytes, 0, length);
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        final int slot = (h ^ (h >>> 16)) & mask;
        final byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, bytes, 0, length))
        {
            return values[slot];
        }
        final String value = decoder.decode(buffer, offset, length);
        keys[slot] = Arrays.copyOf(bytes, length);
        values[slot] = value;
        return value;
    }

    /**
     * @return the text decoded, never cached (unique ids such as order ids).
     */
    public String uncached(final DirectBuffer buffer, final int offset, final int length)
    {
        if (decoder != UTF_8)
        {
            return decoder.decode(buffer, offset, length);
        }
        if (scratch.length < length)
        {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        buffer.getBytes(offset, scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }
}
