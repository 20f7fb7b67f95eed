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
import java.util.concurrent.TimeUnit;

/**
 * {@code local-stack/bin/local-stack} as a user runs it, on ports of its own and with its own run directory (pid,
 * port and log files), so that a test neither meets nor disturbs a stack someone started by hand.
 */
final class LocalStackScript {

    /** Far longer than any command takes (stopping waits up to 10 s per server): only a hung script hits it. */
    private static final long COMMAND_TIMEOUT_SECONDS = 180;

    /** What one command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private final Path script;
    private final Path runDirectory;
    private final int kinesisPort;
    private final int kinesisTlsPort;
    private final int dynamoDbPort;

    LocalStackScript(Path runDirectory, int kinesisPort, int kinesisTlsPort, int dynamoDbPort) {
        this.script = Paths.get(System.getProperty(LocalStackInstallation.HOME_PROPERTY), "bin", "local-stack");
        this.runDirectory = runDirectory;
        this.kinesisPort = kinesisPort;
        this.kinesisTlsPort = kinesisTlsPort;
        this.dynamoDbPort = dynamoDbPort;
    }

    /** A script on three free loopback ports. */
    static LocalStackScript onFreePorts(Path runDirectory) {
        return new LocalStackScript(runDirectory, freePort(), freePort(), freePort());
    }

    int kinesisPort() {
        return kinesisPort;
    }

    int dynamoDbPort() {
        return dynamoDbPort;
    }

    Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
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
                throw new AssertionError("local-stack " + String.join(" ", arguments) + " did not end within "
                        + COMMAND_TIMEOUT_SECONDS + " s; output: " + Files.readString(stdout)
                        + Files.readString(stderr));
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
    Optional<ProcessHandle> recordedProcess(String server) {
        Path pidFile = runDirectory.resolve(server + ".pid");
        try {
            return Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive)
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills what the script recorded, for a test that failed before it could stop the stack. */
    void killRecordedProcesses() {
        for (String server : List.of("kinesis-mock", "dynalite")) {
            recordedProcess(server).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
