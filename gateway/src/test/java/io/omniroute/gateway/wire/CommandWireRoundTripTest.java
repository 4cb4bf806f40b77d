package io.omniroute.gateway.wire;

import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.Network;
import io.omniroute.engine.NetworkLoader;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.sim.Simulator;
import io.omniroute.gateway.wire.sbe.JsonCommandDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command sent over the wire gets exactly the result it gets from {@code simulate}: every line is decoded from
 * JSON, encoded as the client encodes it (structured, or as a JSON command when the structured message cannot carry
 * it), validated and decoded as the server does, and applied to a second engine; the two result lines must be
 * equal, command after command.
 */
class CommandWireRoundTripTest
{
    private static Path basic() throws Exception
    {
        return Paths.get(CommandWireRoundTripTest.class.getResource("/examples/basic/commands.jsonl").toURI())
            .getParent();
    }

    /** Both paths side by side over two engines of the same network. */
    static final class TwoPaths
    {
        final Simulator direct;
        final Engine viaWire;
        final Simulator wireJson;
        final CommandJsonDecoder json = new CommandJsonDecoder();
        final CommandWireEncoder encoder = new CommandWireEncoder();
        final CommandWireDecoder decoder = new CommandWireDecoder();
        final MessageValidator validator = new MessageValidator();
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1024);
        final Command sent = new Command();
        final Command received = new Command();
        final Decision decision = new Decision();
        final io.omniroute.engine.json.ResultJsonEncoder out;
        int structured;
        int asJson;

        TwoPaths(final Network network)
        {
            direct = new Simulator(new Engine(network));
            viaWire = new Engine(network);
            wireJson = null;
            out = new io.omniroute.engine.json.ResultJsonEncoder(viaWire);
        }

