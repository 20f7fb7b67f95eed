package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.measure.ProcessMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads by kind, read from Linux's {@code /proc/self/task}: the garbage collector's
 * threads, the JIT compilers', and the whole process. JFR's execution samples see only Java code, so these say how
 * much of the CPU the samples cannot show. Differences are taken thread by thread; a GC or JIT thread that ended
 * between two snapshots is missing from the difference (the JIT's threads come and go), so those figures are lower
 * bounds.
 */
final class ThreadGroupCpu {

    // Linux's USER_HZ, the unit of the times in /proc/<pid>/task/<tid>/stat, is 100 on every common platform.
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Paths.get("/proc/self/task");
    // utime and stime are the 14th and 15th fields of stat; counted from the state, the field after the name.
    private static final int UTIME_AFTER_NAME = 11;

    private final Map<String, Long> gcThreads;
    private final Map<String, Long> compilerThreads;
    private final long processNanos;

    private ThreadGroupCpu(Map<String, Long> gcThreads, Map<String, Long> compilerThreads, long processNanos) {
        this.gcThreads = gcThreads;
        this.compilerThreads = compilerThreads;
        this.processNanos = processNanos;
    }

    /** The threads' CPU so far; no GC or JIT threads where {@code /proc} is not there. */
    static ThreadGroupCpu now() {
        Map<String, Long> gc = new HashMap<>();
        Map<String, Long> compiler = new HashMap<>();
        long process = ProcessMetrics.processCpuNanos();
        if (!Files.isDirectory(TASKS)) {
            return new ThreadGroupCpu(gc, compiler, process);
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException ended) {
                    continue;
                }
                int nameEnd = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, nameEnd);
                String[] fields = stat.substring(nameEnd + 2).split(" ");
                long nanos = (Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]))
                        * NANOS_PER_TICK;
                String tid = task.getFileName().toString();
                if (isGc(name)) {
                    gc.put(tid, nanos);
                } else if (name.contains("CompilerThre")) {
                    compiler.put(tid, nanos);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + TASKS, e);
        }
        return new ThreadGroupCpu(gc, compiler, process);
    }

    private static boolean isGc(String name) {
        return name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")
                || name.startsWith("ParGC") || name.startsWith("Parallel");
    }

    /** The garbage collector's CPU (its threads and the VM thread, which runs the pauses) since {@code earlier}. */
    long gcNanosSince(ThreadGroupCpu earlier) {
        return since(gcThreads, earlier.gcThreads);
    }

    /** The JIT compilers' CPU since {@code earlier}. */
    long compilerNanosSince(ThreadGroupCpu earlier) {
        return since(compilerThreads, earlier.compilerThreads);
    }

    /** The whole process's CPU since {@code earlier}. */
    long processNanosSince(ThreadGroupCpu earlier) {
        return processNanos - earlier.processNanos;
    }

    private static long since(Map<String, Long> now, Map<String, Long> earlier) {
        long nanos = 0;
        for (Map.Entry<String, Long> thread : now.entrySet()) {
            nanos += thread.getValue() - earlier.getOrDefault(thread.getKey(), 0L);
        }
        return nanos;
    }
}
