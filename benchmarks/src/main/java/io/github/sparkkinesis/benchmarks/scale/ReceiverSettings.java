package io.github.sparkkinesis.benchmarks.scale;

import org.apache.spark.streaming.kinesis.KinesisInputDStream;

/**
 * The receiver settings a scale run changes from the connector's defaults (null: the default).
 *
 * @param prefetchBytesPerReceiver the receiver prefetch budget
 * @param maxRecordsPerRead records asked for per GetRecords call
 */
record ReceiverSettings(Long prefetchBytesPerReceiver, Integer maxRecordsPerRead) {

    static final ReceiverSettings DEFAULTS = new ReceiverSettings(null, null);

    void applyTo(KinesisInputDStream.Builder builder) {
        if (prefetchBytesPerReceiver != null) {
            builder.maxPrefetchBytesPerReceiver(prefetchBytesPerReceiver);
        }
        if (maxRecordsPerRead != null) {
            builder.maxRecordsPerRead(maxRecordsPerRead);
        }
    }

    /** For file names: empty at the defaults. */
    String label() {
        return (prefetchBytesPerReceiver == null ? "" : "-budget-" + (prefetchBytesPerReceiver >> 20) + "m")
                + (maxRecordsPerRead == null ? "" : "-read-" + maxRecordsPerRead);
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
        return out.isEmpty() ? "" : " (" + out + ")";
    }
}
