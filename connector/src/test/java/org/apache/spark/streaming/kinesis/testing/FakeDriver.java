package org.apache.spark.streaming.kinesis.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.coordination.DriverLink;
import org.apache.spark.streaming.kinesis.internal.coordination.RecoverablePositions;

/**
 * The driver as a receiver sees it, for unit tests of the receiver side: batches are "generated" from the blocks a
 * test hands over and "completed" when the test says so, and the real {@link RecoverablePositions} logic answers
 * how far each tenure is recoverable. It can be made unreachable, and records the fatal errors it is sent.
 */
public final class FakeDriver implements DriverLink {

    private final RecoverablePositions positions = new RecoverablePositions();
    private final AtomicLong nextBatch = new AtomicLong(1_000);
    private final List<String> fatalErrors = new ArrayList<>();
    private volatile boolean reachable = true;
    private volatile Runnable onAsk = () -> { };

    /** Puts {@code blocks} into a new batch, not completed; returns its time. */
    public long generate(List<SequenceNumberRanges> blocks) {
        long batch = nextBatch.getAndAdd(1_000);
        positions.allocated(batch, blocks);
        return batch;
    }

    /** Every batch up to {@code batchTime} has run. */
    public void complete(long batchTime) {
        positions.safeThrough(batchTime);
    }

    /** Puts {@code blocks} into a new batch and completes it. */
    public void process(List<SequenceNumberRanges> blocks) {
        complete(generate(blocks));
    }

    /** A batch holding one block of {@code tenureId} that ends at {@code last}, completed. */
    public void processUpTo(String tenureId, String shardId, RecordPosition last) {
        process(List.of(SequenceNumberRanges.stored(new SequenceNumberRange("stream", shardId, last, last, 1), null,
                tenureId)));
    }

    public void reachable(boolean isReachable) {
        this.reachable = isReachable;
    }

    /** Runs {@code action} every time a receiver asks how far it may checkpoint (before answering). */
    public void onAsk(Runnable action) {
        this.onAsk = action;
    }

    @Override
    public Map<String, RecordPosition> recoverable(Collection<String> tenureIds) {
        onAsk.run();
        return reachable ? positions.recoverable(tenureIds) : Map.of();
    }

    @Override
    public synchronized boolean reportFatal(String message, Throwable cause) {
        if (reachable) {
            fatalErrors.add(message);
        }
        return reachable;
    }

    public synchronized List<String> fatalErrors() {
        return List.copyOf(fatalErrors);
    }
}
