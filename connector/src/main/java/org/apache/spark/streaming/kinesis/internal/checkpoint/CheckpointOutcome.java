package org.apache.spark.streaming.kinesis.internal.checkpoint;

/** What happened to a checkpoint attempt. */
public enum CheckpointOutcome {
    /** The checkpoint is in the lease table (or there was nothing new to checkpoint). */
    WRITTEN,
    /** The lease moved to another worker; this worker must stop checkpointing the shard. */
    LEASE_LOST,
    /** It could not be written now; a later attempt may succeed. */
    FAILED
}
