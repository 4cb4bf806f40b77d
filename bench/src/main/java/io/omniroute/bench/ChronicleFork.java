package io.omniroute.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The fork every JMH benchmark here runs in: one forked JVM with the flags Chronicle Queue needs on JDK 17+ and its
 * analytics off (the launcher's and surefire's flags), and the launcher's collector, the parallel one, so that the
 * engine is measured as it runs (JMH's forks took the JVM's default, G1, whose write barriers and concurrent threads
 * cost the engine thread 15-25 % on this 2-core machine: docs/MEASUREMENTS.md, session 15). JMH's {@code @Fork} is
 * inherited, so a benchmark class extends this instead of repeating the list; one that needs another fork still
 * declares its own.
 */
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
    "-XX:+UseParallelGC" })
public abstract class ChronicleFork
{
}
