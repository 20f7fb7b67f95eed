package org.apache.spark.streaming.kinesis.internal.kcl;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The bytes of fetched records all the shards of one receiver hold together, and the rule that bounds them: a shard's
 * next GetRecords call first reserves what its answer may bring, and waits while the receiver cannot afford it. An
 * answer counts from the moment it is fetched until the record processor has returned from it (the receiver stored
 * it), so what is counted is what the KCL's prefetch queues and the batches being stored keep on the heap. (The KCL
 * acknowledges a batch when it hands it to the processor, not when the processor is done: with backpressure slowing
 * the stores, a batch per shard is being stored at any time, and a release on acknowledgement leaves those out: 640k
 * records of 1 KiB were seen live at 64 shards.)
 *
 * <p>The KCL's own bounds are per shard ({@code maxByteSize}, {@code maxPendingProcessRecordsInput}) and multiply by
 * the shards a receiver holds; this one does not. Rules:
 * <ul>
 *   <li>A shard reserves the size of its last answer, the most Kinesis returns (10 MiB) before its first, and at least
 *       {@link #MIN_RESERVATION_BYTES}: an estimate, settled to the real size when the answer arrives. The bound can
 *       thus be passed by what the estimates missed, never by a burst of shards starting together.</li>
 *   <li>A shard's first read, when the receiver holds so many shards that a shard's fair share of the budget
 *       ({@link ShardReadSize}) is smaller than the largest answer, reserves that share instead and asks Kinesis for
 *       no more records than it holds ({@link #recordLimit}); first reads wait ahead of later ones. So every shard of
 *       the receiver is read soon after it is assigned, instead of waiting for the first ~20 shards' full answers to
 *       be stored. Later reads ask for full answers again (taking turns in the budget): Spark's cost is per block
 *       (each answer is a block, or a part of one combined with other shards' answers), and at 64 shards reads cut
 *       to their share (blocks six times smaller, before blocks were combined) drained at 9,000 records/s against
 *       57,000 with full answers.</li>
 *   <li>Waiting shards are served in arrival order (first reads first), so that none waits for ever behind shards
 *       with smaller answers. Only the first in line is woken when room is given back: a receiver of 1,000 shards would otherwise
 *       wake 1,000 prefetch threads for every batch stored.</li>
 *   <li>An empty receiver always admits one read, so that an answer larger than the whole budget still goes
 *       through.</li>
 *   <li>A shard whose prefetch queue the KCL resets or shuts down gives back everything it held; its waiting read
 *       stops waiting, since the KCL's reset waits for it.</li>
 *   <li>A batch is known by when it was fetched (the KCL's {@code cacheEntryTime}, kept on the batch the processor
 *       gets). The processor's return from a batch gives back that batch and any older one of the shard: a batch the
 *       KCL delivered but did not pass on (all its records filtered out) is then not held for ever.</li>
 *   <li>A batch given back is emptied: the KCL keeps each shard's last batch (to restart from it) until the next one
 *       arrives, which for a shard waiting for the budget would keep a whole uncounted batch per shard on the heap
 *       (84 batches of 10,000 records live at 64 shards, where 20 were counted). The KCL reads only the batch's
 *       positions after that, never its records.</li>
 * </ul>
 * Thread-safe; one per receiver, shared by its shards' prefetch threads and record processors.
 */
public final class ReceiverPrefetchBudget {

    /**
     * What a fetched record costs on the heap beyond its data: its sequence number, partition key, arrival time and
     * buffer objects, about 250 bytes in a heap histogram of a receiver holding small records.
     */
    public static final long RECORD_OVERHEAD_BYTES = 256;

    /** The most record data one GetRecords call returns: what a shard's first read may bring. */
    static final long MAX_ANSWER_BYTES = 10L * 1024 * 1024;

    /**
     * The least a read reserves, even after empty answers: a shard that was caught up may get a full answer next, so a
     * receiver whose shards all wake up at once still admits only about budget / 1 MiB reads together.
     */
    static final long MIN_RESERVATION_BYTES = 1024 * 1024;

    /** How often a waiting read checks again even without a wake-up (a safety net; wake-ups come on every release). */
    private static final long WAIT_CHECK_MILLIS = 1_000;

    private final long limitBytes;
    /** How large each read may be; guarded by {@link #lock}. */
    private final ShardReadSize readSize;
    private final ReentrantLock lock = new ReentrantLock();
    /** Shards waiting for their first read, served before {@link #waiting}. */
    private final Deque<Shard> waitingFirst = new ArrayDeque<>();
    private final Deque<Shard> waiting = new ArrayDeque<>();
    /** The current account of each shard, for its record processor. */
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();
    private long usedBytes;

    public ReceiverPrefetchBudget(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("A prefetch budget must be positive, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
        this.readSize = new ShardReadSize(limitBytes);
    }

    /** A new account for the prefetch queue of {@code shardId}, replacing the shard's earlier one. */
    public Shard shard(String shardId) {
        Shard shard = new Shard(shardId);
        shards.put(shardId, shard);
        return shard;
    }

    /**
     * The record processor of {@code shardId} has returned from the batch fetched at {@code fetchedAt}: that batch
     * and the shard's older ones are given back.
     */
    public void processed(String shardId, Instant fetchedAt) {
        Shard shard = shards.get(shardId);
        if (shard != null && fetchedAt != null) {
            shard.processed(fetchedAt);
        }
    }

    /**
     * How many records the current read of {@code shardId} may ask for: {@link ShardReadSize#UNLIMITED} (the KCL's
     * {@code maxRecords} alone) unless the shard's share of the budget is smaller than its answer could be.
     */
    public int recordLimit(String shardId) {
        Shard shard = shards.get(shardId);
        return shard == null ? ShardReadSize.UNLIMITED : shard.recordLimit;
    }

    /** Bytes reserved or held by all shards now. */
    public long usedBytes() {
        lock.lock();
        try {
            return usedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Reads waiting for room now (for tests: a receiver whose shards all wait holds its whole budget). */
    int waitingReads() {
        lock.lock();
        try {
            return waitingFirst.size() + waiting.size();
        } finally {
            lock.unlock();
        }
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** What {@code records} count against the budget: their data plus {@link #RECORD_OVERHEAD_BYTES} each. */
    public static long bytes(List<KinesisClientRecord> records) {
        long bytes = (long) records.size() * RECORD_OVERHEAD_BYTES;
        for (KinesisClientRecord record : records) {
            bytes += record.data() == null ? 0 : record.data().limit();
        }
        return bytes;
    }

    /** Called holding the lock. */
    private void release(long bytes) {
        if (bytes != 0) {
            usedBytes -= bytes;
            wakeFirstInLine();
        }
    }

    /** Called holding the lock: the read whose turn it is (first reads before later ones), or null. */
    private Shard firstInLine() {
        return waitingFirst.isEmpty() ? waiting.peekFirst() : waitingFirst.peekFirst();
    }

    /** Called holding the lock: the first waiting read checks whether it fits now; the others stay asleep. */
    private void wakeFirstInLine() {
        Shard first = firstInLine();
        if (first != null) {
            first.turn.signal();
        }
    }

    /** A batch on its way to the record processor, and what it counts. */
    private static final class DeliveredBatch {

        private final List<KinesisClientRecord> records;
        private final long bytes;

        DeliveredBatch(List<KinesisClientRecord> records, long bytes) {
            this.records = records;
            this.bytes = bytes;
        }

        long bytes() {
            return bytes;
        }

        /** Lets the records go, whoever still holds the batch. */
        void empty() {
            try {
                records.clear();
            } catch (UnsupportedOperationException e) {
                // An unmodifiable list (not the KCL's polling publisher's): the records live as long as the batch.
            }
        }
    }

    /** One shard's reads and the answers they brought, from fetch until the receiver stored them. */
    public final class Shard {

        private final String shardId;
        /** Where this shard's read waits for room (one read at a time per shard). */
        private final Condition turn = lock.newCondition();
        /** Batches handed to the processor and not yet processed, by when they were fetched. */
        private final NavigableMap<Instant, DeliveredBatch> delivered = new TreeMap<>();
        private long heldBytes;
        private long lastAnswerBytes = MAX_ANSWER_BYTES;
        /** Whether a read of this shard has brought an answer yet. */
        private boolean answered;
        /** Records the read in progress may ask for (read by the shard's data fetcher, on the same thread). */
        private volatile int recordLimit = ShardReadSize.UNLIMITED;
        private boolean stopWaiting;
        private boolean closed;

        private Shard(String shardId) {
            this.shardId = shardId;
        }

        /**
         * Reserves room for the shard's next answer, waiting while the receiver cannot afford it, and returns the
         * bytes reserved; hand them to {@link #settle} or {@link #cancel}. Returns at once (reserving nothing) once
         * the shard is closed, and without waiting after {@link #stopWaiting()}.
         */
        public long reserve() throws InterruptedException {
            lock.lock();
            try {
                if (closed) {
                    return 0;
                }
                long estimate = Math.max(lastAnswerBytes, MIN_RESERVATION_BYTES);
                Deque<Shard> line = answered ? waiting : waitingFirst;
                line.addLast(this);
                try {
                    while (!stopWaiting && !closed && !(firstInLine() == this && affordable(reservation(estimate)))) {
                        turn.await(WAIT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    }
                } finally {
                    line.remove(this);
                    // The next in line may fit now.
                    wakeFirstInLine();
                }
                stopWaiting = false;
                if (closed) {
                    return 0;
                }
                long reservation = reservation(estimate);
                recordLimit = answered ? ShardReadSize.UNLIMITED : readSize.recordLimit(shards.size());
                usedBytes += reservation;
                return reservation;
            } finally {
                lock.unlock();
            }
        }

        /** What a read estimated at {@code estimate} reserves: a first read at most its share of the budget. */
        private long reservation(long estimate) {
            return answered ? estimate : readSize.reservation(estimate, shards.size());
        }

        private boolean affordable(long estimate) {
            return usedBytes == 0 || usedBytes + estimate <= limitBytes;
        }

        /** The read that reserved {@code reservedBytes} brought an answer of {@code answerBytes} (records unknown). */
        public void settle(long reservedBytes, long answerBytes) {
            settle(reservedBytes, answerBytes, 0);
        }

        /**
         * The read that reserved {@code reservedBytes} brought an answer of {@code answerRecords} records counting
         * {@code answerBytes}; the records tell the receiver's average record size, from which later reads that the
         * share cuts ask for their records.
         */
        public void settle(long reservedBytes, long answerBytes, int answerRecords) {
            lock.lock();
            try {
                if (closed) {
                    release(reservedBytes);
                    return;
                }
                readSize.answered(answerBytes, answerRecords);
                usedBytes += answerBytes;
                heldBytes += answerBytes;
                if (recordLimit == ShardReadSize.UNLIMITED) {
                    // A cut first read says nothing about the size of the shard's full answers.
                    lastAnswerBytes = answerBytes;
                }
                answered = true;
                release(reservedBytes);
            } finally {
                lock.unlock();
            }
        }

        /** The read that reserved {@code reservedBytes} failed: nothing was fetched. */
        public void cancel(long reservedBytes) {
            lock.lock();
            try {
                release(reservedBytes);
            } finally {
                lock.unlock();
            }
        }

        /**
         * The KCL is handing the batch fetched at {@code fetchedAt}, of {@code records}, on towards the record
         * processor. A batch without that time cannot be matched with its processing, so it is given back now.
         */
        public void delivering(Instant fetchedAt, List<KinesisClientRecord> records) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                long bytes = bytes(records);
                if (fetchedAt == null) {
                    giveBack(bytes);
                } else {
                    DeliveredBatch earlier = delivered.put(fetchedAt, new DeliveredBatch(records, bytes));
                    if (earlier != null) {
                        giveBack(earlier.bytes());
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * The processor returned from the batch fetched at {@code fetchedAt}: it and older batches are given back and
         * emptied.
         */
        void processed(Instant fetchedAt) {
            lock.lock();
            try {
                NavigableMap<Instant, DeliveredBatch> done = delivered.headMap(fetchedAt, true);
                for (DeliveredBatch batch : done.values()) {
                    batch.empty();
                    giveBack(batch.bytes());
                }
                done.clear();
            } finally {
                lock.unlock();
            }
        }

        private void giveBack(long bytes) {
            long released = Math.min(bytes, heldBytes);
            heldBytes -= released;
            release(released);
        }

        /**
         * The shard's waiting read, if any, goes ahead without waiting: the KCL is about to reset the shard's queue,
         * which waits for that read to end.
         */
        public void stopWaiting() {
            lock.lock();
            try {
                if (waiting.contains(this) || waitingFirst.contains(this)) {
                    stopWaiting = true;
                    turn.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        /** The KCL emptied the shard's queue: everything the shard held is given back. */
        public void reset() {
            lock.lock();
            try {
                delivered.clear();
                long released = heldBytes;
                heldBytes = 0;
                release(released);
            } finally {
                lock.unlock();
            }
        }

        /** The shard's queue is shut down: everything is given back and later reads count nothing. */
        public void close() {
            lock.lock();
            try {
                closed = true;
                reset();
                shards.remove(shardId, this);
                turn.signal();
            } finally {
                lock.unlock();
            }
        }

        /** Bytes of this shard's answers not yet stored by the receiver. */
        public long heldBytes() {
            lock.lock();
            try {
                return heldBytes;
            } finally {
                lock.unlock();
            }
        }
    }
}
