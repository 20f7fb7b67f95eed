package io.github.sparkkinesis.sql.internal.write;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;

/**
 * The sink's metrics as Spark shows them in the SQL tab (summed over the tasks of a write) and, per micro-batch,
 * in the query progress ({@code sink.metrics}). Spark builds each metric from its class name on the driver, hence
 * one public class with a public constructor per metric.
 */
public final class KinesisSinkMetrics {

    public static final String RECORDS_WRITTEN = "recordsWritten";
    public static final String BYTES_WRITTEN = "bytesWritten";
    public static final String RECORDS_RETRIED = "recordsRetried";
    public static final String THROTTLED_CALLS = "throttledCalls";
    public static final String RECORDS_DROPPED = "recordsDropped";
    public static final String PUT_CALLS = "putRecordsCalls";

    private KinesisSinkMetrics() {
    }

    /** Every metric the sink reports. */
    public static CustomMetric[] all() {
        return new CustomMetric[] {new RecordsWritten(), new BytesWritten(), new RecordsRetried(),
            new ThrottledCalls(), new RecordsDropped(), new PutCalls()};
    }

    /** A sum over the tasks, with its name and the description the SQL tab shows. */
    private abstract static class SumMetric extends CustomSumMetric {
        private final String name;
        private final String description;

        SumMetric(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** Rows Kinesis acknowledged (user records: an aggregate counts its rows). */
    public static final class RecordsWritten extends SumMetric {
        public RecordsWritten() {
            super(RECORDS_WRITTEN, "Kinesis records written");
        }
    }

    /** Bytes of data and partition keys Kinesis acknowledged. */
    public static final class BytesWritten extends SumMetric {
        public BytesWritten() {
            super(BYTES_WRITTEN, "Kinesis bytes written");
        }
    }

    /** Records sent again after Kinesis rejected them (each retry counts). */
    public static final class RecordsRetried extends SumMetric {
        public RecordsRetried() {
            super(RECORDS_RETRIED, "Kinesis records retried");
        }
    }

    /** PutRecords calls throttled as a whole or in part. */
    public static final class ThrottledCalls extends SumMetric {
        public ThrottledCalls() {
            super(THROTTLED_CALLS, "Kinesis throttled calls");
        }
    }

    /** Records over Kinesis' size limit dropped (only with dropOversizedRecords). */
    public static final class RecordsDropped extends SumMetric {
        public RecordsDropped() {
            super(RECORDS_DROPPED, "Kinesis oversized records dropped");
        }
    }

    /** PutRecords calls made, retries included. */
    public static final class PutCalls extends SumMetric {
        public PutCalls() {
            super(PUT_CALLS, "Kinesis PutRecords calls");
        }
    }
}
