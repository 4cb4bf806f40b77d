package io.omniroute.journal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.Decision;
import io.omniroute.engine.Engine;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.engine.json.ResultJsonEncoder;
import io.omniroute.engine.json.ResultLineWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a decision as its canonical result line (exactly the bytes {@code simulate} writes, without the newline)
 * into a reusable buffer: the journaled form of a decision, and what replay compares byte for byte. Must be used on
 * the engine's thread, right after {@code apply}: the encoder reads the engine (ids, KPIs).
 */
public final class ResultLineEncoder
{
    private final ByteSink sink = new ByteSink();
    private final ResultJsonEncoder encoder;
    /** The common results, written without Jackson's document-state checks (same bytes). */
    private final ResultLineWriter fast;
    private byte[] lastArray;
    private int lastLength;
    private final JsonGenerator generator;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    public ResultLineEncoder(final Engine engine)
    {
        encoder = new ResultJsonEncoder(engine);
        fast = new ResultLineWriter(engine);
        try
        {
            generator = CommandJsonDecoder.fastFactory().createGenerator(sink, JsonEncoding.UTF8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setRootValueSeparator(null);
    }

    /**
     * @return the line's length; its bytes are {@link #array()}[0, length), valid until the next call.
     */
    public int encode(final Decision decision)
    {
        final int length = fast.write(decision);
        if (length != ResultLineWriter.DECLINED)
        {
            lastArray = fast.array();
            lastLength = length;
            return length;
        }
        sink.reset();
        try
        {
            encoder.encode(decision, generator);
            generator.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        lastArray = sink.bytes();
        lastLength = sink.length();
        return sink.length();
    }

    public byte[] array()
    {
        return lastArray;
    }

    public int length()
    {
        return lastLength;
    }

    /**
     * @return a view of the last line (wrapped anew after each encode, as the array may have grown).
     */
    public DirectBuffer buffer()
    {
        view.wrap(lastArray, 0, lastLength);
        return view;
    }
}
