package io.github.sparkkinesis.benchmarks.compare;

import io.github.sparkkinesis.benchmarks.measure.ForkedConnectorRun;
import io.github.sparkkinesis.benchmarks.measure.ResultLine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a measurement ({@link ForkedConnectorRun}, or another main class that prints a {@link ResultLine}) in a child
 * JVM with the given class path and environment, the JVM flags of this harness (the same for every side), and returns
 * the figures of its result line. Its output goes to log files in the temporary directory, named in the error if the
 * run fails.
 */
public final class ForkedRun {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private ForkedRun() {
    }

    /** Runs {@link ForkedConnectorRun}; see {@link #run(Class, String, List, List, Map, Duration, String)}. */
    public static Map<String, String> run(String classPath, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment, Duration timeout, String name) throws IOException, InterruptedException {
        return run(ForkedConnectorRun.class, classPath, jvmOptions, arguments, environment, timeout, name);
    }

    /**
     * @param mainClass what the child runs; it prints one {@link ResultLine} and exits with 0
     * @param jvmOptions added after the harness's JVM flags (so {@code -Xmx4g} here sets the child's heap), e.g.
     *     {@link io.github.sparkkinesis.benchmarks.cost.ProfileWindow#recordingOptions}; empty for none
     * @param environment added to this process's environment (the SDK's endpoint variables)
     * @param name names the log file, e.g. {@code ours-fast-1x100000x100B-1}
     * @throws IllegalStateException if the child fails, prints no result line or outlives {@code timeout}
     */
    public static Map<String, String> run(Class<?> mainClass, String classPath, List<String> jvmOptions,
            List<String> arguments, Map<String, String> environment, Duration timeout, String name)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(arguments);
        String file = "compare-" + RUNS.incrementAndGet() + "-" + name;
        Path log = Paths.get(System.getProperty("java.io.tmpdir"), file + ".log");
        Path out = Paths.get(System.getProperty("java.io.tmpdir"), file + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile());
        builder.environment().putAll(environment);
        Process child = builder.start();
        // A harness stopped by Ctrl-C takes its child along.
        Thread stopChild = new Thread(child::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The run " + name + " took longer than " + timeout + "; see " + log);
            }
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
        Optional<Map<String, String>> figures = Optional.empty();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            Optional<Map<String, String>> parsed = ResultLine.parse(line);
            if (parsed.isPresent()) {
                figures = parsed;
            }
        }
        if (child.exitValue() != 0 || figures.isEmpty()) {
            throw new IllegalStateException("The run " + name + " failed (exit " + child.exitValue() + "); see "
                    + log + " and " + out);
        }
        return figures.get();
    }

    /** This JVM's flags (heap, module openings, log configuration): the children's, whichever side they run. */
    private static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger's agent would clash on its port, and the harness's own JFR recording on its file.
            if (!flag.startsWith("-agentlib:") && !flag.startsWith("-javaagent:")
                    && !flag.startsWith("-XX:StartFlightRecording")) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
