package io.github.sparkkinesis.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code local-stack/bin/local-stack} as a user runs it, on ports of its own and with its own run directory (pid,
 * port and log files), so that a test neither meets nor disturbs a stack someone started by hand. The script is
 * found in the folder {@value LocalStackInstallation#HOME_PROPERTY} names (the build sets it).
 */
public final class LocalStackScript implements AutoCloseable {

    /** Far longer than any command takes (stopping waits up to 10 s per server): only a hung script hits it. */
    private static final long COMMAND_TIMEOUT_SECONDS = 180;
    private static final Pattern EXPORT = Pattern.compile("(\\w+)=(\\S+)");

    /** What one command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Both outputs, for assertion messages. */
        public String output() {
            return stdout + stderr;
        }
    }

    private final Path script;
    private final Path runDirectory;
    private final int kinesisPort;
    private final int kinesisTlsPort;
    private final int dynamoDbPort;

    public LocalStackScript(Path runDirectory, int kinesisPort, int kinesisTlsPort, int dynamoDbPort) {
        this.script = Paths.get(System.getProperty(LocalStackInstallation.HOME_PROPERTY), "bin", "local-stack");
        this.runDirectory = runDirectory;
        this.kinesisPort = kinesisPort;
        this.kinesisTlsPort = kinesisTlsPort;
        this.dynamoDbPort = dynamoDbPort;
    }

    /** A script on three free loopback ports. */
    public static LocalStackScript onFreePorts(Path runDirectory) {
        return new LocalStackScript(runDirectory, freePort(), freePort(), freePort());
    }

    public int kinesisPort() {
        return kinesisPort;
    }

    public int dynamoDbPort() {
        return dynamoDbPort;
    }

    /** Runs {@code local-stack/bin/local-stack arguments...} to its end. */
    public Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        return runToEnd(command, "local-stack " + String.join(" ", arguments));
    }

    /**
     * Runs {@code commands} (shell lines, as a block of the docs shows them) in bash from the repository's root,
     * where the docs' relative paths start, stopping at the first that fails.
     */
    public Result runShell(String commands) {
        return runToEnd(List.of("bash", "-euo", "pipefail", "-c", commands), "the commands " + commands);
    }

    private Result runToEnd(List<String> command, String what) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(script.getParent().getParent().getParent()
                .toFile());
        builder.environment().putAll(Map.of(
                "KINESIS_PORT", Integer.toString(kinesisPort),
                "KINESIS_TLS_PORT", Integer.toString(kinesisTlsPort),
                "DYNAMODB_PORT", Integer.toString(dynamoDbPort),
                "LOCAL_STACK_RUN_DIR", runDirectory.toString()));
        try {
            Path stdout = Files.createTempFile(runDirectory.getParent(), "local-stack-out", ".txt");
            Path stderr = Files.createTempFile(runDirectory.getParent(), "local-stack-err", ".txt");
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(what + " did not end within " + COMMAND_TIMEOUT_SECONDS + " s; output: "
                        + Files.readString(stdout) + Files.readString(stderr));
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** The process the script recorded for a server ("kinesis-mock" or "dynalite"), if it still runs. */
    public Optional<ProcessHandle> recordedProcess(String server) {
        Path pidFile = runDirectory.resolve(server + ".pid");
        try {
            return Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings {@code env} prints for the AWS CLI and SDKs, by name ({@code AWS_ENDPOINT_URL_KINESIS}...), as
     * a shell would have them after {@code eval "$(local-stack/bin/local-stack env)"}.
     */
    public Map<String, String> environment() {
        Map<String, String> variables = new TreeMap<>();
        for (String line : run("env").stdout().lines().filter(line -> line.startsWith("export ")).toList()) {
            Matcher matcher = EXPORT.matcher(line);
            while (matcher.find()) {
                variables.put(matcher.group(1), matcher.group(2));
            }
        }
        return variables;
    }

    /** Stops the stack; kills the servers if the script could not, so a failed test leaves none behind. */
    @Override
    public void close() {
        List<ProcessHandle> servers = new ArrayList<>();
        for (String server : List.of("kinesis-mock", "dynalite")) {
            recordedProcess(server).ifPresent(servers::add);
        }
        run("stop");
        servers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
