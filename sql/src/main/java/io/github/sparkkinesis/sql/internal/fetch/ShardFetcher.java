package io.github.sparkkinesis.sql.internal.fetch;

import io.github.sparkkinesis.sql.internal.fanout.SubscribedShards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.ShardPage;
import org.apache.spark.streaming.kinesis.internal.read.ShardPageReader;
import org.apache.spark.streaming.kinesis.internal.read.ShardPageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The executor side of a fetch: reads the new records of a few shards into Spark's block manager and says what it
 * stored. The shards are read in turns, a page of each, so that one shard's pacing (5 calls/s) does not hold the
 * others; a shard is done when it reached the newest record, its limit, its end or the arrival cutoff, and the
 * whole fetch returns at the latest after {@code maxFetchDuration}. A fetch that finds nothing in any of its shards
 * polls again every {@code shardFetchInterval} for up to {@code longPoll}, so an idle stream does not cost a Spark
 * job per poll.
 *
 * <p>A stream read with enhanced fan-out gives its pages from the shard's subscription instead
 * ({@link SubscribedShards}): the records Kinesis pushed since the last fetch, then what arrives while the fetch
 * lasts; the rest works the same.
 */
public final class ShardFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(ShardFetcher.class);

    private final FetchSettings settings;
    private final int fetchId;
    private final int attempt;

    /**
     * @param attempt the task attempt (0 for the first): retried and speculative attempts name their blocks apart
     */
    public ShardFetcher(FetchSettings settings, int fetchId, int attempt) {
        this.settings = settings;
        this.fetchId = fetchId;
        this.attempt = attempt;
    }

    /** Fetches every shard of {@code specs}; one result per spec, in order. */
    public List<ShardFetchResult> fetch(List<ShardFetchSpec> specs) {
        String location = BlockRef.locationOf(SparkEnv.get().blockManager().blockManagerId());
        List<ShardRead> reads = new ArrayList<>(specs.size());
        try {
            for (ShardFetchSpec spec : specs) {
                reads.add(new ShardRead(spec, location, pages(spec)));
            }
            return readInTurns(reads);
        } finally {
            reads.forEach(read -> read.pages.close());
        }
    }

    /** The shard's pages by GetRecords, or from its subscription when its stream is read with enhanced fan-out. */
    private ShardPageSource pages(ShardFetchSpec spec) {
        HashKeyRange hashKeys = HashKeyRange.builder().startingHashKey(spec.startingHashKey())
                .endingHashKey(spec.endingHashKey()).build();
        String consumerArn = settings.consumerArns().get(spec.stream());
        if (consumerArn == null) {
            return ShardPageReader.open(SharedKinesisClients.forConnection(settings.connection()),
                    settings.retrySettings(), spec.stream(), spec.shardId(), hashKeys, spec.from());
        }
        return SubscribedShards.open(SharedKinesisClients.fanOut(settings.connection()), consumerArn, spec.stream(),
                spec.shardId(), hashKeys, spec.from(), settings.maxRecordsPerCall());
    }

    private List<ShardFetchResult> readInTurns(List<ShardRead> reads) {
        long started = System.nanoTime();
        long deadline = started + settings.maxFetchDuration().toNanos();
        long longPollDeadline = started + settings.longPoll().toNanos();
        boolean foundAny = false;
        while (true) {
            boolean progress = false;
            for (ShardRead read : reads) {
                if (!read.done && System.nanoTime() < deadline) {
                    progress |= read.readPage();
                }
            }
            foundAny |= progress;
            boolean allDone = reads.stream().allMatch(read -> read.done);
            if (!allDone && System.nanoTime() < deadline) {
                continue;
            }
            if (foundAny || System.nanoTime() + settings.shardFetchInterval().toNanos() >= longPollDeadline) {
                break;
            }
            // Nothing new anywhere: poll again after the pause instead of returning an empty fetch.
            sleep(settings.shardFetchInterval().toMillis());
            reads.forEach(ShardRead::pollAgain);
        }
        List<ShardFetchResult> results = new ArrayList<>(reads.size());
        reads.forEach(read -> results.add(read.result()));
        LOG.debug("Fetch {} read {} records from {} shards in {} ms", fetchId,
                results.stream().mapToLong(ShardFetchResult::records).sum(), results.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return results;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while polling Kinesis", e);
        }
    }

    /** One shard's part of the fetch. */
    private final class ShardRead {
        private final ShardFetchSpec spec;
        private final String location;
        private final ShardPageSource pages;
        private final List<BlockRef> blocks = new ArrayList<>();
        private long records;
        private long bytes;
        private boolean done;
        private boolean atTip;
        private boolean cutoffReached;
        private Long millisBehindLatest;
        private String firstAvailableAfterGap;
        private boolean outOfBlockNames;

        ShardRead(ShardFetchSpec spec, String location, ShardPageSource pages) {
            this.spec = spec;
            this.location = location;
            this.pages = pages;
        }

        /** Reads one page; true if it had records. */
        boolean readPage() {
            long wanted = Math.min(settings.maxRecordsPerCall(), spec.maxRecords() - records);
            ShardPage page = pages.next((int) Math.max(1, wanted));
            if (page.startMissing()) {
                firstAvailableAfterGap = page.firstSequenceNumber();
            }
            millisBehindLatest = page.millisBehindLatest();
            atTip = page.atTip();
            List<KinesisClientRecord> kept = beforeCutoff(page.records());
            store(kept, page.bytes());
            done = pages.ended() || atTip || cutoffReached || records >= spec.maxRecords()
                    || bytes >= spec.maxBytes() || outOfBlockNames;
            return !kept.isEmpty();
        }

        /** After an empty round: a shard that was at its tip is read again; the others stay as they are. */
        void pollAgain() {
            if (atTip && !pages.ended() && !cutoffReached) {
                done = false;
            }
        }

        private List<KinesisClientRecord> beforeCutoff(List<KinesisClientRecord> pageRecords) {
            Instant cutoff = spec.arrivalCutoff();
            if (cutoff == null) {
                return pageRecords;
            }
            for (int i = 0; i < pageRecords.size(); i++) {
                Instant arrival = pageRecords.get(i).approximateArrivalTimestamp();
                if (arrival != null && arrival.isAfter(cutoff)) {
                    cutoffReached = true;
                    return pageRecords.subList(0, i);
                }
            }
            return pageRecords;
        }

        private void store(List<KinesisClientRecord> pageRecords, long pageBytes) {
            if (pageRecords.isEmpty()) {
                return;
            }
            long bytesPerRecord = Math.max(1, pageBytes / pageRecords.size());
            int blockRecords = blockRecords(bytesPerRecord);
            for (int from = 0; from < pageRecords.size(); from += blockRecords) {
                if (blocks.size() == FetchBlockIndex.MAX_BLOCKS) {
                    // The rest of the page is read again by the next fetch, from after the last record stored.
                    outOfBlockNames = true;
                    return;
                }
                int to = Math.min(pageRecords.size(), from + blockRecords);
                int index = FetchBlockIndex.of(attempt, spec.slot(), blocks.size());
                BlockRef block = new BlockRef(fetchId, index, position(pageRecords.get(from)),
                        position(pageRecords.get(to - 1)), to - from, bytesPerRecord * (to - from), location);
                FetchedBlocks.store(block, FetchedPage.encode(pageRecords, from, to), spec.stream(),
                        spec.shardId());
                blocks.add(block);
                records += block.records();
                bytes += block.bytes();
            }
        }

        private int blockRecords(long bytesPerRecord) {
            return (int) Math.max(1, Math.min(spec.blockRecords(), spec.maxBytes() / bytesPerRecord));
        }

        ShardFetchResult result() {
            // Ended only if every record up to the shard's end is in a block.
            boolean ended = pages.ended() && !cutoffReached && !outOfBlockNames;
            return new ShardFetchResult(spec.stream(), spec.shardId(), blocks, ended,
                    millisBehindLatest, atTip, cutoffReached, firstAvailableAfterGap, pages.getRecordsCalls());
        }
    }

    private static RecordPosition position(KinesisClientRecord record) {
        return RecordPosition.of(record);
    }
}
