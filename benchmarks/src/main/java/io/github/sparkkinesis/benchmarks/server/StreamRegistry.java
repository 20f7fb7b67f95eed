package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The streams of one server by name, and the lookup of the stream a request names by StreamName or StreamARN.
 * ARNs use a fixed region and account: clients never check them, and the KCL only passes back what it was given.
 */
final class StreamRegistry {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private static final String ARN_PREFIX = "arn:aws:kinesis:";
    private static final String ARN_STREAM = ":stream/";

    private final ConcurrentMap<String, InMemoryStream> streams = new ConcurrentHashMap<>();
    private final ThroughputLimits limits;

    StreamRegistry(ThroughputLimits limits) {
        this.limits = limits;
    }

    ThroughputLimits limits() {
        return limits;
    }

    /** Creates a stream, or returns empty if one of that name exists. */
    Optional<InMemoryStream> create(String name, int shardCount) {
        InMemoryStream stream = new InMemoryStream(name, ARN_PREFIX + REGION + ":" + ACCOUNT + ARN_STREAM + name,
                shardCount, Instant.now(), limits);
        return streams.putIfAbsent(name, stream) == null ? Optional.of(stream) : Optional.empty();
    }

    Optional<InMemoryStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    /** The stream named by the request's StreamName or, failing that, StreamARN. */
    InMemoryStream require(KinesisRequest request) {
        String name = request.string("StreamName");
        if (name == null) {
            String arn = request.string("StreamARN");
            if (arn == null) {
                throw KinesisServiceError.invalidArgument("Either StreamName or StreamARN should be provided.");
            }
            name = nameInArn(arn);
        }
        return require(name);
    }

    InMemoryStream require(String name) {
        InMemoryStream stream = streams.get(name);
        if (stream == null) {
            throw KinesisServiceError.resourceNotFound("Stream " + name + " under account " + ACCOUNT + " not found.");
        }
        return stream;
    }

    List<InMemoryStream> sortedByName() {
        return streams.values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .collect(Collectors.toList());
    }

    private static String nameInArn(String arn) {
        int at = arn.indexOf(ARN_STREAM);
        if (!arn.startsWith(ARN_PREFIX) || at < 0) {
            throw KinesisServiceError.invalidArgument("StreamARN " + arn + " is not a Kinesis stream ARN.");
        }
        return arn.substring(at + ARN_STREAM.length());
    }
}
