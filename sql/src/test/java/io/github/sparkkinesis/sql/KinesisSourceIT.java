package io.github.sparkkinesis.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.sql.testing.SqlTestSession;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class KinesisSourceIT {

    @Test
    void availableNowReadsEveryRecordOfFourShardsOnce(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("source", 4);
        List<byte[]> payloads = TestPayloads.numbered("s", 400);
        stack.streams().putRecords(stream, payloads);
        String table = "kinesis_" + System.nanoTime();

        StreamingQuery query = SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "trim_horizon")
                .load()
                .writeStream().format("memory").queryName(table)
                .trigger(Trigger.AvailableNow())
                .start();
        assertThat(query.awaitTermination(TimeUnit.MINUTES.toMillis(3))).isTrue();

        List<Row> rows = SqlTestSession.spark().sql("select data from " + table).collectAsList();
        assertThat(TestPayloads.checksum(rows.stream().map(row -> (byte[]) row.get(0)).toList()))
                .isEqualTo(TestPayloads.checksum(payloads));
    }
}
