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
}
