package org.apache.spark.streaming.kinesis.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaInterop;
import org.apache.spark.streaming.kinesis.testing.ScalaPartitionKeyHandler;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.apache.spark.streaming.kinesis.testing.TestRecords;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** The record converters: the default byte copy, and Java and Scala message handlers. */
class RecordConvertersTest {

    private static KinesisClientRecord withData(ByteBuffer data) {
        return KinesisClientRecord.builder().sequenceNumber("1").partitionKey("pk").data(data).build();
    }

    @Test
    void byteArrayConverterCopiesTheRecordData() {
        byte[] bytes = ByteArrayRecordConverter.INSTANCE.convert(TestRecords.record("42"));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("data-42");
    }

    @Test
    void byteArrayConverterCopiesFromPositionToLimit() {
        ByteBuffer data = ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII));
        data.position(2).limit(7);

        byte[] bytes = ByteArrayRecordConverter.INSTANCE.convert(withData(data));

        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("23456");
    }

    @Test
    void byteArrayConverterLeavesTheRecordBufferPositionAlone() {
        ByteBuffer data = ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII));
        data.position(2).limit(7);
        KinesisClientRecord record = withData(data);

        ByteArrayRecordConverter.INSTANCE.convert(record);

        assertThat(record.data().position()).isEqualTo(2);
        assertThat(record.data().limit()).isEqualTo(7);
        assertThat(ByteArrayRecordConverter.INSTANCE.convert(record)).hasSize(5);
    }

    @Test
    void byteArrayConverterReturnsACopyNotTheBackingArray() {
        byte[] backing = "abc".getBytes(StandardCharsets.US_ASCII);

        byte[] bytes = ByteArrayRecordConverter.INSTANCE.convert(withData(ByteBuffer.wrap(backing)));
        backing[0] = 'z';

        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void byteArrayConverterReadsDirectAndReadOnlyBuffers() {
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put("xyz".getBytes(StandardCharsets.US_ASCII)).flip();

        assertThat(ByteArrayRecordConverter.INSTANCE.convert(withData(direct.asReadOnlyBuffer())))
                .isEqualTo("xyz".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void byteArrayConverterGivesAnEmptyArrayForEmptyData() {
        assertThat(ByteArrayRecordConverter.INSTANCE.convert(withData(ByteBuffer.allocate(0)))).isEmpty();
    }

    @Test
    void byteArrayConverterGivesNullForNoData() {
        assertThat(ByteArrayRecordConverter.INSTANCE.convert(withData(null))).isNull();
    }

    @Test
    void byteArrayConverterStaysASingletonThroughSerialization() {
        assertThat(Serialization.roundTrip(ByteArrayRecordConverter.INSTANCE))
                .isSameAs(ByteArrayRecordConverter.INSTANCE);
    }

    @Test
    void javaFunctionConverterCallsTheHandler() throws Exception {
        Function<KinesisClientRecord, String> handler = KinesisClientRecord::partitionKey;

        assertThat(new JavaFunctionRecordConverter<>(handler).convert(TestRecords.record("42"))).isEqualTo("pk-42");
    }

    @Test
    void javaFunctionConverterPassesCheckedExceptionsOn() {
        Function<KinesisClientRecord, String> handler = record -> {
            throw new java.io.IOException("bad record");
        };

        assertThatThrownBy(() -> new JavaFunctionRecordConverter<>(handler).convert(TestRecords.record("42")))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("bad record");
    }

    @Test
    void javaFunctionConverterSurvivesSerialization() throws Exception {
        Function<KinesisClientRecord, String> handler = KinesisClientRecord::partitionKey;

        RecordConverter<String> copy = Serialization.roundTrip(new JavaFunctionRecordConverter<>(handler));

        assertThat(copy.convert(TestRecords.record("42"))).isEqualTo("pk-42");
    }

    @Test
    void scalaFunctionConverterCallsTheHandler() throws Exception {
        assertThat(ScalaInterop.converter(new ScalaPartitionKeyHandler()).convert(TestRecords.record("42")))
                .isEqualTo("pk-42");
    }

    @Test
    void scalaFunctionConverterSurvivesSerialization() throws Exception {
        RecordConverter<String> copy = Serialization.roundTrip(ScalaInterop.converter(new ScalaPartitionKeyHandler()));

        assertThat(copy.convert(TestRecords.record("42"))).isEqualTo("pk-42");
    }

}
