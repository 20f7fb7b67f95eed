package io.github.sparkkinesis.localstack.fanout;

import java.time.Duration;
import java.util.Objects;

/**
 * How the enhanced fan-out server behaves: Kinesis's limits and timings by default, shorter ones for tests that
 * want to see a subscription end or a consumer become active without waiting minutes. Immutable; the
 * {@code with...} methods return a changed copy.
 *
 * <pre>{@code
 * FanOutServerSettings quickRenewal = FanOutServerSettings.defaults()
 *         .withSubscriptionLifetime(Duration.ofSeconds(6));
 * }</pre>
 */
public final class FanOutServerSettings {

    /** How long Kinesis keeps a subscription open before it ends it: 5 minutes. */
    public static final Duration DEFAULT_SUBSCRIPTION_LIFETIME = Duration.ofMinutes(5);
    /** Kinesis refuses a new subscription to a shard within 5 s of the consumer's last one (ResourceInUse). */
    public static final Duration DEFAULT_RESUBSCRIBE_GUARD = Duration.ofSeconds(5);
    /** How often a subscription reads the backing server for new records while its shard is idle. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    /** How often an idle subscription sends an event without records, so that clients see it is alive. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** How long a new consumer stays CREATING (Kinesis: several seconds; short here so tests wait less). */
    public static final Duration DEFAULT_CONSUMER_CREATION_TIME = Duration.ofMillis(500);
    /** How long a deregistered consumer stays DELETING. */
    public static final Duration DEFAULT_CONSUMER_DELETION_TIME = Duration.ofMillis(500);
    /** Kinesis's limit of consumers per stream. */
    public static final int DEFAULT_MAX_CONSUMERS_PER_STREAM = 20;
    /** Kinesis's limit of consumers CREATING at once (per account). */
    public static final int DEFAULT_MAX_CONSUMERS_CREATING = 5;
    /** Kinesis's rate limit of RegisterStreamConsumer (per account). */
    public static final int DEFAULT_REGISTER_CALLS_PER_SECOND = 5;

    private final Duration subscriptionLifetime;
    private final Duration resubscribeGuard;
    private final Duration pollInterval;
    private final Duration heartbeatInterval;
    private final Duration consumerCreationTime;
    private final Duration consumerDeletionTime;
    private final int maxConsumersPerStream;
    private final int maxConsumersCreating;
    private final int registerCallsPerSecond;

    private FanOutServerSettings(Duration subscriptionLifetime, Duration resubscribeGuard, Duration pollInterval,
            Duration heartbeatInterval, Duration consumerCreationTime, Duration consumerDeletionTime,
            int maxConsumersPerStream, int maxConsumersCreating, int registerCallsPerSecond) {
        this.subscriptionLifetime = positive(subscriptionLifetime, "subscriptionLifetime");
        this.resubscribeGuard = notNegative(resubscribeGuard, "resubscribeGuard");
        this.pollInterval = positive(pollInterval, "pollInterval");
        this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
        this.consumerCreationTime = notNegative(consumerCreationTime, "consumerCreationTime");
        this.consumerDeletionTime = notNegative(consumerDeletionTime, "consumerDeletionTime");
        this.maxConsumersPerStream = atLeastOne(maxConsumersPerStream, "maxConsumersPerStream");
        this.maxConsumersCreating = atLeastOne(maxConsumersCreating, "maxConsumersCreating");
        this.registerCallsPerSecond = atLeastOne(registerCallsPerSecond, "registerCallsPerSecond");
    }

    /** Kinesis's limits and timings (the constants of this class). */
    public static FanOutServerSettings defaults() {
        return new FanOutServerSettings(DEFAULT_SUBSCRIPTION_LIFETIME, DEFAULT_RESUBSCRIBE_GUARD,
                DEFAULT_POLL_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_CONSUMER_CREATION_TIME,
                DEFAULT_CONSUMER_DELETION_TIME, DEFAULT_MAX_CONSUMERS_PER_STREAM, DEFAULT_MAX_CONSUMERS_CREATING,
                DEFAULT_REGISTER_CALLS_PER_SECOND);
    }

    public FanOutServerSettings withSubscriptionLifetime(Duration value) {
        return new FanOutServerSettings(value, resubscribeGuard, pollInterval, heartbeatInterval,
                consumerCreationTime, consumerDeletionTime, maxConsumersPerStream, maxConsumersCreating,
                registerCallsPerSecond);
    }

    public FanOutServerSettings withResubscribeGuard(Duration value) {
        return new FanOutServerSettings(subscriptionLifetime, value, pollInterval, heartbeatInterval,
                consumerCreationTime, consumerDeletionTime, maxConsumersPerStream, maxConsumersCreating,
                registerCallsPerSecond);
    }

    public FanOutServerSettings withPollInterval(Duration value) {
        return new FanOutServerSettings(subscriptionLifetime, resubscribeGuard, value, heartbeatInterval,
                consumerCreationTime, consumerDeletionTime, maxConsumersPerStream, maxConsumersCreating,
                registerCallsPerSecond);
    }

    public FanOutServerSettings withHeartbeatInterval(Duration value) {
        return new FanOutServerSettings(subscriptionLifetime, resubscribeGuard, pollInterval, value,
                consumerCreationTime, consumerDeletionTime, maxConsumersPerStream, maxConsumersCreating,
                registerCallsPerSecond);
    }

    public FanOutServerSettings withConsumerCreationTime(Duration value) {
        return new FanOutServerSettings(subscriptionLifetime, resubscribeGuard, pollInterval, heartbeatInterval,
                value, consumerDeletionTime, maxConsumersPerStream, maxConsumersCreating, registerCallsPerSecond);
    }

    public FanOutServerSettings withConsumerDeletionTime(Duration value) {
        return new FanOutServerSettings(subscriptionLifetime, resubscribeGuard, pollInterval, heartbeatInterval,
                consumerCreationTime, value, maxConsumersPerStream, maxConsumersCreating, registerCallsPerSecond);
    }

    public FanOutServerSettings withMaxConsumersPerStream(int value) {
        return new FanOutServerSettings(subscriptionLifetime, resubscribeGuard, pollInterval, heartbeatInterval,
                consumerCreationTime, consumerDeletionTime, value, maxConsumersCreating, registerCallsPerSecond);
    }

    public FanOutServerSettings withMaxConsumersCreating(int value) {
        return new FanOutServerSettings(subscriptionLifetime, resubscribeGuard, pollInterval, heartbeatInterval,
                consumerCreationTime, consumerDeletionTime, maxConsumersPerStream, value, registerCallsPerSecond);
    }

    public FanOutServerSettings withRegisterCallsPerSecond(int value) {
        return new FanOutServerSettings(subscriptionLifetime, resubscribeGuard, pollInterval, heartbeatInterval,
                consumerCreationTime, consumerDeletionTime, maxConsumersPerStream, maxConsumersCreating, value);
    }

    public Duration subscriptionLifetime() {
        return subscriptionLifetime;
    }

    public Duration resubscribeGuard() {
        return resubscribeGuard;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration consumerCreationTime() {
        return consumerCreationTime;
    }

    public Duration consumerDeletionTime() {
        return consumerDeletionTime;
    }

    public int maxConsumersPerStream() {
        return maxConsumersPerStream;
    }

    public int maxConsumersCreating() {
        return maxConsumersCreating;
    }

    public int registerCallsPerSecond() {
        return registerCallsPerSecond;
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    private static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }

    private static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }
}
