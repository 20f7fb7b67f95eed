package org.apache.spark.streaming.kinesis.testing;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts a known number of numbered records into a stream at a steady pace in the background, while a test injects
 * a fault; stops by itself once all are put.
 */
public final class BoundedProducer implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "bounded-producer");
        t.setDaemon(true);
        return t;
    });
    private final Future<List<ProducedRecord>> produced;
    private final List<ProducedRecord> soFar = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    private BoundedProducer(LocalStack stack, String stream, String prefix, int count, int perSecond) {
        int perRound = Math.max(1, perSecond / 5);
        this.produced = thread.submit(() -> {
            List<ProducedRecord> all = new ArrayList<>();
            for (int start = 0; start < count && !cancelled; start += perRound) {
                long began = System.nanoTime();
                int size = Math.min(perRound, count - start);
                List<ProducedRecord> put = stack.streams().putRecords(stream,
                        TestPayloads.numbered(prefix + "-" + start, size));
                all.addAll(put);
                soFar.addAll(put);
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
                Thread.sleep(Math.max(0, 200 - elapsed));
            }
            return all;
        });
    }

    /** Starts putting {@code count} records, about {@code perSecond} a second. */
    public static BoundedProducer start(LocalStack stack, String stream, String prefix, int count, int perSecond) {
        return new BoundedProducer(stack, stream, prefix, count, perSecond);
    }

    /** Whether it has put every record (or failed). */
    public boolean isDone() {
        return produced.isDone();
    }

    /** The records put so far, with where they landed, in order. */
    public List<ProducedRecord> producedSoFar() {
        return List.copyOf(soFar);
    }

    /** Waits until every record is put and returns their payloads (as text), in order. */
    public List<String> awaitAll() throws InterruptedException, ExecutionException, TimeoutException {
        return awaitAllRecords().stream().map(record -> TestPayloads.text(record.data())).toList();
    }

    /** Waits until every record is put and returns where each landed, in order. */
    public List<ProducedRecord> awaitAllRecords() throws InterruptedException, ExecutionException,
            TimeoutException {
        return produced.get(10, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        cancelled = true;
        thread.shutdownNow();
    }
}
