package io.omniroute.journal;

import io.omniroute.engine.Command;
import io.omniroute.engine.json.CommandJsonDecoder;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes journals for tests the way the engine thread does, without the pipeline: JSON line → Command → binary
 * command → {@link JournaledEngine}.
 */
public final class JournalFixture
{
    private final CommandJsonDecoder decoder = new CommandJsonDecoder();
    private final CommandCodec codec = new CommandCodec();
    private final Command command = new Command();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final JournaledEngine journaled;
    public final List<String> results = new ArrayList<>();

    public JournalFixture(final JournaledEngine journaled)
    {
        this.journaled = journaled;
    }

    public String apply(final String json)
    {
        decoder.decode(json, command);
        final int length = codec.encode(command, buffer, 0);
        journaled.apply(buffer, 0, length, System.nanoTime());
        final ResultLineEncoder line = journaled.resultLine();
        final String result = new String(line.array(), 0, line.length(), StandardCharsets.UTF_8);
        results.add(result);
        return result;
    }

    /**
     * Applies the lines in batches of {@code batch}, ending each batch.
     */
    public JournalFixture applyAll(final List<String> json, final int batch)
    {
        for (int i = 0; i < json.size(); i++)
        {
            apply(json.get(i));
            if ((i + 1) % batch == 0 || i == json.size() - 1)
            {
                journaled.endOfBatch();
            }
        }
        return this;
    }

    /**
     * A journal over {@code net} at {@code dir}, recovered, with snapshots written synchronously every
     * {@code interval} commands (0 = on snapshot commands only).
     */
    public static JournalFixture open(final TestNetwork net, final java.nio.file.Path dir, final long interval)
    {
        return open(net, net.journalContext(dir), interval);
    }

    /**
     * As {@link #open(TestNetwork, java.nio.file.Path, long)}, with the journal opened as {@code context} says.
     */
    public static JournalFixture open(final TestNetwork net, final Journal.Context context, final long interval)
    {
        final Recovery.Result r = Recovery.recover(context, net.network, net.fingerprint, null);
        final SnapshotStore store = new SnapshotStore(r.journal().snapshotDir(), Recovery.DEFAULT_KEEP_SNAPSHOTS);
        final JournaledEngine je = new JournaledEngine(r.engine(), r.journal(), (seq, index, body) ->
        {
            try
            {
                store.write(seq, index, net.fingerprint, 0, body);
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }, interval, null, false);
        return new JournalFixture(je);
    }

    public JournaledEngine journaled()
    {
        return journaled;
    }

    public void close()
    {
        journaled.endOfBatch();
        journaled.journal().close();
    }
}
