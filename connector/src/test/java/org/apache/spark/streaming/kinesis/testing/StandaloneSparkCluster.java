package org.apache.spark.streaming.kinesis.testing;

import io.github.sparkkinesis.localstack.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster of separate processes on this machine: a Master and Workers started from the Spark
 * jars Maven resolved (no Spark download is needed), laid out as a Spark distribution's {@code jars/} folder. The
 * Workers start executors as real child processes, so tests can kill one.
 */
public final class StandaloneSparkCluster implements AutoCloseable {

    /** Written by the build: Spark's jars (and, for the connector's own tests, its compile dependencies). */
    public static final String DISTRIBUTION_CLASSPATH_PROPERTY = "spark.distribution.classpath";

    /** A safety net: on a busy machine the JVMs of a master and its workers take a while to come up. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);

    private final int masterPort;
    private final ChildJvm master;
    private final List<ChildJvm> workers = new ArrayList<>();

    /** What each worker offers its executors unless told otherwise. */
    private static final String DEFAULT_WORKER_MEMORY = "2g";

    private StandaloneSparkCluster(Path workDir, Path distributionClasspath, int workerCount, int coresPerWorker,
            String workerMemory) throws IOException {
        SparkDistribution spark = SparkDistribution.layOut(workDir.resolve("spark-home"), distributionClasspath);
        this.masterPort = freePort();
        Map<String, String> environment = Map.of("SPARK_HOME", spark.home().toString(), "SPARK_SCALA_VERSION",
                spark.scalaBinaryVersion());
        String classpath = spark.classpath();
        this.master = ChildJvm.start("org.apache.spark.deploy.master.Master", classpath, environment,
                workDir.resolve("master.log"), "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
                "--webui-port", Integer.toString(freePort()));
        try {
            awaitLog(master.log(), Pattern.compile("I have been elected leader"), 1);
            for (int i = 0; i < workerCount; i++) {
                Path workerDir = Files.createDirectories(workDir.resolve("worker-" + i));
                workers.add(ChildJvm.start("org.apache.spark.deploy.worker.Worker", classpath, environment,
                        workDir.resolve("worker-" + i + ".log"), "--host", "127.0.0.1",
                        "--cores", Integer.toString(coresPerWorker), "--memory", workerMemory,
                        "--webui-port", Integer.toString(freePort()), "--work-dir", workerDir.toString(),
                        masterUrl()));
            }
            awaitLog(master.log(), Pattern.compile("Registering worker"), workerCount);
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /**
     * Starts a master and {@code workerCount} workers with {@code coresPerWorker} cores each, on the distribution
     * the build wrote to {@value #DISTRIBUTION_CLASSPATH_PROPERTY}.
     */
    public static StandaloneSparkCluster start(Path workDir, int workerCount, int coresPerWorker) {
        return start(workDir, workerCount, coresPerWorker, DEFAULT_WORKER_MEMORY);
    }

    /**
     * Starts a master and {@code workerCount} workers with {@code coresPerWorker} cores and {@code workerMemory}
     * (as Spark writes it: {@code 4g}) each.
     */
    public static StandaloneSparkCluster start(Path workDir, int workerCount, int coresPerWorker,
            String workerMemory) {
        return start(workDir, Paths.get(System.getProperty(DISTRIBUTION_CLASSPATH_PROPERTY)), workerCount,
                coresPerWorker, workerMemory);
    }

    /**
     * The same on another distribution: the jars listed in {@code distributionClasspath} (separated by the path
     * separator), such as a Spark release other than the tests' own.
     */
    public static StandaloneSparkCluster start(Path workDir, Path distributionClasspath, int workerCount,
            int coresPerWorker) {
        return start(workDir, distributionClasspath, workerCount, coresPerWorker, DEFAULT_WORKER_MEMORY);
    }

    private static StandaloneSparkCluster start(Path workDir, Path distributionClasspath, int workerCount,
            int coresPerWorker, String workerMemory) {
        try {
            return new StandaloneSparkCluster(workDir, distributionClasspath, workerCount, coresPerWorker,
                    workerMemory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    public Path masterLog() {
        return master.log();
    }

    /** The process of the executor with this id, if it is running. */
    public Optional<ProcessHandle> executor(String executorId) {
        return workers.stream()
                .flatMap(worker -> worker.handle().descendants())
                .filter(process -> isExecutor(arguments(process), executorId))
                .findFirst();
    }

    /** The processes of every executor running now, on all workers. */
    public List<ProcessHandle> executors() {
        return workers.stream()
                .flatMap(worker -> worker.handle().descendants())
                .filter(process -> isExecutor(arguments(process)))
                .toList();
    }

    /**
     * A process's arguments. The JDK cuts command lines at 4 KiB and then reports no arguments at all, and an
     * executor's command line (its whole class path) is longer, so on Linux they are read from {@code /proc}.
     */
    private static String[] arguments(ProcessHandle process) {
        Path cmdline = Paths.get("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0");
            }
        } catch (IOException e) {
            return new String[0]; // the process ended meanwhile
        }
        return process.info().arguments().orElse(new String[0]);
    }

    private static boolean isExecutor(String[] args) {
        for (String arg : args) {
            if (arg.endsWith("CoarseGrainedExecutorBackend")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isExecutor(String[] args, String executorId) {
        boolean backend = false;
        for (int i = 0; i < args.length; i++) {
            backend |= args[i].endsWith("CoarseGrainedExecutorBackend");
            if (backend && args[i].equals("--executor-id") && i + 1 < args.length && args[i + 1].equals(executorId)) {
                return true;
            }
        }
        return false;
    }

    private static void awaitLog(Path log, Pattern line, int occurrences) {
        Eventually.await(STARTUP_TIMEOUT, () -> occurrences(log, line) >= occurrences,
                () -> "'" + line + "' appeared " + occurrences(log, line) + " of " + occurrences + " times in " + log);
    }

    private static long occurrences(Path log, Pattern line) {
        try {
            return Files.exists(log) ? line.matcher(Files.readString(log)).results().count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        workers.forEach(ChildJvm::close);
        master.close();
    }
}
