package io.github.sparkkinesis.benchmarks.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another implementation of Spark's connector API to compare ours with, given as its jar, e.g. Spark's own
 * {@code spark-streaming-kinesis-asl_2.13-4.2.0.jar}, and its runtime dependencies: either a class-path file (entries
 * separated by the platform's path separator, as {@code mvn dependency:build-classpath -Dmdep.outputFile=FILE}
 * writes it) or, by default, resolved offline by Maven from the {@code pom.xml} next to the jar.
 *
 * @param classPathFile the dependencies' class-path file, or {@code null} to resolve {@link #pom()}
 */
public record PeerConnector(Path jar, Path classPathFile) {

    private static final String POM = "pom.xml";
    private static final long RESOLVE_TIMEOUT_MINUTES = 5;

    /** Validates that the jar, and the class-path file or the POM next to the jar, exist. */
    public PeerConnector {
        if (jar == null || !Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            throw new IllegalArgumentException("--compare-with needs an existing connector jar, got '" + jar
                    + "'; e.g. --compare-with ../shared/peers/spark-streaming-kinesis-asl_2.13-4.2.0.jar");
        }
        if (classPathFile != null && !Files.isRegularFile(classPathFile)) {
            throw new IllegalArgumentException("--compare-classpath names no file: '" + classPathFile + "'; write "
                    + "one with mvn dependency:build-classpath -Dmdep.outputFile=FILE, or leave the option out to "
                    + "resolve the pom.xml next to the jar");
        }
        if (classPathFile == null && !Files.isRegularFile(jar.resolveSibling(POM))) {
            throw new IllegalArgumentException("No " + POM + " next to " + jar + " to resolve the connector's "
                    + "dependencies from; put its POM there, or give its class path with --compare-classpath FILE");
        }
    }

    /** The POM next to the jar, whose dependencies are the connector's. */
    public Path pom() {
        return jar.resolveSibling(POM);
    }

    /** The connector's runtime dependencies, from the class-path file or resolved offline from {@link #pom()}. */
    public List<Path> dependencies() throws IOException, InterruptedException {
        if (classPathFile != null) {
            return ChildClassPath.entries(Files.readString(classPathFile, StandardCharsets.UTF_8));
        }
        Path output = Files.createTempFile("peer-classpath", ".txt");
        try {
            Path log = Files.createTempFile("peer-classpath", ".log");
            Process mvn = new ProcessBuilder("mvn", "-q", "-o", "-B", "-f", pom().toAbsolutePath().toString(),
                    "dependency:build-classpath", "-Dmdep.outputFile=" + output.toAbsolutePath())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!mvn.waitFor(RESOLVE_TIMEOUT_MINUTES, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
                mvn.destroyForcibly();
                throw new IllegalStateException("mvn could not resolve the dependencies of " + pom() + " offline "
                        + "(see " + log + "); resolve them once online, or give --compare-classpath FILE");
            }
            Files.deleteIfExists(log);
            return ChildClassPath.entries(Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
