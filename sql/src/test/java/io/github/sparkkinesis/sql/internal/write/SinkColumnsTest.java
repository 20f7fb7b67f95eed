package io.github.sparkkinesis.sql.internal.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.sql.internal.options.KinesisSinkOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class SinkColumnsTest {

    private static KinesisSinkOptions options(Map<String, String> options) {
        return KinesisSinkOptions.parse(new CaseInsensitiveStringMap(options));
    }

    private static final KinesisSinkOptions ONE_STREAM = options(Map.of("streamName", "orders"));

    @Test
    void aMissingDataColumnFailsNamingItAndItsTypes() {
        StructType schema = new StructType().add("value", DataTypes.BinaryType).add("partitionKey",
                DataTypes.StringType);

        assertThatThrownBy(() -> SinkColumns.of(schema, ONE_STREAM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The kinesis sink needs a column 'data' of type BINARY or STRING, and the "
                        + "rows have none (columns: value, partitionKey)");
    }

    @Test
    void aMistypedColumnFailsNamingItsTypeAndTheAcceptedOnes() {
        StructType schema = new StructType().add("data", DataTypes.BinaryType).add("partitionKey",
                DataTypes.LongType);

        assertThatThrownBy(() -> SinkColumns.of(schema, ONE_STREAM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'partitionKey' of the rows written to the kinesis sink has type BIGINT, but the "
                        + "sink takes STRING; cast it, e.g. CAST(partitionKey AS STRING)");
    }

    @Test
    void thePartitionKeyColumnIsRequiredUnlessAnOptionGivesTheKey() {
        StructType dataOnly = new StructType().add("data", DataTypes.StringType);

        assertThatThrownBy(() -> SinkColumns.of(dataOnly, ONE_STREAM)).hasMessageContaining("'partitionKey'");
        SinkColumns constant = SinkColumns.of(dataOnly, options(Map.of("streamName", "s", "partitionKey", "k")));
        SinkColumns random = SinkColumns.of(dataOnly, options(Map.of("streamName", "s", "randomPartitionKey",
                "true")));

        GenericInternalRow row = new GenericInternalRow(new Object[] {UTF8String.fromString("x")});
        assertThat(constant.record(row)).extracting(UserRecord::partitionKey).isEqualTo("k");
        assertThat(random.record(row).partitionKey()).isNotEqualTo(random.record(row).partitionKey());
    }

    @Test
    void theStreamColumnIsRequiredWithoutTheOption() {
        StructType schema = new StructType().add("data", DataTypes.StringType).add("partitionKey",
                DataTypes.StringType);

        assertThatThrownBy(() -> SinkColumns.of(schema, options(Map.of()))).hasMessageContaining("'streamName'");
    }

    @Test
    void aRowBecomesARecordWithItsColumnsInAnyCase() {
        StructType schema = new StructType().add("DATA", DataTypes.BinaryType)
                .add("PartitionKey", DataTypes.StringType).add("explicitHashKey", DataTypes.StringType)
                .add("streamName", DataTypes.StringType).add("other", DataTypes.IntegerType);
        SinkColumns columns = SinkColumns.of(schema, options(Map.of()));

        UserRecord record = columns.record(new GenericInternalRow(new Object[] {"d".getBytes(StandardCharsets.UTF_8),
            UTF8String.fromString("k"), UTF8String.fromString("42"), UTF8String.fromString("s"), 1}));

        assertThat(record.stream()).isEqualTo("s");
        assertThat(record.partitionKey()).isEqualTo("k");
        assertThat(record.explicitHashKey()).isEqualTo("42");
        assertThat(record.data()).isEqualTo("d".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nullsAndMalformedHashKeysFailNamingTheColumn() {
        StructType schema = new StructType().add("data", DataTypes.BinaryType).add("partitionKey",
                DataTypes.StringType).add("explicitHashKey", DataTypes.StringType);
        SinkColumns columns = SinkColumns.of(schema, ONE_STREAM);

        assertThatThrownBy(() -> columns.record(new GenericInternalRow(new Object[] {null,
            UTF8String.fromString("k"), null}))).hasMessageContaining("null data");
        assertThatThrownBy(() -> columns.record(new GenericInternalRow(new Object[] {new byte[0], null, null})))
                .hasMessageContaining("null partitionKey");
        assertThatThrownBy(() -> columns.record(new GenericInternalRow(new Object[] {new byte[0],
            UTF8String.fromString("k"), UTF8String.fromString("-1")}))).hasMessageContaining("explicitHashKey '-1'");
        assertThatThrownBy(() -> columns.record(new GenericInternalRow(new Object[] {new byte[0],
            UTF8String.fromString("k".repeat(257)), null}))).hasMessage("A row has a partitionKey of 257 "
                + "characters; Kinesis takes 1 to 256");
    }
}
