package io.omniroute.gateway.cli;

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
     * Fails unless {@code file} is a regular file; {@code what} names it in the message (a flag, or a role).
     */
    static void requireFile(final Path file, final String what) throws UserError
    {
        if (!Files.isRegularFile(file))
        {
            throw new UserError(what + ": " + file + ": file not found");
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
