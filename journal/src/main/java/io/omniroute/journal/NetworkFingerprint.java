package io.omniroute.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A 64-bit fingerprint of a network folder: SHA-256 over the names and bytes of its {@code .csv} and
 * {@code .properties} files, in name order. A journal and its snapshots record it, so that they are never replayed
 * over another network (the decisions would differ).
 */
public final class NetworkFingerprint
{
    private NetworkFingerprint()
    {
    }

    public static long of(final Path networkDir)
    {
        final MessageDigest sha;
        try
        {
            sha = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(networkDir))
        {
            list.filter(p -> Files.isRegularFile(p) && isNetworkFile(p.getFileName().toString())).forEach(files::add);
            files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (final Path p : files)
            {
                final byte[] name = p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
                final byte[] bytes = Files.readAllBytes(p);
                sha.update(ByteBuffer.allocate(4).putInt(name.length).array());
                sha.update(name);
                sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
                sha.update(bytes);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("network " + networkDir + ": " + ex.getMessage(), ex);
        }
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    /**
     * @return whether a file of this name in a network folder is part of the network (and of its fingerprint).
     */
    public static boolean isNetworkFile(final String name)
    {
        return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".properties"));
    }

    public static String hex(final long fingerprint)
    {
        return String.format("%016x", fingerprint);
    }
}
