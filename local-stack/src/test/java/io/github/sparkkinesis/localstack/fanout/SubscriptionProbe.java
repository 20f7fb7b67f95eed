package io.github.sparkkinesis.localstack.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/** One SubscribeToShard call made with the SDK's async client, and everything it received. */
final class SubscriptionProbe {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final LinkedBlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    private final List<SubscribeToShardEvent> seen = new ArrayList<>();
    private final CompletableFuture<Void> done;

    private SubscriptionProbe(KinesisAsyncClient kinesis, String consumerArn, String shardId,
            StartingPosition position) {
        this.done = kinesis.subscribeToShard(request -> request.consumerARN(consumerArn).shardId(shardId)
                .startingPosition(position), SubscribeToShardResponseHandler.builder()
                .subscriber(event -> events.add((SubscribeToShardEvent) event))
                .build());
    }

    static SubscriptionProbe subscribe(KinesisAsyncClient kinesis, String consumerArn, String shardId,
            StartingPosition position) {
        return new SubscriptionProbe(kinesis, consumerArn, shardId, position);
    }

    /** Waits for the next event that matches, and returns it (events before it are kept in {@link #seen()}). */
    SubscribeToShardEvent awaitEvent(Predicate<SubscribeToShardEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SubscribeToShardEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                seen.add(event);
                if (wanted.test(event)) {
                    return event;
                }
            } else if (done.isDone()) {
                throw new AssertionError("The subscription ended before the event came: " + done);
            }
        }
        throw new AssertionError("No such event within " + WAIT.toSeconds() + " s; seen " + seen);
    }

    /** Waits for the first event (true) or the end of the subscription (false), whichever comes first. */
    boolean awaitFirstEventOrEnd() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SubscribeToShardEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                seen.add(event);
                return true;
            }
            if (done.isDone()) {
                return false;
            }
        }
        throw new AssertionError("Neither an event nor the end within " + WAIT.toSeconds() + " s");
    }

    /** Waits until records with these data arrived (in any number of events) and returns all records seen. */
    List<Record> awaitRecords(int count) throws InterruptedException {
        while (records().size() < count) {
            awaitEvent(event -> true);
        }
        return records();
    }

    /** The records of every event seen so far, in order. */
    List<Record> records() {
        List<Record> records = new ArrayList<>();
        seen.forEach(event -> records.addAll(event.records()));
        return records;
    }

    List<SubscribeToShardEvent> seen() {
        return seen;
    }

    /** Waits until the subscription has ended; the events it sent before are then in {@link #seen()}. */
    CompletableFuture<Void> awaitEnd() throws InterruptedException {
        try {
            done.handle((ignored, error) -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("The subscription did not end", e);
        }
        events.drainTo(seen);
        return done;
    }

    void cancel() {
        done.cancel(true);
    }
}
