package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/**
 * The consumers registered with the fan-out server, with Kinesis's rules: names unique per stream (ResourceInUse),
 * at most {@code maxConsumersPerStream} per stream, at most {@code maxConsumersCreating} CREATING at once and
 * {@code registerCallsPerSecond} registrations per second (LimitExceeded); a consumer is CREATING for the
 * creation time, then ACTIVE; a deregistered one is DELETING for the deletion time, then gone. Thread-safe.
 */
final class ConsumerRegistry {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final FanOutServerSettings settings;
    private final Clock clock;
    /** Consumers by ARN, in registration order. */
    private final Map<String, Entry> consumers = new LinkedHashMap<>();
    private final Deque<Instant> recentRegistrations = new ArrayDeque<>();

    ConsumerRegistry(FanOutServerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Registers {@code name} for the stream; the new consumer is CREATING. */
    synchronized StreamConsumer register(String streamArn, String name) {
        Instant now = clock.instant();
        expire(now);
        while (!recentRegistrations.isEmpty()
                && recentRegistrations.peekFirst().plusNanos(NANOS_PER_SECOND).compareTo(now) <= 0) {
            recentRegistrations.removeFirst();
        }
        if (recentRegistrations.size() >= settings.registerCallsPerSecond()) {
            throw KinesisServiceError.limitExceeded("Rate exceeded for RegisterStreamConsumer: at most "
                    + settings.registerCallsPerSecond() + " calls per second");
        }
        recentRegistrations.addLast(now);
        for (Entry entry : consumers.values()) {
            if (entry.streamArn.equals(streamArn) && entry.name.equals(name)) {
                throw KinesisServiceError.resourceInUse("Consumer " + name + " under stream " + streamArn
                        + " already exists (" + status(entry, now) + ")");
            }
        }
        long ofStream = consumers.values().stream().filter(entry -> entry.streamArn.equals(streamArn)).count();
        if (ofStream >= settings.maxConsumersPerStream()) {
            throw KinesisServiceError.limitExceeded("Stream " + streamArn + " already has the maximum number of "
                    + "consumers (" + settings.maxConsumersPerStream() + ")");
        }
        long creating = consumers.values().stream()
                .filter(entry -> status(entry, now) == ConsumerStatus.CREATING).count();
        if (creating >= settings.maxConsumersCreating()) {
            throw KinesisServiceError.limitExceeded("At most " + settings.maxConsumersCreating()
                    + " consumers can be CREATING at once");
        }
        Entry entry = new Entry(streamArn, name, streamArn + "/consumer/" + name + ":" + now.getEpochSecond(), now);
        consumers.put(entry.arn, entry);
        return snapshot(entry, now);
    }

    /** The consumer with this ARN. */
    synchronized StreamConsumer describe(String consumerArn) {
        Instant now = clock.instant();
        expire(now);
        Entry entry = consumers.get(consumerArn);
        if (entry == null) {
            throw KinesisServiceError.resourceNotFound("Consumer " + consumerArn + " not found");
        }
        return snapshot(entry, now);
    }

    /** The consumer of this name reading this stream. */
    synchronized StreamConsumer describe(String streamArn, String name) {
        Instant now = clock.instant();
        expire(now);
        for (Entry entry : consumers.values()) {
            if (entry.streamArn.equals(streamArn) && entry.name.equals(name)) {
                return snapshot(entry, now);
            }
        }
        throw KinesisServiceError.resourceNotFound("Consumer " + name + " under stream " + streamArn + " not found");
    }

    /** The consumers of the stream, in registration order. */
    synchronized List<StreamConsumer> list(String streamArn) {
        Instant now = clock.instant();
        expire(now);
        List<StreamConsumer> list = new ArrayList<>();
        for (Entry entry : consumers.values()) {
            if (entry.streamArn.equals(streamArn)) {
                list.add(snapshot(entry, now));
            }
        }
        return list;
    }

    /** Starts deleting the consumer; it is DELETING for the deletion time. */
    synchronized StreamConsumer deregister(String consumerArn) {
        Instant now = clock.instant();
        StreamConsumer consumer = describe(consumerArn);
        consumers.get(consumerArn).deregistered = now;
        return new StreamConsumer(consumer.streamArn(), consumer.name(), consumer.arn(), ConsumerStatus.DELETING,
                consumer.created());
    }

    private void expire(Instant now) {
        consumers.values().removeIf(entry -> entry.deregistered != null
                && !entry.deregistered.plus(settings.consumerDeletionTime()).isAfter(now));
    }

    private StreamConsumer snapshot(Entry entry, Instant now) {
        return new StreamConsumer(entry.streamArn, entry.name, entry.arn, status(entry, now), entry.created);
    }

    private ConsumerStatus status(Entry entry, Instant now) {
        if (entry.deregistered != null) {
            return ConsumerStatus.DELETING;
        }
        return entry.created.plus(settings.consumerCreationTime()).isAfter(now) ? ConsumerStatus.CREATING
                : ConsumerStatus.ACTIVE;
    }

    private static final class Entry {
        final String streamArn;
        final String name;
        final String arn;
        final Instant created;
        Instant deregistered;

        Entry(String streamArn, String name, String arn, Instant created) {
            this.streamArn = streamArn;
            this.name = name;
            this.arn = arn;
            this.created = created;
        }
    }
}
