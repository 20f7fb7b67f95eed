package org.apache.spark.streaming.kinesis.internal.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchProgressTest {

    private final BatchProgress progress = new BatchProgress();

    @Test
    void nothingHasRunBeforeTheFirstBatch() {
        assertThat(progress.ranThrough()).isEqualTo(Long.MIN_VALUE);
        progress.submitted(1000);
        assertThat(progress.ranThrough()).isEqualTo(999);
    }

    @Test
    void completedBatchesInOrderRunThroughTheLatest() {
        progress.submitted(1000);
        progress.completed(1000, true);
        progress.submitted(2000);
        progress.completed(2000, true);

        assertThat(progress.ranThrough()).isEqualTo(2000);
    }

    @Test
    void aLaterBatchCompletingFirstWaitsForTheEarlierOne() {
        progress.submitted(1000);
        progress.submitted(2000);
        progress.completed(2000, true);

        assertThat(progress.ranThrough()).isEqualTo(999);
        progress.completed(1000, true);
        assertThat(progress.ranThrough()).isEqualTo(2000);
    }

    @Test
    void intervalsWithoutJobsBeforeAPendingBatchHaveRun() {
        // A window sliding every 10 intervals: batches 10 and 20 have jobs, the intervals between them do not.
        progress.submitted(10_000);
        progress.completed(10_000, true);
        progress.submitted(20_000);

        assertThat(progress.ranThrough()).isEqualTo(19_999);
    }

    @Test
    void aFailedBatchHoldsEverythingAfterItBack() {
        progress.submitted(1000);
        progress.completed(1000, false);
        progress.submitted(2000);
        progress.completed(2000, true);

        assertThat(progress.ranThrough()).isEqualTo(999);
    }
}
