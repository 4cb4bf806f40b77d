package io.omniroute.engine.json;

import io.omniroute.engine.Command;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A malformed line's message says what is wrong with the line, without the JSON parser's advice to its own
 * programmers ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", "from
 * `StreamReadConstraints.getMaxNestingDepth()`"), which someone sending commands can do nothing with.
 */
class CommandJsonDecoderMessagesTest
{
    private static String message(final String line)
    {
        return new CommandJsonDecoder().decode(line, new Command()).invalidMessage;
    }

    @Test
    void shouldSayWhatIsWrongWithoutTheParsersAdvice()
    {
        assertEquals("malformed JSON: Non-standard token 'NaN'", message("{\"type\":\"order\",\"qty\":NaN}"));
        final String deep = "{\"type\":\"order\",\"x\":" + "[".repeat(1200) + "]".repeat(1200) + "}";
        final String nested = message(deep);
        assertTrue(nested.startsWith("malformed JSON: ") && nested.contains("nesting depth"), nested);
        for (final String m : new String[] { message("{\"type\":\"order\",\"qty\":NaN}"), nested,
            message("{\"type\":\"order\",\"qty\":Infinity}") })
        {
            assertFalse(m.contains("`"), m);
        }
    }

    @Test
    void shouldLeaveOtherMessagesAlone()
    {
        assertEquals("a `quoted` word", CommandJsonDecoder.plain("a `quoted` word"));
        assertEquals("field 'qty': expected a whole number", message("{\"type\":\"order\",\"qty\":\"x\"}"));
    }
}
