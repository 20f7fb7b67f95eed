package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the operation an {@code X-Amz-Target} header names. Operations the server does not implement get an
 * UnknownOperationException naming them, and are logged once at WARN, so a client that needs more than the server
 * offers shows up in the log rather than as a mysterious retry loop.
 */
final class KinesisDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisDispatcher.class);
    private static final String TARGET_PREFIX = "Kinesis_20131202.";

    private final Map<String, Operation> operations;
    private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

    KinesisDispatcher(StreamRegistry streams) {
        StreamOperations streamOperations = new StreamOperations(streams);
        RecordReadOperations reads = new RecordReadOperations(streams);
        RecordWriteOperations writes = new RecordWriteOperations(streams);
        this.operations = Map.of(
                "CreateStream", streamOperations::createStream,
                "ListStreams", streamOperations::listStreams,
                "DescribeStream", streamOperations::describeStream,
                "DescribeStreamSummary", streamOperations::describeStreamSummary,
                "ListShards", streamOperations::listShards,
                "GetShardIterator", reads::getShardIterator,
                "GetRecords", reads::getRecords,
                "PutRecord", writes::putRecord,
                "PutRecords", writes::putRecords);
    }

    /**
     * The operation for a target header value.
     *
     * @throws KinesisServiceError UnknownOperationException for anything else
     */
    Operation operation(String target) {
        String name = target != null && target.startsWith(TARGET_PREFIX)
                ? target.substring(TARGET_PREFIX.length()) : null;
        Operation operation = name == null ? null : operations.get(name);
        if (operation == null) {
            String shown = name != null ? name : String.valueOf(target);
            if (reportedUnknown.add(shown)) {
                LOG.warn("FastKinesisServer does not implement {} (X-Amz-Target: {}); answering "
                        + "UnknownOperationException. It serves only {}", shown, target, operations.keySet());
            }
            throw KinesisServiceError.unknownOperation(
                    "Operation " + shown + " is not supported by FastKinesisServer.");
        }
        return operation;
    }
}
