package io.github.sparkkinesis.sql.internal.plan;

import io.github.sparkkinesis.sql.internal.fetch.BlockRef;
import io.github.sparkkinesis.sql.internal.fetch.ShardFetchResult;
import io.github.sparkkinesis.sql.internal.offsets.ShardPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The driver's view of one shard between micro-batches: the blocks fetched and not yet consumed (each knows the
 * position right before it, so they chain up), where the next fetch starts, and what the last fetch said of the
 * shard (lag, reached its tip or its end).
 */
final class ShardBuffer {

    private final Deque<Buffered> blocks = new ArrayDeque<>();
    private ShardPosition fetchedThrough;
    private Long millisBehindLatest;
    private boolean cutoffReached;

    /** Where the next fetch starts; null before the first {@link #alignTo}. */
    ShardPosition fetchedThrough() {
        return fetchedThrough;
    }

    Long millisBehindLatest() {
        return millisBehindLatest;
    }

    /** Whether a fetch saw a record newer than the arrival cutoff: the shard has nothing more for this run. */
    boolean cutoffReached() {
        return cutoffReached;
    }

    /**
     * Makes the buffer begin right after {@code start} (the end of the batches that ran), and returns the blocks
     * that fell out: those before {@code start}, or all of them if they do not follow on from it (after a restart
     * nothing is buffered, so reading resumes from {@code start}).
     */
    List<BlockRef> alignTo(ShardPosition start) {
        List<BlockRef> dropped = new ArrayList<>();
        if (fetchedThrough == null) {
            fetchedThrough = start;
            return dropped;
        }
        boolean follows = start.equals(fetchedThrough);
        for (Buffered block : blocks) {
            follows |= block.startsAfter().equals(start);
        }
        while (!blocks.isEmpty() && (!follows || !blocks.peekFirst().startsAfter().equals(start))) {
            dropped.add(blocks.pollFirst().ref());
        }
        if (!follows) {
            fetchedThrough = start;
            cutoffReached = false;
        }
        return dropped;
    }

    /** Appends what a fetch that started at {@link #fetchedThrough()} found. */
    void add(ShardFetchResult result) {
        ShardPosition before = fetchedThrough;
        for (BlockRef ref : result.blocks()) {
            blocks.addLast(new Buffered(ref, before));
            before = ShardPosition.after(ref.last());
        }
        fetchedThrough = result.ended() ? ShardPosition.ended() : before;
        millisBehindLatest = result.millisBehindLatest();
        cutoffReached |= result.cutoffReached();
    }

    long bufferedRecords() {
        return blocks.stream().mapToLong(block -> block.ref().records()).sum();
    }

    long bufferedBytes() {
        return blocks.stream().mapToLong(block -> block.ref().bytes()).sum();
    }

    /**
     * The position a batch that starts at the head of the buffer may go to: whole blocks, in order, as many as
     * {@code maxRecords} and {@code maxBytes} allow (always the first block if any record is allowed, so that a
     * tiny byte limit cannot stall the shard); the shard's end if every block is taken and the shard has ended.
     *
     * @param start where the batch starts (the buffer is aligned to it)
     */
    ShardPosition endFor(ShardPosition start, long maxRecords, long maxBytes) {
        ShardPosition end = start;
        long records = 0;
        long bytes = 0;
        int taken = 0;
        for (Buffered block : blocks) {
            long nextRecords = records + block.ref().records();
            long nextBytes = bytes + block.ref().bytes();
            if (nextRecords > maxRecords || (taken > 0 && nextBytes > maxBytes)) {
                break;
            }
            records = nextRecords;
            bytes = nextBytes;
            taken++;
            end = ShardPosition.after(block.ref().last());
        }
        if (taken == blocks.size() && fetchedThrough.isEnded() && maxRecords > 0) {
            return ShardPosition.ended();
        }
        return end;
    }

    /** The buffered blocks from right after {@code start} through {@code end}, or none if they are not all here. */
    List<BlockRef> blocksBetween(ShardPosition start, ShardPosition end) {
        List<BlockRef> between = new ArrayList<>();
        boolean inRange = false;
        for (Iterator<Buffered> it = blocks.iterator(); it.hasNext(); ) {
            Buffered block = it.next();
            inRange |= block.startsAfter().equals(start);
            if (!inRange) {
                continue;
            }
            between.add(block.ref());
            ShardPosition after = ShardPosition.after(block.ref().last());
            if (after.equals(end) || (end.isEnded() && !it.hasNext())) {
                return between;
            }
        }
        return List.of();
    }

    /** Every buffered block (to remove them all when the query stops). */
    List<BlockRef> all() {
        return blocks.stream().map(Buffered::ref).toList();
    }

    private record Buffered(BlockRef ref, ShardPosition startsAfter) {
    }
}
