package io.github.sparkkinesis.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server process run by Node.js, listening on a loopback port. Its output goes to a log file, which is
 * quoted in the error when the server does not come up.
 */
final class NodeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);
    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_CHARS = 4000;

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final Duration startupTimeout;
    // A JVM stopped with Ctrl-C or SIGTERM runs shutdown hooks but no finally blocks: without this the server would
    // outlive it (Node does not notice its parent is gone).
    private final Thread stopOnExit;

    private NodeServer(String name, int port, Process process, Path logFile, Duration startupTimeout) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.startupTimeout = startupTimeout;
        this.stopOnExit = new Thread(this::stopProcess, name + "-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts {@code node script args...} in {@code workingDirectory} and waits until {@code port} accepts
     * connections on 127.0.0.1.
     */
    static NodeServer start(String name, String node, Path script, List<String> args, Path workingDirectory,
            Map<String, String> environment, int port, Path logDirectory) {
        return start(name, node, script, args, workingDirectory, environment, port, logDirectory,
                DEFAULT_STARTUP_TIMEOUT);
    }

    /** As above, for servers that do slow work (such as loading saved data) before they listen. */
    static NodeServer start(String name, String node, Path script, List<String> args, Path workingDirectory,
            Map<String, String> environment, int port, Path logDirectory, Duration startupTimeout) {
        List<String> command = new ArrayList<>();
        command.add(node);
        command.add(script.toString());
        command.addAll(args);
        Path logFile = logDirectory.resolve(name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            Files.createDirectories(logDirectory);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + " with '" + node
                    + "'. Is Node.js (20 or newer) installed and on the PATH?", e);
        }
        NodeServer server = new NodeServer(name, port, process, logFile, startupTimeout);
        server.awaitListening();
        LOG.info("{} is listening on 127.0.0.1:{} (log: {})", name, port, logFile);
        return server;
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before listening on port " + port + ". Its output:\n" + logTail());
            }
            if (acceptsConnections()) {
                return;
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException(name + " did not listen on port " + port + " within "
                + startupTimeout.toSeconds() + " s. Its output:\n" + logTail());
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String logTail() {
        try {
            String text = Files.readString(logFile);
            return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook stops the process.
        }
        stopProcess();
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a local server", e);
        }
    }
}
