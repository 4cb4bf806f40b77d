package io.omniroute.gateway.cli;

import io.omniroute.gateway.server.ClientRegistry;
import io.omniroute.gateway.server.Roles;
import io.omniroute.gateway.server.SecretHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code omniroute hash-secret}: hashes a client secret (read from standard input) for the clients file; with
 * {@code --client-id} and {@code --roles} prints the whole line.
 */
@Command(name = "hash-secret", mixinStandardHelpOptions = true,
    description = "Hash a client secret read from standard input for the serve --clients file.")
public final class HashSecretCommand implements Callable<Integer>
{
    @Option(names = "--client-id", paramLabel = "ID", description = "print a whole clients-file line for this client")
    String clientId;

    @Option(names = "--roles", paramLabel = "ROLES", defaultValue = "order",
        description = "roles of that line: order, ops, read, comma-separated (default ${DEFAULT-VALUE})")
    String roles;

    @Option(names = "--rate", paramLabel = "N", description = "commands per second for this client (rate=N option)")
    Long rate;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + SecretHash.DEFAULT_ITERATIONS,
        description = "PBKDF2 iterations (default ${DEFAULT-VALUE})")
    int iterations;

    @Override
    public Integer call()
    {
        try
        {
            if (iterations < 1)
            {
                throw new UserError("--iterations must be at least 1");
            }
            final int r = parseRoles();
            if (rate != null && rate <= 0)
            {
                throw new UserError("--rate must be positive");
            }
            if (clientId != null && (!ClientRegistry.isValidClientId(clientId) || clientId.startsWith("#")))
            {
                // the line must read back as this client: a space would split it, a '#' make it a comment
                throw new UserError("--client-id must be 1-64 printable ASCII characters, no spaces, not starting " +
                    "with '#'");
            }
            if (clientId == null && rate != null)
            {
                throw new UserError("--rate goes on a clients-file line: give --client-id too");
            }
            final String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine();
            if (secret == null || secret.isEmpty())
            {
                throw new UserError("give the secret on standard input, e.g. echo -n 's3cret' | omniroute hash-secret");
            }
            final String hash = SecretHash.hash(secret.toCharArray(), iterations);
            if (clientId == null)
            {
                System.out.println(hash);
            }
            else
            {
                System.out.println(clientId + " " + Roles.format(r) + " " + hash + (rate != null ? " rate=" + rate : ""));
            }
            return 0;
        }
        catch (final UserError ex)
        {
            System.err.println("omniroute hash-secret: " + ex.getMessage());
            return 2;
        }
        catch (final IOException ex)
        {
            System.err.println("omniroute hash-secret: cannot read standard input: " + ex.getMessage());
            return 2;
        }
    }

    private int parseRoles() throws UserError
    {
        try
        {
            return Roles.parse(roles);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UserError("--roles: " + ex.getMessage());
        }
    }
}
