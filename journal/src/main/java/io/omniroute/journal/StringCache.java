package io.omniroute.journal;

import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of a short text field into a {@link String} without allocating when the same text was seen
 * recently: channels, SKUs, locations, ZIPs and service names repeat across millions of commands. Two tables keyed
 * by a hash of the bytes: the <em>pinned</em> names (the network's own SKUs, ZIPs, locations and channels, given once
 * by {@link #pin}; open addressing, never evicted, so a known name never misses and always comes back as the
 * network's own instance, whose hash code is cached and which compares by identity), then a fixed-size,
 * direct-mapped table of what else was seen recently, where a collision simply replaces the entry. Single-threaded.
 * The same bytes always decode to the same text, so a hit returns what decoding would.
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
    /** Pinned names are at most this long (SPEC's ids are at most 32 characters). */
    private static final int MAX_PINNED_LENGTH = 40;
    private static final int STRIDE = 1 + MAX_PINNED_LENGTH / 8;
    private final Decoder decoder;
    /** Hashing reads 8 bytes at a time. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The text's bytes, then zeros to the next multiple of 8 (a long of slack). */
    private final byte[] probe = new byte[MAX_CACHED_LENGTH + 8];
    private byte[] scratch = new byte[256];
    private final byte[][] keys;
    private final String[] values;
    private final int mask;
    /**
     * The pinned table, {@link #STRIDE} longs a slot: {@code (hash << 32) | (length + 1)} (0 = free), then the text's
     * bytes as little-endian words, zero-padded. The key is compared where the hash is, in one or two cache lines,
     * without following a pointer to a key array (the pinned names are many and mostly cold).
     */
    private long[] pinnedSlots = new long[0];
    private String[] pinnedValues = new String[0];
    private int pinnedMask = -1;
    private int pinnedCount;

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
        // one bulk copy, then hash 8 bytes at a time and compare on the array (no per-byte bounds checks)
        final byte[] bytes = probe;
        buffer.getBytes(offset, bytes, 0, length);
        final int h = hash(bytes, length);
        if (pinnedCount > 0 && length <= MAX_PINNED_LENGTH)
        {
            final long[] slots = pinnedSlots;
            final int pm = pinnedMask;
            final long meta = ((long)h << 32) | (length + 1);
            final int words = (length + 7) >>> 3;
            for (int i = h & pm; ; i = (i + 1) & pm)
            {
                final int base = i * STRIDE;
                final long m = slots[base];
                if (m == 0)
                {
                    break;
                }
                if (m == meta && sameWords(slots, base + 1, bytes, words))
                {
                    return pinnedValues[i];
                }
            }
        }
        final int slot = h & mask;
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
     * Keeps {@code text} for good: its bytes (UTF-8; only texts of plain ASCII, which every decoder here reads alike,
     * and at most 40 bytes long) always give back this very instance. Meant for the network's names, pinned once at
     * start.
     *
     * @return whether it was pinned (false: not ASCII, too long, or already pinned).
     */
    public boolean pin(final String text)
    {
        final int length = text.length();
        if (length > MAX_PINNED_LENGTH)
        {
            return false;
        }
        final byte[] padded = new byte[MAX_CACHED_LENGTH + 8];
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c >= 0x80)
            {
                return false;
            }
            padded[i] = (byte)c;
        }
        if ((pinnedCount + 1) * 2 > pinnedValues.length)
        {
            growPinned();
        }
        final int h = hash(padded, length);
        final long meta = ((long)h << 32) | (length + 1);
        final int words = (length + 7) >>> 3;
        int i = h & pinnedMask;
        for (; pinnedSlots[i * STRIDE] != 0; i = (i + 1) & pinnedMask)
        {
            if (pinnedSlots[i * STRIDE] == meta && sameWords(pinnedSlots, i * STRIDE + 1, padded, words))
            {
                return false;
            }
        }
        put(pinnedSlots, pinnedValues, i, meta, padded, words, text);
        pinnedCount++;
        return true;
    }

    /**
     * @return how many texts are pinned.
     */
    public int pinnedCount()
    {
        return pinnedCount;
    }

    private void growPinned()
    {
        final long[] oldSlots = pinnedSlots;
        final String[] oldValues = pinnedValues;
        final int capacity = Math.max(64, oldValues.length * 2);
        pinnedSlots = new long[capacity * STRIDE];
        pinnedValues = new String[capacity];
        pinnedMask = capacity - 1;
        for (int j = 0; j < oldValues.length; j++)
        {
            final long meta = oldSlots[j * STRIDE];
            if (meta != 0)
            {
                int i = (int)(meta >>> 32) & pinnedMask;
                while (pinnedSlots[i * STRIDE] != 0)
                {
                    i = (i + 1) & pinnedMask;
                }
                System.arraycopy(oldSlots, j * STRIDE, pinnedSlots, i * STRIDE, STRIDE);
                pinnedValues[i] = oldValues[j];
            }
        }
    }

    private static void put(final long[] slots, final String[] values, final int i, final long meta,
        final byte[] padded, final int words, final String text)
    {
        slots[i * STRIDE] = meta;
        for (int k = 0; k < words; k++)
        {
            slots[i * STRIDE + 1 + k] = (long)LONGS.get(padded, k << 3);
        }
        values[i] = text;
    }

    private static boolean sameWords(final long[] slots, final int from, final byte[] bytes, final int words)
    {
        for (int k = 0; k < words; k++)
        {
            if (slots[from + k] != (long)LONGS.get(bytes, k << 3))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param bytes the text's bytes, with room for a long after {@code length} (zeroed here).
     */
    private static int hash(final byte[] bytes, final int length)
    {
        LONGS.set(bytes, length, 0L); // the last word's bytes past the text are zeros
        long h = length * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i += 8)
        {
            h = Long.rotateLeft(h ^ (long)LONGS.get(bytes, i), 29) * 0xBF58476D1CE4E5B9L;
        }
        h ^= h >>> 32;
        return (int)(h ^ (h >>> 15));
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
