package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a main class from the test classpath: a second Spark application or process, so tests
 * can exercise what happens across processes (lease sharing, takeover when one stops or dies).
 */
public final class ChildJvm implements AutoCloseable {

    private static final long EXIT_TIMEOUT_SECONDS = 180;

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} from the test classpath with {@code args}; its output goes to {@code log}. */
    public static ChildJvm start(Class<?> mainClass, Path log, String... args) {
        return start(mainClass.getName(), testClasspath(), Map.of(), log, args);
    }

    /**
     * Starts {@code mainClass} on {@code classpath} with extra environment variables, the JVM options Spark needs,
     * and {@code args}; its output goes to {@code log}.
     */
    public static ChildJvm start(String mainClass, String classpath, Map<String, String> environment, Path log,
            String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(sparkJvmOptions());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new ChildJvm(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + mainClass, e);
        }
    }

    /** The classpath of this test JVM (the real one, behind surefire's manifest-only jar). */
    public static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The JDK openings and flags Spark needs, as this JVM got them. */
    public static List<String> sparkJvmOptions() {
        List<String> options = new ArrayList<>();
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--add-opens") || option.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || option.startsWith("-Djdk.reflect") || option.startsWith("-Dio.netty")
                    || option.startsWith("-Djava.io.tmpdir")) {
                options.add(option);
            }
        }
        return options;
    }

    /** The process, to look at its children (e.g. the executors a Spark worker started). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGTERM: the JVM runs its shutdown hooks (Spark stops the streaming context); waits for the exit. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    /** SIGKILL: the process dies at once, as a crashed executor does. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    private void waitForExit() {
        try {
            // A safety net: a graceful stop on a busy machine can take a while, and killing it instead would turn a
            // clean hand-over into a crash.
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            kill();
        }
    }
}
