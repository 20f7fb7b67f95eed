package io.github.sparkkinesis.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.sparkkinesis.localstack.FaultInjectingProxy;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.sql.testing.SinkTestRows;
import io.github.sparkkinesis.sql.testing.SqlTestSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Writing with the kinesis sink (batch), against kinesis-mock, read back by the source and the KCL. */
@ExtendWith(LocalStackExtension.class)
class KinesisSinkIT {

    @Test
    void rowsWrittenAreReadBackByTheSourceWithTheirBytesAndKeys(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("sink", 4);
        List<Row> rows = SinkTestRows.numbered("r", 1200, 37);

        SinkTestRows.writer(SinkTestRows.frame(rows, SinkTestRows.KEY_AND_DATA).repartition(3),
                stack.kinesisEndpoint().toString(), stream).save();

        assertThat(SinkTestRows.keyed(SinkTestRows.readAll(stack, stream)))
                .containsExactlyInAnyOrderElementsOf(SinkTestRows.keyed(rows));
    }

    @Test
    void stringDataAConstantKeyAndAStreamPerRowAreWritten(LocalStack stack) throws Exception {
        String first = stack.streams().createUniqueStream("sink-a", 1);
        String second = stack.streams().createUniqueStream("sink-b", 1);
        StructType schema = new StructType().add("data", DataTypes.StringType).add("streamName", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create("one", first), RowFactory.create("two", second),
                RowFactory.create("three", first));

        SinkTestRows.frame(rows, schema).write().format("kinesis").mode("append")
                .option("partitionKey", "fixed")
                .option("endpoint", stack.kinesisEndpoint().toString())
                .option("region", LocalStack.REGION.id())
                .option("awsAccessKey", "local").option("awsSecretKey", "local")
                .save();

        assertThat(SinkTestRows.keyed(SinkTestRows.readAll(stack, first))).containsExactlyInAnyOrder("fixed=one", "fixed=three");
        assertThat(SinkTestRows.keyed(SinkTestRows.readAll(stack, second))).containsExactly("fixed=two");
    }

    @Test
    void explicitHashKeysLandOnTheirShards(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("hash", 4);
        List<Shard> shards = stack.streams().shards(stream);
        StructType schema = SinkTestRows.KEY_AND_DATA.add("explicitHashKey", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        Map<String, String> shardOfData = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            Shard shard = shards.get(i % shards.size());
            // Every row has the same partition key: only the explicit hash key can spread them.
            rows.add(RowFactory.create("same", ("h" + i).getBytes(StandardCharsets.UTF_8),
                    shard.hashKeyRange().endingHashKey()));
            shardOfData.put("h" + i, shard.shardId());
        }

        SinkTestRows.writer(SinkTestRows.frame(rows, schema), stack.kinesisEndpoint().toString(), stream).save();

        List<Row> read = SinkTestRows.readAll(stack, stream);
        assertThat(read).hasSize(40);
        for (Row row : read) {
            String data = new String(row.<byte[]>getAs("data"), StandardCharsets.UTF_8);
            assertThat(row.<String>getAs("shardId")).as(data).isEqualTo(shardOfData.get(data));
        }
    }

    @Test
    void throttledCallsAndRejectedRecordsAreRetriedUntilEveryRowIsWrittenOnce(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("throttled", 2);
        List<Row> rows = SinkTestRows.numbered("t", 200, 50);

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.kinesisEndpoint())) {
            // Half of the calls throttled as a whole, and half of the records of the others rejected inside a
            // successful answer: neither kind is written by Kinesis.
            proxy.throttleEvery("PutRecords", 2).rejectPutRecordsEvery(2);
            SinkTestRows.writer(SinkTestRows.frame(rows, SinkTestRows.KEY_AND_DATA).repartition(2),
                    proxy.endpoint().toString(), stream)
                    .option("retryWaitTime", "10ms")
                    .option("maxPutAttempts", "40")
                    .save();

            assertThat(proxy.injectedErrors().get("ProvisionedThroughputExceededException")).isPositive();
            assertThat(proxy.rejectedRecords()).isGreaterThanOrEqualTo(rows.size() / 2);
        }
        // Nothing rejected was written, so every row is there exactly once.
        assertThat(SinkTestRows.keyed(SinkTestRows.readAll(stack, stream)))
                .containsExactlyInAnyOrderElementsOf(SinkTestRows.keyed(rows));
    }

    @Test
    void anOversizedRecordFailsTheWriteWithItsSize(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("oversized", 1);
        List<Row> rows = List.of(RowFactory.create("key", new byte[1024 * 1024]));

        Throwable error = catchThrowable(() -> SinkTestRows.writer(SinkTestRows.frame(rows,
                SinkTestRows.KEY_AND_DATA), stack.kinesisEndpoint().toString(), stream).save());

        assertThat(ExceptionUtils.getRootCause(error)).hasMessageContaining("has 1048579 bytes (data and partition "
                + "key), more than Kinesis' limit of 1048576 bytes per record");
    }

    @Test
    void aggregatesAreReadBackByTheKclAndTheSource(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("aggregated", 2);
        List<Row> rows = SinkTestRows.numbered("a", 2000, 101);

        SinkTestRows.writer(SinkTestRows.frame(rows, SinkTestRows.KEY_AND_DATA).repartition(2),
                stack.kinesisEndpoint().toString(), stream).option("aggregate", "true").save();

        List<KinesisClientRecord> kinesisRecords = new ArrayList<>();
        List<String> userRecords = new ArrayList<>();
        for (Shard shard : stack.streams().shards(stream)) {
            List<KinesisClientRecord> ofShard = rawRecords(stack, stream, shard.shardId());
            kinesisRecords.addAll(ofShard);
            for (KinesisClientRecord record : new AggregatorUtil().deaggregate(ofShard,
                    shard.hashKeyRange().startingHashKey(), shard.hashKeyRange().endingHashKey())) {
                assertThat(record.aggregated()).isTrue();
                userRecords.add(record.partitionKey() + "=" + StandardCharsets.UTF_8.decode(record.data()));
            }
        }
        assertThat(kinesisRecords.size()).isLessThan(rows.size() / 10);
        assertThat(userRecords).containsExactlyInAnyOrderElementsOf(SinkTestRows.keyed(rows));
        assertThat(SinkTestRows.keyed(SinkTestRows.readAll(stack, stream)))
                .containsExactlyInAnyOrderElementsOf(SinkTestRows.keyed(rows));
    }

    @Test
    void aMissingColumnFailsNamingIt(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("columns", 1);
        StructType schema = new StructType().add("data", DataTypes.IntegerType).add("partitionKey",
                DataTypes.StringType);

        Throwable error = catchThrowable(() -> SinkTestRows.writer(SinkTestRows.frame(List.of(RowFactory.create(1,
                "k")), schema), stack.kinesisEndpoint().toString(), stream).save());

        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessage("Column 'data' of the rows "
                + "written to the kinesis sink has type INT, but the sink takes BINARY or STRING; cast it, e.g. "
                + "CAST(data AS BINARY)");
    }

    private static List<KinesisClientRecord> rawRecords(LocalStack stack, String stream, String shardId) {
        String iterator = stack.kinesisClient().getShardIterator(request -> request.streamName(stream)
                .shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<KinesisClientRecord> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = stack.kinesisClient().getRecords(request -> request.shardIterator(current));
            page.records().forEach(record -> records.add(KinesisClientRecord.fromRecord(record)));
            if (page.records().isEmpty() && page.millisBehindLatest() != null && page.millisBehindLatest() == 0) {
                break;
            }
            iterator = page.nextShardIterator();
        }
        return records;
    }
}
