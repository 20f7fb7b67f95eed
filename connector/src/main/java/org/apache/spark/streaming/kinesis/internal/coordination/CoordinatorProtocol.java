package org.apache.spark.streaming.kinesis.internal.coordination;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;

/**
 * The messages between a receiver and its DStream's {@link DriverCoordinator}, encoded as string arrays.
 *
 * <p>Why not message classes: an executor's RPC layer deserializes replies with the class loader it was created
 * with, before the application's jars (given with {@code --jars} or {@code --packages}) are added, so a reply of a
 * connector class would fail with a {@code ClassNotFoundException} there. JDK types load everywhere.
 */
final class CoordinatorProtocol {

    static final String RECOVERABLE = "kinesis.recoverable";
    static final String FATAL = "kinesis.fatal";

    private CoordinatorProtocol() {
    }

    /** Asks for the recoverable positions of {@code tenureIds}. */
    static String[] recoverableRequest(Collection<String> tenureIds) {
        List<String> message = new ArrayList<>(tenureIds.size() + 1);
        message.add(RECOVERABLE);
        message.addAll(tenureIds);
        return message.toArray(new String[0]);
    }

    /** Reports an error that must stop the streaming context. */
    static String[] fatalRequest(String message, String details) {
        return new String[] {FATAL, message, details == null ? "" : details};
    }

    /** The kind of a request, or null if it is not one of ours. */
    static String kind(Object request) {
        return request instanceof String[] parts && parts.length > 0
                && (RECOVERABLE.equals(parts[0]) || FATAL.equals(parts[0])) ? parts[0] : null;
    }

    static List<String> tenureIdsOf(String[] recoverableRequest) {
        return Arrays.asList(recoverableRequest).subList(1, recoverableRequest.length);
    }

    static String fatalMessageOf(String[] fatalRequest) {
        return fatalRequest[1];
    }

    static String fatalDetailsOf(String[] fatalRequest) {
        return fatalRequest[2];
    }

    /** Tenure id, sequence number and sub-sequence number of each position, one after the other. */
    static String[] recoverableReply(Map<String, RecordPosition> positions) {
        String[] reply = new String[positions.size() * 3];
        int i = 0;
        for (Map.Entry<String, RecordPosition> entry : positions.entrySet()) {
            reply[i++] = entry.getKey();
            reply[i++] = entry.getValue().sequenceNumber();
            reply[i++] = Long.toString(entry.getValue().subSequenceNumber());
        }
        return reply;
    }

    static Map<String, RecordPosition> positionsOf(String[] reply) {
        if (reply.length % 3 != 0) {
            throw new IllegalArgumentException("Malformed reply of " + reply.length + " fields");
        }
        Map<String, RecordPosition> positions = new HashMap<>();
        for (int i = 0; i < reply.length; i += 3) {
            positions.put(reply[i], new RecordPosition(reply[i + 1], Long.parseLong(reply[i + 2])));
        }
        return positions;
    }
}
