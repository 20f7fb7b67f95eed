package io.github.sparkkinesis.localstack;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Stream fixtures for tests: create streams, put records and learn where they landed, split and merge shards.
 * Works against any Kinesis endpoint the client points at; every call waits until the stream is ACTIVE again.
 */
public final class KinesisStreamFixture {

    /** PutRecords accepts at most this many entries per call. */
    public static final int MAX_PUT_RECORDS_BATCH = 500;

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_PUT_ATTEMPTS = 20;
    private static final long PUT_RETRY_BACKOFF_MILLIS = 100;

    private final KinesisClient kinesis;

    public KinesisStreamFixture(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    /** A stream name no other test uses: {@code prefix-} followed by random characters. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a stream with a unique name derived from {@code prefix} and waits until it is ACTIVE. */
    public String createUniqueStream(String prefix, int shardCount) {
        String name = uniqueName(prefix);
        createStream(name, shardCount);
        return name;
    }

    /** Creates the stream and waits until it is ACTIVE. */
    public void createStream(String streamName, int shardCount) {
        kinesis.createStream(b -> b.streamName(streamName).shardCount(shardCount));
        awaitActive(streamName);
    }

    /**
     * Deletes the stream if it exists. (kinesis-mock schedules the deletion even when the stream does not exist,
     * and then deletes a stream of that name created shortly after, so this checks first.)
     */
    public void deleteStream(String streamName) {
        if (exists(streamName)) {
            kinesis.deleteStream(b -> b.streamName(streamName).enforceConsumerDeletion(true));
        }
    }

    public boolean exists(String streamName) {
        try {
            kinesis.describeStreamSummary(b -> b.streamName(streamName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Every shard of the stream, open and closed, in the order Kinesis lists them. */
    public List<Shard> shards(String streamName) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(ListShardsRequest.builder().streamName(streamName).build());
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(ListShardsRequest.builder().nextToken(token).build());
            shards.addAll(page.shards());
        }
        return shards;
    }

    /** The ids of the shards that still accept records. */
    public List<String> openShardIds(String streamName) {
        return shards(streamName).stream()
                .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
                .map(Shard::shardId)
                .collect(Collectors.toList());
    }

    /** Puts the payloads with partition keys {@code "key-0"}, {@code "key-1"}, ... */
    public List<ProducedRecord> putRecords(String streamName, List<byte[]> payloads) {
        return putRecords(streamName, payloads, index -> "key-" + index);
    }

    /**
     * Puts the payloads in batches of up to {@value #MAX_PUT_RECORDS_BATCH}, retrying entries Kinesis rejects
     * (for example when throttled), and returns where each one landed, in input order.
     */
    public List<ProducedRecord> putRecords(String streamName, List<byte[]> payloads,
            IntFunction<String> partitionKeyOf) {
        ProducedRecord[] produced = new ProducedRecord[payloads.size()];
        for (int start = 0; start < payloads.size(); start += MAX_PUT_RECORDS_BATCH) {
            int end = Math.min(payloads.size(), start + MAX_PUT_RECORDS_BATCH);
            List<Integer> pending = new ArrayList<>();
            for (int i = start; i < end; i++) {
                pending.add(i);
            }
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_PUT_ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " records were still rejected after "
                            + MAX_PUT_ATTEMPTS + " attempts to put them into " + streamName);
                }
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int index : pending) {
                    entries.add(PutRecordsRequestEntry.builder()
                            .partitionKey(partitionKeyOf.apply(index))
                            .data(SdkBytes.fromByteArray(payloads.get(index)))
                            .build());
                }
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(streamName).records(entries));
                List<Integer> rejected = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    PutRecordsResultEntry result = response.records().get(i);
                    int index = pending.get(i);
                    if (result.errorCode() != null) {
                        rejected.add(index);
                    } else {
                        produced[index] = new ProducedRecord(partitionKeyOf.apply(index), payloads.get(index),
                                result.shardId(), result.sequenceNumber());
                    }
                }
                pending = rejected;
                if (!pending.isEmpty()) {
                    sleep(PUT_RETRY_BACKOFF_MILLIS * attempt);
                }
            }
        }
        return List.of(produced);
    }

    /**
     * Puts one record; with an explicit hash key it lands in the shard whose hash key range holds that key
     * (useful to aim a KPL aggregate at one shard).
     */
    public ProducedRecord putRecord(String streamName, byte[] data, String partitionKey, String explicitHashKey) {
        PutRecordResponse response = kinesis.putRecord(b -> b.streamName(streamName)
                .data(SdkBytes.fromByteArray(data))
                .partitionKey(partitionKey)
                .explicitHashKey(explicitHashKey));
        return new ProducedRecord(partitionKey, data, response.shardId(), response.sequenceNumber());
    }

    /** Splits the shard in the middle of its hash key range and returns the two child shard ids. */
    public List<String> splitShard(String streamName, String shardId) {
        Shard shard = shard(streamName, shardId);
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        BigInteger middle = start.add(end).shiftRight(1).add(BigInteger.ONE);
        kinesis.splitShard(b -> b.streamName(streamName).shardToSplit(shardId)
                .newStartingHashKey(middle.toString()));
        awaitActive(streamName);
        return childrenOf(streamName, shardId);
    }

    /** Merges two adjacent shards and returns the id of the resulting shard. */
    public String mergeShards(String streamName, String shardId, String adjacentShardId) {
        kinesis.mergeShards(b -> b.streamName(streamName).shardToMerge(shardId)
                .adjacentShardToMerge(adjacentShardId));
        awaitActive(streamName);
        List<String> children = childrenOf(streamName, shardId);
        if (children.size() != 1) {
            throw new IllegalStateException("Expected one shard merged from " + shardId + ", found " + children);
        }
        return children.get(0);
    }

    /** The shards whose parent or adjacent parent is {@code parentShardId}. */
    public List<String> childrenOf(String streamName, String parentShardId) {
        return shards(streamName).stream()
                .filter(s -> parentShardId.equals(s.parentShardId())
                        || parentShardId.equals(s.adjacentParentShardId()))
                .map(Shard::shardId)
                .collect(Collectors.toList());
    }

    private Shard shard(String streamName, String shardId) {
        return shards(streamName).stream()
                .filter(s -> s.shardId().equals(shardId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No shard " + shardId + " in " + streamName));
    }

    /** Waits until the stream is ACTIVE (after creation or resharding). */
    public void awaitActive(String streamName) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                StreamStatus status = kinesis.describeStreamSummary(b -> b.streamName(streamName))
                        .streamDescriptionSummary().streamStatus();
                if (status == StreamStatus.ACTIVE) {
                    return;
                }
            } catch (ResourceNotFoundException e) {
                // Not visible yet right after CreateStream.
            }
            sleep(50);
        }
        throw new IllegalStateException("Stream " + streamName + " did not become ACTIVE within "
                + ACTIVE_TIMEOUT.toSeconds() + " s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
