package io.omniroute.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine and JVM a run measured on, for summary.json: cores, CPU model, memory, OS, load average, JVM and its
 * flags and collectors.
 */
public final class MachineInfo
{
    private MachineInfo()
    {
    }

    public static double loadAverage()
    {
        try
        {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /**
     * @return the share of all cores' time spent busy (not idle, not waiting for I/O) over the sample, in percent,
     * from /proc/stat; -1 where there is none.
     */
    public static double cpuBusyPercent(final long sampleMs)
    {
        try
        {
            final long[] a = cpuTimes();
            Thread.sleep(sampleMs);
            final long[] b = cpuTimes();
            final double total = b[0] - a[0];
            return total <= 0 ? -1 : 100 * (1 - (b[1] - a[1]) / total);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Total and idle (idle + iowait) jiffies of all cores. */
    private static long[] cpuTimes() throws IOException
    {
        final String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++)
        {
            total += Long.parseLong(f[i]);
        }
        return new long[] { total, Long.parseLong(f[4]) + Long.parseLong(f[5]) };
    }

    /**
     * Waits (at most maxWaitMs) for the machine to be mostly idle before a latency measurement; other work on the
     * same cores shows up as long tails.
     *
     * @return the busy share of the last sample, in percent.
     */
    public static double awaitQuiet(final double busyPercent, final long maxWaitMs, final Progress progress)
    {
        final long deadline = System.currentTimeMillis() + maxWaitMs;
        double busy = cpuBusyPercent(1000);
        int quiet = busy <= busyPercent ? 1 : 0;
        boolean told = false;
        // two quiet seconds in a row: one can fall between another job's bursts
        while (quiet < 2 && System.currentTimeMillis() < deadline)
        {
            if (!told && busy > busyPercent)
            {
                progress.step(String.format("the machine is %.0f %% busy with other work: waiting up to %d s for " +
                    "it to quiet down", busy, maxWaitMs / 1000));
                told = true;
            }
            busy = cpuBusyPercent(1000);
            quiet = busy <= busyPercent ? quiet + 1 : 0;
        }
        if (busy > busyPercent)
        {
            progress.step(String.format("still %.0f %% busy: measuring anyway (recorded in summary.json)", busy));
        }
        return busy;
    }

    private static String cpuModel()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException ignore)
        {
            // not Linux: the architecture is all we know
        }
        return System.getProperty("os.arch");
    }

    private static long memoryGiB()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo")))
            {
                if (line.startsWith("MemTotal:"))
                {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // unknown
        }
        return -1;
    }

    public static ObjectNode machine(final double loadAtStart)
    {
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors()).put("cpu", cpuModel())
            .put("memory_gb", memoryGiB())
            .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch"))
            .put("load_average_start", loadAtStart).put("load_average_end", loadAverage());
        return m;
    }

    public static ObjectNode jvm()
    {
        final ObjectNode j = JsonNodeFactory.instance.objectNode();
        j.put("version", System.getProperty("java.version")).put("vm", System.getProperty("java.vm.name"))
            .put("vendor", System.getProperty("java.vm.vendor"))
            .put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        final ArrayNode flags = j.putArray("flags");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(flags::add);
        final ArrayNode gcs = j.putArray("collectors");
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            gcs.add(gc.getName());
        }
        return j;
    }
}
