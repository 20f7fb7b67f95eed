package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardReadSizeTest {

    private static final long MIB = 1024 * 1024;
    private static final long RECORD = 1024 + ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES;

    @Test
    void aShardsShareIsTwoAnswersOutOfTheBudget() {
        ShardReadSize size = new ShardReadSize(256 * MIB);
        assertThat(size.shareBytes(128)).isEqualTo(MIB);
        assertThat(size.shareBytes(0)).isEqualTo(128 * MIB);
    }

    @Test
    void whileAShareHoldsTheLargestAnswerTheEstimateIsReservedAndNoRecordLimitSet() {
        ShardReadSize size = new ShardReadSize(256 * MIB);
        long reserved = size.reservation(10 * MIB, 4);
        assertThat(reserved).isEqualTo(10 * MIB);
        assertThat(size.recordLimit(4)).isEqualTo(ShardReadSize.UNLIMITED);
    }

    @Test
    void aShareSmallerThanTheLargestAnswerIsReservedAndAsksForTheRecordsItHolds() {
        ShardReadSize size = new ShardReadSize(256 * MIB);
        size.answered(1_000 * RECORD, 1_000);
        long reserved = size.reservation(10 * MIB, 128);
        assertThat(reserved).isEqualTo(MIB);
        assertThat(size.recordLimit(128)).isEqualTo((int) (MIB / RECORD));
        // Even when the shard's last answer was small: the share is what the read may bring.
        assertThat(size.reservation(RECORD, 128)).isEqualTo(MIB);
    }

    @Test
    void aReadAlwaysHasRoomForOneRecord() {
        ShardReadSize size = new ShardReadSize(MIB);
        size.answered(2 * MIB, 1);
        long reserved = size.reservation(10 * MIB, 1_000);
        assertThat(reserved).isEqualTo(2 * MIB);
        assertThat(size.recordLimit(1_000)).isEqualTo(1);
    }

    @Test
    void theRecordSizeFollowsTheAnswersAndIgnoresEmptyOnes() {
        ShardReadSize size = new ShardReadSize(256 * MIB);
        assertThat(size.recordBytes()).isEqualTo(ShardReadSize.INITIAL_RECORD_BYTES);
        size.answered(0, 0);
        assertThat(size.recordBytes()).isEqualTo(ShardReadSize.INITIAL_RECORD_BYTES);
        size.answered(100 * 2_000, 100);
        assertThat(size.recordBytes()).isEqualTo(2_000);
        size.answered(100 * 1_000, 100);
        assertThat(size.recordBytes()).isEqualTo(1_750);
    }
}
