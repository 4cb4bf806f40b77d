package io.omniroute.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;


import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every JMH benchmark in the bench module, run in one place (forked, with the JVM flags their annotations carry),
 * each result next to its baseline from the same run. The list comes from JMH's generated BenchmarkList, so
 * benchmarks other engineers add (the journal's append and replay) are picked up and reported too; their baselines
 * are the methods named {@code baseline…}, {@code raw…} or {@code …Only} of the same class and parameters.
 */
public final class JmhSuite
{
    /** Benchmark classes in the order the report shows them, then any others found. */
    static final List<String> PREFERRED = List.of("DecisionBenchmark", "CodecBenchmark", "RoutingBenchmark",
        "CheckoutBenchmark", "SimulateBenchmark");
    /** Explicit subject → baseline pairs where a class has several baselines. */
    static final Map<String, String> PAIRS = Map.of(
        "CodecBenchmark.decodeOrder", "baselineDecodeJacksonTree",
        "CodecBenchmark.encodeResult", "baselineEncodeJacksonTree");

    private final BenchConfig config;
    private final Progress progress;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    public JmhSuite(final BenchConfig config, final Progress progress)
    {
        this.config = config;
        this.progress = progress;
    }

    /**
     * @return benchmark class names (simple) listed in META-INF/BenchmarkList on the classpath.
     */
    static List<String> benchmarkClasses() throws Exception
    {
        final TreeSet<String> found = new TreeSet<>();
        try (InputStream in = JmhSuite.class.getResourceAsStream("/META-INF/BenchmarkList"))
        {
            if (in == null)
            {
                return List.of();
            }
            final BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            final java.util.regex.Pattern benchmark =
                java.util.regex.Pattern.compile("io\\.omniroute\\.bench\\.((?:[a-z0-9]+\\.)*[A-Z][A-Za-z0-9]*Benchmark) ");
            String line;
            while ((line = r.readLine()) != null)
            {
                final java.util.regex.Matcher m = benchmark.matcher(line);
                if (m.find())
                {
                    found.add(m.group(1));
                }
            }
        }
        final List<String> ordered = new ArrayList<>();
        for (final String p : PREFERRED)
        {
            if (found.remove(p))
            {
                ordered.add(p);
            }
        }
        ordered.addAll(found);
        return ordered;
    }

    public ObjectNode run() throws Exception
    {
        final ObjectNode out = json.objectNode();
        final List<String> classes = benchmarkClasses();
        final ArrayNode classList = out.putArray("classes");
        classes.forEach(classList::add);
        out.put("forks", 1).put("warmup_iterations", config.jmhWarmupIterations)
            .put("measurement_iterations", config.jmhIterations).put("iteration_seconds", config.jmhSeconds)
            .put("idle_strategy", "JMH harness thread; none of these benchmarks spins except where noted " +
                "(PipelineBenchmark: its own idle strategy parameter)");
        final ArrayNode results = out.putArray("benchmarks");
        final List<ObjectNode> all = new ArrayList<>();
        final Path log = config.workDir.resolve("jmh.log");
        Files.createDirectories(log.getParent());
        final Path extras = config.workDir.resolve("jmh-extras").toAbsolutePath();
        Files.createDirectories(extras);
        int n = 0;
        for (final String cls : classes)
        {
            progress.step("JMH " + cls + " (" + ++n + "/" + classes.size() + ")");
            try (PrintStream logOut = new PrintStream(Files.newOutputStream(log,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true,
                StandardCharsets.UTF_8))
            {
                final ChainedOptionsBuilder opts = new OptionsBuilder()
                    .include("io\\.omniroute\\.bench\\." + cls.replace(".", "\\.") + "\\.")
                    .forks(1)
                    .warmupIterations(config.jmhWarmupIterations)
                    .measurementIterations(config.jmhIterations)
                    .warmupTime(TimeValue.seconds(config.jmhSeconds))
                    .measurementTime(TimeValue.seconds(config.jmhSeconds))
                    .verbosity(VerboseMode.NORMAL)
                    .jvmArgsPrepend("-Xmx4g", "-Domniroute.orderbook.bytes=268435456",
                        "-Domniroute.bench.extras=" + extras,
                        // quick: a smaller demo stream for PipelineBenchmark, whose six forks each generate it
                        "-Domniroute.bench.pipelineOrders=" + (config.quick ? 20_000 : 100_000));
                if (config.quick && "DecisionBenchmark".equals(cls))
                {
                    opts.param("lines", "1", "8");
                }
                if (config.quick && "ReplayBenchmark".equals(cls))
                {
                    // one op replays the whole journal through a fresh engine: a 1 s warm-up leaves the JIT cold
                    // (about 13 K events/s against about 255 K/s warm), so the quick run warms it 3 × 2 s
                    opts.warmupIterations(3).warmupTime(TimeValue.seconds(2));
                    // and leaves out the one-thread baseline (the full run has it) to stay within its five minutes
                    opts.exclude("ReplayBenchmark\\.replayVerifiedOneThread");
                }
                final PrintStream console = System.out;
                final Collection<RunResult> runs;
                System.setOut(logOut);
                try
                {
                    runs = new Runner(opts.build()).run();
                }
                finally
                {
                    System.setOut(console);
                }
                for (final RunResult r : runs)
                {
                    final ObjectNode b = result(cls, r);
                    addExtras(b, extras);
                    results.add(b);
                    all.add(b);
                    progress.step(String.format("  %s.%s %s: %.3f ± %.3f %s", cls, b.get("method").asText(),
                        b.get("params").toString(), b.get("score").asDouble(), b.get("error").asDouble(),
                        b.get("unit").asText()));
                }
            }
            catch (final Exception ex)
            {
                progress.step("  " + cls + " failed: " + ex);
                out.withArray("failed").add(cls + ": " + ex);
            }
        }
        out.set("pairs", pairs(all));
        return out;
    }

    private ObjectNode result(final String cls, final RunResult r)
    {
        final Result<?> p = r.getPrimaryResult();
        final ObjectNode b = json.objectNode();
        final String label = r.getParams().getBenchmark();
        b.put("class", cls).put("method", label.substring(label.lastIndexOf('.') + 1))
            .put("mode", r.getParams().getMode().shortLabel()).put("score", p.getScore())
            .put("error", Double.isNaN(p.getScoreError()) ? 0 : p.getScoreError()).put("unit", p.getScoreUnit());
        final ObjectNode params = b.putObject("params");
        final TreeMap<String, String> sorted = new TreeMap<>();
        for (final String k : r.getParams().getParamsKeys())
        {
            sorted.put(k, r.getParams().getParam(k));
        }
        sorted.forEach(params::put);
        final Map<String, Result> secondary = r.getSecondaryResults();
        if (!secondary.isEmpty())
        {
            final ObjectNode sec = b.putObject("secondary");
            for (final Map.Entry<String, Result> e : new TreeMap<>(secondary).entrySet())
            {
                final Result<?> x = e.getValue();
                sec.putObject(e.getKey()).put("score", x.getScore())
                    .put("error", Double.isNaN(x.getScoreError()) ? 0 : x.getScoreError()).put("unit", x.getScoreUnit());
            }
        }
        return b;
    }

    /**
     * Attaches the extra figures a benchmark wrote for this result (e.g. PipelineBenchmark's latency percentiles).
     */
    static void addExtras(final ObjectNode b, final Path dir)
    {
        final java.util.TreeMap<String, String> params = new java.util.TreeMap<>();
        b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        final Path file = dir.resolve(io.omniroute.bench.PipelineBenchmark.extrasFileName(
            b.get("class").asText() + "." + b.get("method").asText(), params));
        if (Files.exists(file))
        {
            try
            {
                b.set("extra", new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()));
            }
            catch (final java.io.IOException ex)
            {
                b.put("extra_error", ex.toString());
            }
        }
    }

    /**
     * @return whether every parameter of the baseline has the subject's value (a baseline may take fewer parameters:
     * PipelineBenchmark's raw baselines do not depend on the command mix or the durability).
     */
    static boolean covers(final com.fasterxml.jackson.databind.JsonNode subject,
        final com.fasterxml.jackson.databind.JsonNode baseline)
    {
        for (final java.util.Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = baseline.fields();
            it.hasNext(); )
        {
            final Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            if (!e.getValue().equals(subject.get(e.getKey())))
            {
                return false;
            }
        }
        return true;
    }

    static boolean isBaseline(final String method)
    {
        return method.startsWith("baseline") || method.startsWith("raw") || method.endsWith("Only");
    }

    /**
     * Pairs each subject with its baseline(s) of the same class and parameters; the ratio is how many times the
     * baseline's cost the subject's is (time per op: subject ÷ baseline; throughput: baseline ÷ subject).
     */
    static ArrayNode pairs(final List<ObjectNode> all)
    {
        final ArrayNode pairs = JsonNodeFactory.instance.arrayNode();
        for (final ObjectNode s : all)
        {
            final String cls = s.get("class").asText();
            final String method = s.get("method").asText();
            if (isBaseline(method))
            {
                continue;
            }
            final String wanted = PAIRS.get(cls + "." + method);
            for (final ObjectNode b : all)
            {
                final String bm = b.get("method").asText();
                if (!b.get("class").asText().equals(cls) || !isBaseline(bm) || !covers(s.get("params"), b.get("params")) ||
                    (wanted != null && !wanted.equals(bm)) || !b.get("unit").asText().equals(s.get("unit").asText()))
                {
                    continue;
                }
                final boolean throughput = s.get("unit").asText().contains("/s") ||
                    s.get("unit").asText().startsWith("ops/");
                final double ratio = throughput ? b.get("score").asDouble() / s.get("score").asDouble() :
                    s.get("score").asDouble() / b.get("score").asDouble();
                pairs.addObject().put("class", cls).put("subject", method).put("baseline", bm)
                    .put("params", s.get("params").toString()).put("unit", s.get("unit").asText())
                    .put("subject_score", s.get("score").asDouble()).put("baseline_score", b.get("score").asDouble())
                    .put("cost_ratio", ratio);
            }
        }
        return pairs;
    }
}
