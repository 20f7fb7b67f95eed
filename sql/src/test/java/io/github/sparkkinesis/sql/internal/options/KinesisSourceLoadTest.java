package io.github.sparkkinesis.sql.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code spark.readStream().format("kinesis")...load()} fails at once, with the option's message. */
class KinesisSourceLoadTest {

    private static SparkSession spark;
    private static boolean ownSession;

    @BeforeAll
    static void startSpark() {
        // Another test class of this JVM may hold a session: use it and leave it running.
        ownSession = SparkSession.getDefaultSession().isEmpty();
        spark = SparkSession.builder()
                .config(SparkTestContext.localConf("local[1]", "kinesis-source-options"))
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (ownSession) {
            spark.stop();
        }
    }

    @Test
    void aBadValueFailsLoadWithTheOptionsMessage() {
        Throwable error = catchThrowable(() -> load(Map.of("streamName", "orders", "maxRecordsPerFetch", "0")));

        assertThat(error).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option 'maxRecordsPerFetch' of format kinesis has the invalid value '0': expected a "
                        + "whole number from 1 to 10000; give a value in that range, or remove the option for the "
                        + "default 10000");
    }

    @Test
    void aTypoFailsLoadNamingTheOptionMeant() {
        Throwable error = catchThrowable(() -> load(Map.of("streamName", "orders", "intialPosition", "latest")));

        assertThat(error).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown option 'intialPosition' for the kinesis source: did you mean "
                        + "'initialPosition'?");
    }

    @Test
    void aMissingStreamNameFailsLoad() {
        Throwable error = catchThrowable(() -> load(Map.of("region", "eu-west-1")));

        assertThat(error).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Option 'streamName' of format kinesis is required");
    }

    @Test
    void anUnknownConsumerModeOrEfoWithoutAConsumerNameFailsLoad() {
        assertThat(catchThrowable(() -> load(Map.of("streamName", "orders", "ConsumerMode", "push"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Option 'consumerMode' of format kinesis has the invalid value 'push': "
                        + "expected polling (GetRecords) or efo (enhanced fan-out)");
        assertThat(catchThrowable(() -> load(Map.of("streamName", "orders", "consumerMode", "EFO"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Option 'consumerName' of format kinesis is required with consumerMode "
                        + "efo");
    }

    @Test
    void validOptionsWithSparksOwnLoad() {
        Dataset<Row> rows = spark.readStream().format("kinesis")
                .option("streamName", "orders")
                .option("STARTINGPOSITION", "ignored: not an option of this source")
                .load("a-path-spark-passes-as-the-path-option");

        assertThat(rows.isStreaming()).isTrue();
        assertThat(rows.columns()).contains("data", "shardId");
    }

    private static Dataset<Row> load(Map<String, String> options) {
        return spark.readStream().format("kinesis").options(options).load();
    }
}
