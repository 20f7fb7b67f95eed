package org.apache.spark.streaming.kinesis.testing;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.sparkkinesis.localstack.Eventually;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * The real Kinesis Producer Library (its native binary, as producers run it) pointed at a {@link LocalStack}: it
 * batches user records into KPL aggregates the way production producers do.
 */
public final class RealKplProducer implements AutoCloseable {

    /** Nothing listens there: with metrics off the KPL never calls CloudWatch or STS, but it needs endpoints. */
    private static final String UNUSED_ENDPOINT = "127.0.0.1";
    private static final long UNUSED_PORT = 1;

    private final KinesisProducer producer;

    public RealKplProducer(LocalStack stack) {
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setRegion(stack.region().id())
                .setCredentialsProvider(stack.credentials())
                .setKinesisEndpoint("127.0.0.1")
                .setKinesisPort(stack.kinesisTlsPort())
                .setVerifyCertificate(false)
                .setCloudwatchEndpoint(UNUSED_ENDPOINT)
                .setCloudwatchPort(UNUSED_PORT)
                .setStsEndpoint(UNUSED_ENDPOINT)
                .setStsPort(UNUSED_PORT)
                .setMetricsLevel("none")
                .setLogLevel("warning")
                .setAggregationEnabled(true);
        this.producer = new KinesisProducer(config);
    }

    /** Queues a user record; returns its payload. */
    public byte[] put(String stream, String partitionKey, byte[] data) {
        producer.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data));
        return data;
    }

    /**
     * Waits until the KPL aggregates: it does once it has learned the stream's shard map, which it asks for
     * (asynchronously) on its first record. Until then it puts each user record as a Kinesis record of its own.
     * Puts pairs of user records with one partition key (so one shard) until a pair comes back as a single
     * Kinesis record, and returns every record it put.
     */
    public List<ProducedRecord> awaitAggregating(String stream, Duration timeout) {
        List<ProducedRecord> put = new ArrayList<>();
        int[] pairs = {0};
        Eventually.await(timeout, () -> {
            String key = "warm-up-" + pairs[0]++;
            List<ProducedRecord> pair = putAndFlush(stream, key, List.of(
                    (key + "-a").getBytes(StandardCharsets.UTF_8), (key + "-b").getBytes(StandardCharsets.UTF_8)));
            put.addAll(pair);
            return pair.get(0).sequenceNumber().equals(pair.get(1).sequenceNumber());
        }, () -> "the KPL did not aggregate " + pairs[0] + " pairs of records");
        return put;
    }

    /** Puts user records with one partition key and waits until Kinesis has them. */
    private List<ProducedRecord> putAndFlush(String stream, String partitionKey, List<byte[]> payloads) {
        List<ListenableFuture<UserRecordResult>> results = new ArrayList<>();
        payloads.forEach(data -> results.add(producer.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data))));
        producer.flushSync();
        List<ProducedRecord> put = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            UserRecordResult written;
            try {
                written = results.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("The KPL could not put a record", e);
            }
            if (!written.isSuccessful()) {
                throw new IllegalStateException("The KPL could not put a record: " + written.getAttempts());
            }
            put.add(new ProducedRecord(partitionKey, payloads.get(i), written.getShardId(),
                    written.getSequenceNumber()));
        }
        return put;
    }

    /** Waits until every queued record is in Kinesis. */
    public void flush() {
        producer.flushSync();
        if (producer.getOutstandingRecordsCount() > 0) {
            throw new IllegalStateException(producer.getOutstandingRecordsCount() + " records were not put");
        }
    }

    @Override
    public void close() {
        producer.destroy();
    }
}
