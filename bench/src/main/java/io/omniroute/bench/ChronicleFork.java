package io.omniroute.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The fork every JMH benchmark here runs in: one forked JVM with the flags Chronicle Queue needs on JDK 17+ and its
 * analytics off (the launcher's and surefire's flags). JMH's {@code @Fork} is inherited, so a benchmark class
 * extends this instead of repeating the list; one that needs another fork still declares its own.
 * <p>
 * The collector is not set here: a fork takes the launching JVM's flags first, so {@code bench/run} (which starts
 * with the launcher's {@code -XX:+UseParallelGC}) and {@code java -XX:+UseParallelGC -jar benchmarks.jar} measure the
 * engine as it runs, and a collector given here would clash with any other one chosen there. A plain
 * {@code java -jar benchmarks.jar} runs G1, which costs the engine 15-25 % on this machine (docs/MEASUREMENTS.md,
 * session 15).
 */
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true" })
public abstract class ChronicleFork
{
}
