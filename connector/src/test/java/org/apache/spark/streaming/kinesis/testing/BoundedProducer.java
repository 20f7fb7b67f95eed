package org.apache.spark.streaming.kinesis.testing;

import io.github.sparkkinesis.localstack.Eventually;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Puts numbered records into a stream at a steady pace in the background, while a test injects a fault; stops by
 * itself once all are put, or earlier when the test calls {@link #stop()}. A test that needs records to keep
 * coming until something has happened (a restart, a reshard) gives a generous count as a cap and stops the
 * producer once that has happened, instead of guessing how long it will take.
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

    /** Starts putting {@code count} records (at most, see {@link #stop()}), about {@code perSecond} a second. */
    public static BoundedProducer start(LocalStack stack, String stream, String prefix, int count, int perSecond) {
        return new BoundedProducer(stack, stream, prefix, count, perSecond);
    }

    /**
     * Ends production after the round in progress; {@link #awaitAll} then returns the records put until then.
     */
    public void stop() {
        cancelled = true;
    }

    /** Whether it has put every record (or failed, or was stopped and has ended). */
    public boolean isDone() {
        return produced.isDone();
    }

    /** The records put so far, with where they landed, in order. */
    public List<ProducedRecord> producedSoFar() {
        return List.copyOf(soFar);
    }

    /**
     * Waits until the next record this producer puts (from now on) is among {@code processed}, the payloads (as
     * text) the consumer has processed so far: the consumer reads what is produced after some event, a restart
     * for instance, and not only what was produced before.
     *
     * @param context what to add to the failure message (a log to look at)
     */
    public void awaitNextRecordProcessed(Duration timeout, Supplier<? extends Collection<String>> processed,
            Supplier<String> context) {
        int putSoFar = soFar.size();
        Eventually.await(timeout, () -> soFar.size() > putSoFar,
                () -> "the producer put nothing more after " + putSoFar + " records");
        String next = TestPayloads.text(soFar.get(putSoFar).data());
        Eventually.await(timeout, () -> processed.get().contains(next),
                () -> "record " + next + " was not processed; " + context.get());
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
