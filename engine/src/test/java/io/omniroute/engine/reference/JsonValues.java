package io.omniroute.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;

/**
 * JSON value equality for results: objects by their fields whatever the order, arrays in order, numbers by value
 * (so 5 as an int and 5 as a long are equal).
 */
public final class JsonValues
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) ->
    {
        if (a.isNumber() && b.isNumber())
        {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues()
    {
    }

    public static JsonNode parse(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + text, ex);
        }
    }

    public static boolean same(final JsonNode a, final JsonNode b)
    {
        if (a == null || b == null)
        {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /**
     * The comparison of the reference test: an INVALID reject on either side is compared by status and reason only
     * (its message text is free); everything else must be the same JSON value.
     */
    public static boolean sameResult(final JsonNode expected, final JsonNode actual)
    {
        if (expected == null || actual == null)
        {
            return expected == actual;
        }
        if (isInvalid(expected) || isInvalid(actual))
        {
            return same(expected.get("status"), actual.get("status")) && same(expected.get("reason"), actual.get("reason"))
                && same(expected.get("seq"), actual.get("seq"));
        }
        return same(expected, actual);
    }

    private static boolean isInvalid(final JsonNode r)
    {
        final JsonNode reason = r.get("reason");
        return reason != null && "INVALID".equals(reason.asText());
    }
}
