package io.github.sparkkinesis.sql.internal.shards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.spark.streaming.kinesis.internal.aws.AwsFailureExplainer;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReadException;
import org.apache.spark.streaming.kinesis.internal.read.RetryingKinesisCall;
import org.apache.spark.streaming.kinesis.internal.read.StreamShards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The shards of the streams a query reads, listed with {@code ListShards} (open and closed ones, as long as they
 * hold records) on the driver, again every refresh interval or when asked (a shard that ended has children to
 * find).
 */
public final class ShardDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ShardDirectory.class);

    private final KinesisClient kinesis;
    private final RetryingKinesisCall retries;
    private final String endpointDescription;
    private final List<String> streams;
    private final long refreshNanos;
    private final LongSupplier nanoClock;
    private Map<String, List<ShardInfo>> shards;
    private long listedAtNanos;

    public ShardDirectory(KinesisClient kinesis, RetryingKinesisCall retries, String endpointDescription,
            List<String> streams, Duration refreshInterval) {
        this(kinesis, retries, endpointDescription, streams, refreshInterval, System::nanoTime);
    }

    ShardDirectory(KinesisClient kinesis, RetryingKinesisCall retries, String endpointDescription,
            List<String> streams, Duration refreshInterval, LongSupplier nanoClock) {
        this.kinesis = kinesis;
        this.retries = retries;
        this.endpointDescription = endpointDescription;
        this.streams = List.copyOf(streams);
        this.refreshNanos = refreshInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Stream → its shards, listed again if {@code refresh} or the refresh interval has passed.
     *
     * @throws IllegalStateException naming the stream, the endpoint and the likely fix when a stream cannot be
     *                               listed
     */
    public Map<String, List<ShardInfo>> shards(boolean refresh) {
        long now = nanoClock.getAsLong();
        if (shards == null || refresh || now - listedAtNanos >= refreshNanos) {
            Map<String, List<ShardInfo>> listed = new LinkedHashMap<>();
            for (String stream : streams) {
                listed.put(stream, list(stream));
            }
            shards = listed;
            listedAtNanos = now;
        }
        return shards;
    }

    private List<ShardInfo> list(String stream) {
        List<ShardInfo> found = new ArrayList<>();
        try {
            StreamShards.list(kinesis, retries, stream).forEach(shard -> found.add(ShardInfo.of(stream, shard)));
        } catch (KinesisRangeReadException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(AwsFailureExplainer.explain("list the shards of Kinesis stream '"
                    + stream + "'", "Kinesis", endpointDescription, cause)
                    + ". Check the streamName, region and endpoint options, or create the stream", e);
        }
        LOG.debug("Stream {} has {} shards", stream, found.size());
        return found;
    }
}
