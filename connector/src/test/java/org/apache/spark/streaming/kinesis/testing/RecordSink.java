package org.apache.spark.streaming.kinesis.testing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * Collects what a DStream produces, batch by batch, in arrival order, on the driver. Only its id is captured by
 * the Spark closure; the data lives in a static map of this JVM (tests run Spark in local mode).
 */
public final class RecordSink<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Map<String, List<Object>> RECORDS = new ConcurrentHashMap<>();
    private static final Map<String, List<Integer>> BATCH_SIZES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    private RecordSink() {
        RECORDS.put(id, new ArrayList<>());
        BATCH_SIZES.put(id, new ArrayList<>());
    }

    /** A sink that receives every element of {@code stream} (collected to the driver after each batch). */
    public static <T> RecordSink<T> attach(JavaDStream<T> stream) {
        RecordSink<T> sink = new RecordSink<>();
        String sinkId = sink.id;
        stream.foreachRDD(rdd -> {
            List<T> batch = rdd.collect();
            List<Object> all = RECORDS.get(sinkId);
            synchronized (all) {
                all.addAll(batch);
                BATCH_SIZES.get(sinkId).add(batch.size());
            }
        });
        return sink;
    }

    /** Everything collected so far, in arrival order. */
    @SuppressWarnings("unchecked")
    public List<T> records() {
        List<Object> all = RECORDS.get(id);
        synchronized (all) {
            return (List<T>) new ArrayList<>(all);
        }
    }

    public int size() {
        List<Object> all = RECORDS.get(id);
        synchronized (all) {
            return all.size();
        }
    }

    /** The number of elements in each completed batch so far. */
    public List<Integer> batchSizes() {
        List<Object> all = RECORDS.get(id);
        synchronized (all) {
            return new ArrayList<>(BATCH_SIZES.get(id));
        }
    }

    /** Frees the collected data. */
    public void clear() {
        RECORDS.remove(id);
        BATCH_SIZES.remove(id);
    }
}
