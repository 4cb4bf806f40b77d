package io.omniroute.gateway.cli;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the command line in-process with stdout and stderr captured and stdin replaceable, restoring all three after
 * each test. Register it with {@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}.
 */
public final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        oldErr = System.err;
        oldOut = System.out;
        oldIn = System.in;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        System.setErr(oldErr);
        System.setOut(oldOut);
        System.setIn(oldIn);
    }

    /**
     * Forgets what was captured, then runs {@code omniroute} with these arguments.
     *
     * @return its exit status.
     */
    public int run(final String... args)
    {
        reset();
        return OmniRouteCli.run(args);
    }

    /**
     * Forgets what was captured so far.
     */
    public void reset()
    {
        out.reset();
        err.reset();
    }

    /**
     * Makes these bytes (UTF-8) what the commands read from standard input.
     */
    public void stdin(final String text)
    {
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @return stdout captured since the last reset.
     */
    public String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * @return stderr captured since the last reset.
     */
    public String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