        void check(final String line, final long correlationId) throws Exception
        {
            final String expected = direct.apply(line);
            json.decode(line, sent);
            final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            final int length = encoder.encode(sent, correlationId, bytes, 0, bytes.length, frame, 0);
            final UnsafeBuffer view = new UnsafeBuffer(frame, Framing.LENGTH_FIELD_LENGTH,
                length - Framing.LENGTH_FIELD_LENGTH);
            assertEquals(length - 4, Framing.readLength(frame, 0));
            assertEquals(MessageValidator.OK, validator.validate(view, 0, view.capacity()), () -> validator.error());
            if (validator.templateId() == JsonCommandDecoder.TEMPLATE_ID)
            {
                asJson++;
            }
            else
            {
                structured++;
            }
            decoder.decode(view, 0, view.capacity(), validator.templateId(), validator.blockLength(),
                validator.version(), received);
            assertEquals(correlationId, decoder.correlationId());
            viaWire.apply(received, decision);
            viaWire.endOfBatch();
            final java.io.ByteArrayOutputStream os = new java.io.ByteArrayOutputStream();
            try (com.fasterxml.jackson.core.JsonGenerator g = CommandJsonDecoder.fastFactory().createGenerator(os))
            {
                out.encode(decision, g);
            }
            assertEquals(expected, os.toString(StandardCharsets.UTF_8), () -> "line: " + line);
        }
    }

    @Test
    void shouldGiveTheWorkedExampleTheSameResultsOverTheWire() throws Exception
    {
        final TwoPaths p = new TwoPaths(NetworkLoader.load(basic().resolve("network")));
        final List<String> lines = Files.readAllLines(basic().resolve("commands.jsonl"));
        long c = 1;
        for (final String line : lines)
        {
            p.check(line, c++);
        }
        assertEquals(lines.size(), p.structured, "every line of the example has its structured message");
    }

    /**
     * SPEC §1's lengths (order ids and SKUs 1–32, location ids 1–16) hold on both paths: at the limit the command is
     * decided, one past it is INVALID naming the field, whether the id came as JSON or in a structured frame.
     */
    @Test
    void shouldHoldIdentifiersToSpecsLengthsOnBothPaths() throws Exception
    {
        final Network network = NetworkLoader.load(basic().resolve("network"));
        final TwoPaths p = new TwoPaths(network);
        final String order = "{\"type\":\"order\",\"order_id\":\"%s\",\"channel\":\"pos\",\"zip\":\"85173\"," +
            "\"service\":\"STANDARD\",\"lines\":[{\"sku\":\"%s\",\"qty\":1}]}";
        final String ship = "{\"type\":\"ship\",\"order_id\":\"%s\",\"location_id\":\"%s\"}";
        final String[][] cases = {
            { String.format(order, "o".repeat(32), "SKU-4"), null },
            { String.format(order, "o".repeat(33), "SKU-4"), "field 'order_id': longer than 32 characters" },
            { String.format(order, "p-1", "S".repeat(33)), "field 'lines[].sku': longer than 32 characters" },
            { String.format(ship, "o".repeat(32), "L".repeat(16)), null },
            { String.format(ship, "o".repeat(32), "L".repeat(17)), "field 'location_id': longer than 16 characters" },
        };
        long correlation = 1;
        for (final String[] c : cases)
        {
            final String result = p.direct.apply(c[0]);
            if (c[1] == null)
            {
                assertFalse(result.contains("longer than"), result);
            }
            else
            {
                assertTrue(result.contains("\"reason\":\"INVALID\"") && result.contains(c[1]), result);
            }
        }
        // a structured frame carries the id as given; its decoder holds it to the same lengths
        final Command cmd = p.json.decode(String.format(order, "q-1", "SKU-4"), new Command());
        final String[][] structured = {
            { "order_id", "o".repeat(33), "longer than 32" }, { "lines[].sku", "S".repeat(33), "longer than 32" } };
        for (final String[] s2 : structured)
        {
            if (s2[0].equals("order_id"))
            {
                cmd.orderId = s2[1];
            }
            else
            {
                cmd.lineSku[0] = s2[1];
            }
            final int length = p.encoder.encodeStructured(cmd, correlation++, p.frame, 0);
            final UnsafeBuffer view = new UnsafeBuffer(p.frame, Framing.LENGTH_FIELD_LENGTH,
                length - Framing.LENGTH_FIELD_LENGTH);
            assertEquals(MessageValidator.OK, p.validator.validate(view, 0, view.capacity()));
            assertFalse(p.validator.templateId() == JsonCommandDecoder.TEMPLATE_ID, "a structured frame");
            p.decoder.decode(view, 0, view.capacity(), p.validator.templateId(), p.validator.blockLength(),
                p.validator.version(), p.received);
            assertEquals("field '" + s2[0] + "': " + s2[2] + " characters", p.received.invalidMessage);
            cmd.orderId = "q-1";
            cmd.lineSku[0] = "SKU-4";
        }
        final Command shipCmd = p.json.decode(String.format(ship, "q-1", "L01-DC"), new Command());
        shipCmd.locationId = "L".repeat(17);
        final int length = p.encoder.encodeStructured(shipCmd, correlation, p.frame, 0);
        final UnsafeBuffer view = new UnsafeBuffer(p.frame, Framing.LENGTH_FIELD_LENGTH,
            length - Framing.LENGTH_FIELD_LENGTH);
        assertEquals(MessageValidator.OK, p.validator.validate(view, 0, view.capacity()));
        p.decoder.decode(view, 0, view.capacity(), p.validator.templateId(), p.validator.blockLength(),
            p.validator.version(), p.received);
        assertEquals("field 'location_id': longer than 16 characters", p.received.invalidMessage);
    }

    /**
     * An id or type of megabytes is INVALID naming the field, and its result echoes only its first
     * {@link Command#MAX_KEPT_TEXT} characters, on both paths alike: echoed whole (twice for a type) it made a journal
     * entry too large for the journal, and the engine stopped for every client (found by session 11's bad-input
     * audit).
     */
    @Test
    void shouldCutAnIdOfMegabytesInItsResultOnBothPaths() throws Exception
    {
        final Network network = NetworkLoader.load(basic().resolve("network"));
        final TwoPaths p = new TwoPaths(network);
        final Simulator alone = new Simulator(new Engine(network));
        final String huge = "x".repeat(3_000_000);
        final String[] lines = {
            "{\"type\":\"cancel\",\"order_id\":\"" + huge + "\"}",
            "{\"type\":\"release\",\"hold_id\":\"" + huge + "\"}",
            "{\"type\":\"" + huge + "\"}",
        };
        long correlation = 1;
        for (final String line : lines)
        {
            final String result = alone.apply(line);
            assertTrue(result.contains("\"reason\":\"INVALID\"") && result.contains("longer than"),
                result.substring(0, 300));
            assertTrue(result.length() < 2 * Command.MAX_KEPT_TEXT, "result of " + result.length() + " characters");
            assertTrue(result.contains("x".repeat(Command.MAX_KEPT_TEXT - 3) + "...") || !result.contains("xxx"),
                result.substring(0, 300));
        }
        // over the wire (as a JSON command: a structured frame carries ids of at most 1,024 bytes): the same result
        for (final String line : lines)
        {
            p.check(line, correlation++);
        }
    }

    @Test
    void shouldGiveRandomCommandsTheSameResultsOverTheWire() throws Exception
    {
        final Network network = NetworkLoader.load(basic().resolve("network"));
        for (long seed = 1; seed <= 20; seed++)
        {
            final TwoPaths p = new TwoPaths(network);
            final RandomCommandLines gen = new RandomCommandLines(seed);
            for (int i = 0; i < 1500; i++)
            {
                final String line = gen.next();
                try
                {
                    p.check(line, i + 1);
                }
                catch (final AssertionError ex)
                {
                    throw new AssertionError("seed " + seed + ", command " + (i + 1) + ": " + ex.getMessage(), ex);
                }
            }
            assertTrue(p.structured > 500 && p.asJson > 50, "both paths exercised: " + p.structured + "/" + p.asJson);
        }
    }
}
