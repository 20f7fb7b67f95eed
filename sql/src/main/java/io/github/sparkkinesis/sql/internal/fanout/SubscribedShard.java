package io.github.sparkkinesis.sql.internal.fanout;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.streaming.kinesis.internal.aws.AwsFailureExplainer;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReadException;
import org.apache.spark.streaming.kinesis.internal.read.ShardPage;
import org.apache.spark.streaming.kinesis.internal.read.ShardPageSource;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * A shard read through an enhanced fan-out consumer: one {@code SubscribeToShard} subscription after another, from a
 * starting point on, its events' records kept (de-aggregated, up to a bound) until a fetch takes them as pages.
 *
 * <p>It outlives a fetch ({@link SubscribedShards} keeps it for the next fetch of the shard, which continues where
 * this one's last page ended), so Kinesis pushes records between fetches and a fetch rarely subscribes. Subscribing
 * again happens only when a fetch asks for a page: after a subscription ended (Kinesis ends each after 5 minutes)
 * from the last event's continuation, so nothing is lost or read twice; after Kinesis refused one because the last
 * was less than 5 s ago ({@code ResourceInUseException}) once {@link #RESUBSCRIBE_PAUSE} has passed, never sooner;
 * after other errors with a doubling pause, failing the fetch after {@link #MAX_FAILED_SUBSCRIPTIONS} in a row.
 * A shard nobody fetches any more is not subscribed again, so a stopped query leaves at most one subscription per
 * shard, which Kinesis ends within 5 minutes; its owner then drops it with what it kept.
 *
 * <p>Thread-safe: events arrive on the SDK's threads, pages are taken on the fetch's.
 */
final class SubscribedShard implements ShardPageSource {

    private static final Logger LOG = LoggerFactory.getLogger(SubscribedShard.class);
    /** Kinesis refuses a subscription within 5 s of the last one to the shard: try again a second later. */
    static final Duration RESUBSCRIBE_PAUSE = Duration.ofSeconds(1);
    /** How long a page waits for an event when nothing is kept and the shard's tip is not known to be reached. */
    static final Duration EVENT_WAIT = Duration.ofMillis(500);
    /** Subscriptions failing in a row (refusals within 5 s not counted) before the fetch fails. */
    static final int MAX_FAILED_SUBSCRIPTIONS = 5;

    private final KinesisAsyncClient kinesis;
    private final String consumerArn;
    private final String stream;
    private final String shardId;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final StartingPoint origin;
    private final int maxKept;
    private final Owner owner;
    private final AggregatorUtil aggregation = new AggregatorUtil();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private final Deque<KinesisClientRecord> kept = new ArrayDeque<>();
    private int generation;
    private boolean subscribed;
    private Subscription events;
    private boolean demandPaused;
    private long notBeforeNanos;
    private String continuation;
    private Long millisBehindLatest;
    private boolean lastEventReceived;
    private boolean ended;
    private boolean firstRecordsSeen;
    private String firstAvailableAfterGap;
    private int failuresInARow;
    private Throwable failure;
    private boolean failed;
    private boolean cancelled;
    private volatile long releasedAtNanos = System.nanoTime();
    private RecordPosition lastTaken;

    /**
     * @param maxKept records kept at most: beyond, no further event is asked for until a fetch takes some (Kinesis
     *                then holds the subscription back through HTTP/2 flow control)
     * @param owner   told when a fetch is done with it and when a subscription ends
     */
    SubscribedShard(KinesisAsyncClient kinesis, String consumerArn, String stream, String shardId,
            HashKeyRange hashKeyRange, StartingPoint origin, int maxKept, Owner owner) {
        this.kinesis = kinesis;
        this.consumerArn = consumerArn;
        this.stream = stream;
        this.shardId = shardId;
        this.startingHashKey = new BigInteger(hashKeyRange.startingHashKey());
        this.endingHashKey = new BigInteger(hashKeyRange.endingHashKey());
        this.origin = origin;
        this.maxKept = maxKept;
        this.owner = owner;
    }

    /** Whether a pass from {@code start} is this one's continuation: it starts right after the last page taken. */
    boolean continues(StartingPoint start) {
        lock.lock();
        try {
            if (failed || cancelled) {
                return false;
            }
            return lastTaken == null ? start.equals(origin)
                    : start.kind() == StartingPoint.Kind.AFTER_POSITION && start.position().equals(lastTaken);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ShardPage next(int limit) {
        Subscription toRequest;
        ShardPage page;
        lock.lock();
        try {
            long waitUntil = System.nanoTime() + EVENT_WAIT.toNanos();
            while (true) {
                if (failed) {
                    throw new KinesisRangeReadException("Cannot read shard " + shardId + " of stream " + stream
                            + " with enhanced fan-out consumer " + consumerArn + ": "
                            + AwsFailureExplainer.explain("subscribe to shard " + shardId, "Kinesis",
                                    "(the connection's endpoint)", failure), failure);
                }
                if (!kept.isEmpty() || lastEventReceived) {
                    page = take(limit);
                    break;
                }
                long now = System.nanoTime();
                if (!subscribed && now - notBeforeNanos >= 0) {
                    subscribe();
                    continue;
                }
                boolean atTip = millisBehindLatest != null && millisBehindLatest == 0;
                if (atTip || now - waitUntil >= 0) {
                    // Nothing new yet: an empty page saying whether the shard's tip was reached.
                    page = new ShardPage(List.of(), millisBehindLatest, 0, 0, false, false, null);
                    break;
                }
                long until = subscribed ? waitUntil : Math.min(waitUntil, notBeforeNanos);
                changed.awaitNanos(Math.max(1, until - now));
            }
            toRequest = demandPaused && kept.size() < maxKept ? events : null;
            if (toRequest != null) {
                demandPaused = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KinesisRangeReadException("Interrupted while reading shard " + shardId + " of stream "
                    + stream + " with enhanced fan-out", e);
        } finally {
            lock.unlock();
        }
        if (toRequest != null) {
            toRequest.request(1);
        }
        return page;
    }

    @Override
    public boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int getRecordsCalls() {
        return 0;
    }

    /** The fetch is done with it; it stays subscribed for the next one. */
    @Override
    public void close() {
        releasedAtNanos = System.nanoTime();
        owner.released(this);
    }

    /** How long ago a fetch was last done with it. */
    long idleNanos() {
        return System.nanoTime() - releasedAtNanos;
    }

    /** Ends the running subscription for good and drops what it kept. */
    void cancel() {
        Subscription running;
        lock.lock();
        try {
            generation++;
            cancelled = true;
            running = events;
            events = null;
            subscribed = false;
            kept.clear();
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.cancel();
        }
    }

    /** Up to {@code limit} kept records; the shard's last page once the last event's records are all taken. */
    private ShardPage take(int limit) {
        List<KinesisClientRecord> records = new ArrayList<>(Math.min(limit, kept.size()));
        long bytes = 0;
        while (!kept.isEmpty() && records.size() < limit) {
            KinesisClientRecord record = kept.poll();
            records.add(record);
            bytes += record.data().remaining() + (record.partitionKey() == null ? 0 : record.partitionKey().length());
        }
        if (!records.isEmpty()) {
            lastTaken = RecordPosition.of(records.get(records.size() - 1));
        }
        boolean last = lastEventReceived && kept.isEmpty();
        ended |= last;
        boolean startMissing = firstAvailableAfterGap != null;
        String first = startMissing ? firstAvailableAfterGap
                : records.isEmpty() ? null : records.get(0).sequenceNumber();
        firstAvailableAfterGap = null;
        // Records still kept: the shard's tip is not reached whatever the last event said.
        Long lag = kept.isEmpty() || millisBehindLatest == null ? millisBehindLatest : Math.max(1, millisBehindLatest);
        return new ShardPage(records, lag, bytes, records.size(), last, startMissing, first);
    }

    /** Starts a subscription from where the last one's events ended, or from the origin. Holding the lock. */
    private void subscribe() {
        int subscription = ++generation;
        subscribed = true;
        SubscribeToShardRequest request = SubscribeToShardRequest.builder().consumerARN(consumerArn)
                .shardId(shardId).startingPosition(startingPosition()).build();
        LOG.debug("Subscribing to shard {} of stream {} {}", shardId, stream, request.startingPosition());
        SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                .onEventStream(publisher -> publisher.subscribe(new Events(subscription)))
                .build();
        kinesis.subscribeToShard(request, handler)
                .whenComplete((ignored, error) -> subscriptionEnded(subscription, error));
    }

    private StartingPosition startingPosition() {
        StartingPosition.Builder position = StartingPosition.builder();
        if (continuation != null) {
            return position.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation).build();
        }
        switch (origin.kind()) {
            // After a user record: at its Kinesis record, whose earlier user records received() drops.
            case AT_SEQUENCE_NUMBER:
            case AFTER_POSITION:
                return position.type(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(origin.sequenceNumber())
                        .build();
            case TRIM_HORIZON:
                return position.type(ShardIteratorType.TRIM_HORIZON).build();
            case AT_TIMESTAMP:
                return position.type(ShardIteratorType.AT_TIMESTAMP).timestamp(origin.timestamp()).build();
            case LATEST:
                return position.type(ShardIteratorType.LATEST).build();
            default:
                throw new IllegalStateException(origin.toString());
        }
    }

    private void received(int subscription, SubscribeToShardEvent event) {
        Subscription toRequest = null;
        lock.lock();
        try {
            if (subscription != generation) {
                return;
            }
            failuresInARow = 0;
            keep(event.records());
            millisBehindLatest = event.millisBehindLatest();
            if (event.continuationSequenceNumber() == null) {
                // The shard is closed (its children are in the event): nothing comes after these records.
                lastEventReceived = true;
            } else {
                continuation = event.continuationSequenceNumber();
            }
            if (kept.size() < maxKept) {
                toRequest = events;
            } else {
                demandPaused = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (toRequest != null) {
            toRequest.request(1);
        }
    }

    private void keep(List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        if (!firstRecordsSeen && continuation == null && origin.sequenceNumber() != null
                && !records.get(0).sequenceNumber().equals(origin.sequenceNumber())) {
            // The starting record expired (the stream's retention); the shard now starts later.
            firstAvailableAfterGap = records.get(0).sequenceNumber();
        }
        firstRecordsSeen = true;
        List<KinesisClientRecord> userRecords = aggregation.deaggregate(
                records.stream().map(KinesisClientRecord::fromRecord).toList(), startingHashKey, endingHashKey);
        for (KinesisClientRecord record : userRecords) {
            if (origin.kind() != StartingPoint.Kind.AFTER_POSITION
                    || RecordPosition.of(record).isAfter(origin.position())) {
                kept.add(record);
            }
        }
    }

    private void subscriptionEnded(int subscription, Throwable error) {
        lock.lock();
        try {
            if (subscription != generation || !subscribed) {
                return;
            }
            subscribed = false;
            events = null;
            demandPaused = false;
            if (error != null) {
                failedSubscription(AwsFailureExplainer.unwrap(error));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // Outside the lock: the owner takes its own lock first, then this one (see cancel()).
        owner.subscriptionEnded(this);
    }

    private void failedSubscription(Throwable cause) {
        if (cause instanceof ResourceInUseException) {
            notBeforeNanos = System.nanoTime() + RESUBSCRIBE_PAUSE.toNanos();
            return;
        }
        failure = cause;
        failuresInARow++;
        if (AwsFailureExplainer.isPermanent(cause) || failuresInARow >= MAX_FAILED_SUBSCRIPTIONS) {
            failed = true;
            return;
        }
        LOG.info("Subscription to shard {} of stream {} failed ({}); subscribing again", shardId, stream,
                cause.toString());
        notBeforeNanos = System.nanoTime()
                + TimeUnit.SECONDS.toNanos(1L << Math.min(4, failuresInARow - 1));
    }

    /** Who keeps the shard (the registry, or the one fetch of a shard read twice at once). */
    interface Owner {
        /** A fetch is done with the shard. */
        void released(SubscribedShard shard);

        /** A subscription ended (Kinesis ended it, or it failed); none is started until a fetch asks. */
        void subscriptionEnded(SubscribedShard shard);
    }

    /** The events of one subscription, asked for one at a time. */
    private final class Events implements Subscriber<SubscribeToShardEventStream> {
        private final int subscription;
        private Subscription stream;

        Events(int subscription) {
            this.subscription = subscription;
        }

        @Override
        public void onSubscribe(Subscription stream) {
            this.stream = stream;
            lock.lock();
            try {
                if (subscription != generation) {
                    stream.cancel();
                    return;
                }
                events = stream;
            } finally {
                lock.unlock();
            }
            stream.request(1);
        }

        @Override
        public void onNext(SubscribeToShardEventStream event) {
            if (event instanceof SubscribeToShardEvent records) {
                received(subscription, records);
            } else {
                // No other event type carries records; ask for the next one.
                stream.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            subscriptionEnded(subscription, error);
        }

        @Override
        public void onComplete() {
            // The call's future completes too; subscriptionEnded runs from there.
        }
    }
}
