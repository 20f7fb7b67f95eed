package io.github.sparkkinesis.benchmarks.scale;

import io.github.sparkkinesis.benchmarks.server.InMemoryShard;
import io.github.sparkkinesis.benchmarks.server.InMemoryStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * When the shards of a stream were first read and their ends served, as the server saw it: the reader's own clock
 * is not needed, and a shard counts as being read from the first GetRecords answer it got.
 */
final class ShardReadWatch {

    private static final long POLL_MILLIS = 100;

    private ShardReadWatch() {
    }

    /** How many shards have been read since the stream last forgot its reads. */
    static int shardsRead(InMemoryStream stream) {
        return (int) stream.shards().stream().filter(shard -> shard.firstReadNanos() >= 0).count();
    }

    /**
     * Waits until every shard has been read, the reader failed ({@code failed}) or {@code timeout} passed; returns
     * the seconds from {@code startNanos} to the last shard's first read, or NaN if not every shard was read.
     */
    static double awaitAllRead(InMemoryStream stream, long startNanos, Duration timeout, BooleanSupplier failed)
            throws InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        while (shardsRead(stream) < stream.shards().size()) {
            if (System.nanoTime() > deadline || failed.getAsBoolean()) {
                return Double.NaN;
            }
            Thread.sleep(POLL_MILLIS);
        }
        long last = stream.shards().stream().mapToLong(InMemoryShard::firstReadNanos).max().orElseThrow();
        return (last - startNanos) / 1e9;
    }

    /**
     * When the shards were first read, from {@code startNanos}: the first shard, the median shard and the last one
     * read so far, and how many had been read 10, 30 and 60 s after the start (whether the shards start together or
     * one after another).
     */
    static String firstReads(InMemoryStream stream, long startNanos) {
        long[] seconds = stream.shards().stream().mapToLong(InMemoryShard::firstReadNanos).filter(nanos -> nanos >= 0)
                .map(nanos -> nanos - startNanos).sorted().toArray();
        if (seconds.length == 0) {
            return "no shard read";
        }
        return String.format("first shard read after %.1f s, median %.1f s, last %.1f s; read within 10/30/60 s: "
                + "%d/%d/%d", seconds[0] / 1e9, seconds[seconds.length / 2] / 1e9, seconds[seconds.length - 1] / 1e9,
                readWithin(seconds, 10), readWithin(seconds, 30), readWithin(seconds, 60));
    }

    private static long readWithin(long[] nanos, int seconds) {
        return Arrays.stream(nanos).filter(value -> value <= seconds * 1_000_000_000L).count();
    }

    /** Whether the server has served the newest record of every shard. */
    static boolean allEndsServed(InMemoryStream stream) {
        return stream.shards().stream().allMatch(shard -> shard.endServedNanos() >= 0);
    }

    /**
     * Records per second of a whole drain as the server served it: from the first GetRecords answer of any shard to
     * the answer that served the last shard's newest record; NaN if some shard's end was not served.
     */
    static double drainRecordsPerSecond(InMemoryStream stream) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long records = 0;
        for (InMemoryShard shard : stream.shards()) {
            if (shard.endServedNanos() < 0 || shard.firstReadNanos() < 0) {
                return Double.NaN;
            }
            first = Math.min(first, shard.firstReadNanos());
            last = Math.max(last, shard.endServedNanos());
            records += shard.recordCount();
        }
        return records / ((last - first) / 1e9);
    }
}
