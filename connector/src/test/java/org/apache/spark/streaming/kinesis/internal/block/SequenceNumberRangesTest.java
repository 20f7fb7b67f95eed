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

    @Test
    void aCombinedBlockKeepsEachShardBlockAsAPartWithItsTenureAndLag() {
        SequenceNumberRanges first = SequenceNumberRanges.stored(
                new SequenceNumberRange("orders", "shard-1", FIRST, LAST, 4), 1_200L, "worker/shard-1/1");
        SequenceNumberRanges second = SequenceNumberRanges.stored(
                new SequenceNumberRange("orders", "shard-2", FIRST, FIRST, 1), null, "worker/shard-2/2");
        SequenceNumberRanges third = SequenceNumberRanges.stored(
                new SequenceNumberRange("orders", "shard-1", new RecordPosition("11", 0), new RecordPosition("12", 0),
                        2), 900L, "worker/shard-1/1");

        SequenceNumberRanges combined = SequenceNumberRanges.combine(
                List.of(SequenceNumberRanges.combine(List.of(first, second)), third));

        assertThat(combined.parts()).containsExactly(first, second, third);
        assertThat(combined.ranges()).containsExactly(first.ranges().get(0), second.ranges().get(0),
                third.ranges().get(0));
        assertThat(combined.recordCount()).isEqualTo(7);
        // Tenure and lag belong to the parts: the combined block has none of its own.
        assertThat(combined.tenureId()).isEmpty();
        assertThat(combined.millisBehindLatest()).isEmpty();
        assertThat(Serialization.roundTrip(combined)).isEqualTo(combined).hasSameHashCodeAs(combined);
        assertThat(combined).isNotEqualTo(new SequenceNumberRanges(combined.ranges()));
        assertThat(combined.toString()).contains("combined of").contains("tenure worker/shard-2/2");
    }

    @Test
    void aSingleBlockIsItsOwnOnlyPartAndCombinesToItself() {
        SequenceNumberRanges single = SequenceNumberRanges.of(new SequenceNumberRange("orders", "shard-1", FIRST,
                LAST, 4));

        assertThat(single.parts()).containsExactly(single);
        assertThat(SequenceNumberRanges.combine(List.of(single))).isSameAs(single);
        assertThatThrownBy(() -> SequenceNumberRanges.combine(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
