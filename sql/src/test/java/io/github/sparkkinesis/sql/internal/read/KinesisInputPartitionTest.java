package io.github.sparkkinesis.sql.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.sql.internal.fetch.BlockRef;
import io.github.sparkkinesis.sql.internal.offsets.ShardPosition;
import java.util.List;
import org.apache.spark.scheduler.TaskLocation;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;
import org.junit.jupiter.api.Test;

class KinesisInputPartitionTest {

    private static final ShardPosition START = ShardPosition.startingAt(StartingPoint.trimHorizon());

    private static BlockRef blockOn(String location, int first) {
        RecordPosition position = new RecordPosition(Integer.toString(first), 0);
        return new BlockRef(3, first, position, position, 1, 10, location);
    }

    private static KinesisInputPartition partition(List<BlockRef> blocks) {
        return new KinesisInputPartition("orders", "shardId-0", "0", "9", START, START, blocks);
    }

    @Test
    void blocksArePreferablyReadWhereTheyAreMostOftenStored() {
        String a = BlockRef.locationOf(BlockManagerId.apply("3", "worker-a", 7077, scala.Option.empty()));
        String b = BlockRef.locationOf(BlockManagerId.apply("5", "worker-b", 7077, scala.Option.empty()));

        assertThat(partition(List.of(blockOn(b, 1), blockOn(a, 2), blockOn(a, 3))).preferredLocations())
                .containsExactly("executor_worker-a_3", "executor_worker-b_5");
    }

    @Test
    void theLocationIsOneSparksSchedulerReadsAsAnExecutor() {
        String location = BlockRef.locationOf(BlockManagerId.apply("3", "worker-a", 7077, scala.Option.empty()));

        TaskLocation parsed = TaskLocation.apply(location);

        assertThat(parsed.host()).isEqualTo("worker-a");
        assertThat(parsed.toString()).isEqualTo(location);
        assertThat(parsed.getClass().getSimpleName()).isEqualTo("ExecutorCacheTaskLocation");
    }

    @Test
    void aRangeReadFromKinesisHasNoPreference() {
        assertThat(partition(List.of()).preferredLocations()).isEmpty();
    }
}
