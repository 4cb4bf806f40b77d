package io.omniroute.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code omniroute} command line: one entry point, one subcommand per tool.
 */
@Command(
    name = "omniroute",
    mixinStandardHelpOptions = true,
    version = "omniroute 0.1.0",
    description = "Order routing engine for omnichannel retail.",
    subcommands = { SimulateCommand.class, DemoCommand.class, ServeCommand.class, ClientCommand.class,
        HashSecretCommand.class, ReplayCommand.class, DumpCommand.class,
        CommandLine.HelpCommand.class })
public final class OmniRouteCli
{
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    public static int run(final String... args)
    {
        final CommandLine cl = new CommandLine(new OmniRouteCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) ->
        {
            // a user mistake has been reported by the command itself; anything reaching here is our bug
            cmd.getErr().println("omniroute: internal error: " + ex);
            return 1;
        });
        try
        {
            return cl.execute(args);
        }
        catch (final InternalError ex)
        {
            // a memory-mapped file (the journal's queue, which Chronicle indexes as it reads) that its disk cannot
            // back, or that was cut short under its mapping: the JVM raises the fault as an InternalError, which
            // picocli does not catch
            if (!CliChecks.isMappedWriteFault(ex))
            {
                throw ex;
            }
            System.err.println("omniroute: a memory-mapped file of the journal could not be read or written: its " +
                "disk is full (the journal's queue is indexed as it is read, so even reading writes; free space and " +
                "run again), or one of its queue files is shorter than it was written (cut short by a copy or a " +
                "restore; restore it whole)");
            return 2;
        }
    }
}
