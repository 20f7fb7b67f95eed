package io.github.sparkkinesis.sql.testing;

import io.github.sparkkinesis.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows for the kinesis sink, writers pointed at a {@link LocalStack}, and reading a whole stream back. */
public final class SinkTestRows {

    /** {@code partitionKey STRING, data BINARY}. */
    public static final StructType KEY_AND_DATA = new StructType()
            .add("partitionKey", DataTypes.StringType)
            .add("data", DataTypes.BinaryType);

    private SinkTestRows() {
    }

    /** {@code count} rows: key {@code k<i % keys>}, data {@code <prefix>-<i>}. */
    public static List<Row> numbered(String prefix, int count, int keys) {
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create("k" + (i % keys), (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return rows;
    }

    public static Dataset<Row> frame(List<Row> rows, StructType schema) {
        return SqlTestSession.spark().createDataFrame(rows, schema);
    }

    /** A batch writer of {@code rows} to {@code stream} through {@code endpoint} (the stack's, or a proxy's). */
    public static DataFrameWriter<Row> writer(Dataset<Row> rows, String endpoint, String stream) {
        return rows.write().format("kinesis").mode("append")
                .option("streamName", stream)
                .option("endpoint", endpoint)
                .option("region", LocalStack.REGION.id())
                .option("awsAccessKey", LocalStack.CREDENTIALS.resolveCredentials().accessKeyId())
                .option("awsSecretKey", LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey());
    }

    /**
     * {@code writer} with the options of a kinesis sink on {@code stack} writing to {@code stream}, plus
     * {@code more}. Set by reflection: Spark 4 declares {@code DataStreamWriter.option} in a generic parent, so a
     * direct call compiled against Spark 4 does not link on Spark 3.5, where these tests run too.
     */
    public static DataStreamWriter<Row> sinkOptions(DataStreamWriter<Row> writer, LocalStack stack, String stream,
            Map<String, String> more) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("streamName", stream,
                "endpoint", stack.kinesisEndpoint().toString(), "region", LocalStack.REGION.id(),
                "awsAccessKey", LocalStack.CREDENTIALS.resolveCredentials().accessKeyId(),
                "awsSecretKey", LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey()));
        options.putAll(more);
        try {
            Method option = DataStreamWriter.class.getMethod("option", String.class, String.class);
            for (Map.Entry<String, String> entry : options.entrySet()) {
                option.invoke(writer, entry.getKey(), entry.getValue());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DataStreamWriter.option(String, String) is not callable", e);
        }
        return writer;
    }

    /** Every record of {@code stream}, read by the kinesis source: partitionKey, data, shardId, ... */
    public static List<Row> readAll(LocalStack stack, String stream) throws Exception {
        String table = "sink_read_" + System.nanoTime();
        StreamingQuery query = SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "trim_horizon")
                .load()
                .writeStream().format("memory").queryName(table)
                .trigger(Trigger.AvailableNow())
                .start();
        if (!query.awaitTermination(180_000)) {
            query.stop();
            throw new IllegalStateException("Reading " + stream + " back did not finish in 3 minutes");
        }
        return SqlTestSession.spark().sql("select * from " + table).collectAsList();
    }

    /**
     * Each row as {@code key=text}, for comparing what was written with what was read: rows read (by column
     * name) or rows made by {@link #numbered} (no schema: key, then data).
     */
    public static List<String> keyed(List<Row> rows) {
        List<String> keyed = new ArrayList<>(rows.size());
        for (Row row : rows) {
            boolean read = row.schema() != null;
            String key = read ? row.getAs("partitionKey") : row.getString(0);
            byte[] data = read ? row.getAs("data") : (byte[]) row.get(1);
            keyed.add(key + "=" + new String(data, StandardCharsets.UTF_8));
        }
        return keyed;
    }
}
