package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The enhanced fan-out operations the server answers itself: RegisterStreamConsumer, DescribeStreamConsumer,
 * ListStreamConsumers, DeregisterStreamConsumer and SubscribeToShard. Requests and answers are documents (see
 * {@link WireFormat}); errors are {@link KinesisServiceError}s. Streams and records are the backing server's.
 */
final class FanOutOperations {

    /** The operations this class serves; every other one goes to the backing server. */
    static final List<String> NAMES = List.of("RegisterStreamConsumer", "DescribeStreamConsumer",
            "ListStreamConsumers", "DeregisterStreamConsumer", "SubscribeToShard");

    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final int MAX_LIST_RESULTS = 100;

    private final KinesisClient backend;
    private final ConsumerRegistry consumers;
    private final SubscriptionRegistry subscriptions;
    private final FanOutServerSettings settings;
    private final ScheduledExecutorService scheduler;

    FanOutOperations(KinesisClient backend, ConsumerRegistry consumers, SubscriptionRegistry subscriptions,
            FanOutServerSettings settings, ScheduledExecutorService scheduler) {
        this.backend = backend;
        this.consumers = consumers;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    /** Answers one of the consumer operations (not SubscribeToShard). */
    Map<String, Object> answer(String operation, Map<String, Object> request) {
        return switch (operation) {
            case "RegisterStreamConsumer" -> {
                String streamArn = existingStream(required(request, "StreamARN"));
                String name = required(request, "ConsumerName");
                if (!CONSUMER_NAME.matcher(name).matches()) {
                    throw KinesisServiceError.invalidArgument("ConsumerName '" + name + "' must be 1 to 128 of "
                            + "letters, digits, '_', '.' and '-'");
                }
                yield Map.of("Consumer", summary(consumers.register(streamArn, name)));
            }
            case "DescribeStreamConsumer" -> {
                StreamConsumer consumer = consumer(request);
                Map<String, Object> description = summary(consumer);
                description.put("StreamARN", consumer.streamArn());
                yield Map.of("ConsumerDescription", description);
            }
            case "ListStreamConsumers" -> listConsumers(request);
            case "DeregisterStreamConsumer" -> {
                StreamConsumer consumer = consumers.deregister(consumer(request).arn());
                for (ShardSubscription subscription : subscriptions.active()) {
                    if (subscription.key().consumerArn().equals(consumer.arn())) {
                        subscription.fail("ResourceNotFoundException", "Consumer " + consumer.arn()
                                + " was deregistered");
                    }
                }
                yield Map.of();
            }
            default -> throw new IllegalArgumentException("Not a fan-out operation: " + operation);
        };
    }

    /**
     * Admits a subscription that will write to {@code sink}; the caller sends the response headers, then calls
     * {@link ShardSubscription#begin()}.
     */
    ShardSubscription subscribe(Map<String, Object> request, WireFormat format, SubscriptionSink sink) {
        String consumerArn = required(request, "ConsumerARN");
        String shardId = required(request, "ShardId");
        Object position = request.get("StartingPosition");
        if (!(position instanceof Map<?, ?> startingPosition)) {
            throw KinesisServiceError.invalidArgument("StartingPosition is required");
        }
        StreamConsumer consumer = consumers.describe(consumerArn);
        if (consumer.status() != ConsumerStatus.ACTIVE) {
            throw KinesisServiceError.resourceInUse("Consumer " + consumerArn + " is " + consumer.status()
                    + ", not ACTIVE");
        }
        String streamName = StreamArns.streamName(consumer.streamArn());
        BackingShardReader reader = BackingShardReader.of(backend, streamName, shardId);
        Supplier<BackingShardReader.Start> start = start(reader, startingPosition, format);
        return subscriptions.admit(new ShardSubscription.Key(consumerArn, shardId), onFinished ->
                new ShardSubscription(new ShardSubscription.Key(consumerArn, shardId), streamName, sink, reader,
                        start, settings, scheduler, onFinished));
    }

    /** The consumers of a stream, by name (the stream's ARN is the backing server's). */
    List<StreamConsumer> consumersOf(String streamName) {
        return consumers.list(streamArn(streamName));
    }

    private Supplier<BackingShardReader.Start> start(BackingShardReader reader, Map<?, ?> position,
            WireFormat format) {
        Object type = position.get("Type");
        Object sequenceNumber = position.get("SequenceNumber");
        Object timestamp = position.get("Timestamp");
        if (!(type instanceof String kind)) {
            throw KinesisServiceError.invalidArgument("StartingPosition.Type is required");
        }
        return switch (kind) {
            case "AT_SEQUENCE_NUMBER" -> {
                String at = sequenceNumber(sequenceNumber, kind);
                yield () -> reader.atSequenceNumber(at);
            }
            case "AFTER_SEQUENCE_NUMBER" -> {
                String after = sequenceNumber(sequenceNumber, kind);
                yield () -> reader.afterSequenceNumber(after);
            }
            case "TRIM_HORIZON" -> reader::trimHorizon;
            case "LATEST" -> {
                // Latest when the call came, not when the first step runs.
                BackingShardReader.Start latest = reader.latest();
                yield () -> latest;
            }
            case "AT_TIMESTAMP" -> {
                if (timestamp == null) {
                    throw KinesisServiceError.invalidArgument("StartingPosition.Timestamp is required for AT_TIMESTAMP");
                }
                Instant at = format.timestamp(timestamp);
                yield () -> reader.atTimestamp(at);
            }
            default -> throw KinesisServiceError.invalidArgument("Unknown StartingPosition.Type " + kind);
        };
    }

    private static String sequenceNumber(Object value, String type) {
        if (!(value instanceof String text) || !text.chars().allMatch(Character::isDigit) || text.isEmpty()) {
            throw KinesisServiceError.invalidArgument("StartingPosition.SequenceNumber must be a sequence number for "
                    + type + ", got " + value);
        }
        return text;
    }

    private Map<String, Object> listConsumers(Map<String, Object> request) {
        List<StreamConsumer> all = consumers.list(existingStream(required(request, "StreamARN")));
        int from = 0;
        if (request.get("NextToken") instanceof String token) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw KinesisServiceError.invalidArgument("Invalid NextToken " + token);
            }
        }
        int max = request.get("MaxResults") instanceof Number number ? number.intValue() : MAX_LIST_RESULTS;
        if (max < 1 || max > MAX_LIST_RESULTS) {
            throw KinesisServiceError.invalidArgument("MaxResults must be 1 to " + MAX_LIST_RESULTS + ", got " + max);
        }
        int to = Math.min(all.size(), from + max);
        List<Map<String, Object>> page = new ArrayList<>();
        for (StreamConsumer consumer : all.subList(Math.min(from, to), to)) {
            page.add(summary(consumer));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Consumers", page);
        if (to < all.size()) {
            answer.put("NextToken", Integer.toString(to));
        }
        return answer;
    }

