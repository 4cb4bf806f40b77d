package io.omniroute.engine;

import io.omniroute.engine.json.CommandJsonDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command's line arrays start at a cart's size and grow, once, up to {@link Command#MAX_RAW_LINES}: every line up
 * to the limit is kept in order, the one past it is refused, and a reused command keeps its grown arrays.
 */
class CommandLinesTest
{
    @Test
    void shouldKeepEveryLineUpToTheLimitAndRefuseTheNext()
    {
        final Command c = new Command();
        for (int i = 0; i < Command.MAX_RAW_LINES; i++)
        {
            assertTrue(c.addLine("S" + i, i + 1, i * 10L), "line " + i);
        }
        assertFalse(c.addLine("ONE-TOO-MANY", 1, 1));
        assertEquals(Command.MAX_RAW_LINES, c.lineCount);
        for (int i = 0; i < Command.MAX_RAW_LINES; i++)
        {
            assertEquals("S" + i, c.lineSku[i]);
            assertEquals(i + 1, c.lineQty[i]);
            assertEquals(i * 10L, c.lineUnitPriceCents[i]);
        }
    }

    @Test
    void shouldKeepTheGrownArraysWhenReused()
    {
        final Command c = new Command();
        for (int i = 0; i < 100; i++)
        {
            c.addLine("S" + i, 1, Command.ABSENT);
        }
        final String[] grown = c.lineSku;
        c.reset();
        assertEquals(0, c.lineCount);
        for (int i = 0; i < 100; i++)
        {
            c.addLine("T" + i, 2, Command.ABSENT);
        }
        assertSame(grown, c.lineSku, "no new array for a command of a size seen before");
        assertEquals("T99", c.lineSku[99]);
    }

    @Test
    void shouldRejectADecodedCommandWithMoreLinesThanTheLimit()
    {
        final CommandJsonDecoder decoder = new CommandJsonDecoder();
        final StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= Command.MAX_RAW_LINES; i++)
        {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"S").append(i).append("\",\"qty\":1}");
        }
        final String json = "{\"type\":\"order\",\"order_id\":\"o\",\"channel\":\"web\",\"zip\":\"1\"," +
            "\"service\":\"STANDARD\",\"lines\":[";
        final Command over = decoder.decode(json + lines + "]}", new Command());
        assertEquals("field 'lines': more than " + Command.MAX_RAW_LINES + " lines", over.invalidMessage);

        final Command at = decoder.decode(json + lines.substring(lines.indexOf("},{") + 2) + "]}", new Command());
        assertNull(at.invalidMessage);
        assertEquals(Command.MAX_RAW_LINES, at.lineCount);
    }
}
