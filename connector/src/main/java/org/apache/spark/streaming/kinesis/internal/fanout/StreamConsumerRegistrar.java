package org.apache.spark.streaming.kinesis.internal.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReadException;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.apache.spark.streaming.kinesis.internal.read.RetryingKinesisCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Finds or registers the enhanced fan-out consumer a reader subscribes with, and deregisters it when asked.
 *
 * <p>Registration is safe when several readers start at once (the receivers of one application, a restarted query
 * while its old consumer is still being deleted): a consumer that exists is reused, whatever its status; one
 * another reader registers meanwhile (ResourceInUseException) is described again; one still DELETING is waited
 * for, then registered anew. Throttling ({@code RegisterStreamConsumer} allows 5 calls per second per account,
 * and 5 consumers CREATING at once) is retried with the connector's one retry policy, waiting at least a second.
 * The stream's limit of 20 consumers is not retried: it fails with the consumers there are and how to remove
 * unused ones. Every wait is for a status, polled once a second, within {@link #MAX_WAIT_FOR_STATUS}.
 */
public final class StreamConsumerRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(StreamConsumerRegistrar.class);
    /** Kinesis's limit of consumers per stream. */
    public static final int MAX_CONSUMERS_PER_STREAM = 20;
    /** How long a consumer may take to become ACTIVE (Kinesis: seconds) or to disappear after deregistration. */
    static final Duration MAX_WAIT_FOR_STATUS = Duration.ofMinutes(2);
    static final Duration STATUS_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Throttled calls wait at least a second (see RetryingKinesisCall), doubling up to about 30 s in all. */
    private static final KinesisRetrySettings RETRIES = new KinesisRetrySettings(1000, 6);

    private final KinesisAsyncClient kinesis;
    private final RetryingKinesisCall retries;
    private final Pause pause;

    /** Waiting between status checks, replaceable in tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    public StreamConsumerRegistrar(KinesisAsyncClient kinesis) {
        this(kinesis, new RetryingKinesisCall(RETRIES), duration -> Thread.sleep(duration.toMillis()));
    }

    StreamConsumerRegistrar(KinesisAsyncClient kinesis, RetryingKinesisCall retries, Pause pause) {
        this.kinesis = kinesis;
        this.retries = retries;
        this.pause = pause;
    }

    /**
     * The ARN of the ACTIVE consumer {@code consumerName} of the stream: the existing one, or a new one.
     *
     * @throws StreamConsumerException when it cannot be had: the stream has no room for another consumer, access
     *                                 is denied, or it did not become ACTIVE in time
     */
    public String activeConsumer(String streamName, String consumerName) throws InterruptedException {
        String streamArn = call("describe stream " + streamName, () -> kinesis.describeStreamSummary(
                b -> b.streamName(streamName))).streamDescriptionSummary().streamARN();
        long deadline = System.nanoTime() + MAX_WAIT_FOR_STATUS.toNanos();
        while (true) {
            ConsumerDescription existing = describe(streamArn, consumerName);
            if (existing == null) {
                Consumer registered = register(streamArn, streamName, consumerName);
                if (registered != null) {
                    LOG.info("Registered enhanced fan-out consumer {} of stream {}: {}", consumerName, streamName,
                            registered.consumerARN());
                    return awaitActive(registered.consumerARN(), deadline);
                }
            } else if (existing.consumerStatus() == ConsumerStatus.DELETING) {
                LOG.info("Enhanced fan-out consumer {} of stream {} is being deleted; registering it again once "
                        + "it is gone", consumerName, streamName);
            } else {
                LOG.info("Using the existing enhanced fan-out consumer {} of stream {} ({}): {}", consumerName,
                        streamName, existing.consumerStatus(), existing.consumerARN());
                return awaitActive(existing.consumerARN(), deadline);
            }
            checkDeadline(deadline, "consumer " + consumerName + " of stream " + streamName
                    + " to be deleted before registering it again");
            pause.sleep(STATUS_POLL_INTERVAL);
        }
    }

    /**
     * Waits until the consumer of this ARN is ACTIVE and returns the ARN.
     *
     * @throws StreamConsumerException if it does not exist (or is being deleted), or is not ACTIVE in time
     */
    public String activeConsumer(String consumerArn) throws InterruptedException {
        return awaitActive(consumerArn, System.nanoTime() + MAX_WAIT_FOR_STATUS.toNanos());
    }

    /** Deregisters the consumer; one that is already gone is fine. */
    public void deregister(String consumerArn) {
        try {
            call("deregister consumer " + consumerArn, () -> kinesis.deregisterStreamConsumer(
                    b -> b.consumerARN(consumerArn)));
            LOG.info("Deregistered enhanced fan-out consumer {}", consumerArn);
        } catch (StreamConsumerException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
        }
    }

    /** Null if the stream has no consumer of that name. */
    private ConsumerDescription describe(String streamArn, String consumerName) {
        try {
            return call("describe consumer " + consumerName, () -> kinesis.describeStreamConsumer(
                    b -> b.streamARN(streamArn).consumerName(consumerName))).consumerDescription();
        } catch (StreamConsumerException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    /** The new consumer, or null if another reader registered it first (describe it then). */
    private Consumer register(String streamArn, String streamName, String consumerName) {
        // Checked first: Kinesis answers the limit with the LimitExceededException of throttling, which is retried.
        checkRoomForAnother(streamArn, streamName, consumerName);
        try {
            return call("register consumer " + consumerName + " of stream " + streamName,
                    () -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(consumerName)))
                    .consumer();
        } catch (StreamConsumerException e) {
            if (e.getCause() instanceof ResourceInUseException) {
                return null;
            }
            if (e.getCause() instanceof LimitExceededException) {
                checkRoomForAnother(streamArn, streamName, consumerName);
            }
            throw e;
        }
    }

    private void checkRoomForAnother(String streamArn, String streamName, String consumerName) {
        List<Consumer> consumers = consumers(streamArn);
        if (consumers.size() >= MAX_CONSUMERS_PER_STREAM) {
            throw new StreamConsumerException("Cannot register enhanced fan-out consumer '" + consumerName
                    + "': stream " + streamName + " already has " + consumers.size() + " consumers, Kinesis's "
                    + "limit (" + consumers.stream().map(Consumer::consumerName).toList() + "). Deregister the "
                    + "ones no longer used (aws kinesis deregister-stream-consumer --stream-arn " + streamArn
                    + " --consumer-name <name>), or reuse one of them by its name", null, true);
        }
    }

    private List<Consumer> consumers(String streamArn) {
        List<Consumer> consumers = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListStreamConsumersResponse page = call("list the consumers of " + streamArn,
                    () -> kinesis.listStreamConsumers(b -> b.streamARN(streamArn).nextToken(next)));
            consumers.addAll(page.consumers());
            token = page.nextToken();
        } while (token != null);
        return consumers;
    }

    private String awaitActive(String consumerArn, long deadline) throws InterruptedException {
        while (true) {
            ConsumerDescription description;
            try {
                description = call("describe consumer " + consumerArn, () -> kinesis.describeStreamConsumer(
                        b -> b.consumerARN(consumerArn))).consumerDescription();
            } catch (StreamConsumerException e) {
                if (e.getCause() instanceof ResourceNotFoundException) {
                    throw new StreamConsumerException("Enhanced fan-out consumer " + consumerArn + " does not "
                            + "exist: register it, or give a consumer name instead of an ARN so that it is "
                            + "registered when missing", e.getCause(), true);
                }
                throw e;
            }
            if (description.consumerStatus() == ConsumerStatus.ACTIVE) {
                return consumerArn;
            }
            if (description.consumerStatus() == ConsumerStatus.DELETING) {
                throw new StreamConsumerException("Enhanced fan-out consumer " + consumerArn + " is being "
                        + "deleted: use another one, or a consumer name so that it is registered again", null,
                        true);
            }
            checkDeadline(deadline, "consumer " + consumerArn + " to become ACTIVE");
            pause.sleep(STATUS_POLL_INTERVAL);
        }
    }

    private static void checkDeadline(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new StreamConsumerException("Waited " + MAX_WAIT_FOR_STATUS.toSeconds() + " s for " + what
                    + "; try again later", null, false);
        }
    }

    private <T> T call(String description, Supplier<CompletableFuture<T>> call) {
        try {
            return retries.call(description, () -> {
                try {
                    return call.get().join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            });
        } catch (KinesisRangeReadException e) {
            throw new StreamConsumerException(e.getMessage(), e.getCause(), false);
        }
    }
}
