package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import io.omniroute.engine.json.CommandJsonDecoder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandCodecTest
{
    /** Every field of Command the journal schema carries; a new field must be added to the schema and here. */
    private static final Set<String> JOURNALED = Set.of("type", "typeName", "invalidMessage", "ts", "orderId",
        "holdId", "customerId", "channel", "zip", "lat", "lon", "serviceName", "shipComplete", "maxTransitDays",
        "holdSeconds", "services", "serviceCount", "lineCount", "lineSku", "lineQty", "lineUnitPriceCents",
        "locationId", "sku", "qty", "onHand", "safetyStock", "resellable", "resellablePresent", "reason");
    /** Look-ups of the names above that a decoder may cache (Command.resolveNames): derived, never journaled. */
    private static final Set<String> DERIVED = Set.of("resolvedNetwork", "resolvedChannelName", "resolvedChannel",
        "resolvedZipName", "resolvedZip", "resolvedLineCount", "resolvedSkuName", "resolvedSku",
        // the reusable texts a binary decoder puts the ids in (orderId, holdId and customerId then point at them)
        "orderIdText", "holdIdText", "customerIdText");

    @Test
    void shouldCarryEveryFieldOfCommand()
    {
        final Set<String> fields = new TreeSet<>();
        for (final Field f : Command.class.getDeclaredFields())
        {
            if (!Modifier.isStatic(f.getModifiers()))
            {
                fields.add(f.getName());
            }
        }
        fields.removeAll(JOURNALED);
        fields.removeAll(DERIVED);
        assertEquals(Set.of(), fields, "Command has fields the journal does not carry: add them to " +
            "omniroute-journal.xml (with sinceVersion), CommandCodec and this test");
    }

    @Test
    void shouldMapEveryEngineEnumToAJournalCode()
    {
        for (final CommandType t : CommandType.values())
        {
            assertSame(t, CommandCodec.type(CommandCodec.code(t)));
        }
        for (final Status s : Status.values())
        {
            assertSame(s, CommandCodec.status(CommandCodec.code(s)));
        }
        for (final Reason r : Reason.values())
        {
            assertSame(r, CommandCodec.reason(CommandCodec.code(r)));
        }
    }

    @Property(tries = 400)
    void shouldDecodeWhatItEncodesForAnyCommand(@ForAll final long seed)
    {
        final Command in = randomCommand(new SplittableRandom(seed));
        final CommandCodec codec = new CommandCodec();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = codec.encode(in, buffer, 3);
        final Command out = new Command();
        out.addLine("left-over", 1, 2);
        codec.decode(buffer, 3, length, out);
        assertCommandEquals(in, out, "seed " + seed);
        final Command again = codec.decode(new UnsafeBuffer(Arrays.copyOfRange(buffer.byteArray(), 3, 3 + length)), 0,
            length, new Command());
        assertCommandEquals(in, again, "seed " + seed);
    }

    @Property(tries = 300)
    void shouldRoundTripCommandsDecodedFromRandomJson(@ForAll final long seed)
    {
        final RandomCommands stream = new RandomCommands(seed, true);
        final CommandJsonDecoder json = new CommandJsonDecoder();
        final CommandCodec codec = new CommandCodec();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final Command in = new Command();
        final Command out = new Command();
        for (int i = 0; i < 20; i++)
        {
            final String line = stream.next();
            json.decode(line, in);
            codec.decode(buffer, 0, codec.encode(in, buffer, 0), out);
            assertCommandEquals(in, out, line);
        }
    }

    @Test
    void shouldRefuseBytesThatAreNotACommand()
    {
        final CommandCodec codec = new CommandCodec();
        final UnsafeBuffer junk = new UnsafeBuffer(new byte[32]);
        assertThrows(JournalException.class, () -> codec.decode(junk, 0, 32, new Command()));
        assertThrows(JournalException.class, () -> codec.decode(junk, 0, 4, new Command()));
    }

    static Command randomCommand(final SplittableRandom rnd)
    {
        final Command c = new Command();
        final CommandType[] types = CommandType.values();
        c.type = types[rnd.nextInt(types.length)];
        c.typeName = text(rnd);
        c.invalidMessage = text(rnd);
        c.ts = number(rnd);
        c.orderId = text(rnd);
        c.holdId = text(rnd);
        c.customerId = text(rnd);
        c.channel = text(rnd);
        c.zip = text(rnd);
        c.lat = real(rnd);
        c.lon = real(rnd);
        c.serviceName = text(rnd);
        c.shipComplete = rnd.nextBoolean();
        c.maxTransitDays = number(rnd);
        c.holdSeconds = number(rnd);
        final int services = rnd.nextInt(4) == 0 ? rnd.nextInt(9) : 0;
        if (services > 0)
        {
            c.services = new String[8];
            for (int i = 0; i < services; i++)
            {
                final String s = text(rnd);
                c.services[c.serviceCount++] = s == null ? "" : s;
            }
        }
        final int lines = rnd.nextInt(5) == 0 ? rnd.nextInt(Command.MAX_RAW_LINES + 1) : rnd.nextInt(4);
        for (int i = 0; i < lines; i++)
        {
            c.addLine(text(rnd), number(rnd), number(rnd));
        }
        c.locationId = text(rnd);
        c.sku = text(rnd);
        c.qty = number(rnd);
        c.onHand = number(rnd);
        c.safetyStock = number(rnd);
        c.resellable = rnd.nextBoolean();
        c.resellablePresent = rnd.nextBoolean();
        c.reason = text(rnd);
        return c;
    }

    private static String text(final SplittableRandom rnd)
    {
        switch (rnd.nextInt(8))
        {
            case 0:
                return null;
            case 1:
                return "";
            case 2:
                final char[] any = new char[rnd.nextInt(40)];
                for (int i = 0; i < any.length; i++)
                {
                    any[i] = (char)rnd.nextInt(0x10000); // lone surrogates included
                }
                return new String(any);
            case 3:
                return "é😀ü-" + rnd.nextInt(1000) + "\ud800";
            default:
                return "id-" + rnd.nextInt(100_000);
        }
    }

    private static long number(final SplittableRandom rnd)
    {
        switch (rnd.nextInt(5))
        {
            case 0:
                return Command.ABSENT;
            case 1:
                return Long.MAX_VALUE;
            case 2:
                return rnd.nextLong();
            default:
                return rnd.nextInt(1000) - 10;
        }
    }

    private static double real(final SplittableRandom rnd)
    {
        switch (rnd.nextInt(6))
        {
            case 0:
                return Double.NaN;
            case 1:
                return -0.0;
            case 2:
                return Double.POSITIVE_INFINITY;
            default:
                return rnd.nextDouble() * 360 - 180;
        }
    }

    static void assertCommandEquals(final Command a, final Command b, final String context)
    {
        assertEquals(a.type, b.type, context);
        assertEquals(a.typeName, b.typeName, context);
        assertEquals(a.invalidMessage, b.invalidMessage, context);
        assertEquals(a.ts, b.ts, context);
        assertEquals(str(a.orderId), str(b.orderId), context);
        assertEquals(str(a.holdId), str(b.holdId), context);
        assertEquals(str(a.customerId), str(b.customerId), context);
        assertEquals(a.channel, b.channel, context);
        assertEquals(a.zip, b.zip, context);
        assertEquals(Double.doubleToRawLongBits(a.lat), Double.doubleToRawLongBits(b.lat), context);
        assertEquals(Double.doubleToRawLongBits(a.lon), Double.doubleToRawLongBits(b.lon), context);
        assertEquals(a.serviceName, b.serviceName, context);
        assertEquals(a.shipComplete, b.shipComplete, context);
        assertEquals(a.maxTransitDays, b.maxTransitDays, context);
        assertEquals(a.holdSeconds, b.holdSeconds, context);
        assertEquals(a.serviceCount, b.serviceCount, context);
        for (int i = 0; i < a.serviceCount; i++)
        {
            assertEquals(a.services[i], b.services[i], context);
        }
        assertEquals(a.lineCount, b.lineCount, context);
        assertArrayEquals(Arrays.copyOf(a.lineSku, a.lineCount), Arrays.copyOf(b.lineSku, b.lineCount), context);
        assertArrayEquals(Arrays.copyOf(a.lineQty, a.lineCount), Arrays.copyOf(b.lineQty, b.lineCount), context);
        assertArrayEquals(Arrays.copyOf(a.lineUnitPriceCents, a.lineCount),
            Arrays.copyOf(b.lineUnitPriceCents, b.lineCount), context);
        assertEquals(a.locationId, b.locationId, context);
        assertEquals(a.sku, b.sku, context);
        assertEquals(a.qty, b.qty, context);
        assertEquals(a.onHand, b.onHand, context);
        assertEquals(a.safetyStock, b.safetyStock, context);
        assertEquals(a.resellable, b.resellable, context);
        assertEquals(a.resellablePresent, b.resellablePresent, context);
        assertEquals(a.reason, b.reason, context);
    }

    private static String str(final CharSequence s)
    {
        return s == null ? null : s.toString();
    }
}
