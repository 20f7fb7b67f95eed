package org.apache.spark.streaming.kinesis.internal.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;

class SequenceNumberRangesTest {

    private static final RecordPosition FIRST = new RecordPosition("9", 0);
    private static final RecordPosition LAST = new RecordPosition("10", 2);

    @Test
    void recordCountIsTheSumOverAllRanges() {
        SequenceNumberRanges ranges = new SequenceNumberRanges(List.of(
                new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4),
                new SequenceNumberRange("orders", "shard-2", FIRST, FIRST, 1)));

        assertThat(ranges.recordCount()).isEqualTo(5);
        assertThat(ranges.ranges()).extracting(SequenceNumberRange::shardId).containsExactly("shard-1", "shard-2");
    }

    @Test
    void ofHoldsExactlyOneRange() {
        SequenceNumberRange range = new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4);

        assertThat(SequenceNumberRanges.of(range).ranges()).containsExactly(range);
        assertThat(SequenceNumberRanges.of(range).recordCount()).isEqualTo(4);
    }

    @Test
    void laterChangesToTheGivenListDoNotShowThrough() {
        List<SequenceNumberRange> list = new ArrayList<>();
        list.add(new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4));
        SequenceNumberRanges ranges = new SequenceNumberRanges(list);

        list.add(new SequenceNumberRange("orders", "shard-2", FIRST, LAST, 4));

        assertThat(ranges.ranges()).hasSize(1);
        assertThat(ranges.recordCount()).isEqualTo(4);
    }

    @Test
    void rangesCannotBeModified() {
        SequenceNumberRanges ranges =
                SequenceNumberRanges.of(new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4));

        assertThatThrownBy(() -> ranges.ranges().add(new SequenceNumberRange("orders", "shard-2", FIRST, LAST, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ranges.ranges().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyOrNullListIsRejected() {
        assertThatThrownBy(() -> new SequenceNumberRanges(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A block holds at least one range");
        assertThatThrownBy(() -> new SequenceNumberRanges(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A block holds at least one range");
    }

    @Test
    void survivesSerialization() {
        SequenceNumberRanges ranges = new SequenceNumberRanges(List.of(
                new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4),
                new SequenceNumberRange("orders", "shard-2", LAST, LAST, 1)));

        SequenceNumberRanges copy = Serialization.roundTrip(ranges);

        assertThat(copy).isEqualTo(ranges).hasSameHashCodeAs(ranges);
        assertThat(copy.recordCount()).isEqualTo(5);
        assertThat(copy.ranges().get(0).last().isAfter(copy.ranges().get(0).first())).isTrue();
    }

    @Test
    void theShardLagTravelsWithTheBlock() {
        SequenceNumberRange range = new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4);

        SequenceNumberRanges behind = SequenceNumberRanges.of(range, 1_200L);

        assertThat(behind.millisBehindLatest()).hasValue(1_200);
        assertThat(SequenceNumberRanges.of(range, null).millisBehindLatest()).isEmpty();
        assertThat(SequenceNumberRanges.of(range).millisBehindLatest()).isEmpty();
        assertThat(behind).isNotEqualTo(SequenceNumberRanges.of(range)).isEqualTo(Serialization.roundTrip(behind));
        assertThat(behind.toString()).endsWith(", 1200 ms behind latest");
    }
}
