package io.github.sparkkinesis.sql.internal.fetch;

import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** Fetched blocks in the executor's block manager: stored by a fetch task, taken by a partition reader. */
public final class FetchedBlocks {

    /**
     * The page's one array as it is, spilled to disk under pressure; one copy: a lost block is read from Kinesis
     * again. Not a serialized level: Spark keeps serialized blocks in 1 MiB chunks, and with G1's default regions
     * for executors under 8 GiB (2 MiB at 4 GiB) every such chunk is a humongous object taking a whole region, so the
     * blocks took twice the heap Spark counted for them and 4 GiB executors reading 1,024 shards ran out of heap.
     * Kept as a value, a page costs its own size (one array, which Spark measures exactly) and no copy on the way in
     * or out.
     */
    private static final StorageLevel STORAGE = StorageLevel.MEMORY_AND_DISK();
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
