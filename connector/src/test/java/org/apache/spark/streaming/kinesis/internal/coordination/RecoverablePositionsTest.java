package org.apache.spark.streaming.kinesis.internal.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.junit.jupiter.api.Test;

class RecoverablePositionsTest {

    private static final String A = "worker-1/shard-1/1";
    private static final String B = "worker-1/shard-2/2";

    private final AtomicLong nanos = new AtomicLong();
    private final RecoverablePositions positions = new RecoverablePositions(nanos::get);

    private static SequenceNumberRanges block(String tenure, String first, String last) {
        return SequenceNumberRanges.stored(new SequenceNumberRange("orders", tenure.split("/")[1],
                at(first), at(last), 1), null, tenure);
    }

    private static RecordPosition at(String sequenceNumber) {
        return new RecordPosition(sequenceNumber, 0);
    }

    private Map<String, RecordPosition> recoverable() {
        return positions.recoverable(List.of(A, B));
    }

    @Test
    void nothingIsRecoverableBeforeItsBatchHasRun() {
        positions.allocated(1000, List.of(block(A, "1", "10"), block(B, "1", "5")));
        positions.safeThrough(999);

        assertThat(recoverable()).isEmpty();
        assertThat(positions.oldestUnsafeBatch()).hasValue(1000);
    }

    @Test
    void blocksBecomeRecoverableOnceEveryBatchUpToTheirsHasRun() {
        positions.allocated(1000, List.of(block(A, "1", "10"), block(A, "11", "20"), block(B, "1", "5")));
        positions.allocated(2000, List.of(block(A, "21", "30")));

        positions.safeThrough(1000);

        assertThat(recoverable()).containsExactlyInAnyOrderEntriesOf(Map.of(A, at("20"), B, at("5")));
        assertThat(positions.oldestUnsafeBatch()).hasValue(2000);
    }

    @Test
    void aTenureNeverGoesPastABlockThatIsNotSafeYet() {
        positions.allocated(3000, List.of(block(A, "1", "10")));
        // Recorded later with an earlier time: a window computing an older interval of the same tenure.
        positions.allocated(2000, List.of(block(A, "11", "20")));

        positions.safeThrough(2000);
        assertThat(recoverable()).isEmpty();

        positions.safeThrough(3000);
        assertThat(recoverable()).containsEntry(A, at("20"));
        assertThat(positions.oldestUnsafeBatch()).isEmpty();
    }

    @Test
    void theSafeTimeOnlyMovesForward() {
        positions.allocated(2000, List.of(block(A, "1", "10")));
        positions.safeThrough(2000);
        positions.allocated(3000, List.of(block(A, "11", "20")));

        positions.safeThrough(1000);

        assertThat(recoverable()).containsEntry(A, at("10"));
    }

    @Test
    void blocksWithoutATenureAreIgnored() {
        positions.allocated(1000, List.of(SequenceNumberRanges.of(
                new SequenceNumberRange("orders", "shard-1", at("1"), at("2"), 2))));

        positions.safeThrough(1000);

        assertThat(positions.tenureCount()).isZero();
        assertThat(positions.oldestUnsafeBatch()).isEmpty();
    }

    @Test
    void unknownTenuresAreAbsentFromTheAnswer() {
        assertThat(positions.recoverable(List.of("worker-9/shard-1/1"))).isEmpty();
    }

    @Test
    void aTenureNobodyAskedAboutForLongWithNothingPendingIsForgotten() {
        positions.allocated(1000, List.of(block(A, "1", "10"), block(B, "1", "5")));
        positions.allocated(2000, List.of(block(B, "6", "9")));
        positions.safeThrough(1000);

        nanos.addAndGet(RecoverablePositions.IDLE_TENURE_EVICTION_NANOS + 1);
        positions.recoverable(List.of());

        assertThat(positions.tenureCount()).as("B still waits for batch 2000").isEqualTo(1);
        positions.safeThrough(2000);
        assertThat(positions.recoverable(List.of(B))).containsEntry(B, at("9"));
    }

    @Test
    void eachPartOfACombinedBlockAdvancesItsOwnTenure() {
        positions.allocated(1000, List.of(
                SequenceNumberRanges.combine(List.of(block(A, "1", "10"), block(B, "1", "5"), block(A, "11", "20")))));
        positions.allocated(2000, List.of(SequenceNumberRanges.combine(List.of(block(B, "6", "9"),
                block(A, "21", "30")))));

        positions.safeThrough(1000);

        assertThat(recoverable()).containsOnly(Map.entry(A, at("20")), Map.entry(B, at("5")));
        positions.safeThrough(2000);
        assertThat(recoverable()).containsOnly(Map.entry(A, at("30")), Map.entry(B, at("9")));
    }
}
