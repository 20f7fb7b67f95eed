package io.github.sparkkinesis.benchmarks.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link FastServerMain} child process on this JVM's class path, stopped by {@link #close()}. */
public final class FastServerProcess implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private FastServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the server with the given streams ({@code name:shards:recordsPerShard:recordBytes}). */
    public static FastServerProcess start(List<String> streams) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx6g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FastServerMain.class.getName());
        command.addAll(streams);
        Path log = Paths.get(System.getProperty("java.io.tmpdir"), "fast-kinesis-server.log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(FastServerMain.READY)) {
                int port = Integer.parseInt(line.substring(FastServerMain.READY.length()).trim());
                return new FastServerProcess(process, URI.create("http://127.0.0.1:" + port));
            }
        }
        process.destroyForcibly();
        throw new IOException("The fast Kinesis server did not start; see " + log);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
