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
 */
public record BlockRef(int fetchId, int index, RecordPosition first, RecordPosition last, int records, long bytes)
        implements Serializable {

    public BlockId blockId() {
        return new RDDBlockId(fetchId, index);
    }
}
