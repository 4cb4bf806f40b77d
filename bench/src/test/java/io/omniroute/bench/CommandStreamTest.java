package io.omniroute.bench;

import io.omniroute.engine.Command;
import io.omniroute.engine.CommandType;
import io.omniroute.gateway.demo.DemoGenerator;
import io.omniroute.journal.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandStreamTest
{
    @TempDir
    Path dir;

    private byte[] demo() throws Exception
    {
        new DemoGenerator(3, 200, 300).writeTo(dir);
        return Files.readAllBytes(dir.resolve("commands.jsonl"));
    }

    private static Command decode(final byte[] b)
    {
        return new CommandCodec().decode(new UnsafeBuffer(b), 0, b.length, new Command());
    }

    @Test
    void ordersNeverRepeatTheirIdsAcrossPasses() throws Exception
    {
        final CommandStream s = new CommandStream(demo(), CommandStream.Mix.ORDERS);
        final Set<String> ids = new HashSet<>();
        long orders = 0;
        for (int i = 0; i < 3 * s.size(); i++)
        {
            final Command c = decode(s.next());
            assertNull(c.invalidMessage);
            if (c.type == CommandType.ORDER)
            {
                assertTrue(s.lastWasOrder());
                assertTrue(ids.add(c.orderId.toString()), "repeated " + c.orderId);
                orders++;
            }
        }
        assertEquals(3 * s.ordersPerPass(), orders);
        assertEquals(3, s.pass());
        s.rewind();
        assertEquals(0, s.pass());
    }

    @Test
    void theQuoteMixHasTenQuotesBeforeEveryOrder() throws Exception
    {
        final CommandStream s = new CommandStream(demo(), CommandStream.Mix.QUOTES10);
        int quotesInARow = 0;
        long orders = 0;
        for (int i = 0; i < s.size(); i++)
        {
            final Command c = decode(s.next());
            if (c.type == CommandType.QUOTE)
            {
                assertTrue(c.lineCount >= 1 && c.zip != null);
                quotesInARow++;
            }
            else if (c.type == CommandType.ORDER)
            {
                assertEquals(CommandStream.QUOTES_PER_ORDER, quotesInARow);
                quotesInARow = 0;
                orders++;
            }
        }
        assertEquals(s.ordersPerPass(), orders);
        assertTrue(s.size() >= 11 * orders);
    }
}
