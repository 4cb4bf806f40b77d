package io.omniroute.bench;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Two builds of the benchmarks, side by side in one JVM: each jar in a class loader of its own, one benchmark state
 * of each set up with the same parameters, then blocks of ABBA / BAAB runs of the benchmark method timed by the
 * thread's CPU time. On this shared 2-core machine two JMH forks of one build differ by up to 30 % from minute to
 * minute; inside one JVM the two builds share the minute, so their ratio holds where separate forks' do not (session
 * 19's quote changes were decided with it). For a benchmark whose state is set up by a no-argument {@code setUp()}
 * and measured by a no-argument method:
 * <pre>
 * java [the launcher's flags] -Xmx10g -cp bench/target/benchmarks.jar io.omniroute.bench.BuildsAB \
 *     A.jar B.jar CheckoutBenchmark quoteAllServices carts=4096 state=fresh
 * </pre>
 * Parameters are public fields of the state (int or String); those not given take their {@code @Param}'s first value,
 * as JMH's default run does. Prints each block's times and the overall ratio B / A. Run it both ways round: the
 * builds' states are made one after the other, and one jar against itself measured B / A 0.932 in one sitting (the
 * state made second sat better in memory), so a ratio within a few percent of 1 says little on its own.
 */
public final class BuildsAB
{
    private static final int BLOCKS = 16;
    private static final int CALLS = 400_000;
    private static volatile Object sink;
    private static final Object[] STATES = new Object[2];

    private BuildsAB()
    {
    }

    public static void main(final String[] args) throws Throwable
    {
        if (args.length < 4)
        {
            System.err.println("usage: BuildsAB A.jar B.jar <benchmark class> <method> [field=value ...]");
            System.exit(2);
        }
        final MethodHandle[] run = new MethodHandle[2];
        for (int k = 0; k < 2; k++)
        {
            final Path jar = Path.of(args[k]);
            if (!Files.isRegularFile(jar))
            {
                System.err.println("BuildsAB: no such jar: " + jar);
                System.exit(2);
            }
            try
            {
                run[k] = benchmark(k, jar, args);
            }
            catch (final ClassNotFoundException | NoSuchFieldException | NoSuchMethodException |
                IllegalArgumentException ex)
            {
                System.err.println("BuildsAB: " + jar + ": " + ex);
                System.exit(2);
            }
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 10; warm++)
        {
            calls(run[0]);
            calls(run[1]);
        }
        final double[] total = new double[2];
        int fasterB = 0;
        for (int block = 0; block < BLOCKS; block++)
        {
            final double[] ns = new double[2];
            for (int turn = 0; turn < 4; turn++)
            {
                // ABBA in even blocks, BAAB in odd ones: neither build always runs first or last
                final int k = ((turn == 0 || turn == 3) == (block % 2 == 0)) ? 0 : 1;
                final long start = threads.getCurrentThreadCpuTime();
                calls(run[k]);
                ns[k] += (threads.getCurrentThreadCpuTime() - start) / (2.0 * CALLS);
            }
            total[0] += ns[0];
            total[1] += ns[1];
            fasterB += ns[1] < ns[0] ? 1 : 0;
            System.out.printf(Locale.ROOT, "block %2d: A %.1f ns  B %.1f ns  B/A %.3f%n", block, ns[0], ns[1],
                ns[1] / ns[0]);
        }
        System.out.printf(Locale.ROOT, "%s.%s: A %.1f ns a call, B %.1f ns; B/A %.3f, B faster in %d of %d blocks%n",
            args[2], args[3], total[0] / BLOCKS, total[1] / BLOCKS, total[1] / total[0], fasterB, BLOCKS);
        for (final Object state : STATES)
        {
            try
            {
                state.getClass().getMethod("tearDown").invoke(state); // the fixtures' files
            }
            catch (final NoSuchMethodException ignore)
            {
                // a state without files
            }
        }
    }

    private static MethodHandle benchmark(final int k, final Path jar, final String[] args) throws Throwable
    {
        final URLClassLoader loader = new URLClassLoader(new URL[]{ jar.toUri().toURL() },
            ClassLoader.getPlatformClassLoader());
        final Class<?> type = loader.loadClass("io.omniroute.bench." + args[2]);
        final Object state = type.getDeclaredConstructor().newInstance();
        // JMH's defaults first (each @Param's first value), then the parameters given
        @SuppressWarnings("unchecked")
        final Class<? extends Annotation> param =
            (Class<? extends Annotation>)loader.loadClass("org.openjdk.jmh.annotations.Param");
        for (final Field field : type.getFields())
        {
            final Annotation values = field.getAnnotation(param);
            if (values != null)
            {
                set(state, field, ((String[])param.getMethod("value").invoke(values))[0]);
            }
        }
        for (int i = 4; i < args.length; i++)
        {
            final int eq = args[i].indexOf('=');
            if (eq < 1)
            {
                throw new IllegalArgumentException("parameter " + args[i] + ": give it as field=value");
            }
            set(state, type.getField(args[i].substring(0, eq)), args[i].substring(eq + 1));
        }
        try
        {
            type.getMethod("setUp").invoke(state);
        }
        catch (final InvocationTargetException ex)
        {
            throw ex.getCause() instanceof IllegalArgumentException ? (IllegalArgumentException)ex.getCause() : ex;
        }
        STATES[k] = state;
        // a lookup in the jar's own class, so the method's types resolve in its loader
        return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).unreflect(type.getMethod(args[3]))
            .bindTo(state).asType(MethodType.methodType(Object.class));
    }

    private static void set(final Object state, final Field field, final String value) throws IllegalAccessException
    {
        if (field.getType() == int.class)
        {
            field.setInt(state, Integer.parseInt(value));
        }
        else
        {
            field.set(state, value);
        }
    }

    private static void calls(final MethodHandle benchmark) throws Throwable
    {
        Object last = null;
        for (int i = 0; i < CALLS; i++)
        {
            last = (Object)benchmark.invokeExact();
        }
        sink = last;
    }
}
