package io.github.sparkkinesis.benchmarks.backlog;

/**
 * Produces the records of a backlog by position, so that a backlog of any size is written without holding it in
 * memory, and a reader can compute what it should find at each position.
 */
@FunctionalInterface
public interface BacklogRecordGenerator {

    /** The record at {@code recordIndex} (from 0, in arrival order) of the shard at {@code shardIndex}. */
    BacklogRecord record(int shardIndex, int recordIndex);
}
