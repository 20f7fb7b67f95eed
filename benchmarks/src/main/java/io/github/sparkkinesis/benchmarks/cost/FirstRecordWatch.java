package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.measure.ReceiveClock;
import java.time.Instant;

/**
 * Notes the moment the drain's first record is read and the threads' CPU then, so that the GC's and the JIT's share
 * and the profile cover the same span as the CPU per record (from the first record on). Polls every few
 * milliseconds on a daemon thread of its own: the receiver's path stays as it is.
 */
public final class FirstRecordWatch {

    private static final long POLL_MILLIS = 5;

    private volatile Instant firstRecordAt;
    private volatile ThreadGroupCpu cpuAtFirstRecord;

    /** Starts watching {@link ReceiveClock#received()}. */
    public static FirstRecordWatch start() {
        FirstRecordWatch watch = new FirstRecordWatch();
        Thread thread = new Thread(watch::await, "first-record-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    private void await() {
        try {
            while (ReceiveClock.received() == 0) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            return;
        }
        cpuAtFirstRecord = ThreadGroupCpu.now();
        firstRecordAt = Instant.now();
    }

    /** When the first record was read; null if none was. */
    public Instant firstRecordAt() {
        return firstRecordAt;
    }

    /** The threads' CPU when the first record was read; null if none was. */
    ThreadGroupCpu cpuAtFirstRecord() {
        return cpuAtFirstRecord;
    }
}
