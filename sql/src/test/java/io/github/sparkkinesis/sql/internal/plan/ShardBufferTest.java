package io.github.sparkkinesis.sql.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.sql.internal.fetch.BlockRef;
import io.github.sparkkinesis.sql.internal.fetch.ShardFetchResult;
import io.github.sparkkinesis.sql.internal.offsets.ShardPosition;
import java.util.List;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;
import org.junit.jupiter.api.Test;

class ShardBufferTest {

    private static final ShardPosition START = ShardPosition.startingAt(StartingPoint.trimHorizon());

    private final ShardBuffer buffer = new ShardBuffer();

    private static RecordPosition at(int sequenceNumber) {
        return new RecordPosition(Integer.toString(sequenceNumber), 0);
    }

    /** A block of {@code records} records numbered from {@code first}, 10 bytes each. */
    private static BlockRef block(int index, int first, int records) {
        return new BlockRef(7, index, at(first), at(first + records - 1), records, 10L * records,
                "executor_localhost_driver");
    }

    private static ShardFetchResult fetched(boolean ended, BlockRef... blocks) {
        return new ShardFetchResult("orders", "shard-0", List.of(blocks), ended, 0L, true, false, null, 1);
    }

    @Test
    void theFirstAlignmentSetsWhereFetchingStarts() {
        assertThat(buffer.alignTo(START)).isEmpty();

        assertThat(buffer.fetchedThrough()).isEqualTo(START);
    }

    @Test
    void aBatchTakesWholeBlocksWithinItsLimits() {
        buffer.alignTo(START);
        buffer.add(fetched(false, block(0, 100, 10), block(1, 110, 10), block(2, 120, 10)));

        assertThat(buffer.endFor(START, 25, Long.MAX_VALUE)).isEqualTo(ShardPosition.after(at(119)));
        assertThat(buffer.endFor(START, Long.MAX_VALUE, 150)).isEqualTo(ShardPosition.after(at(109)));
        assertThat(buffer.endFor(START, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(ShardPosition.after(at(129)));
        assertThat(buffer.fetchedThrough()).isEqualTo(ShardPosition.after(at(129)));
    }

    @Test
    void theFirstBlockAlwaysFitsATinyByteLimitButNoRecordLimitOfZero() {
        buffer.alignTo(START);
        buffer.add(fetched(false, block(0, 100, 10)));

        assertThat(buffer.endFor(START, 10, 1)).isEqualTo(ShardPosition.after(at(109)));
        assertThat(buffer.endFor(START, 0, Long.MAX_VALUE)).isEqualTo(START);
    }

    @Test
    void aShardThatEndedEndsWhenItsLastBlockIsTaken() {
        buffer.alignTo(START);
        buffer.add(fetched(true, block(0, 100, 10), block(1, 110, 10)));

        assertThat(buffer.endFor(START, 10, Long.MAX_VALUE)).isEqualTo(ShardPosition.after(at(109)));
        assertThat(buffer.endFor(START, 20, Long.MAX_VALUE)).isEqualTo(ShardPosition.ended());
    }

    @Test
    void aligningToTheEndOfWhatRanDropsTheBlocksBeforeIt() {
        buffer.alignTo(START);
        BlockRef first = block(0, 100, 10);
        buffer.add(fetched(false, first, block(1, 110, 10)));

        assertThat(buffer.alignTo(ShardPosition.after(at(109)))).containsExactly(first);
        assertThat(buffer.bufferedRecords()).isEqualTo(10);
        assertThat(buffer.endFor(ShardPosition.after(at(109)), 100, Long.MAX_VALUE))
                .isEqualTo(ShardPosition.after(at(119)));
    }

    @Test
    void aStartTheBlocksDoNotFollowDropsThemAllAndFetchesFromIt() {
        buffer.alignTo(START);
        buffer.add(fetched(false, block(0, 100, 10)));
        ShardPosition elsewhere = ShardPosition.after(at(500));

        assertThat(buffer.alignTo(elsewhere)).hasSize(1);
        assertThat(buffer.fetchedThrough()).isEqualTo(elsewhere);
        assertThat(buffer.bufferedRecords()).isZero();
    }

    @Test
    void theBlocksOfABatchAreFoundBetweenItsStartAndEnd() {
        buffer.alignTo(START);
        BlockRef a = block(0, 100, 10);
        BlockRef b = block(1, 110, 10);
        BlockRef c = block(2, 120, 10);
        buffer.add(fetched(false, a, b, c));

        assertThat(buffer.blocksBetween(START, ShardPosition.after(at(119)))).containsExactly(a, b);
        assertThat(buffer.blocksBetween(ShardPosition.after(at(109)), ShardPosition.after(at(129))))
                .containsExactly(b, c);
        assertThat(buffer.blocksBetween(ShardPosition.after(at(300)), ShardPosition.after(at(400)))).isEmpty();
    }
}
