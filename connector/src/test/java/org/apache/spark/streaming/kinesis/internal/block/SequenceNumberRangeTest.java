package org.apache.spark.streaming.kinesis.internal.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceNumberRangeTest {

    private static final RecordPosition FIRST = new RecordPosition("9", 0);
    private static final RecordPosition LAST = new RecordPosition("10", 2);

    @Test
    void keepsItsValues() {
        SequenceNumberRange range = new SequenceNumberRange("orders", "shardId-000000000001", FIRST, LAST, 4);

        assertThat(range.streamName()).isEqualTo("orders");
        assertThat(range.shardId()).isEqualTo("shardId-000000000001");
        assertThat(range.first()).isEqualTo(FIRST);
        assertThat(range.last()).isEqualTo(LAST);
        assertThat(range.recordCount()).isEqualTo(4);
    }

    @Test
    void singleRecordRangeStartsAndEndsAtTheSamePosition() {
        SequenceNumberRange range = new SequenceNumberRange("orders", "shard-1", FIRST, FIRST, 1);

        assertThat(range.first()).isEqualTo(range.last());
    }

    @Test
    void rangeStartingAfterItsEndIsRejected() {
        assertThatThrownBy(() -> new SequenceNumberRange("orders", "shard-1", LAST, FIRST, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Range starts after it ends: 10/2 > 9/0");
    }

    @Test
    void rangeStartingAfterItsEndBySubSequenceNumberIsRejected() {
        RecordPosition second = new RecordPosition("10", 1);
        RecordPosition first = new RecordPosition("10", 0);

        assertThatThrownBy(() -> new SequenceNumberRange("orders", "shard-1", second, first, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangeWithoutRecordsIsRejected() {
        assertThatThrownBy(() -> new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A range holds at least one record, got 0");
        assertThatThrownBy(() -> new SequenceNumberRange("orders", "shard-1", FIRST, LAST, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A range holds at least one record, got -3");
    }

    @Test
    void missingValuesAreRejected() {
        assertThatThrownBy(() -> new SequenceNumberRange(null, "shard-1", FIRST, LAST, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("streamName");
        assertThatThrownBy(() -> new SequenceNumberRange("orders", null, FIRST, LAST, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("shardId");
        assertThatThrownBy(() -> new SequenceNumberRange("orders", "shard-1", null, LAST, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("first");
        assertThatThrownBy(() -> new SequenceNumberRange("orders", "shard-1", FIRST, null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("last");
    }

    @Test
    void rangesWithEqualValuesAreEqual() {
        SequenceNumberRange range = new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4);

        assertThat(range)
                .isEqualTo(new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4))
                .hasSameHashCodeAs(new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4))
                .isNotEqualTo(new SequenceNumberRange("orders", "shard-2", FIRST, LAST, 4))
                .isNotEqualTo(new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 5));
    }

    @Test
    void toStringShowsShardPositionsAndCount() {
        assertThat(new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4))
                .hasToString("orders/shard-1[9/0 .. 10/2, 4 records]");
    }
}
