package io.omniroute.engine.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.Command;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.EngineEvents;
import io.omniroute.engine.Reason;
import io.omniroute.engine.Status;
import org.HdrHistogram.Histogram;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.json.ResultJsonEncoder;
import io.omniroute.engine.json.ResultLineWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs a JSON Lines command stream through an engine and writes one JSON result line per command (SPEC §4).
 * Blank lines are skipped; every other line gets exactly one result, bad ones an INVALID reject.
 */
public final class Simulator
{
    /**
     * Told every few thousand commands how far the run is.
     */
    @FunctionalInterface
    public interface Progress
    {
        void onProgress(long commands, long bytesRead);
    }

    /**
     * Told of each command the engine rejected as INVALID, with the number of its line in the stream (from 1, blank
     * lines counted), so that a run can name where the bad input is (SPEC §4).
     */
    @FunctionalInterface
    public interface InvalidListener
    {
        void onInvalid(long lineNumber, long seq, String message);
    }

    private InvalidListener invalidListener;

    /**
     * Tells {@code listener} of every INVALID command of the next runs (null: nobody).
     */
    public Simulator onInvalid(final InvalidListener listener)
    {
        this.invalidListener = listener;
        return this;
    }

    private final Engine engine;
    private final JsonFactory factory = CommandJsonDecoder.fastFactory();
    private final CommandJsonDecoder decoder = new CommandJsonDecoder(factory);
    private final ResultJsonEncoder encoder;
    /** The common results, written straight to the output (same bytes as {@link #encoder}). */
    private final ResultLineWriter fast;
    private final Command command = new Command();
    private final Decision decision = new Decision();

    public Simulator(final Engine engine)
    {
        this.engine = engine;
        this.encoder = new ResultJsonEncoder(engine);
        this.fast = new ResultLineWriter(engine);
    }

    public Engine engine()
    {
        return engine;
    }

    public Decision lastDecision()
    {
        return decision;
    }

    /**
     * Applies one command line.
     *
     * @return the result line without a newline, or null for a blank line.
     */
    public String apply(final String line)
    {
        if (line == null || line.isBlank())
        {
            return null;
        }
        decoder.decode(line, command);
        engine.apply(command, decision);
        engine.endOfBatch();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8))
        {
            encoder.encode(decision, g);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs a whole stream.
     *
     * @return the number of commands applied.
     */
    public long run(final InputStream in, final OutputStream out, final Progress progress) throws IOException
    {
        return run(in, out, null, null, progress);
    }

    /**
     * Runs a whole stream; with {@code eventsOut} the availability and reorder events of each command (a batch of
     * one in simulate) are written there as JSON Lines; with {@code latency} each decision's time is recorded (ns).
     *
     * @return the number of commands applied.
     */
    public long run(final InputStream in, final OutputStream out, final OutputStream eventsOut,
        final Histogram latency, final Progress progress) throws IOException
    {
        final JsonGenerator eg = eventsOut == null ? null : factory.createGenerator(eventsOut, JsonEncoding.UTF8);
        if (eg != null)
        {
            eg.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            eg.setRootValueSeparator(null);
            engine.enableEvents();
        }
        final JsonLinesReader reader = new JsonLinesReader(in);
        final long commands;
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8))
        {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM); // its flush only hands its buffer to out
            g.setRootValueSeparator(null);
            commands = reader.readAll(new StreamRun(reader, g, out, eg, latency), progress);
            g.flush();
            out.flush();
        }
        if (eg != null)
        {
            eg.flush();
            eg.close();
        }
        if (progress != null)
        {
            progress.onProgress(commands, reader.bytesRead());
        }
        return commands;
    }

    /**
     * One run of a stream: each line applied as a batch of one, its result and events written.
     */
    private final class StreamRun implements JsonLinesReader.LineHandler
    {
        private final JsonLinesReader reader;
        private final JsonGenerator g;
        private final OutputStream out;
        private final JsonGenerator eg;
        private final Histogram latency;
        /** Whether {@link #g} holds bytes not yet handed to {@link #out}. */
        private boolean generatorPending;

        StreamRun(final JsonLinesReader reader, final JsonGenerator g, final OutputStream out, final JsonGenerator eg,
            final Histogram latency)
        {
            this.reader = reader;
            this.g = g;
            this.out = out;
            this.eg = eg;
            this.latency = latency;
        }

        @Override
        public void onLine(final byte[] buf, final int start, final int len) throws IOException
        {
            decoder.decode(buf, start, len, command);
            if (latency != null)
            {
                final long t0 = System.nanoTime();
                engine.apply(command, decision);
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), System.nanoTime() - t0));
            }
            else
            {
                engine.apply(command, decision);
            }
            if (invalidListener != null && decision.status == Status.REJECTED && decision.reason == Reason.INVALID)
            {
                invalidListener.onInvalid(reader.lineNumber(), decision.seq, decision.messageText());
            }
            final int length = fast.write(decision);
            if (length != ResultLineWriter.DECLINED)
            {
                if (generatorPending)
                {
                    g.flush();
                    generatorPending = false;
                }
                out.write(fast.array(), 0, length);
                out.write('\n');
            }
            else
            {
                encoder.encode(decision, g);
                g.writeRaw('\n');
                generatorPending = true;
            }
            final EngineEvents events = engine.endOfBatch();
            if (eg != null)
            {
                for (int i = 0; i < events.count(); i++)
                {
                    encoder.encodeEvent(events, i, eg);
                    eg.writeRaw('\n');
                }
            }
        }
    }
}
