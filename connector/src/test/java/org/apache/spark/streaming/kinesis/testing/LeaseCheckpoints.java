package org.apache.spark.streaming.kinesis.testing;

import io.github.sparkkinesis.localstack.Eventually;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Waits on the checkpoints an application keeps in its lease table. A shard's checkpoint only moves past records
 * whose batch has completed, and whoever reads the shard next starts after it. So once it reached the last record
 * put into the shard, every delivery of the shard's records (a duplicate included) has gone through a completed
 * batch, and no more will come: the positive condition that tests asserting "nothing more arrives" wait for,
 * instead of a fixed sleep.
 */
public final class LeaseCheckpoints {

    private LeaseCheckpoints() {
    }

    /** The sequence number of the last of {@code records} in each shard they went to. */
    public static Map<String, BigInteger> lastPerShard(Collection<ProducedRecord> records) {
        return records.stream().collect(Collectors.toMap(ProducedRecord::shardId,
                record -> new BigInteger(record.sequenceNumber()), BigInteger::max));
    }

    /**
     * Waits until the checkpoint of every shard that {@code records} went to is the last of them in that shard
     * (shards without any of the records are not looked at).
     */
    public static void awaitCaughtUp(LocalStack stack, String app, Collection<ProducedRecord> records,
            Duration timeout) {
        Map<String, BigInteger> expected = lastPerShard(records);
        Eventually.await(timeout, () -> caughtUp(stack, app, expected),
                () -> "lease table checkpoints " + stack.leaseTables().checkpointedSequenceNumbers(app)
                        + ", expected " + expected);
    }

    private static boolean caughtUp(LocalStack stack, String app, Map<String, BigInteger> expected) {
        Map<String, BigInteger> checkpoints = stack.leaseTables().checkpointedSequenceNumbers(app);
        return expected.entrySet().stream()
                .allMatch(last -> Objects.equals(checkpoints.get(last.getKey()), last.getValue()));
    }
}
