package io.github.sparkkinesis.sql.internal.fetch;

import java.io.Serializable;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;

/**
 * A block of fetched records in Spark's block manager: consecutive user records of one shard, from {@code first}
 * to {@code last}.
 *
 * <p>Blocks are named as blocks of an RDD that does not exist ({@code rdd_<fetch id>_<index>}): every executor's
 * block manager understands the name, and all the blocks of one fetch go with one {@code removeRdd} call.
 *
 * @param location the executor that stored the block, as Spark writes an executor's task location
 *                 ({@code executor_<host>_<executor id>}): the task that reads the block prefers it, so the block is
 *                 read from local memory instead of over the network
 */
public record BlockRef(int fetchId, int index, RecordPosition first, RecordPosition last, int records, long bytes,
        String location) implements Serializable {

    /** The prefix Spark's scheduler recognises in a preferred location that names an executor, not only a host. */
    private static final String EXECUTOR_LOCATION_PREFIX = "executor_";

    /** Where a block stored by the block manager with this id is, as a preferred task location. */
    public static String locationOf(org.apache.spark.storage.BlockManagerId storedBy) {
        return EXECUTOR_LOCATION_PREFIX + storedBy.host() + "_" + storedBy.executorId();
    }

    public BlockId blockId() {
        return new RDDBlockId(fetchId, index);
    }
}
