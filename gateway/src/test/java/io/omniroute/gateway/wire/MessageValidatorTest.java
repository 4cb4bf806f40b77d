package io.omniroute.gateway.wire;

import io.omniroute.gateway.wire.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageValidatorTest
{
    private final MessageValidator validator = new MessageValidator();

    @Test
    void shouldAcceptOneWellFormedMessageOfEveryTemplate()
    {
        final List<byte[]> frames = SampleFrames.all();
        assertEquals(24, frames.size());
        for (final byte[] f : frames)
        {
            final UnsafeBuffer b = new UnsafeBuffer(f, 4, f.length - 4);
            assertEquals(MessageValidator.OK, validator.validate(b, 0, b.capacity()), validator::error);
            assertTrue(MessageValidator.isKnownTemplate(validator.templateId()));
        }
    }

    @Test
    void shouldRejectEveryTruncationAndATrailingByteWithAReason()
    {
        for (final byte[] f : SampleFrames.all())
        {
            final int length = f.length - 4;
            for (int cut = 0; cut < length; cut++)
            {
                final UnsafeBuffer b = new UnsafeBuffer(f, 4, cut);
                final int rc = validator.validate(b, 0, cut);
                if (rc == MessageValidator.OK)
                {
                    // only a cut exactly before trailing empty text fields can still be whole: never shorter block
                    throw new AssertionError("template " + validator.templateId() + " cut at " + cut + " of " +
                        length + " passed");
                }
                assertNotNull(validator.error());
            }
            final byte[] longer = Arrays.copyOfRange(f, 4, f.length + 1);
            assertEquals(MessageValidator.MALFORMED, validator.validate(new UnsafeBuffer(longer), 0, longer.length));
            assertTrue(validator.error().contains("bytes after the end of the message"), validator.error());
        }
    }

    @Test
    void shouldRejectAShortBlockAnUnknownTemplateAndAnotherSchema()
    {
        final byte[] f = SampleFrames.all().get(6).clone(); // Order
        final UnsafeBuffer b = new UnsafeBuffer(f, 4, f.length - 4);
        b.putShort(0, (short)4, Framing.BYTE_ORDER);
        assertEquals(MessageValidator.MALFORMED, validator.validate(b, 0, b.capacity()));
        assertTrue(validator.error().contains("block length 4 is shorter than"), validator.error());
        b.putShort(0, (short)(b.getShort(0, Framing.BYTE_ORDER) + 40), Framing.BYTE_ORDER);
        b.putShort(2, (short)77, Framing.BYTE_ORDER);
        assertEquals(MessageValidator.UNKNOWN_TEMPLATE, validator.validate(b, 0, b.capacity()));
        b.putShort(4, (short)1, Framing.BYTE_ORDER);
        assertEquals(MessageValidator.BAD_SCHEMA, validator.validate(b, 0, b.capacity()));
        assertEquals("schema id 1 is not OmniRoute's wire schema " + MessageHeaderDecoder.SCHEMA_ID, validator.error());
    }

    @Test
    void shouldAcceptAMessageOfANewerVersionWithALongerBlockAndMoreFields()
    {
        final byte[] f = SampleFrames.all().get(7); // Cancel: block, then orderId
        final UnsafeBuffer old = new UnsafeBuffer(f, 4, f.length - 4);
        final int block = old.getShort(0, Framing.BYTE_ORDER);
        final byte[] newer = new byte[old.capacity() + 8 + 5];
        final UnsafeBuffer n = new UnsafeBuffer(newer);
        n.putBytes(0, old, 0, 8 + block);
        n.putShort(0, (short)(block + 8), Framing.BYTE_ORDER);
        n.putShort(6, (short)2, Framing.BYTE_ORDER);
        n.putBytes(8 + block + 8, old, 8 + block, old.capacity() - 8 - block);
        assertEquals(MessageValidator.OK, validator.validate(n, 0, newer.length), validator::error);
    }

    /**
     * A bounded mutation fuzz that always runs (the Jazzer run is coverage-guided; this one needs no agent): flip,
     * insert and cut bytes of valid streams; every outcome is decoded frames or a described rejection.
     */
    @Test
    void shouldSurviveMutatedStreams() throws Exception
    {
        final List<byte[]> frames = SampleFrames.all();
        final WireInput input = new WireInput();
        final Random rnd = new Random(7070);
        for (int run = 0; run < 30_000; run++)
        {
            final ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int i = 1 + rnd.nextInt(4); i > 0; i--)
            {
                stream.write(frames.get(rnd.nextInt(frames.size())));
            }
            final byte[] data = stream.toByteArray();
            for (int m = rnd.nextInt(4); m >= 0; m--)
            {
                final int at = rnd.nextInt(data.length);
                switch (rnd.nextInt(4))
                {
                    case 0:
                        data[at] = (byte)rnd.nextInt(256);
                        break;
                    case 1:
                        data[at] ^= (byte)(1 << rnd.nextInt(8));
                        break;
                    case 2:
                        data[at] = (byte)(rnd.nextBoolean() ? 0 : 0xFF);
                        break;
                    default:
                        data[at] = (byte)(data[at] + 1);
                        break;
                }
            }
            final byte[] cut = rnd.nextInt(5) == 0 ? Arrays.copyOf(data, rnd.nextInt(data.length + 1)) : data;
            try
            {
                input.process(cut);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("run " + run + ": " + ex + " on " + Arrays.toString(cut), ex);
            }
        }
        assertTrue(input.decoded > 10_000 && input.rejected > 1_000, input.decoded + " decoded, " + input.rejected +
            " rejected");
        assertNull(new WireInput().process(new byte[0]));
        assertNotEquals(null, new WireInput().process(new byte[]{ 0, 0, 0, 0 }));
    }
}
