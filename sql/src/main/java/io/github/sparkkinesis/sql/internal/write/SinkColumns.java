package io.github.sparkkinesis.sql.internal.write;

import io.github.sparkkinesis.sql.internal.options.KinesisSinkOptions;
import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns the sink takes, found in the schema of the rows when the query starts: {@code data} (BINARY or
 * STRING, required), {@code partitionKey} (STRING; required unless option {@code partitionKey} or
 * {@code randomPartitionKey} gives the key), {@code explicitHashKey} (STRING, optional) and {@code streamName}
 * (STRING; required unless option {@code streamName} names the stream). Names are matched case-insensitively, as
 * Spark resolves columns; other columns are ignored. A missing or mistyped column fails {@link #of} with a message
 * naming the column and the types it accepts.
 */
public final class SinkColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DATA = "data";
    public static final String PARTITION_KEY = "partitionKey";
    public static final String EXPLICIT_HASH_KEY = "explicitHashKey";
    public static final String STREAM_NAME = "streamName";

    private static final int ABSENT = -1;
    /** Kinesis' limit on partition keys, in Unicode characters. */
    private static final int MAX_KEY_CHARS = 256;

    private final int data;
    private final boolean dataIsString;
    private final int partitionKey;
    private final int explicitHashKey;
    private final int streamName;
    private final String fixedStream;
    private final String fixedPartitionKey;

    private SinkColumns(StructType schema, KinesisSinkOptions options) {
        data = required(schema, DATA, "BINARY or STRING", "select the record's bytes or text as data, e.g. "
                + "to_json(struct(*)) AS data", DataTypes.BinaryType, DataTypes.StringType);
        dataIsString = schema.fields()[data].dataType().equals(DataTypes.StringType);
        fixedPartitionKey = options.partitionKey().orElse(null);
        boolean keyFromColumn = fixedPartitionKey == null && !options.randomPartitionKey();
        partitionKey = keyFromColumn ? required(schema, PARTITION_KEY, "STRING", "select a partitionKey column, or "
                + "set option partitionKey (one key) or randomPartitionKey (a random key per record)",
                DataTypes.StringType) : ABSENT;
        explicitHashKey = optional(schema, EXPLICIT_HASH_KEY, "STRING");
        fixedStream = options.streamName().orElse(null);
        streamName = fixedStream == null ? required(schema, STREAM_NAME, "STRING", "select a streamName column, or "
                + "set option streamName", DataTypes.StringType) : ABSENT;
    }

    /**
     * The columns of {@code schema} that the sink writes.
     *
     * @throws IllegalArgumentException naming a missing or mistyped column and the types it accepts
     */
    public static SinkColumns of(StructType schema, KinesisSinkOptions options) {
        return new SinkColumns(schema, options);
    }

    /**
     * The record of a row.
     *
     * @throws IllegalArgumentException for a null data, key or stream, or a malformed explicit hash key
     */
    public UserRecord record(InternalRow row) {
        byte[] bytes = dataIsString ? row.getUTF8String(notNull(row, data, DATA)).getBytes()
                : row.getBinary(notNull(row, data, DATA));
        String stream = fixedStream != null ? fixedStream
                : row.getUTF8String(notNull(row, streamName, STREAM_NAME)).toString();
        String key = fixedPartitionKey != null ? fixedPartitionKey
                : partitionKey == ABSENT ? randomKey()
                : row.getUTF8String(notNull(row, partitionKey, PARTITION_KEY)).toString();
        if (key.isEmpty() || key.length() > MAX_KEY_CHARS && key.codePointCount(0, key.length()) > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("A row has a partitionKey of " + key.codePointCount(0, key.length())
                    + " characters; Kinesis takes 1 to " + MAX_KEY_CHARS);
        }
        String hashKey = explicitHashKey == ABSENT || row.isNullAt(explicitHashKey) ? null
                : row.getUTF8String(explicitHashKey).toString();
        if (hashKey != null) {
            ExplicitHashKeys.check(hashKey);
        }
        return new UserRecord(stream, key, hashKey, bytes);
    }

    /**
     * 128 random bits in hex: Kinesis hashes the key with MD5, so any spread key will do, and a thread-local
     * generator costs far less per record than {@code UUID.randomUUID()}'s secure one.
     */
    private static String randomKey() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    /** {@code index}, after checking that the row has a value there. */
    private static int notNull(InternalRow row, int index, String column) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException("A row has a null " + column + "; the kinesis sink needs a value in "
                    + "every row (filter the nulls out, or coalesce them)");
        }
        return index;
    }

    private static int required(StructType schema, String column, String types, String fix, DataType... accepted) {
        int index = indexOf(schema, column);
        if (index == ABSENT) {
            throw new IllegalArgumentException("The kinesis sink needs a column '" + column + "' of type " + types
                    + ", and the rows have none (columns: " + String.join(", ", schema.fieldNames()) + "); " + fix);
        }
        checkType(schema.fields()[index], types, accepted);
        return index;
    }

    private static int optional(StructType schema, String column, String types) {
        int index = indexOf(schema, column);
        if (index != ABSENT) {
            checkType(schema.fields()[index], types, DataTypes.StringType);
        }
        return index;
    }

    private static void checkType(StructField field, String types, DataType... accepted) {
        for (DataType type : accepted) {
            if (field.dataType().equals(type)) {
                return;
            }
        }
        throw new IllegalArgumentException("Column '" + field.name() + "' of the rows written to the kinesis sink "
                + "has type " + field.dataType().sql() + ", but the sink takes " + types + "; cast it, e.g. CAST("
                + field.name() + " AS " + types.split(" ")[0] + ")");
    }

    private static int indexOf(StructType schema, String column) {
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return ABSENT;
    }
}
