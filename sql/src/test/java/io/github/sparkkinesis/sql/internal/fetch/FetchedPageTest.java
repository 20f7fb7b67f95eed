package io.github.sparkkinesis.sql.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class FetchedPageTest {

    private static KinesisClientRecord record(String key, String data, String sequenceNumber, long subSequence,
            Instant arrival) {
        return KinesisClientRecord.builder().partitionKey(key)
                .data(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)))
                .sequenceNumber(sequenceNumber).subSequenceNumber(subSequence)
                .approximateArrivalTimestamp(arrival).build();
    }

    @Test
    void theRecordsOfTheRangeComeBackFieldForField() {
        Instant arrival = Instant.parse("2026-11-30T10:15:30.123Z");
        List<KinesisClientRecord> records = List.of(
                record("skipped", "before", "1", 0, arrival),
                record("clé-ü", "données", "49590338271490256608559692538361571095921575989136588898", 0, arrival),
                record("k", "", "49590338271490256608559692538361571095921575989136588899", 3, null),
                record("skipped", "after", "9", 0, arrival));

        FetchedPage page = FetchedPage.decode(FetchedPage.encode(records, 1, 3));

        assertThat(page.size()).isEqualTo(2);
        assertThat(page.partitionKey(0).toString()).isEqualTo("clé-ü");
        assertThat(new String(page.data(0), StandardCharsets.UTF_8)).isEqualTo("données");
        assertThat(page.sequenceNumber(0).toString())
                .isEqualTo("49590338271490256608559692538361571095921575989136588898");
        assertThat(page.subSequenceNumber(0)).isZero();
        assertThat(page.arrivalMillis(0)).isEqualTo(arrival.toEpochMilli());
        assertThat(page.partitionKey(1).toString()).isEqualTo("k");
        assertThat(page.data(1)).isEmpty();
        assertThat(page.arrivalMillis(1)).as("unknown arrival").isZero();
        assertThat(page.position(1)).isEqualTo(
                new RecordPosition("49590338271490256608559692538361571095921575989136588899", 3));
    }

    @Test
    void dataIsCopiedOutSoRowsDoNotShareIt() {
        FetchedPage page = FetchedPage.decode(FetchedPage.encode(List.of(record("k", "abc", "5", 0, null)), 0, 1));

        page.data(0)[0] = 'X';

        assertThat(new String(page.data(0), StandardCharsets.UTF_8)).isEqualTo("abc");
    }

    @Test
    void aRecordsDataBufferIsNotConsumedByEncoding() {
        KinesisClientRecord record = record("k", "abc", "5", 0, null);

        FetchedPage.encode(List.of(record), 0, 1);

        assertThat(record.data().remaining()).isEqualTo(3);
    }

    @Test
    void anEmptyRangeIsAnEmptyPage() {
        assertThat(FetchedPage.decode(FetchedPage.encode(List.of(), 0, 0)).size()).isZero();
    }
}
