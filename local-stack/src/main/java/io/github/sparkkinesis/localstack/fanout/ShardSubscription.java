package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * One SubscribeToShard call being served: reads the shard from the backing server and pushes what it finds as
 * {@code SubscribeToShardEvent}s, as Kinesis does: records as soon as they are read, an event without records at
 * the heartbeat interval while the shard is idle, a last event with the child shards and no continuation when the
 * shard has ended, and the end of the response when the subscription's lifetime is over. It reads only while the
 * client can take more (HTTP/2 flow control), so a slow client holds the reading back instead of filling memory.
 *
 * <p>Steps run on a scheduler thread, one at a time (a step may wait for the backing server, so it holds its own
 * lock, never the one {@link #wake()} and the other signals take, which Netty's event loop calls).
 */
final class ShardSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(ShardSubscription.class);

    /** Who is reading what: the registry's key. */
    record Key(String consumerArn, String shardId) {
    }

    private final Key key;
    private final String streamName;
    private final SubscriptionSink sink;
    private final Supplier<BackingShardReader.Start> start;
    private final BackingShardReader reader;
    private final FanOutServerSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Runnable onFinished;
    private final long startNanos;
    private final long deadlineNanos;

    private final Object stepLock = new Object();
    // Guarded by this:
    private ScheduledFuture<?> next;
    private boolean finished;
    private String endReason;
    private String failureCode;
    private String failureMessage;
    // Guarded by stepLock:
    private String iterator;
    private String continuation;
    private long lastEventNanos;

    ShardSubscription(Key key, String streamName, SubscriptionSink sink, BackingShardReader reader,
            Supplier<BackingShardReader.Start> start, FanOutServerSettings settings,
            ScheduledExecutorService scheduler, Runnable onFinished) {
        this.key = key;
        this.streamName = streamName;
        this.sink = sink;
        this.reader = reader;
        this.start = start;
        this.settings = settings;
        this.scheduler = scheduler;
        this.onFinished = onFinished;
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + settings.subscriptionLifetime().toNanos();
    }

    Key key() {
        return key;
    }

    String streamName() {
        return streamName;
    }

    /** How long ago it was admitted. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Sends the initial response and starts reading. */
    synchronized void begin() {
        sink.send(EventStreamMessages.initialResponse());
        scheduleIn(0);
    }

    /** Runs the next step now (new records were put, the client can take more, or it went away). */
    synchronized void wake() {
        if (!finished) {
            scheduleIn(0);
        }
    }

    /** Ends the subscription as Kinesis does when its lifetime is over: the response simply completes. */
    synchronized void end(String reason) {
        endReason = reason;
        wake();
    }

    /** Ends the subscription with an exception event (e.g. another subscription took the shard over). */
    synchronized void fail(String code, String message) {
        failureCode = code;
        failureMessage = message;
        wake();
    }

    synchronized boolean finished() {
        return finished;
    }

    private void scheduleIn(long nanos) {
        if (next != null && !next.isDone()) {
            if (nanos > 0 || next.getDelay(TimeUnit.NANOSECONDS) <= 0) {
                return;
            }
            next.cancel(false);
        }
        next = scheduler.schedule(this::step, nanos, TimeUnit.NANOSECONDS);
    }

    private void step() {
        synchronized (this) {
            // This run is the scheduled step; a signal from now on schedules another one.
            next = null;
        }
        synchronized (stepLock) {
            if (finished()) {
                return;
            }
            try {
                runStep();
            } catch (RuntimeException e) {
                LOG.warn("Subscription of {} to {} failed", key.consumerArn(), key.shardId(), e);
                String code = e instanceof KinesisServiceError error ? error.code() : "InternalFailureException";
                if (!sink.closed()) {
                    sink.send(EventStreamMessages.exception(code, String.valueOf(e.getMessage())));
                    sink.end();
                }
                finish(code);
            }
        }
    }

    private void runStep() {
        if (sink.closed()) {
            finish("the client went away");
            return;
        }
        String[] failure = failure();
        if (failure != null) {
            sink.send(EventStreamMessages.exception(failure[0], failure[1]));
            sink.end();
            finish(failure[0]);
            return;
        }
        String ended = endReason();
        if (ended != null || System.nanoTime() - deadlineNanos >= 0) {
            sink.end();
            finish(ended != null ? ended : "its lifetime is over");
            return;
        }
        if (!sink.writable()) {
            // The client's window is full: the sink wakes this subscription when it opens again.
            return;
        }
        if (iterator == null) {
            BackingShardReader.Start from = start.get();
            iterator = from.iterator();
            continuation = from.continuation();
            lastEventNanos = System.nanoTime();
        }
        readPage();
    }

    private synchronized String[] failure() {
        return failureCode == null ? null : new String[] {failureCode, failureMessage};
    }

    private synchronized String endReason() {
        return endReason;
    }

    private void readPage() {
        BackingShardReader.Page page = reader.read(iterator);
        List<Record> records = page.records();
        if (!records.isEmpty()) {
            continuation = records.get(records.size() - 1).sequenceNumber();
        }
        iterator = page.nextIterator();
        long now = System.nanoTime();
        if (page.shardEnded()) {
            sink.send(event(records, null, page.millisBehindLatest(), page.response().childShards()));
            sink.end();
            finish("the shard has ended");
            return;
        }
        boolean heartbeatDue = now - lastEventNanos >= settings.heartbeatInterval().toNanos();
        if (!records.isEmpty() || heartbeatDue) {
            sink.send(event(records, continuation, page.millisBehindLatest(), null));
            lastEventNanos = now;
        }
        boolean behind = !records.isEmpty() && page.millisBehindLatest() > 0;
        synchronized (this) {
            scheduleIn(behind ? 0 : settings.pollInterval().toNanos());
        }
    }

    private static byte[] event(List<Record> records, String continuation, long millisBehindLatest,
            List<ChildShard> childShards) {
        List<Map<String, Object>> encoded = new ArrayList<>(records.size());
        for (Record record : records) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("SequenceNumber", record.sequenceNumber());
            member.put("ApproximateArrivalTimestamp", record.approximateArrivalTimestamp());
            member.put("Data", record.data().asByteArrayUnsafe());
            member.put("PartitionKey", record.partitionKey());
            if (record.encryptionTypeAsString() != null) {
                member.put("EncryptionType", record.encryptionTypeAsString());
            }
            encoded.add(member);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Records", encoded);
        document.put("ContinuationSequenceNumber", continuation);
        document.put("MillisBehindLatest", millisBehindLatest);
        if (childShards != null) {
            List<Map<String, Object>> children = new ArrayList<>();
            for (ChildShard child : childShards) {
                children.add(Map.of("ShardId", child.shardId(), "ParentShards", child.parentShards(),
                        "HashKeyRange", Map.of("StartingHashKey", child.hashKeyRange().startingHashKey(),
                                "EndingHashKey", child.hashKeyRange().endingHashKey())));
            }
            document.put("ChildShards", children);
        }
        return EventStreamMessages.subscribeToShardEvent(document);
    }

    private void finish(String why) {
        synchronized (this) {
            finished = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        LOG.debug("Subscription of {} to {} ended: {}", key.consumerArn(), key.shardId(), why);
        onFinished.run();
    }
}
