package io.omniroute.gateway.server;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client secrets as the clients file stores them: {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, salt and hash in
 * Base64 (16-byte random salt, 32-byte PBKDF2-HMAC-SHA256 output). Verification compares in constant time.
 */
public final class SecretHash
{
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private SecretHash(final int iterations, final byte[] salt, final byte[] hash)
    {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Hashes a new secret with a fresh random salt.
     */
    public static String hash(final char[] secret, final int iterations)
    {
        if (iterations < 1)
        {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        final byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        final byte[] hash = pbkdf2(secret, salt, iterations);
        final Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the text.
     */
    public static SecretHash parse(final String text)
    {
        final String[] parts = text.split(":", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0]))
        {
            throw new IllegalArgumentException("secret hash must look like " + SCHEME + ":ITERATIONS:SALT:HASH " +
                "(make one with ./omniroute hash-secret)");
        }
        final int iterations;
        try
        {
            iterations = Integer.parseInt(parts[1]);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("secret hash: iterations '" + parts[1] + "' is not a whole number");
        }
        if (iterations < 1)
        {
            throw new IllegalArgumentException("secret hash: iterations must be at least 1");
        }
        try
        {
            final byte[] salt = Base64.getDecoder().decode(parts[2]);
            final byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || hash.length != HASH_BITS / 8)
            {
                throw new IllegalArgumentException("secret hash: salt or hash has the wrong length");
            }
            return new SecretHash(iterations, salt, hash);
        }
        catch (final IllegalArgumentException ex)
        {
            if (ex.getMessage() != null && ex.getMessage().startsWith("secret hash"))
            {
                throw ex;
            }
            throw new IllegalArgumentException("secret hash: salt or hash is not Base64");
        }
    }

    public boolean matches(final char[] secret)
    {
        return MessageDigest.isEqual(hash, pbkdf2(secret, salt, iterations));
    }

    private static byte[] pbkdf2(final char[] secret, final byte[] salt, final int iterations)
    {
        final PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, HASH_BITS);
        try
        {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", ex);
        }
        finally
        {
            spec.clearPassword();
        }
    }
}
