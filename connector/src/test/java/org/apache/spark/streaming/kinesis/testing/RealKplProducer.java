package org.apache.spark.streaming.kinesis.testing;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.nio.ByteBuffer;
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

    /** Puts one user record and waits until Kinesis has it. */
    public ProducedRecord putAndFlush(String stream, String partitionKey, byte[] data)
            throws InterruptedException, ExecutionException {
        ListenableFuture<UserRecordResult> result =
                producer.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data));
        producer.flushSync();
        UserRecordResult written = result.get();
        if (!written.isSuccessful()) {
            throw new IllegalStateException("The KPL could not put a record: " + written.getAttempts());
        }
        return new ProducedRecord(partitionKey, data, written.getShardId(), written.getSequenceNumber());
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
