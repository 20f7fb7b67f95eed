package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.Trigger;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * End-to-end latency of the Structured Streaming source at a steady input rate, measured as the DStream's is
 * ({@link ConnectorLatency}): from the producer's put to the moment the query's {@code foreachBatch}, run by a
 * one-second processing-time trigger, processes the record. The first seconds after the first record was read
 * are left out, as for the DStream.
 */
public final class SourceLatency {

    static final Duration TRIGGER = Duration.ofSeconds(1);

    private SourceLatency() {
    }

    /**
     * @param stream an empty stream; the producer fills it while the query reads it
     */
    public static ConnectorLatency.Result run(KinesisEndpoints endpoints, String stream, int recordsPerSecond,
            int recordBytes, Duration produceFor, SourceSettings settings) throws Exception {
        LatencySamples.reset();
        GetRecordsClock.reset();
        try (KinesisClient kinesis = endpoints.newKinesisClient();
                SourceQuery source = SourceQuery.start(endpoints, stream, settings,
                        Trigger.ProcessingTime(TRIGGER.toMillis(), TimeUnit.MILLISECONDS),
                        (batch, id) -> batch.select("data").as(Encoders.BINARY())
                                .foreach((ForeachFunction<byte[]>) LatencySamples::processed))) {
            return ConnectorLatency.produceAndMeasure(kinesis, stream, recordsPerSecond, recordBytes, produceFor,
                    GetRecordsClock::firstRecordsNanos);
        }
    }
}
