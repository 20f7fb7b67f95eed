package io.github.sparkkinesis.benchmarks.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples the executor processes of a run once a second, from {@code /proc}: the peak resident memory of each, and
 * the CPU time they used (the executors' own view: receivers, batches, the KCL and the AWS SDK, not the driver or the
 * servers), and the peak of a figure the caller supplies (Spark's storage memory in use). Linux only.
 *
 * <p>Every {@link #FULL_COLLECTION_EVERY} it also asks each executor for a full collection ({@code jcmd GC.run}): the
 * heap left after one is what the executor really holds (see {@link GcHeap}), which young collections do not show
 * (G1 leaves the old generation's garbage for later). It costs each executor a pause of a fraction of a second.
 */
final class ExecutorSampler implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 1_000;
    static final Duration FULL_COLLECTION_EVERY = Duration.ofSeconds(10);
    private static final long JCMD_TIMEOUT_SECONDS = 30;
    /** {@code getconf CLK_TCK}: the unit of {@code /proc/<pid>/stat}'s CPU times on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private final Supplier<List<ProcessHandle>> executors;
    private final LongSupplier storageBytes;
    private final Map<Long, Long> peakRssBytes = new ConcurrentHashMap<>();
    private final Map<Long, Long> cpuTicks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile long peakStorageBytes;
    private volatile boolean stopped;

    ExecutorSampler(Supplier<List<ProcessHandle>> executors, LongSupplier storageBytes) {
        this.executors = executors;
        this.storageBytes = storageBytes;
        this.thread = new Thread(this::sampleUntilClosed, "executor-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleUntilClosed() {
        long samples = 0;
        long collectEvery = FULL_COLLECTION_EVERY.toMillis() / SAMPLE_MILLIS;
        while (!stopped) {
            sample();
            if (++samples % collectEvery == 0) {
                executors.get().forEach(ExecutorSampler::collectFully);
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        for (ProcessHandle executor : executors.get()) {
            long pid = executor.pid();
            long rss = rssBytes(pid);
            if (rss > 0) {
                peakRssBytes.merge(pid, rss, Math::max);
            }
            long ticks = cpuTicks(pid);
            if (ticks > 0) {
                cpuTicks.merge(pid, ticks, Math::max);
            }
        }
        try {
            peakStorageBytes = Math.max(peakStorageBytes, storageBytes.getAsLong());
        } catch (RuntimeException e) {
            // The context is stopping; the peak so far stands.
        }
    }

    /** CPU seconds all executors used so far (sampled now; an executor that ended counts up to its last sample). */
    double cpuSeconds() {
        sample();
        return cpuTicks.values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND;
    }

    /** The largest resident memory one executor reached. */
    long peakRssBytesPerExecutor() {
        return peakRssBytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    long peakStorageBytes() {
        return peakStorageBytes;
    }

    int executorsSeen() {
        return peakRssBytes.size();
    }

    private static void collectFully(ProcessHandle executor) {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(executor.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            // The executor ended meanwhile; the next sample goes on without it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long rssBytes(long pid) {
        for (String line : lines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[1]) * 1024;
            }
        }
        return 0;
    }

    /** utime + stime of the process, fields 14 and 15 of {@code /proc/<pid>/stat} (after the command in brackets). */
    private static long cpuTicks(long pid) {
        List<String> lines = lines(Paths.get("/proc", Long.toString(pid), "stat"));
        if (lines.isEmpty()) {
            return 0;
        }
        String stat = lines.get(0);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // the process ended
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
