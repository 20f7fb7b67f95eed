package io.github.sparkkinesis.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code examples/bin/run-example} process, as a user starts it from a shell that has the local stack's
 * settings: its output (both streams) goes to a log file the test reads.
 */
final class RunExample implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RunExample(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code examples/bin/run-example example arguments...}.
     *
     * @param environment the shell's settings (the local stack's {@code env}, {@code JAVA_OPTS}...)
     */
    static RunExample start(Path logDirectory, Map<String, String> environment, String example,
            String... arguments) {
        Path script = Paths.get(System.getProperty("sparkkinesis.repository.root"), "examples", "bin", "run-example");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), example));
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile(logDirectory, example, ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putAll(environment);
            return new RunExample(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    /** Waits for the example to end on its own and returns its exit code; the limit only guards against a hang. */
    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The example still runs after " + limit.toSeconds() + " s; output:\n"
                        + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
