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

    /** Rows Kinesis acknowledged (user records: an aggregate counts its rows). */
    public static final class RecordsWritten extends CustomSumMetric {
        @Override
        public String name() {
            return RECORDS_WRITTEN;
        }

        @Override
        public String description() {
            return "Kinesis records written";
        }
    }

    /** Bytes of data and partition keys Kinesis acknowledged. */
    public static final class BytesWritten extends CustomSumMetric {
        @Override
        public String name() {
            return BYTES_WRITTEN;
        }

        @Override
        public String description() {
            return "Kinesis bytes written";
        }
    }

    /** Records sent again after Kinesis rejected them (each retry counts). */
    public static final class RecordsRetried extends CustomSumMetric {
        @Override
        public String name() {
            return RECORDS_RETRIED;
        }

        @Override
        public String description() {
            return "Kinesis records retried";
        }
    }

    /** PutRecords calls throttled as a whole or in part. */
    public static final class ThrottledCalls extends CustomSumMetric {
        @Override
        public String name() {
            return THROTTLED_CALLS;
        }

        @Override
        public String description() {
            return "Kinesis throttled calls";
        }
    }

    /** Records over Kinesis' size limit dropped (only with dropOversizedRecords). */
    public static final class RecordsDropped extends CustomSumMetric {
        @Override
        public String name() {
            return RECORDS_DROPPED;
        }

        @Override
        public String description() {
            return "Kinesis oversized records dropped";
        }
    }

    /** PutRecords calls made, retries included. */
    public static final class PutCalls extends CustomSumMetric {
        @Override
        public String name() {
            return PUT_CALLS;
        }

        @Override
        public String description() {
            return "Kinesis PutRecords calls";
        }
    }
}
