package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals("o-1", b.orderId);
        assertNull(b.locationId);
    }
}
