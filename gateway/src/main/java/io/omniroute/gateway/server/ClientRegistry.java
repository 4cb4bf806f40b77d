package io.omniroute.gateway.server;

import io.omniroute.engine.IoMessages;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients a server lets in, read from a clients file (docs/GATEWAY.md): one client per line,
 * <pre>
 * # client_id   roles        secret hash (./omniroute hash-secret)                       options
 * web-shop      order,read   pbkdf2-sha256:210000:3q2+7w...:Zm9v...                       rate=50000
 * </pre>
 * Blank lines and lines starting with {@code #} are skipped. With no file the server is open: any client id and
 * secret logs on with every role (allowed on loopback only).
 * <p>
 * {@link #authenticate} runs PBKDF2 and so is slow by design: call it off the I/O thread. A secret verified once is
 * remembered by its SHA-256, so reconnects do not pay PBKDF2 again.
 */
public final class ClientRegistry
{
    /** One client of the file. */
    public static final class Client
    {
        final String id;
        final int roles;
        final SecretHash secret;
        final long ratePerSecond;

        Client(final String id, final int roles, final SecretHash secret, final long ratePerSecond)
        {
            this.id = id;
            this.roles = roles;
            this.secret = secret;
            this.ratePerSecond = ratePerSecond;
        }

        public int roles()
        {
            return roles;
        }

        /** Commands per second, or 0 for the server's default. */
        public long ratePerSecond()
        {
            return ratePerSecond;
        }
    }

    private final Map<String, Client> clients;
    private final Map<String, byte[]> verified = new HashMap<>();

    private ClientRegistry(final Map<String, Client> clients)
    {
        this.clients = clients;
    }

    /**
     * A registry that lets anyone in with every role.
     */
    public static ClientRegistry open()
    {
        return new ClientRegistry(null);
    }

    public boolean isOpen()
    {
        return clients == null;
    }

    public int size()
    {
        return clients == null ? 0 : clients.size();
    }

    /**
     * @throws IllegalArgumentException naming the file, line and what is wrong.
     */
    public static ClientRegistry load(final Path file) throws IOException
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final CharacterCodingException ex)
        {
            throw new IllegalArgumentException(IoMessages.notUtf8(file.getFileName().toString(), file));
        }
        final Map<String, Client> clients = new HashMap<>();
        for (int n = 0; n < lines.size(); n++)
        {
            final String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String where = file.getFileName() + ":" + (n + 1) + ": ";
            final String[] f = line.split("\\s+");
            if (f.length < 3)
            {
                throw new IllegalArgumentException(where + "expected 'client_id roles secret_hash [rate=N]'");
            }
            final String id = f[0];
            if (!isValidClientId(id))
            {
                throw new IllegalArgumentException(where + "client id must be 1-64 printable ASCII characters");
            }
            if (clients.containsKey(id))
            {
                throw new IllegalArgumentException(where + "client '" + id + "' is listed twice");
            }
            final int roles;
            final SecretHash hash;
            try
            {
                roles = Roles.parse(f[1]);
                hash = SecretHash.parse(f[2]);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(where + ex.getMessage());
            }
            long rate = 0;
            for (int i = 3; i < f.length; i++)
            {
                if (f[i].startsWith("rate="))
                {
                    try
                    {
                        rate = Long.parseLong(f[i].substring(5));
                    }
                    catch (final NumberFormatException ex)
                    {
                        rate = -1;
                    }
                    if (rate <= 0)
                    {
                        throw new IllegalArgumentException(where + "rate must be a positive whole number of commands per second");
                    }
                }
                else
                {
                    throw new IllegalArgumentException(where + "unknown option '" + f[i] + "' (options: rate=N)");
                }
            }
            clients.put(id, new Client(id, roles, hash, rate));
        }
        if (clients.isEmpty())
        {
            throw new IllegalArgumentException(file.getFileName() + ": no clients in it, so nobody could log on " +
                "(one a line: 'client_id roles secret_hash [rate=N]')");
        }
        return new ClientRegistry(clients);
    }

    /**
     * @return whether {@code id} is 1-64 printable ASCII characters without spaces, as a clients file and a Logon
     * must give it.
     */
    public static boolean isValidClientId(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > 64)
        {
            return false;
        }
        for (int i = 0; i < id.length(); i++)
        {
            final char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7F)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a client id and secret. Slow (PBKDF2) the first time for a secret; call off the I/O thread.
     *
     * @return the client, or null when the id is unknown or the secret wrong.
     */
    public synchronized Client authenticate(final String clientId, final String secret)
    {
        if (clients == null)
        {
            return new Client(clientId, Roles.ALL, null, 0);
        }
        final Client c = clients.get(clientId);
        if (c == null)
        {
            return null;
        }
        final byte[] digest = sha256(secret);
        final byte[] known = verified.get(clientId);
        if (known != null && MessageDigest.isEqual(known, digest))
        {
            return c;
        }
        if (c.secret.matches(secret.toCharArray()))
        {
            verified.put(clientId, digest);
            return c;
        }
        return null;
    }

    private static byte[] sha256(final String s)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