    private StreamConsumer consumer(Map<String, Object> request) {
        if (request.get("ConsumerARN") instanceof String arn) {
            return consumers.describe(arn);
        }
        if (request.get("StreamARN") instanceof String streamArn && request.get("ConsumerName") instanceof String name) {
            return consumers.describe(streamArn, name);
        }
        throw KinesisServiceError.invalidArgument("Give ConsumerARN, or StreamARN and ConsumerName");
    }

    /** The ARN itself, once the backing server confirmed it is one of its streams. */
    private String existingStream(String streamArn) {
        String actual = streamArn(StreamArns.streamName(streamArn));
        if (!actual.equals(streamArn)) {
            throw KinesisServiceError.resourceNotFound("Stream " + streamArn + " not found");
        }
        return streamArn;
    }

    private String streamArn(String streamName) {
        try {
            return backend.describeStreamSummary(b -> b.streamName(streamName)).streamDescriptionSummary()
                    .streamARN();
        } catch (ResourceNotFoundException e) {
            throw KinesisServiceError.resourceNotFound("Stream " + streamName + " not found");
        }
    }

    private static Map<String, Object> summary(StreamConsumer consumer) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ConsumerName", consumer.name());
        summary.put("ConsumerARN", consumer.arn());
        summary.put("ConsumerStatus", consumer.status().toString());
        summary.put("ConsumerCreationTimestamp", consumer.created());
        return summary;
    }

    private static String required(Map<String, Object> request, String member) {
        if (request.get(member) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw KinesisServiceError.invalidArgument(member + " is required");
    }
}
