package io.github.sparkkinesis.sql.internal.plan;

import io.github.sparkkinesis.sql.internal.fetch.BlockRef;
import io.github.sparkkinesis.sql.internal.fetch.FetchJob;
import io.github.sparkkinesis.sql.internal.fetch.FetchSettings;
import io.github.sparkkinesis.sql.internal.fetch.ShardFetchResult;
import io.github.sparkkinesis.sql.internal.fetch.ShardFetchSpec;
import io.github.sparkkinesis.sql.internal.offsets.InitialOffsetStore;
import io.github.sparkkinesis.sql.internal.offsets.KinesisSourceOffset;
import io.github.sparkkinesis.sql.internal.offsets.ShardPosition;
import io.github.sparkkinesis.sql.internal.read.KinesisInputPartition;
import io.github.sparkkinesis.sql.internal.shards.ShardDirectory;
import io.github.sparkkinesis.sql.internal.shards.ShardInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.connector.read.streaming.CompositeReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of the source: which shards a batch may read (parents are read to their end before their
 * children start), how far each goes within the read limits, and the fetches that find out what there is to
 * read. See {@code KinesisMicroBatchStream} for why an offset only holds positions of records already fetched.
 */
public final class ShardPlanner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardPlanner.class);

    /**
     * Without read limits, what one fetch reads of a shard at most, so that a shard far behind does not fill the
     * block manager: ten full {@code GetRecords} pages or 10 MiB, about five seconds of a shard's read limit.
     */
    static final long UNLIMITED_FETCH_RECORDS = 100_000;
    static final long UNLIMITED_FETCH_BYTES = 10L * 1024 * 1024;

    private final SparkContext sc;
    private final ShardDirectory directory;
    private final FetchSettings fetchSettings;
    private final StartingPoint initialPosition;
    private final Supplier<Instant> clock;
    private final InitialOffsetStore initialOffsets;
    private final int maxRecordsPerFetch;
    private final long maxBytesPerTrigger;
    private final int shardsPerTask;
    private final boolean failOnDataLoss;
    private final Map<String, ShardBuffer> buffers = new HashMap<>();
    private final Map<Integer, Integer> liveBlocksPerFetch = new HashMap<>();
    private Instant arrivalCutoff;
    private long batches;
    private boolean refreshShards;
    private KinesisSourceOffset latestKnown;

    /**
     * @param initialPosition where the shards present when the query first starts are read from ({@code LATEST}
     *                        is turned into the time the query started, so that a batch run again reads the same)
     * @param shardsPerTask   shards one fetch task reads; 0 to spread them over the cluster's parallelism
     */
    public ShardPlanner(SparkContext sc, ShardDirectory directory, FetchSettings fetchSettings,
            StartingPoint initialPosition, int maxRecordsPerFetch, long maxBytesPerTrigger, int shardsPerTask,
            boolean failOnDataLoss, Supplier<Instant> clock, InitialOffsetStore initialOffsets) {
        this.sc = sc;
        this.directory = directory;
        this.fetchSettings = fetchSettings;
        this.initialPosition = initialPosition;
        this.maxRecordsPerFetch = maxRecordsPerFetch;
        this.maxBytesPerTrigger = maxBytesPerTrigger;
        this.shardsPerTask = shardsPerTask;
        this.failOnDataLoss = failOnDataLoss;
        this.clock = clock;
        this.initialOffsets = initialOffsets;
    }

    /** Every shard of the streams when the query first started, at the initial position. */
    public KinesisSourceOffset initialOffset() {
        return initialOffsets.get(this::takeInitialOffset);
    }

    private KinesisSourceOffset takeInitialOffset() {
        StartingPoint start = initialPosition.kind() == StartingPoint.Kind.LATEST
                ? StartingPoint.atTimestamp(clock.get()) : initialPosition;
        Map<String, Map<String, ShardPosition>> streams = new TreeMap<>();
        directory.shards(true).forEach((stream, shards) -> {
            Map<String, ShardPosition> positions = new TreeMap<>();
            shards.forEach(shard -> positions.put(shard.shardId(), ShardPosition.startingAt(start)));
            streams.put(stream, positions);
        });
        KinesisSourceOffset initial = new KinesisSourceOffset(streams);
        LOG.info("Initial offset {}", initial.json());
        return initial;
    }

    /** From now on, read only records that arrived before now ({@code Trigger.AvailableNow}). */
    public void stopAtRecordsArrivedBeforeNow() {
        arrivalCutoff = clock.get();
        LOG.info("Reading the records that arrived before {}, then stopping", arrivalCutoff);
    }

    /**
     * The end of the next batch starting at {@code start}: fetches what is new, then takes whole blocks of each
     * readable shard within its share of {@code limit}. Equal to {@code start} when nothing is new.
     */
    public KinesisSourceOffset nextEnd(KinesisSourceOffset start, ReadLimit limit) {
        Map<String, Map<String, ShardPosition>> next = copy(start);
        List<Readable> readable = readableShards(start, next);
        long[] records = FairShares.split(maxRows(limit), readable.size(), batches);
        long[] bytes = FairShares.split(maxBytesPerTrigger, readable.size(), batches);
        for (Readable shard : readable) {
            release(buffer(shard.info()).alignTo(shard.position()));
        }
        fetch(readable, records, bytes);
        Map<String, Map<String, ShardPosition>> known = copy(start);
        for (int i = 0; i < readable.size(); i++) {
            Readable shard = readable.get(i);
            ShardBuffer buffer = buffer(shard.info());
            next.get(shard.info().stream()).put(shard.info().shardId(),
                    buffer.endFor(shard.position(), records[i], bytes[i]));
            known.computeIfAbsent(shard.info().stream(), s -> new TreeMap<>()).put(shard.info().shardId(),
                    buffer.endFor(shard.position(), Long.MAX_VALUE, Long.MAX_VALUE));
        }
        batches++;
        latestKnown = new KinesisSourceOffset(known);
        return new KinesisSourceOffset(next);
    }

    /** The offset if everything fetched so far were read, whatever the limits (for the query progress). */
    public KinesisSourceOffset latestKnown() {
        return latestKnown;
    }

    /** One partition per shard that moved between {@code start} and {@code end}. */
    public List<KinesisInputPartition> partitions(KinesisSourceOffset start, KinesisSourceOffset end) {
        Map<String, ShardInfo> shards = shardsById(false);
        List<KinesisInputPartition> partitions = new ArrayList<>();
        end.streams().forEach((stream, positions) -> positions.forEach((shardId, to) -> {
            ShardPosition from = start.position(stream, shardId);
            if (from == null) {
                // A shard that appeared after the query began: read from its beginning (see readableShards).
                from = ShardPosition.startingAt(StartingPoint.trimHorizon());
            }
            if (from.equals(to) || from.isEnded()) {
                return;
            }
            ShardInfo info = shards.get(key(stream, shardId));
            if (info == null) {
                info = shardsById(true).get(key(stream, shardId));
            }
            if (info == null) {
                throw new IllegalStateException("Shard " + shardId + " of stream " + stream + " is no longer in "
                        + "the stream (expired after the retention period), so the batch from " + from + " to " + to
                        + " cannot be read again");
            }
            ShardBuffer buffer = buffers.get(key(stream, shardId));
            List<BlockRef> blocks = buffer == null ? List.of() : buffer.blocksBetween(from, to);
            partitions.add(new KinesisInputPartition(stream, shardId, info.startingHashKey(), info.endingHashKey(),
                    from, to, blocks));
        }));
        return partitions;
    }

    /** The batches up to {@code end} are committed: their blocks can go. */
    public void consumed(KinesisSourceOffset end) {
        end.streams().forEach((stream, positions) -> positions.forEach((shardId, position) -> {
            ShardBuffer buffer = buffers.get(key(stream, shardId));
            if (buffer != null && !position.isEnded()) {
                release(buffer.alignTo(position));
            }
        }));
    }

    /** Lag of the shards read, as Databricks' source reports it ({@code avgMsBehindLatest} and the others). */
    public Map<String, String> metrics() {
        return LagMetrics.of(buffers.values());
    }

    @Override
    public void close() {
        liveBlocksPerFetch.keySet().forEach(this::removeBlocks);
        liveBlocksPerFetch.clear();
        buffers.clear();
    }

    /** The shards a batch may read now, at their position; shards new since {@code start} are added to {@code next}. */
    private List<Readable> readableShards(KinesisSourceOffset start, Map<String, Map<String, ShardPosition>> next) {
        Map<String, List<ShardInfo>> listing = directory.shards(refreshShards);
        refreshShards = false;
        List<Readable> readable = new ArrayList<>();
        listing.forEach((stream, shards) -> {
            Map<String, ShardPosition> positions = next.computeIfAbsent(stream, s -> new TreeMap<>());
            Map<String, ShardInfo> listed = new LinkedHashMap<>();
            shards.forEach(shard -> listed.put(shard.shardId(), shard));
            for (String shardId : List.copyOf(positions.keySet())) {
                if (!listed.containsKey(shardId) && !positions.get(shardId).isEnded()) {
                    expired(stream, shardId, positions.get(shardId));
                    positions.put(shardId, ShardPosition.ended());
                }
            }
            for (ShardInfo shard : shards) {
                if (!parentsEnded(shard, positions, listed)) {
                    continue;
                }
                // A shard the offset does not know appeared after the query began (a split or a merge): all of its
                // records came after its parents', which were read, so it is read from its beginning.
                ShardPosition position = positions.computeIfAbsent(shard.shardId(),
                        id -> ShardPosition.startingAt(StartingPoint.trimHorizon()));
                if (!position.isEnded()) {
                    readable.add(new Readable(shard, position));
                }
            }
        });
        return readable;
    }

    /** Parents come first: a shard waits until every parent still listed has been read to its end. */
    private static boolean parentsEnded(ShardInfo shard, Map<String, ShardPosition> positions,
            Map<String, ShardInfo> listed) {
        for (String parent : shard.parents()) {
            ShardPosition position = positions.get(parent);
            boolean stillListed = listed.containsKey(parent);
            if (stillListed && (position == null || !position.isEnded())) {
                return false;
            }
        }
        return true;
    }

    private void expired(String stream, String shardId, ShardPosition position) {
        String message = "Shard " + shardId + " of stream " + stream + " is no longer in the stream (its records "
                + "expired after the stream's retention period) but its records after " + position
                + " were not read";
        if (failOnDataLoss) {
            throw new IllegalStateException(message + ". Set the option failOnDataLoss=false to go on without them");
        }
        LOG.warn("{}; going on without them (failOnDataLoss=false)", message);
    }

    private void fetch(List<Readable> readable, long[] records, long[] bytes) {
        List<ShardFetchSpec> specs = new ArrayList<>();
        boolean anythingBuffered = false;
        for (int i = 0; i < readable.size(); i++) {
            ShardInfo info = readable.get(i).info();
            ShardBuffer buffer = buffer(info);
            anythingBuffered |= buffer.bufferedRecords() > 0;
            if (buffer.fetchedThrough().isEnded() || buffer.cutoffReached()
                    || specs.size() == ShardFetchSpec.MAX_SHARDS_PER_FETCH) {
                continue;
            }
            long wantRecords = Math.min(records[i], UNLIMITED_FETCH_RECORDS) - buffer.bufferedRecords();
            long wantBytes = Math.min(bytes[i], UNLIMITED_FETCH_BYTES) - buffer.bufferedBytes();
            if (wantRecords <= 0 || wantBytes <= 0) {
                continue;
            }
            int blockRecords = (int) Math.min(records[i] == Long.MAX_VALUE ? maxRecordsPerFetch : records[i],
                    Integer.MAX_VALUE);
            specs.add(new ShardFetchSpec(info.stream(), info.shardId(), info.startingHashKey(),
                    info.endingHashKey(), buffer.fetchedThrough().next(), wantRecords, wantBytes, blockRecords,
                    arrivalCutoff, specs.size()));
        }
        if (specs.isEmpty()) {
            return;
        }
        // An idle stream: the fetch waits a while for records instead of returning at once, so that an idle query
        // does not run a Spark job every few milliseconds. Never when records wait, nor for AvailableNow.
        boolean longPoll = !anythingBuffered && arrivalCutoff == null;
        FetchSettings settings = longPoll ? fetchSettings : fetchSettings.withLongPoll(Duration.ZERO);
        int fetchId = sc.newRddId();
        List<ShardFetchResult> results;
        try {
            results = FetchJob.run(sc, groups(specs), settings, fetchId,
                    "kinesis: read " + specs.size() + " shards ahead of a micro-batch");
        } catch (RuntimeException e) {
            // Blocks of task attempts that failed would otherwise stay until the application ends.
            removeBlocks(fetchId);
            throw e;
        }
        int blocks = 0;
        for (ShardFetchResult result : results) {
            ShardBuffer buffer = buffers.get(key(result.stream(), result.shardId()));
            if (result.firstAvailableAfterGap() != null) {
                dataLost(result, buffer.fetchedThrough());
            }
            buffer.add(result);
            blocks += result.blocks().size();
            refreshShards |= result.ended();
        }
        if (blocks > 0) {
            liveBlocksPerFetch.put(fetchId, blocks);
        }
    }

    private void dataLost(ShardFetchResult result, ShardPosition from) {
        String message = "Records of shard " + result.shardId() + " of stream " + result.stream() + " after " + from
                + " expired (trimmed after the stream's retention period) before they were read; the shard now "
                + "starts at " + result.firstAvailableAfterGap() + " (Kinesis does not say how many were lost)";
        if (failOnDataLoss) {
            throw new IllegalStateException(message + ". Set the option failOnDataLoss=false to go on without them");
        }
        LOG.warn("{}; going on without them (failOnDataLoss=false)", message);
    }

    private List<List<ShardFetchSpec>> groups(List<ShardFetchSpec> specs) {
        int perTask = shardsPerTask > 0 ? shardsPerTask
                : (int) Math.ceil(specs.size() / (double) Math.max(1, sc.defaultParallelism()));
        List<List<ShardFetchSpec>> groups = new ArrayList<>();
        for (int from = 0; from < specs.size(); from += perTask) {
            groups.add(List.copyOf(specs.subList(from, Math.min(specs.size(), from + perTask))));
        }
        return groups;
    }

    private void release(List<BlockRef> dropped) {
        for (BlockRef block : dropped) {
            Integer live = liveBlocksPerFetch.get(block.fetchId());
            if (live == null) {
                continue;
            }
            if (live <= 1) {
                liveBlocksPerFetch.remove(block.fetchId());
                removeBlocks(block.fetchId());
            } else {
                liveBlocksPerFetch.put(block.fetchId(), live - 1);
            }
        }
    }

    private void removeBlocks(int fetchId) {
        // Every block of one fetch goes with one call; removal on the executors is asynchronous.
        sc.env().blockManager().master().removeRdd(fetchId, false);
    }

    private ShardBuffer buffer(ShardInfo info) {
        return buffers.computeIfAbsent(key(info.stream(), info.shardId()), key -> new ShardBuffer());
    }

    private Map<String, ShardInfo> shardsById(boolean refresh) {
        Map<String, ShardInfo> byId = new HashMap<>();
        directory.shards(refresh).forEach((stream, shards) ->
                shards.forEach(shard -> byId.put(key(stream, shard.shardId()), shard)));
        return byId;
    }

    private static long maxRows(ReadLimit limit) {
        if (limit instanceof ReadMaxRows rows) {
            return rows.maxRows();
        }
        if (limit instanceof CompositeReadLimit composite) {
            long rows = Long.MAX_VALUE;
            for (ReadLimit part : composite.getReadLimits()) {
                rows = Math.min(rows, maxRows(part));
            }
            return rows;
        }
        return Long.MAX_VALUE;
    }

    private static Map<String, Map<String, ShardPosition>> copy(KinesisSourceOffset offset) {
        Map<String, Map<String, ShardPosition>> copy = new TreeMap<>();
        offset.streams().forEach((stream, positions) -> copy.put(stream, new TreeMap<>(positions)));
        return copy;
    }

    private static String key(String stream, String shardId) {
        return stream + '/' + shardId;
    }

    private record Readable(ShardInfo info, ShardPosition position) {
    }
}
