package org.apache.spark.streaming.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.BlockId;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.recovery.KinesisBackedBlockRDD;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.apache.spark.streaming.kinesis.internal.recovery.RecordedBatch;
import org.apache.spark.streaming.scheduler.ReceivedBlockInfo;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.api.java.JavaReceiverInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.internal.config.KclTuning;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfigBuilder;
import org.apache.spark.streaming.kinesis.internal.config.MessageHandlerCheck;
import org.apache.spark.streaming.kinesis.internal.config.PollingSettings;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings;
import org.apache.spark.streaming.kinesis.internal.coordination.DriverCoordinator;
import org.apache.spark.streaming.kinesis.internal.metrics.BatchInputMetadata;
import org.apache.spark.streaming.kinesis.internal.receiver.ByteArrayRecordConverter;
import org.apache.spark.streaming.kinesis.internal.receiver.JavaFunctionRecordConverter;
import org.apache.spark.streaming.kinesis.internal.receiver.KinesisReceiver;
import org.apache.spark.streaming.kinesis.internal.receiver.RecordConverter;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ReceiverInputDStreamAdapter;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaBuilderApi;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaInterop;
import org.apache.spark.streaming.receiver.Receiver;
import scala.Function1;
import scala.Option;
import scala.reflect.ClassTag;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * A DStream of the records of an Amazon Kinesis data stream, read by the Kinesis Client Library (KCL 3) on Spark
 * receivers, with per-shard checkpoints in a DynamoDB lease table. Every record is delivered at least once and
 * in order within its shard; a checkpoint never covers a record that Spark has not stored.
 *
 * <p>Create it with {@link #builder()}:
 *
 * <pre>{@code
 * // Scala
 * val stream = KinesisInputDStream.builder
 *   .streamingContext(ssc)
 *   .streamName("orders")
 *   .checkpointAppName("orders-to-s3")
 *   .regionName("eu-west-1")
 *   .initialPosition(new KinesisInitialPositions.TrimHorizon())
 *   .build()                                          // DStream[Array[Byte]]
 *
 * val keys = KinesisInputDStream.builder
 *   .streamingContext(ssc).streamName("orders").checkpointAppName("orders-keys")
 *   .buildWithMessageHandler(record => record.partitionKey())   // DStream[String]
 *
 * // Java
 * JavaReceiverInputDStream<byte[]> records = KinesisInputDStream.builder()
 *     .streamingContext(jssc)
 *     .streamName("orders")
 *     .checkpointAppName("orders-to-s3")
 *     .build()
 *     .asJava();
 * }</pre>
 *
 * @param <T> the type of the stream's elements: {@code byte[]} from {@link Builder#build()}, or what the message
 *            handler returns
 */
public final class KinesisInputDStream<T> extends ReceiverInputDStreamAdapter<T> {
    private static final long serialVersionUID = 1L;

    /** Default {@link Builder#endpointUrl}: the Kinesis endpoint of the default region. */
    public static final String DEFAULT_KINESIS_ENDPOINT_URL = KinesisConsumerConfigBuilder.DEFAULT_KINESIS_ENDPOINT_URL;
    /** Default {@link Builder#regionName}. */
    public static final String DEFAULT_KINESIS_REGION_NAME = KinesisConsumerConfigBuilder.DEFAULT_REGION_NAME;
    /** Default {@link Builder#metricsLevel}. */
    public static final MetricsLevel DEFAULT_METRICS_LEVEL = KinesisConsumerConfigBuilder.DEFAULT_METRICS_LEVEL;
    /** Default {@link Builder#metricsEnabledDimensions}: {@code Operation} and {@code ShardId}. */
    public static final Set<String> DEFAULT_METRICS_ENABLED_DIMENSIONS =
            KinesisConsumerConfigBuilder.DEFAULT_METRICS_ENABLED_DIMENSIONS;

    /** Default {@link Builder#maxRecordsPerRead}. */
    public static final int DEFAULT_MAX_RECORDS_PER_READ = PollingSettings.DEFAULT_MAX_RECORDS_PER_READ;
    /** Default {@link Builder#idleTimeBetweenReads}. */
    public static final Duration DEFAULT_IDLE_TIME_BETWEEN_READS =
            new Duration(PollingSettings.DEFAULT_IDLE_TIME_BETWEEN_READS.toMillis());
    /** Default {@link Builder#maxPrefetchBytesPerShard}. */
    public static final long DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD =
            PollingSettings.DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD;
    /** Default {@link Builder#maxPrefetchBytesPerReceiver}. */
    public static final long DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER =
            PollingSettings.DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER;
    /** Default {@link Builder#leaseFailoverTime} (not in Spark's connector). */
    public static final Duration DEFAULT_LEASE_FAILOVER_TIME = new Duration(KclTuning.DEFAULT_FAILOVER_TIME.toMillis());
    /** Default {@link Builder#initialPosition}: {@code new KinesisInitialPositions.Latest()}. */
    public static final KinesisInitialPosition DEFAULT_INITIAL_POSITION = new KinesisInitialPositions.Latest();
    /** Default {@link Builder#storageLevel}: {@code StorageLevel.MEMORY_AND_DISK_2}. */
    public static final StorageLevel DEFAULT_STORAGE_LEVEL = StorageLevel.MEMORY_AND_DISK_2();

    private static final Logger LOG = LoggerFactory.getLogger(KinesisInputDStream.class);

    private final KinesisConsumerConfig config;
    private final java.time.Duration checkpointInterval;
    private final RecordConverter<T> converter;
    private final ClassTag<T> elementTag;
    /** The message handler as Spark's connector exposes it; {@link #converter} is what runs it. */
    private final Function1<KinesisClientRecord, T> messageHandler;
    private final ReceiverSettings receiverSettings;
    /**
     * The blocks of batch intervals computed but not run yet, by interval: written into every DStream checkpoint,
     * for driver recovery.
     */
    private final ConcurrentSkipListMap<Long, PendingBatch> pendingBatches = new ConcurrentSkipListMap<>();
    private transient volatile LongAccumulator recordsReadFromKinesis;
    /** Tells the receiver how far it may checkpoint; from when Spark asks for the receiver until the stream stops. */
    private transient volatile DriverCoordinator coordinator;

    private KinesisInputDStream(StreamingContext ssc, KinesisConsumerConfig config, RecordConverter<T> converter,
            ClassTag<T> elementTag) {
        super(ssc, elementTag);
        this.config = config;
        this.converter = converter;
        this.elementTag = elementTag;
        this.messageHandler = ScalaInterop.handlerFunction(converter);
        this.checkpointInterval = config.checkpointInterval()
                .orElseGet(() -> java.time.Duration.ofMillis(slideDuration().milliseconds()));
        this.receiverSettings = ReceiverSettings.from(ssc.sparkContext().getConf());
    }

    /** A builder with every setting at its default; stream context, stream name and application are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What {@link Builder#build()} makes of each record: a copy of its data, from position to limit (null for a
     * record without data). In Scala,
     * {@code builder.buildWithMessageHandler(KinesisInputDStream.defaultMessageHandler)} is {@code builder.build()}.
     */
    public static byte[] defaultMessageHandler(KinesisClientRecord record) {
        return ByteArrayRecordConverter.INSTANCE.convert(record);
    }

    /**
     * The receiver Spark ships to an executor. Spark asks for it on the driver when the streaming context starts,
     * fresh or recovered, before any batch runs: the moment to start following batch completions and to open the
     * endpoint the receiver asks how far it may checkpoint.
     */
    @Override
    public Receiver<T> getReceiver() {
        DriverCoordinator started;
        synchronized (this) {
            if (coordinator != null) {
                coordinator.stop();
            }
            started = DriverCoordinator.start(context(), config.streamName(),
                    receiverSettings.checkpointBeforeBatchCompletes(), slideDuration().milliseconds(),
                    ranThrough -> pendingBatches.values().removeIf(pending -> pending.runBy() <= ranThrough));
            coordinator = started;
        }
        return new KinesisReceiver<>(config, checkpointInterval, converter, started.endpointName(),
                receiverSettings);
    }

    /** Spark stops the input streams when the streaming context stops. */
    @Override
    public void stop() {
        DriverCoordinator running;
        synchronized (this) {
            running = coordinator;
            coordinator = null;
        }
        if (running != null) {
            running.stop();
        }
    }

    /** This stream for the Java API, without writing a ClassTag. */
    public JavaReceiverInputDStream<T> asJava() {
        return new JavaReceiverInputDStream<>(this, elementTag);
    }

    /**
     * The batch's RDD: blocks come from Spark's block manager while they are there, and are re-read from Kinesis,
     * by the ranges stored with them, when they are not.
     */
    @Override
    protected RDD<T> createBlockRDD(Time time, List<ReceivedBlockInfo> blockInfos, Supplier<RDD<T>> sparkDefault) {
        BlockId[] blockIds = new BlockId[blockInfos.size()];
        SequenceNumberRanges[] ranges = new SequenceNumberRanges[blockInfos.size()];
        boolean[] blockMayExist = new boolean[blockInfos.size()];
        for (int i = 0; i < blockInfos.size(); i++) {
            ReceivedBlockInfo info = blockInfos.get(i);
            SequenceNumberRanges blockRanges = rangesOf(info);
            if (blockRanges == null) {
                LOG.warn("Block {} of stream {} has no Kinesis ranges; it cannot be re-read from Kinesis if lost",
                        info.blockId(), config.streamName());
                return sparkDefault.get();
            }
            blockIds[i] = info.blockId();
            ranges[i] = blockRanges;
            blockMayExist[i] = info.isBlockIdValid();
        }
        if (blockIds.length > 0) {
            long runBy = runByBatch(time);
            pendingBatches.put(time.milliseconds(), new PendingBatch(new RecordedBatch(blockIds, ranges), runBy));
            DriverCoordinator current = coordinator;
            if (current != null) {
                current.blocksComputed(runBy, List.of(ranges));
            }
        }
        return blockRDD(blockIds, ranges, blockMayExist);
    }

    /**
     * A batch time at or after the batch that will run the blocks of interval {@code time}: usually {@code time}
     * itself, but a window sliding by several intervals computes earlier intervals when its own batch is generated,
     * which is at or after the latest batch time on Spark's streaming clock. A later time only delays checkpoints;
     * an earlier one could let a checkpoint pass records no batch has run.
     */
    private long runByBatch(Time time) {
        Time zero = zeroTime();
        if (zero == null) {
            return time.milliseconds();
        }
        Time latest = new Time(context().scheduler().clock().getTimeMillis()).floor(slideDuration(), zero);
        return Math.max(time.milliseconds(), latest.milliseconds());
    }

    /** Per shard: records, rate and lag in the batch, for the Spark UI and listeners. */
    @Override
    protected Map<String, Object> inputMetadata(Time time, List<ReceivedBlockInfo> blockInfos) {
        List<SequenceNumberRanges> blocks = new ArrayList<>(blockInfos.size());
        for (ReceivedBlockInfo info : blockInfos) {
            SequenceNumberRanges ranges = rangesOf(info);
            if (ranges != null) {
                blocks.add(ranges);
            }
        }
        return BatchInputMetadata.of(config.streamName(), blocks, slideDuration().milliseconds());
    }

    /** The Kinesis ranges a receiver stored with the block, or null (a block stored some other way). */
    private static SequenceNumberRanges rangesOf(ReceivedBlockInfo info) {
        return info.metadataOption().isDefined() && info.metadataOption().get() instanceof SequenceNumberRanges ranges
                ? ranges : null;
    }

    private KinesisBackedBlockRDD<T> blockRDD(BlockId[] blockIds, SequenceNumberRanges[] ranges,
            boolean[] blockMayExist) {
        SparkContext sc = context().sparkContext();
        return new KinesisBackedBlockRDD<>(sc, blockIds, ranges, blockMayExist, config, converter,
                KinesisRetrySettings.from(sc.getConf()), recordsReadFromKinesis(sc), elementTag);
    }

    /**
     * After a driver restart: gives every batch that was generated but not completed its RDD again, reading all of
     * its blocks from Kinesis (the blocks themselves died with the old driver's executors).
     */
    @Override
    public void restoreCheckpointData() {
        super.restoreCheckpointData();
        pendingBatches.forEach((batchTime, pending) -> {
            RecordedBatch batch = pending.batch();
            LOG.info("Recovering batch {} of stream {} from Kinesis: {} records", batchTime, config.streamName(),
                    batch.recordCount());
            BlockId[] blockIds = batch.blockIds();
            putGeneratedRDD(new Time(batchTime), blockRDD(blockIds, batch.ranges(), new boolean[blockIds.length]));
        });
    }

    private LongAccumulator recordsReadFromKinesis(SparkContext sc) {
        if (recordsReadFromKinesis == null) {
            synchronized (this) {
                if (recordsReadFromKinesis == null) {
                    recordsReadFromKinesis = sc.longAccumulator("Kinesis records re-read from " + config.streamName());
                }
            }
        }
        return recordsReadFromKinesis;
    }

    /** How many records this stream re-read from Kinesis because their blocks were gone (this driver run). */
    public long recordsReadFromKinesis() {
        LongAccumulator accumulator = recordsReadFromKinesis;
        return accumulator == null ? 0 : accumulator.value();
    }

    /** Batches generated but not completed yet (recorded for driver recovery). */
    int pendingBatchCount() {
        return pendingBatches.size();
    }

    KinesisConsumerConfig consumerConfig() {
        return config;
    }

    // The settings the stream was built with, defaults filled in, under the names Spark's connector gives them.

    /** The Kinesis stream read. */
    public String streamName() {
        return config.streamName();
    }

    /**
     * The Kinesis endpoint: the one given to the builder, or else the region's standard endpoint, e.g.
     * {@value #DEFAULT_KINESIS_ENDPOINT_URL} for {@value #DEFAULT_KINESIS_REGION_NAME}.
     */
    public String endpointUrl() {
        return config.kinesisEndpointOrStandard().toString();
    }

    /** The AWS region; default {@value #DEFAULT_KINESIS_REGION_NAME}. */
    public String regionName() {
        return config.regionName();
    }

    /** Where shards without a checkpoint start; default {@link #DEFAULT_INITIAL_POSITION}. */
    public KinesisInitialPosition initialPosition() {
        return config.initialPosition();
    }

    /** The KCL application name (the lease table's name). */
    public String checkpointAppName() {
        return config.checkpointAppName();
    }

    /** How often shard positions are checkpointed; default the batch duration. */
    public Duration checkpointInterval() {
        return new Duration(checkpointInterval.toMillis());
    }

    /**
     * The storage level of the received blocks; default {@link #DEFAULT_STORAGE_LEVEL}. (Spark's name:
     * {@code storageLevel} is the DStream's own, for the RDDs it persists.)
     */
    public StorageLevel _storageLevel() {
        return config.storageLevel();
    }

    /**
     * The function applied to each record: the Scala handler given to the builder, a function calling the Java
     * one, or {@link #defaultMessageHandler} for {@link Builder#build()}.
     */
    public Function1<KinesisClientRecord, T> messageHandler() {
        return messageHandler;
    }

    /** The Kinesis credentials; default the SDK's default chain ({@code SparkAWSCredentials.builder().build()}). */
    public SparkAWSCredentials kinesisCreds() {
        return config.kinesisCredentials();
    }

    /** The DynamoDB credentials if set; {@code None} means the Kinesis ones are used. */
    public Option<SparkAWSCredentials> dynamoDBCreds() {
        return ScalaInterop.option(config.dynamoDBCredentialsIfSet().orElse(null));
    }

    /** The CloudWatch credentials if set; {@code None} means the Kinesis ones are used. */
    public Option<SparkAWSCredentials> cloudWatchCreds() {
        return ScalaInterop.option(config.cloudWatchCredentialsIfSet().orElse(null));
    }

    /** The level of the KCL's CloudWatch metrics; default {@link #DEFAULT_METRICS_LEVEL}. */
    public MetricsLevel metricsLevel() {
        return config.metricsLevel();
    }

    /** The dimensions of the KCL's CloudWatch metrics; default {@link #DEFAULT_METRICS_ENABLED_DIMENSIONS}. */
    public scala.collection.immutable.Set<String> metricsEnabledDimensions() {
        return ScalaInterop.toScalaSet(config.metricsEnabledDimensions());
    }

    /**
     * The blocks of one batch interval and the batch time by which they will have run. A class, not a record:
     * Scala 2.12's compiler, which reads this file for the {@code _2.12} build, cannot parse a record that
     * implements an interface.
     */
    private static final class PendingBatch implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private final RecordedBatch batch;
        private final long runBy;

        PendingBatch(RecordedBatch batch, long runBy) {
            this.batch = batch;
            this.runBy = runBy;
        }

        RecordedBatch batch() {
            return batch;
        }

        long runBy() {
            return runBy;
        }
    }

    /**
     * Builds a {@link KinesisInputDStream}. Every setter returns the builder; passing null leaves the setting at
     * its default (or unset, for the required ones). All values are validated by the {@code build} methods, which
     * throw an {@link IllegalArgumentException} naming the setting at fault.
     *
     * <p>It implements {@link ScalaBuilderApi} only to give Scala callers {@code buildWithMessageHandler(handler)}
     * with an implicit {@code ClassTag}; Java callers use the two-argument {@code buildWithMessageHandler}s.
     */
    public static final class Builder implements ScalaBuilderApi {
        private final KinesisConsumerConfigBuilder config = new KinesisConsumerConfigBuilder();
        private StreamingContext streamingContext;

        /**
         * A builder with every setting at its default, as {@link KinesisInputDStream#builder()} gives (Spark's
         * connector has both), e.g. {@code new KinesisInputDStream.Builder().streamingContext(ssc)...}.
         */
        public Builder() {
        }

        /** Required: the streaming context the DStream belongs to. */
        public Builder streamingContext(StreamingContext ssc) {
            this.streamingContext = ssc;
            return this;
        }

        /** Required: the streaming context the DStream belongs to (Java API). */
        public Builder streamingContext(JavaStreamingContext jssc) {
            this.streamingContext = jssc == null ? null : jssc.ssc();
            return this;
        }

        /** Required: the name of the Kinesis stream to read. */
        public Builder streamName(String streamName) {
            config.streamName(streamName);
            return this;
        }

        /**
         * Required: the KCL application name. It names the DynamoDB lease table holding the shard checkpoints and
         * the CloudWatch namespace of the KCL metrics. DStreams with the same name share the stream's shards and
         * resume from the same checkpoints.
         */
        public Builder checkpointAppName(String appName) {
            config.checkpointAppName(appName);
            return this;
        }

        /**
         * The Kinesis endpoint. Default: the standard endpoint of {@link #regionName}, which is
         * {@value KinesisInputDStream#DEFAULT_KINESIS_ENDPOINT_URL} for the default region.
         */
        public Builder endpointUrl(String url) {
            config.endpointUrl(url);
            return this;
        }

        /**
         * The AWS region of the stream, lease table and metrics (used for signing requests; never derived from the
         * endpoint). Default {@value KinesisInputDStream#DEFAULT_KINESIS_REGION_NAME}.
         */
        public Builder regionName(String regionName) {
            config.regionName(regionName);
            return this;
        }

        /**
         * Where to start reading shards that have no checkpoint yet. Default
         * {@code new KinesisInitialPositions.Latest()}.
         */
        public Builder initialPosition(KinesisInitialPosition initialPosition) {
            config.initialPosition(initialPosition);
            return this;
        }

        /**
         * Where to start reading shards that have no checkpoint yet.
         *
         * @throws UnsupportedOperationException for {@code AT_TIMESTAMP}, which needs a timestamp
         * @deprecated use {@link #initialPosition(KinesisInitialPosition)}
         */
        @Deprecated
        public Builder initialPositionInStream(InitialPositionInStream initialPosition) {
            config.initialPosition(initialPosition == null
                    ? null : KinesisInitialPositions.fromKinesisInitialPosition(initialPosition));
            return this;
        }

        /**
         * How often each shard's position is checkpointed to DynamoDB (also when no new records arrived).
         * Default: the streaming context's batch duration.
         */
        public Builder checkpointInterval(Duration interval) {
            config.checkpointIntervalMillis(interval == null ? null : interval.milliseconds());
            return this;
        }

        /** Storage level of the received blocks. Default {@code StorageLevel.MEMORY_AND_DISK_2}. */
        public Builder storageLevel(StorageLevel storageLevel) {
            config.storageLevel(storageLevel);
            return this;
        }

        /** Credentials for Kinesis (and DynamoDB and CloudWatch unless set separately). Default: the SDK chain. */
        public Builder kinesisCredentials(SparkAWSCredentials credentials) {
            config.kinesisCredentials(credentials);
            return this;
        }

        /** Credentials for the DynamoDB lease table. Default: the Kinesis credentials. */
        public Builder dynamoDBCredentials(SparkAWSCredentials credentials) {
            config.dynamoDBCredentials(credentials);
            return this;
        }

        /** Credentials for CloudWatch metrics. Default: the Kinesis credentials. */
        public Builder cloudWatchCredentials(SparkAWSCredentials credentials) {
            config.cloudWatchCredentials(credentials);
            return this;
        }

        /**
         * The DynamoDB endpoint of the lease table, e.g. a VPC endpoint or a local DynamoDB. Default: the SDK's
         * endpoint resolution for the region, which honours {@code AWS_ENDPOINT_URL_DYNAMODB} and
         * {@code AWS_ENDPOINT_URL}. (Spark's own connector cannot set this: SPARK-27950.)
         */
        public Builder dynamoDBEndpointUrl(String url) {
            config.dynamoDBEndpointUrl(url);
            return this;
        }

        /**
         * The CloudWatch endpoint for KCL metrics. Default: the SDK's endpoint resolution for the region, which
         * honours {@code AWS_ENDPOINT_URL_CLOUDWATCH} and {@code AWS_ENDPOINT_URL}.
         */
        public Builder cloudWatchEndpointUrl(String url) {
            config.cloudWatchEndpointUrl(url);
            return this;
        }

        /**
         * Level of the KCL's CloudWatch metrics: DETAILED, SUMMARY or NONE (no CloudWatch calls at all).
         * Default {@code DETAILED}, as in Spark's connector; SUMMARY costs far fewer metrics.
         */
        public Builder metricsLevel(MetricsLevel metricsLevel) {
            config.metricsLevel(metricsLevel);
            return this;
        }

        /**
         * Dimensions of the KCL's CloudWatch metrics, among {@code Operation}, {@code ShardId}, {@code StreamId},
         * {@code WorkerIdentifier} (or {@code ALL}). Default {@code Operation} and {@code ShardId}.
         */
        public Builder metricsEnabledDimensions(Set<String> dimensions) {
            config.metricsEnabledDimensions(dimensions);
            return this;
        }

        /** {@link #metricsEnabledDimensions(Set)} for a Scala set, as Spark's connector takes it. */
        public Builder metricsEnabledDimensions(scala.collection.immutable.Set<String> dimensions) {
            config.metricsEnabledDimensions(dimensions == null ? null : ScalaInterop.toJavaSet(dimensions));
            return this;
        }

        /**
         * Records asked for per GetRecords call, 1 to 10,000. Default {@value #DEFAULT_MAX_RECORDS_PER_READ}.
         * Lower it only to bound the size of each KCL batch; Kinesis counts calls, not records, against the
         * per-shard read limit. A receiver holding more shards than its {@link #maxPrefetchBytesPerReceiver} has
         * room for at this size asks for fewer records in each shard's first read on its own.
         */
        public Builder maxRecordsPerRead(int records) {
            config.maxRecordsPerRead(records);
            return this;
        }

        /**
         * The pause between two GetRecords calls on a shard that is caught up, at least 200 ms. Default 300 ms
         * ({@link #DEFAULT_IDLE_TIME_BETWEEN_READS}). A shard that is behind is read again at once, within the
         * Kinesis limit of five calls per second and shard. Lower means less latency; higher leaves more of that
         * limit to other applications reading the same stream.
         * Example: {@code idleTimeBetweenReads(Durations.milliseconds(200))}.
         */
        public Builder idleTimeBetweenReads(Duration pause) {
            config.idleTimeBetweenReadsMillis(pause == null ? null : pause.milliseconds());
            return this;
        }

        /**
         * How many bytes of fetched records the KCL may hold per shard ahead of the receiver (it stops reading a
         * shard above this, so memory stays bounded when Spark is slower than the stream). Default 8 MiB
         * ({@link #DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD}).
         */
        public Builder maxPrefetchBytesPerShard(long bytes) {
            config.maxPrefetchBytesPerShard(bytes);
            return this;
        }

        /**
         * How many bytes of fetched records all the shards of one receiver may hold together ahead of what the
         * receiver has stored; a shard's next GetRecords call waits while the receiver is above it. Counted as record
         * data plus about 256 bytes per record (the record's own objects). It bounds a receiver's read-ahead whatever
         * the number of shards it holds, where {@link #maxPrefetchBytesPerShard} multiplies by them. At least 16 MiB;
         * default 256 MiB ({@link #DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER}). Each shard's first read is kept to its
         * share of it, budget / (2 × the receiver's shards), so that every shard of a receiver holding many starts
         * reading at once: with 128 shards of 1 KiB records it asks for about 1 MiB (819 records) instead of
         * {@link #maxRecordsPerRead}; later reads take turns. See {@code docs/scaling.md}.
         * Example: {@code maxPrefetchBytesPerReceiver(512L << 20)} for executors with more heap and shards with
         * large records.
         */
        public Builder maxPrefetchBytesPerReceiver(long bytes) {
            config.maxPrefetchBytesPerReceiver(bytes);
            return this;
        }

        /**
         * Reads with enhanced fan-out through the consumer of this name: Kinesis pushes each shard's records to it
         * over HTTP/2 as they arrive (about 70 ms after the put instead of the next poll), with 2 MiB/s per shard
         * of its own instead of a share of the shard's polling limits. The consumer is registered when the stream
         * has none of that name and reused when it has; it is never deregistered by the connector (see the
         * operations guide: a stream has at most 20 consumers, and each costs per shard-hour). DStreams of one
         * application share it; give each application its own. Default: unset, the stream is polled with
         * GetRecords. Not together with {@link #enhancedFanOutConsumerArn} or the polling options
         * ({@link #maxRecordsPerRead}, {@link #idleTimeBetweenReads}, {@link #maxPrefetchBytesPerShard},
         * {@link #maxPrefetchBytesPerReceiver}).
         * Example: {@code enhancedFanOutConsumerName("orders-to-s3")}.
         */
        public Builder enhancedFanOutConsumerName(String consumerName) {
            config.enhancedFanOutConsumerName(consumerName);
            return this;
        }

        /**
         * Reads with enhanced fan-out through an existing consumer of the stream, given by its ARN (for consumers
         * registered outside the application, e.g. by infrastructure code that also owns their removal; the
         * receivers then need no {@code kinesis:RegisterStreamConsumer} permission). It must be a consumer of this
         * stream in this region, and ACTIVE (the receiver waits while it is CREATING). Default: unset, the stream
         * is polled. Not together with {@link #enhancedFanOutConsumerName} or the polling options.
         * Example:
         * {@code enhancedFanOutConsumerArn("arn:aws:kinesis:eu-west-1:123456789012:stream/orders/consumer/app:1700000000")}.
         */
        public Builder enhancedFanOutConsumerArn(String consumerArn) {
            config.enhancedFanOutConsumerArn(consumerArn);
            return this;
        }

        /**
         * How long a shard's lease may go without renewal before another receiver of the application takes the
         * shard over (the KCL's {@code failoverTimeMillis}). Each receiver renews each of its leases every third of
         * it, one conditional DynamoDB write per lease: 310 writes per second for 1,024 shards at the default, which
         * is most of what the lease table costs on a large stream. A longer time divides those writes, and a failed
         * receiver's shards wait that long before another one reads them (receivers that stop or restart hand their
         * leases over at once). At least 1 s; default 10 s ({@link #DEFAULT_LEASE_FAILOVER_TIME}), the KCL's. See
         * {@code docs/scaling.md}. Example: {@code leaseFailoverTime(Durations.seconds(30))} for a stream of
         * hundreds of shards.
         */
        public Builder leaseFailoverTime(Duration failoverTime) {
            config.leaseFailoverTimeMillis(failoverTime == null ? null : failoverTime.milliseconds());
            return this;
        }

        /** Test hook: KCL lease timings (failover, assignment interval) other than the defaults. */
        Builder kclTuning(KclTuning tuning) {
            config.kclTuning(tuning);
            return this;
        }

        /**
         * A DStream of each record's data as a byte array.
         *
         * @throws IllegalArgumentException if a required setting is missing or a setting is invalid
         */
        public KinesisInputDStream<byte[]> build() {
            return build(ByteArrayRecordConverter.INSTANCE, ScalaInterop.classTag(byte[].class));
        }

        /**
         * A DStream of what {@code handler} returns for each record (Scala API). Scala code passes the handler
         * alone, the {@code ClassTag} being implicit: {@code buildWithMessageHandler(r => r.partitionKey())}
         * (passing it explicitly, {@code buildWithMessageHandler(handler, classTag[String])}, also works). The
         * handler runs on the executors: its closure is cleaned as Spark cleans those of RDD operations, and it
         * must be serializable. If it throws, the receiver restarts from its last checkpoint.
         *
         * @throws IllegalArgumentException if a setting is missing or invalid, or the handler is null or cannot
         *                                  be serialized
         */
        @Override
        public <T> KinesisInputDStream<T> buildWithMessageHandler(Function1<KinesisClientRecord, T> handler,
                ClassTag<T> elementType) {
            requireHandler(handler);
            if (elementType == null) {
                throw new IllegalArgumentException("buildWithMessageHandler needs the element type's ClassTag, got "
                        + "null; in Scala, leave it out and it is found implicitly");
            }
            Function1<KinesisClientRecord, T> cleaned =
                    MessageHandlerCheck.cleanedAndSerializable(requiredContext().sparkContext(), handler);
            return build(ScalaInterop.converter(cleaned), elementType);
        }

        /**
         * A DStream of what {@code handler} returns for each record (Java API), e.g.
         * {@code buildWithMessageHandler(r -> r.partitionKey(), String.class)}. The handler runs on the
         * executors, so it must be serializable; if it throws, the receiver restarts from its last checkpoint.
         *
         * @throws IllegalArgumentException if a setting is missing or invalid, or the handler is null or cannot
         *                                  be serialized
         */
        public <T> KinesisInputDStream<T> buildWithMessageHandler(Function<KinesisClientRecord, T> handler,
                Class<T> elementType) {
            requireHandler(handler);
            if (elementType == null) {
                throw new IllegalArgumentException("buildWithMessageHandler needs the element class, got null");
            }
            Function<KinesisClientRecord, T> cleaned =
                    MessageHandlerCheck.cleanedAndSerializable(requiredContext().sparkContext(), handler);
            return build(new JavaFunctionRecordConverter<>(cleaned), ScalaInterop.classTag(elementType));
        }

        private static void requireHandler(Object handler) {
            if (handler == null) {
                throw new IllegalArgumentException("No value provided for required parameter messageHandler");
            }
        }

        private StreamingContext requiredContext() {
            if (streamingContext == null) {
                throw new IllegalArgumentException("No value provided for required parameter streamingContext");
            }
            return streamingContext;
        }

        private <T> KinesisInputDStream<T> build(RecordConverter<T> converter, ClassTag<T> elementType) {
            StreamingContext ssc = requiredContext();
            KinesisConsumerConfig consumerConfig = config.build();
            return new KinesisInputDStream<>(ssc, consumerConfig, converter, elementType);
        }
    }
}
