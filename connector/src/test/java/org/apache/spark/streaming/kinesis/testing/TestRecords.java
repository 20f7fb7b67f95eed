package org.apache.spark.streaming.kinesis.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** KCL records for unit tests, with data {@code "data-<seq>[-<subseq>]"} and partition key {@code "pk-<seq>"}. */
public final class TestRecords {

    private static final Instant ARRIVAL = Instant.parse("2026-01-01T00:00:00Z");

    private TestRecords() {
    }

    /** A plain (not aggregated) record. */
    public static KinesisClientRecord record(String sequenceNumber) {
        return KinesisClientRecord.builder()
                .sequenceNumber(sequenceNumber)
                .subSequenceNumber(0)
                .partitionKey("pk-" + sequenceNumber)
                .approximateArrivalTimestamp(ARRIVAL)
                .data(utf8("data-" + sequenceNumber))
                .build();
    }

    /** A user record de-aggregated from a KPL aggregate: sub-record {@code subSequenceNumber} of it. */
    public static KinesisClientRecord aggregated(String sequenceNumber, long subSequenceNumber) {
        return KinesisClientRecord.builder()
                .sequenceNumber(sequenceNumber)
                .subSequenceNumber(subSequenceNumber)
                .aggregated(true)
                .partitionKey("pk-" + sequenceNumber)
                .approximateArrivalTimestamp(ARRIVAL)
                .data(utf8("data-" + sequenceNumber + "-" + subSequenceNumber))
                .build();
    }

    /** {@code count} plain records with consecutive sequence numbers from {@code firstSequenceNumber}. */
    public static List<KinesisClientRecord> plain(long firstSequenceNumber, int count) {
        List<KinesisClientRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(Long.toString(firstSequenceNumber + i)));
        }
        return records;
    }

    /** {@code subRecords} user records de-aggregated from the one Kinesis record {@code sequenceNumber}. */
    public static List<KinesisClientRecord> aggregate(String sequenceNumber, int subRecords) {
        List<KinesisClientRecord> records = new ArrayList<>(subRecords);
        for (int i = 0; i < subRecords; i++) {
            records.add(aggregated(sequenceNumber, i));
        }
        return records;
    }

    public static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
