package io.github.sparkkinesis.benchmarks.backlog;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.sparkkinesis.localstack.LocalStack;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream with a backlog of records, written as a kinesis-mock data file for
 * {@link LocalStack#startWithKinesisState(Path)}. Filling kinesis-mock through PutRecords slows down as shards fill
 * (100,000 records take over ten minutes); loading the same records from this file takes seconds.
 *
 * <pre>{@code
 * ShardHashRanges ranges = ShardHashRanges.evenlySplit(4);
 * List<List<String>> keys = IntStream.range(0, 4).mapToObj(s -> ranges.partitionKeys(s, "key-", 100)).toList();
 * Path state = KinesisMockBacklog.of("orders", 4, 50_000,
 *                 (shard, i) -> new BacklogRecord(keys.get(shard).get(i % 100), payload(shard, i)))
 *         .writeTo(directory.resolve("kinesis-state.json"));
 * try (LocalStack stack = LocalStack.startWithKinesisState(state)) {
 *     // "orders" is ACTIVE and holds 4 x 50,000 records
 * }
 * }</pre>
 *
 * <p>The stream is in the stack's region and account, with the shards CreateStream would give it
 * ({@code shardId-000000000000}, ..., hash key ranges as in {@link ShardHashRanges}). Every record's partition key
 * must map to its shard, as if it had been put. Record {@code i} of each shard arrives at
 * {@code firstArrival + i * arrivalInterval} (by default 1 ms apart, the last one when the file is written) and has
 * the sequence number kinesis-mock would have given it, so numbers grow with {@code i} and records put after
 * loading follow the backlog. The records are generated while the file is written, never all held in memory.
 *
 * <p>The file format is that of the kinesis-mock version the local stack pins (0.6.2); another version may need
 * changes here.
 */
public final class KinesisMockBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisMockBacklog.class);
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final int MAX_PARTITION_KEY_LENGTH = 256;
    // kinesis-mock's default maximum record size (1 MiB); larger records are rejected by PutRecords.
    private static final int MAX_DATA_BYTES = 1024 * 1024;
    private static final Duration DEFAULT_ARRIVAL_INTERVAL = Duration.ofMillis(1);

    private final String streamName;
    private final ShardHashRanges hashRanges;
    private final int recordsPerShard;
    private final BacklogRecordGenerator records;
    private final Instant firstArrival;
    private final Duration arrivalInterval;

    private KinesisMockBacklog(String streamName, ShardHashRanges hashRanges, int recordsPerShard,
            BacklogRecordGenerator records, Instant firstArrival, Duration arrivalInterval) {
        this.streamName = streamName;
        this.hashRanges = hashRanges;
        this.recordsPerShard = recordsPerShard;
        this.records = records;
        this.firstArrival = firstArrival;
        this.arrivalInterval = arrivalInterval;
    }

    /** A stream of {@code shardCount} shards, each holding {@code recordsPerShard} records from the generator. */
    public static KinesisMockBacklog of(String streamName, int shardCount, int recordsPerShard,
            BacklogRecordGenerator records) {
        if (!STREAM_NAME.matcher(streamName).matches()) {
            throw new IllegalArgumentException("Not a valid Kinesis stream name: " + streamName);
        }
        if (recordsPerShard < 0) {
            throw new IllegalArgumentException("recordsPerShard must not be negative: " + recordsPerShard);
        }
        return new KinesisMockBacklog(streamName, ShardHashRanges.evenlySplit(shardCount), recordsPerShard,
                Objects.requireNonNull(records, "records"), null, DEFAULT_ARRIVAL_INTERVAL);
    }

    /**
     * The same backlog with record {@code i} of each shard arriving at {@code first + i * interval}. Times are
     * kept to the millisecond; keep them in the past, as kinesis-mock refuses AT_TIMESTAMP iterators for future
     * times.
     */
    public KinesisMockBacklog withArrivals(Instant first, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("The arrival interval must not be negative: " + interval);
        }
        return new KinesisMockBacklog(streamName, hashRanges, recordsPerShard, records,
                Objects.requireNonNull(first, "first"), interval);
    }

    public String streamName() {
        return streamName;
    }

    public int shardCount() {
        return hashRanges.shardCount();
    }

    public int recordsPerShard() {
        return recordsPerShard;
    }

    /** The hash key ranges of the stream's shards. */
    public ShardHashRanges hashRanges() {
        return hashRanges;
    }

    /** The id kinesis-mock (like Kinesis) gives the shard at {@code shardIndex}. */
    public static String shardId(int shardIndex) {
        return String.format("shardId-%012d", shardIndex);
    }

    /**
     * Writes the data file (replacing any file there) and returns its path.
     *
     * @throws IllegalArgumentException if a generated record does not belong to its shard or is too large
     */
    public Path writeTo(Path file) {
        long started = System.nanoTime();
        Instant first = firstArrival != null ? firstArrival : defaultFirstArrival();
        // Whole seconds, as kinesis-mock keeps only the seconds in sequence numbers; no later than any record.
        Instant created = first.truncatedTo(ChronoUnit.SECONDS);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                    JsonGenerator json = JSON_FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                writeState(json, first, created);
            }
            LOG.info("Wrote {} x {} records of stream {} ({} MB) to {} in {} ms", shardCount(), recordsPerShard,
                    streamName, Files.size(file) / 1_000_000, file, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the kinesis-mock state file " + file, e);
        }
        return file;
    }

    private Instant defaultFirstArrival() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return now.minus(arrivalInterval.multipliedBy(Math.max(0, recordsPerShard - 1)));
    }

    private void writeState(JsonGenerator json, Instant first, Instant created) throws IOException {
        String arn = "arn:aws:kinesis:" + LocalStack.REGION.id() + ":" + LocalStack.KINESIS_ACCOUNT_ID + ":stream/"
                + streamName;
        json.writeStartObject();
        json.writeObjectFieldStart("streams");
        json.writeObjectFieldStart(arn);
        json.writeObjectFieldStart("consumers");
        json.writeEndObject();
        json.writeStringField("encryptionType", "NONE");
        json.writeArrayFieldStart("enhancedMonitoring");
        json.writeStartObject();
        json.writeArrayFieldStart("ShardLevelMetrics");
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeNullField("keyId");
        json.writeObjectFieldStart("retentionPeriod");
        json.writeNumberField("length", 24);
        json.writeStringField("unit", "HOURS");
        json.writeEndObject();
        json.writeObjectFieldStart("shards");
        for (int shard = 0; shard < shardCount(); shard++) {
            json.writeFieldName(shardKey(shard, created));
            writeRecords(json, shard, first, created);
        }
        json.writeEndObject();
        json.writeStringField("streamArn", arn);
        json.writeStringField("streamCreationTimestamp", created.toString());
        json.writeObjectFieldStart("streamModeDetails");
        json.writeStringField("StreamMode", "PROVISIONED");
        json.writeEndObject();
        json.writeStringField("streamName", streamName);
        json.writeStringField("streamStatus", "ACTIVE");
        json.writeObjectFieldStart("tags");
        json.writeEndObject();
        json.writeArrayFieldStart("shardCountUpdates");
        json.writeEndArray();
        json.writeNullField("maxRecordSizeInKiB");
        json.writeNullField("warmThroughputMiBps");
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("resourcePolicies");
        json.writeEndObject();
        json.writeObjectFieldStart("accountSettings");
        json.writeNullField("minimumThroughputBillingCommitment");
        json.writeEndObject();
        json.writeEndObject();
    }

    /** kinesis-mock keys a stream's shard map by the shard itself, serialized to a JSON string. */
    private String shardKey(int shard, Instant created) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON_FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeNullField("AdjacentParentShardId");
            json.writeNullField("ClosedTimestamp");
            json.writeStringField("CreatedAtTimestamp", created.toString());
            json.writeObjectFieldStart("HashKeyRange");
            json.writeStringField("EndingHashKey", hashRanges.endingHashKey(shard).toString());
            json.writeStringField("StartingHashKey", hashRanges.startingHashKey(shard).toString());
            json.writeEndObject();
            json.writeNullField("ParentShardId");
            json.writeObjectFieldStart("SequenceNumberRange");
            json.writeNullField("EndingSequenceNumber");
            json.writeStringField("StartingSequenceNumber",
                    KinesisMockSequenceNumbers.of(created, shard, 0, created));
            json.writeEndObject();
            json.writeStringField("ShardId", shardId(shard));
            json.writeNumberField("ShardIndex", shard);
            json.writeEndObject();
        }
        return text.toString();
    }

    private void writeRecords(JsonGenerator json, int shard, Instant first, Instant created) throws IOException {
        long firstMillis = first.toEpochMilli();
        long intervalNanos = arrivalInterval.toNanos();
        json.writeStartArray();
        for (int index = 0; index < recordsPerShard; index++) {
            BacklogRecord record = checked(records.record(shard, index), shard, index);
            long arrivalMillis = firstMillis + intervalNanos * index / 1_000_000;
            json.writeStartObject();
            // Epoch seconds with the milliseconds as a fraction: how kinesis-mock stores arrival times.
            json.writeFieldName("ApproximateArrivalTimestamp");
            json.writeNumber(BigDecimal.valueOf(arrivalMillis, 3));
            json.writeFieldName("Data");
            json.writeBinary(record.data());
            json.writeStringField("EncryptionType", "NONE");
            json.writeStringField("PartitionKey", record.partitionKey());
            json.writeStringField("SequenceNumber", KinesisMockSequenceNumbers.of(created, shard, index + 1L,
                    Instant.ofEpochMilli(arrivalMillis)));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private BacklogRecord checked(BacklogRecord record, int shard, int index) {
        if (record == null) {
            throw new IllegalArgumentException("The generator returned no record " + index + " for shard " + shard);
        }
        if (record.partitionKey().length() > MAX_PARTITION_KEY_LENGTH) {
            throw new IllegalArgumentException("Record " + index + " of shard " + shard + " has a partition key "
                    + "longer than " + MAX_PARTITION_KEY_LENGTH + " characters");
        }
        if (record.data().length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("Record " + index + " of shard " + shard + " has "
                    + record.data().length + " bytes, more than Kinesis accepts (" + MAX_DATA_BYTES + ")");
        }
        int actualShard = hashRanges.shardOf(record.partitionKey());
        if (actualShard != shard) {
            throw new IllegalArgumentException("Record " + index + " of shard " + shard + " has partition key '"
                    + record.partitionKey() + "', which maps to shard " + actualShard
                    + " (see ShardHashRanges.partitionKeys)");
        }
        return record;
    }
}
