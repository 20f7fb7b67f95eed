package io.github.sparkkinesis.sql.testing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A {@code foreachBatch} function that keeps every micro-batch's rows (as text of {@code data}, with the batch id)
 * in this JVM, for tests running Spark in local mode. Only its id is captured by Spark.
 */
public final class BatchRecorder implements VoidFunction2<Dataset<Row>, Long>, Serializable {
    private static final long serialVersionUID = 1L;

    private static final Map<String, List<RecordedBatch>> BATCHES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public BatchRecorder() {
        BATCHES.put(id, new ArrayList<>());
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        List<String> texts = batch.selectExpr("cast(data as string)").collectAsList().stream()
                .map(row -> row.getString(0)).toList();
        List<RecordedBatch> batches = BATCHES.get(id);
        synchronized (batches) {
            batches.add(new RecordedBatch(batchId, texts));
        }
    }

    public List<RecordedBatch> batches() {
        List<RecordedBatch> batches = BATCHES.get(id);
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    /** Every text recorded, in batch order. */
    public List<String> texts() {
        return batches().stream().flatMap(batch -> batch.texts().stream()).toList();
    }

    /** One micro-batch's rows. */
    public record RecordedBatch(long batchId, List<String> texts) {
    }
}
