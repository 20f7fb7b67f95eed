package io.github.sparkkinesis.sql.internal.fetch;

import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** Fetched blocks in the executor's block manager: stored by a fetch task, taken by a partition reader. */
public final class FetchedBlocks {

    /** Serialized in memory, spilled to disk under pressure; one copy: a lost block is read from Kinesis again. */
    private static final StorageLevel STORAGE = StorageLevel.MEMORY_AND_DISK_SER();
    private static final ClassTag<byte[]> ENCODED_PAGE = ClassTag$.MODULE$.apply(byte[].class);

    private FetchedBlocks() {
    }

    /** Stores {@code encodedPage} (see {@link FetchedPage#encode}) as {@code block}. */
    static void store(BlockRef block, byte[] encodedPage, String stream, String shardId) {
        if (!SparkEnv.get().blockManager().putSingle(block.blockId(), encodedPage, STORAGE, true, ENCODED_PAGE)) {
            throw new IllegalStateException("Spark's block manager did not store " + block.blockId()
                    + " of shard " + shardId + " of stream " + stream);
        }
    }

    /** The records of {@code block}, or null if the block manager no longer has it (its executor was lost). */
    public static FetchedPage get(BlockRef block) {
        Option<BlockResult> result = SparkEnv.get().blockManager().get(block.blockId(), ENCODED_PAGE);
        if (result.isEmpty()) {
            return null;
        }
        scala.collection.Iterator<Object> values = result.get().data();
        byte[] encoded = (byte[]) values.next();
        // Consuming the iterator to its end releases the block's read lock at once.
        values.hasNext();
        return FetchedPage.decode(encoded);
    }
}
