package io.omniroute.gateway.cli;

import io.omniroute.engine.IoMessages;
import io.omniroute.engine.sim.JsonLinesReader;
import io.omniroute.gateway.client.ClientConfig;
import io.omniroute.gateway.client.ClientException;
import io.omniroute.gateway.client.ClientResult;
import io.omniroute.gateway.client.OmniRouteClient;
import io.omniroute.gateway.wire.sbe.RejectReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code omniroute client}: sends a JSON Lines command stream to a gateway and writes one result line per command,
 * in order, in exactly the format of {@code simulate}; up to {@code --window} commands are in flight at once.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = { "Send a JSON Lines command stream to 'omniroute serve'; write the results as simulate does.",
        "A lost connection is retried for up to 30 s (reconnect, log on again, resubmit what is safe to repeat) " +
            "before the client gives up and says why." })
public final class ClientCommand implements Callable<Integer>
{
    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "server (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "server port (default ${DEFAULT-VALUE})")
    int port;

    @Mixin
    CommandStreamOptions stream;

    @Option(names = "--window", paramLabel = "N", defaultValue = "64",
        description = "commands in flight at once (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = "omniroute-client",
        description = "client id for the logon (default ${DEFAULT-VALUE})")
    String clientId;

    @Option(names = "--secret", paramLabel = "SECRET",
        description = "client secret (default: the OMNIROUTE_SECRET environment variable)")
    String secret;

    @Option(names = "--tls", description = "connect with TLS")
    boolean tls;

    @Option(names = "--tls-trust", paramLabel = "PEM", description = "certificates to trust (the server's, or its CA)")
    Path tlsTrust;

    @Option(names = "--quiet", description = "no summary line")
    boolean quiet;

    @Override
    public Integer call()
    {
        if (window < 1 || window > 1_000_000)
        {
            System.err.println("omniroute client: --window must be 1..1000000");
            return 2;
        }
        try
        {
            CliChecks.requireFile(stream.commands, "commands");
            CliChecks.requireDistinctFiles(stream.commands, stream.out, null);
            if (tlsTrust != null)
            {
                CliChecks.requireFile(tlsTrust, "--tls-trust");
            }
        }
        catch (final UserError ex)
        {
            System.err.println("omniroute client: " + ex.getMessage());
            return 2;
        }
        final String s = secret != null ? secret : System.getenv().getOrDefault("OMNIROUTE_SECRET", "");
        final ClientConfig config = new ClientConfig().host(host).port(port).credentials(clientId, s);
        if (tls || tlsTrust != null)
        {
            config.tls(tlsTrust);
        }
        final OmniRouteClient client;
        try
        {
            client = OmniRouteClient.connect(config);
        }
        catch (final ClientException | IllegalArgumentException ex)
        {
            System.err.println("omniroute client: " + ex.getMessage());
            return 2;
        }
        final long start = System.nanoTime();
        final long[] sent = { 0 };
        final long[] refused = { 0 };
        final InvalidLines invalid = new InvalidLines("omniroute client", stream.commands, System.err);
        // split as simulate splits the file (JsonLinesReader): a line that is not UTF-8 is one INVALID command there,
        // not the end of the run
        try (InputStream in = Files.newInputStream(stream.commands);
            OutputStream os = Streams.openResults("--out", stream.out))
        {
            final ArrayDeque<CompletableFuture<ClientResult>> pending = new ArrayDeque<>(window);
            final ArrayDeque<Long> pendingLines = new ArrayDeque<>(window);
            final JsonLinesReader lines = new JsonLinesReader(in);
            lines.readAll((line, offset, length) ->
            {
                if (pending.size() == window)
                {
                    refused[0] += writeHeadInterruptibly(pending, pendingLines, os, invalid);
                }
                pending.add(client.submitJson(line, offset, length));
                pendingLines.add(lines.lineNumber());
                sent[0]++;
            }, null);
            while (!pending.isEmpty())
            {
                refused[0] += writeHeadInterruptibly(pending, pendingLines, os, invalid);
            }
            os.flush();
            invalid.finish();
        }
        catch (final ClientException ex)
        {
            System.err.println("omniroute client: " + ex.getMessage() + "; results before it are in " + stream.out);
            client.close();
            return 1;
        }
        catch (final InterruptedIOException ex)
        {
            client.close();
            return 1;
        }
        catch (final IOException ex)
        {
            System.err.println("omniroute client: i/o: " + IoMessages.describe(ex));
            client.close();
            return 2;
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final int reconnects = client.reconnects();
        client.close();
        if (!quiet)
        {
            System.err.printf("omniroute client: %,d commands in %.2f s (%,.0f/s), %d refused by the gateway, %d reconnects%n",
                sent[0], seconds, sent[0] / Math.max(seconds, 1e-9), refused[0], reconnects);
        }
        return refused[0] == 0 ? 0 : 1;
    }

    /**
     * {@link #writeHead} for a line handler, which may throw only IOException: an interrupt ends the run (exit 1).
     */
    private static int writeHeadInterruptibly(final ArrayDeque<CompletableFuture<ClientResult>> pending,
        final ArrayDeque<Long> lines, final OutputStream os, final InvalidLines invalid) throws IOException
    {
        try
        {
            return writeHead(pending, lines, os, invalid);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private static int writeHead(final ArrayDeque<CompletableFuture<ClientResult>> pending,
        final ArrayDeque<Long> lines, final OutputStream os, final InvalidLines invalid)
        throws IOException, InterruptedException
    {
        final CompletableFuture<ClientResult> f = pending.poll();
        final long line = lines.poll();
        final ClientResult r;
        try
        {
            r = f.get();
        }
        catch (final ExecutionException ex)
        {
            final Throwable c = ex.getCause();
            throw new ClientException("line " + line + ": " + c.getMessage(), c);
        }
        if (r.isError())
        {
            // not an engine result: the gateway refused it, nothing was applied
            os.write(("{\"line\":" + line + ",\"error\":\"" + r.error() + "\",\"message\":" +
                quote(r.errorMessage()) + "}\n").getBytes(StandardCharsets.UTF_8));
            return 1;
        }
        final byte[] json = r.json().getBytes(StandardCharsets.UTF_8);
        os.write(json);
        os.write('\n');
        if (r.reason() == RejectReason.INVALID)
        {
            invalid.report(line, r.seq(), json, json.length);
        }
        return 0;
    }

    private static String quote(final String s)
    {
        final StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
