package io.github.sparkkinesis.benchmarks.scale;

import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;

/**
 * The receiver settings a scale run changes from the connector's defaults (null: the default).
 *
 * @param prefetchBytesPerReceiver the receiver prefetch budget
 * @param maxRecordsPerRead records asked for per GetRecords call
 * @param leaseFailoverSeconds the KCL lease failover time
 */
record ReceiverSettings(Long prefetchBytesPerReceiver, Integer maxRecordsPerRead, Integer leaseFailoverSeconds) {

    static final ReceiverSettings DEFAULTS = new ReceiverSettings(null, null, null);

    /** The same settings with another prefetch budget. */
    ReceiverSettings withPrefetchBytesPerReceiver(long bytes) {
        return new ReceiverSettings(bytes, maxRecordsPerRead, leaseFailoverSeconds);
    }

    void applyTo(KinesisInputDStream.Builder builder) {
        if (prefetchBytesPerReceiver != null) {
            builder.maxPrefetchBytesPerReceiver(prefetchBytesPerReceiver);
        }
        if (maxRecordsPerRead != null) {
            builder.maxRecordsPerRead(maxRecordsPerRead);
        }
        if (leaseFailoverSeconds != null) {
            builder.leaseFailoverTime(Durations.seconds(leaseFailoverSeconds));
        }
    }

    /** For file names: empty at the defaults. */
    String label() {
        return (prefetchBytesPerReceiver == null ? "" : "-budget-" + (prefetchBytesPerReceiver >> 20) + "m")
                + (maxRecordsPerRead == null ? "" : "-read-" + maxRecordsPerRead)
                + (leaseFailoverSeconds == null ? "" : "-failover-" + leaseFailoverSeconds + "s");
    }

    /** For the report: empty at the defaults. */
    String describe() {
        StringBuilder out = new StringBuilder();
        if (prefetchBytesPerReceiver != null) {
            out.append("receiver budget ").append(prefetchBytesPerReceiver >> 20).append(" MiB");
        }
        if (maxRecordsPerRead != null) {
            out.append(out.isEmpty() ? "" : ", ").append("maxRecordsPerRead ").append(maxRecordsPerRead);
        }
        if (leaseFailoverSeconds != null) {
            out.append(out.isEmpty() ? "" : ", ").append("leaseFailoverTime ").append(leaseFailoverSeconds)
                    .append(" s");
        }
        return out.isEmpty() ? "" : " (" + out + ")";
    }
}
