package io.omniroute.gateway.cli;

import io.omniroute.engine.PageReserve;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of command-line arguments shared by the commands, each failing with a one-line {@link UserError}.
 */
final class CliChecks
{
    private CliChecks()
    {
    }

    /**
     * @return the setting of spare book pages for the run's engine ({@link PageReserve#sparePagesSetting}).
     * @throws UserError naming the setting when it is bad.
     */
    static int sparePages() throws UserError
    {
        try
        {
            return PageReserve.sparePagesSetting();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UserError(ex.getMessage());
        }
    }

    /**
     * Fails unless {@code file} is a regular file; {@code what} names it in the message (a flag, or a role).
     */
    static void requireFile(final Path file, final String what) throws UserError
    {
        if (Files.isDirectory(file))
        {
            throw new UserError(what + ": " + file + ": is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file))
        {
            throw new UserError(what + ": " + file + ": not a regular file");
        }
        if (!Files.isRegularFile(file))
        {
            throw new UserError(what + ": " + file + ": file not found");
        }
    }

    /**
     * Fails when the journal's path is taken by something that is not a folder (a journal is created where none is).
     */
    static void requireJournalDirectory(final Path journal) throws UserError
    {
        if (Files.exists(journal) && !Files.isDirectory(journal))
        {
            throw new UserError("journal " + journal + ": not a directory");
        }
    }

    /**
     * The checks of a simulate run's files, before anything is opened: the commands file exists; {@code --out} and
     * {@code --events} are neither it nor each other ({@link #requireDistinctFiles}), nor one of the network's files
     * ({@link #requireNotNetworkFile}), nor inside the journal when there is one ({@link #requireOutside}).
     *
     * @param journal the run's journal, or null.
     */
    static void requireRunFiles(final Path commands, final String out, final Path events, final Path networkDir,
        final Path journal) throws UserError
    {
        requireFile(commands, "commands");
        requireDistinctFiles(commands, out, events);
        final String eventsOut = events == null ? null : events.toString();
        requireNotNetworkFile("--out", out, networkDir);
        requireNotNetworkFile("--events", eventsOut, networkDir);
        requireOutside("--out", out, journal, "the journal");
        requireOutside("--events", eventsOut, journal, "the journal");
    }

    /**
     * Fails when {@code --out} or {@code --events} is the commands file, or the two outputs are one file: opening an
     * output truncates it, so the commands would be gone before they were read (a run of 0 commands), or two writers
     * would interleave in one file.
     *
     * @param out the results file, {@code -} for stdout.
     * @param events the events file, or null.
     */
    static void requireDistinctFiles(final Path commands, final String out, final Path events) throws UserError
    {
        final Path outPath = "-".equals(out) ? null : Path.of(out);
        if (sameFile(commands, outPath))
        {
            throw new UserError("--out " + out + " is the commands file: writing results there would erase the " +
                "commands before they are read");
        }
        if (sameFile(commands, events))
        {
            throw new UserError("--events " + events + " is the commands file: writing events there would erase the " +
                "commands before they are read");
        }
        if (sameFile(outPath, events))
        {
            throw new UserError("--out and --events are the same file " + events + ": give each its own");
        }
    }

    /**
     * Fails when an output file ({@code out}, named by its flag; null or {@code -} for none) is {@code input} or lies
     * inside it: a run's own journal, network folder or snapshot, which opening the output would truncate (a
     * {@code dump --out} into the journal's queue file erased the journal it was asked to print).
     *
     * @param what names the input in the message ("the journal", "the network folder").
     */
    static void requireOutside(final String flag, final String out, final Path input, final String what)
        throws UserError
    {
        if (out == null || "-".equals(out) || input == null)
        {
            return;
        }
        if (canonical(Path.of(out)).startsWith(canonical(input)))
        {
            throw new UserError(flag + " " + out + " is " + (sameFile(Path.of(out), input) ? "" : "inside ") + what +
                " " + input + ": writing there would overwrite it; write the output elsewhere");
        }
    }

    /**
     * Fails when an output file is one of the network folder's files (a {@code .csv} or {@code .properties} file
     * directly in it: read by the loader, or part of the fingerprint a journal records). Other files in that folder,
     * a run's results beside its network say, are fine.
     */
    static void requireNotNetworkFile(final String flag, final String out, final Path networkDir) throws UserError
    {
        if (out == null || "-".equals(out) || networkDir == null)
        {
            return;
        }
        final Path file = canonical(Path.of(out));
        final Path name = file.getFileName();
        if (name != null && canonical(networkDir).equals(file.getParent()) &&
            io.omniroute.journal.NetworkFingerprint.isNetworkFile(name.toString()))
        {
            throw new UserError(flag + " " + out + " is a file of the network folder " + networkDir + ": writing " +
                "there would change the network; write the output elsewhere");
        }
    }

    /**
     * @return the path with links resolved as far as it exists (a file not yet written resolves through its folder).
     */
    private static Path canonical(final Path path)
    {
        final Path absolute = path.toAbsolutePath();   // not normalized before links are resolved: link/.. is not .
        Path existing = absolute;
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null)
        {
            return absolute.normalize();
        }
        try
        {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        }
        catch (final java.io.IOException ex)
        {
            return absolute.normalize();
        }
    }

    private static boolean sameFile(final Path a, final Path b)
    {
        if (a == null || b == null)
        {
            return false;
        }
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize()))
        {
            return true;
        }
        try
        {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    /**
     * @return what to tell the user when the engine thread stopped because the journal refused to write (its disk is
     * nearly full) or a write failed on a full disk (a write into a memory-mapped file the disk cannot back faults,
     * which the JVM raises as an {@link InternalError}), else null.
     */
    static String journalWriteFailure(final Path journalDir, final Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause())
        {
            if (t instanceof io.omniroute.journal.JournalException)
            {
                return t.getMessage(); // the journal refused to write, and says why
            }
            if (isMappedWriteFault(t) || String.valueOf(t.getMessage()).contains("No space left on device"))
            {
                long freeMiB = -1;
                try
                {
                    freeMiB = java.nio.file.Files.getFileStore(journalDir).getUsableSpace() >> 20;
                }
                catch (final java.io.IOException | RuntimeException ignored)
                {
                    // the sentence goes without the figure
                }
                return "journal " + journalDir + ": writing to it failed, most likely because its disk is full (" +
                    (freeMiB < 0 ? "free space unknown" : freeMiB + " MiB free") + ")";
            }
        }
        return null;
    }

    /**
     * @return whether this is the JVM's report of a write into a memory-mapped file that its disk could not back.
     */
    static boolean isMappedWriteFault(final Throwable t)
    {
        return t instanceof InternalError && String.valueOf(t.getMessage()).contains("unsafe memory access");
    }
}
