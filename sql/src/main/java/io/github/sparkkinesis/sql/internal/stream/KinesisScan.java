package io.github.sparkkinesis.sql.internal.stream;

import io.github.sparkkinesis.sql.KinesisRecordSchema;
import io.github.sparkkinesis.sql.internal.fanout.QueryConsumers;
import io.github.sparkkinesis.sql.internal.fetch.FetchSettings;
import io.github.sparkkinesis.sql.internal.offsets.InitialOffsetStore;
import io.github.sparkkinesis.sql.internal.options.InitialPosition;
import io.github.sparkkinesis.sql.internal.options.KinesisSourceOptions;
import io.github.sparkkinesis.sql.internal.plan.ShardPlanner;
import io.github.sparkkinesis.sql.internal.read.ReadSettings;
import io.github.sparkkinesis.sql.internal.shards.ShardDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisReadClient;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.apache.spark.streaming.kinesis.internal.read.RetryingKinesisCall;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;

/** A read of the Kinesis streams named by the options; its micro-batch stream does the work. */
public final class KinesisScan implements Scan {

    /**
     * How long a fetch that finds nothing keeps polling before it returns: an idle query then runs about one
     * fetch job a second rather than one per poll.
     */
    static final Duration LONG_POLL = Duration.ofSeconds(1);

    private final KinesisSourceOptions options;

    public KinesisScan(KinesisSourceOptions options) {
        this.options = options;
    }

    @Override
    public StructType readSchema() {
        return KinesisRecordSchema.SCHEMA;
    }

    @Override
    public String description() {
        return "kinesis" + options.streamNames();
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
        SparkContext sc = SparkSession.active().sparkContext();
        KinesisConnection connection = new KinesisConnection(options.region().orElse(null),
                options.endpoint().orElse(null), options.credentials());
        KinesisRetrySettings retries = KinesisRetrySettings.from(sc.getConf());
        QueryConsumers consumers = options.consumerName()
                .map(name -> QueryConsumers.activate(connection, options.streamNames(), name)).orElse(null);
        FetchSettings fetch = new FetchSettings(connection, retries, options.maxRecordsPerFetch(),
                options.shardFetchInterval(), options.maxFetchDuration(),
                LONG_POLL.compareTo(options.maxFetchDuration()) < 0 ? LONG_POLL : options.maxFetchDuration(),
                consumers == null ? Map.of() : consumers.arnsByStream());
        ReadSettings read = new ReadSettings(connection, retries, options.maxRecordsPerFetch(),
                options.failOnDataLoss());
        KinesisReadClient driverClient = new KinesisReadClient(connection);
        ShardDirectory directory = new ShardDirectory(driverClient.kinesis(), new RetryingKinesisCall(retries),
                options.endpoint().map(Object::toString).orElse("(regional endpoint)"), options.streamNames(),
                options.shardListRefreshInterval());
        ShardPlanner planner = new ShardPlanner(sc, directory, fetch, startingPoint(options.initialPosition()),
                options.maxRecordsPerFetch(), options.maxBytesPerTrigger().orElse(Long.MAX_VALUE),
                options.shardsPerTask().orElse(0), options.failOnDataLoss(), Instant::now,
                new InitialOffsetStore(checkpointLocation, sc.hadoopConfiguration()));
        return new KinesisMicroBatchStream(options, fetch, read, planner, driverClient,
                options.requireConsumerDeregistration() ? consumers : null);
    }

    private static StartingPoint startingPoint(InitialPosition position) {
        return switch (position.kind()) {
            case LATEST -> StartingPoint.latest();
            case TRIM_HORIZON -> StartingPoint.trimHorizon();
            case AT_TIMESTAMP -> StartingPoint.atTimestamp(position.timestamp().orElseThrow());
        };
    }
}
