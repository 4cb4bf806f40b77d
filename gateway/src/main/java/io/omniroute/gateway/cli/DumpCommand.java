package io.omniroute.gateway.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omniroute.engine.Engine;
import io.omniroute.engine.IoMessages;
import io.omniroute.engine.Network;
import io.omniroute.engine.StockStore;
import io.omniroute.engine.json.CommandJsonDecoder;
import io.omniroute.journal.Journal;
import io.omniroute.journal.JournalEntry;
import io.omniroute.journal.JournalException;
import io.omniroute.journal.JournalHeader;
import io.omniroute.journal.JournalJsonWriter;
import io.omniroute.journal.JournalReader;
import io.omniroute.journal.NetworkFingerprint;
import io.omniroute.journal.SnapshotFile;
import io.omniroute.journal.SnapshotStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code omniroute dump}: a journal or a snapshot file as JSON Lines. A journal prints one result line per entry,
 * exactly as simulate wrote them (so the dump of a simulate run equals its {@code --out}); {@code --entries} prints
 * whole entries (sequence, ingress time, the command in the input format, the result). A snapshot prints its header,
 * and with {@code --network} every stock position of the state it holds. Reads only.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = "Print a journal (one result per entry, as simulate writes them) or a snapshot file as JSON Lines.")
public final class DumpCommand implements Callable<Integer>
{
    static final class Source
    {
        @Option(names = "--journal", required = true, paramLabel = "DIR", description = "journal directory")
        Path journal;

        @Option(names = "--snapshot", required = true, paramLabel = "FILE", description = "snapshot file")
        Path snapshot;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-", description = "where to write (default stdout)")
    String out;

    @Option(names = "--entries", description = "journal: whole entries (seq, ingress time, command, result) instead " +
        "of result lines")
    boolean entries;

    @Option(names = "--network", paramLabel = "DIR", description = "snapshot: decode the state over this network " +
        "and print its stock positions")
    Path network;

    @Override
    public Integer call()
    {
        try
        {
            CliChecks.requireOutside("--out", out, source.journal, "the journal");
            CliChecks.requireOutside("--out", out, source.snapshot, "the snapshot");
            CliChecks.requireNotNetworkFile("--out", out, network);
        }
        catch (final UserError ex)
        {
            System.err.println("omniroute dump: " + ex.getMessage());
            return 2;
        }
        try (OutputStream os = Streams.open("--out", out))
        {
            if (source.journal != null)
            {
                dumpJournal(os);
            }
            else
            {
                dumpSnapshot(os);
            }
            os.flush();
            return 0;
        }
        catch (final UserError | JournalException ex)
        {
            System.err.println("omniroute dump: " + ex.getMessage());
            return 2;
        }
        catch (final IOException ex)
        {
            System.err.println("omniroute dump: i/o: " + IoMessages.describe(ex));
            return 2;
        }
    }

    private void dumpJournal(final OutputStream os) throws UserError, IOException
    {
        final Path dir = source.journal;
        if (!Files.isDirectory(dir) || !Journal.exists(dir))
        {
            throw new UserError("journal " + dir + ": not found (no journal in that directory)");
        }
        try (Journal j = Journal.open(new Journal.Context().dir(dir).readOnly(true));
            JournalReader reader = j.newReader();
            JsonGenerator g = generator(os))
        {
            final JournalJsonWriter writer = new JournalJsonWriter();
            while (reader.next())
            {
                final JournalEntry e = reader.entry();
                if (entries)
                {
                    writer.writeEntry(e, g);
                    g.writeRaw('\n');
                }
                else
                {
                    g.flush();
                    final byte[] line = new byte[e.result().capacity()];
                    e.result().getBytes(0, line);
                    os.write(line);
                    os.write('\n');
                }
            }
            g.flush();
            if (reader.tornTail() != null)
            {
                System.err.println("omniroute dump: warning: the journal ends with " + reader.tornTail().describe());
            }
            if (entries)
            {
                final JournalHeader h = j.header();
                System.err.printf("omniroute dump: journal created %d by %s for network %s (fingerprint %s)%n",
                    h.createdEpochMs(), h.writer(), h.network(), NetworkFingerprint.hex(h.networkFingerprint()));
            }
        }
    }

    private void dumpSnapshot(final OutputStream os) throws UserError, IOException
    {
        final Path file = source.snapshot;
        CliChecks.requireFile(file, "snapshot");
        final SnapshotFile.Header h = SnapshotFile.readHeader(file);
        if (network == null)
        {
            // with a network the body is decoded and checked whole below; without one its checksum is still checked
            SnapshotFile.verifyBody(file, h);
        }
        try (JsonGenerator g = generator(os))
        {
            g.writeStartObject();
            g.writeStringField("file", file.toString());
            g.writeNumberField("format_version", h.formatVersion());
            g.writeNumberField("engine_body_version", h.bodyVersion());
            g.writeNumberField("seq", h.seq());
            g.writeNumberField("journal_index", h.journalIndex());
            g.writeStringField("state_hash", Long.toHexString(h.stateHash()));
            g.writeStringField("network_fingerprint", NetworkFingerprint.hex(h.networkFingerprint()));
            g.writeNumberField("created_ms", h.createdEpochMs());
            g.writeNumberField("body_bytes", h.bodyLength());
            g.writeEndObject();
            g.writeRaw('\n');
            if (network != null)
            {
                final Network net = NetworkOption.load(network);
                final SnapshotStore.Loaded loaded = SnapshotStore.read(file, net, NetworkFingerprint.of(network));
                final Engine e = loaded.engine();
                final StockStore stock = e.stock();
                for (int s = 0; s < net.skuCount(); s++)
                {
                    for (int l = 0; l < net.locationCount(); l++)
                    {
                        if (stock.onHand(s, l) == 0 && stock.reserved(s, l) == 0 && stock.safetyStock(s, l) == 0)
                        {
                            continue;
                        }
                        g.writeStartObject();
                        g.writeStringField("sku", net.sku(s));
                        g.writeStringField("location_id", net.locationId(l));
                        g.writeNumberField("on_hand", stock.onHand(s, l));
                        g.writeNumberField("reserved", stock.reserved(s, l));
                        g.writeNumberField("safety_stock", stock.safetyStock(s, l));
                        g.writeEndObject();
                        g.writeRaw('\n');
                    }
                }
            }
        }
    }

    private static JsonGenerator generator(final OutputStream os) throws IOException
    {
        final JsonGenerator g = CommandJsonDecoder.fastFactory().createGenerator(os, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setRootValueSeparator(null);
        return g;
    }
}
