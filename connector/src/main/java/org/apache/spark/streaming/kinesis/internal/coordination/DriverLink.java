package org.apache.spark.streaming.kinesis.internal.coordination;

import java.util.Collection;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;

/** What a receiver asks of its DStream on the driver. */
public interface DriverLink {

    /**
     * Per shard tenure, the position up to which the driver can get every stored record back (see
     * {@link RecoverablePositions}). Tenures the driver has nothing safe for are absent; if the driver cannot be
     * reached the map is empty, which only delays checkpoints.
     */
    Map<String, RecordPosition> recoverable(Collection<String> tenureIds);

    /**
     * Asks the driver to stop the streaming context with this error.
     *
     * @return whether the driver got the message
     */
    boolean reportFatal(String message, Throwable cause);
}
