package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class StringCacheTest
{
    @Test
    void shouldReturnTheSameTextForTheSameBytesAndTheRightTextOnCollisions()
    {
        final StringCache cache = new StringCache(2); // two slots: most keys collide
        final String[] words = { "web", "pos", "TEE-M", "MUG", "10001", "STANDARD", "a", "" };
        for (int round = 0; round < 3; round++)
        {
            for (final String w : words)
            {
                final byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
                assertEquals(w, cache.get(new UnsafeBuffer(bytes), 0, bytes.length));
            }
        }
        final byte[] web = "web".getBytes(StandardCharsets.UTF_8);
        final String first = cache.get(new UnsafeBuffer(web), 0, web.length);
        assertSame(first, cache.get(new UnsafeBuffer(web.clone()), 0, web.length));
    }

    @Test
    void shouldDecodeTheJournalsTextsThroughTheCacheExactlyAsWithout()
    {
        final CommandCodec codec = new CommandCodec();
        final Command cmd = new Command();
        cmd.type = CommandType.ORDER;
        cmd.orderId = "o-1";
        cmd.channel = "web\uD800x"; // a lone surrogate survives the journal (WTF-8)
        cmd.zip = "10001";
        cmd.serviceName = "STANDARD";
        cmd.addLine("TEE-M", 2, Command.ABSENT);
        cmd.addLine("m\u00FCg", 1, 1999);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final int length = codec.encode(cmd, buffer, 0);
        final Command a = codec.decode(buffer, 0, length, new Command());
        final Command b = codec.decode(buffer, 0, length, new Command());
        assertEquals(cmd.channel, a.channel);
        assertEquals("m\u00FCg", a.lineSku[1]);
        assertSame(a.channel, b.channel, "a repeated text is the cached instance");
        assertSame(a.lineSku[0], b.lineSku[0]);
        assertEquals("o-1", b.orderId.toString());
        assertNull(b.locationId);
    }

    @Test
    void shouldGiveBackThePinnedInstanceForItsBytesWhateverElseComesThrough()
    {
        final StringCache cache = new StringCache(2); // a tiny recent-text table: everything else collides
        final String sku = new String("TEE-0001-A-VERY-LONG-SKU-NAME-32"); // not interned: identity matters
        final String zip = new String("10001");
        assertTrue(cache.pin(sku));
        assertTrue(cache.pin(zip));
        assertFalse(cache.pin(new String("10001")), "pinned once");
        assertFalse(cache.pin("m\u00FCg"), "only ASCII is pinned");
        for (int i = 0; i < 200; i++)
        {
            assertTrue(cache.pin("Z" + i)); // grows the table
        }
        assertEquals(202, cache.pinnedCount());
        for (int round = 0; round < 3; round++)
        {
            for (final String other : new String[] { "web", "10002", "TEE-0001", "", "1000", "100011" })
            {
                final byte[] b = other.getBytes(StandardCharsets.UTF_8);
                assertEquals(other, cache.get(new UnsafeBuffer(b), 0, b.length));
            }
            final byte[] s = sku.getBytes(StandardCharsets.UTF_8);
            assertSame(sku, cache.get(new UnsafeBuffer(s), 0, s.length));
            final byte[] z = "xx10001yy".getBytes(StandardCharsets.UTF_8);
            assertSame(zip, cache.get(new UnsafeBuffer(z), 2, 5), "bytes inside a larger buffer");
            final byte[] z7 = "Z7".getBytes(StandardCharsets.UTF_8);
            assertEquals("Z7", cache.get(new UnsafeBuffer(z7), 0, 2));
        }
    }
}
