package org.apache.spark.streaming.kinesis.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.processor.PreparedCheckpointer;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * A KCL checkpointer that records the checkpoints written through it instead of writing a lease table. Written
 * checkpoints read {@code "<sequenceNumber>/<subSequenceNumber>"} (as {@code RecordPosition.toString()}) or
 * {@link #SHARD_END}. It can be told to fail the next attempts with any exception the KCL may throw; a failed
 * attempt counts in {@link #attempts()} but is not in {@link #checkpoints()}. The methods the connector must not
 * use (checkpoints by Record, without a sub-sequence number, prepared checkpoints) throw.
 */
public final class FakeCheckpointer implements RecordProcessorCheckpointer {

    public static final String SHARD_END = "SHARD_END";

    private final List<String> checkpoints = new ArrayList<>();
    private final Deque<Exception> nextFailures = new ArrayDeque<>();
    private Exception permanentFailure;
    private int attempts;
    private Runnable onAttempt = () -> { };

    /** Fails the next attempts, one exception per attempt, in order; later attempts succeed again. */
    public synchronized FakeCheckpointer failNext(Exception... failures) {
        nextFailures.addAll(List.of(failures));
        return this;
    }

    /** Fails every attempt from now on with {@code failure} (null: succeed again). */
    public synchronized FakeCheckpointer failAlways(Exception failure) {
        this.permanentFailure = failure;
        return this;
    }

    /** Runs {@code action} at the start of every attempt, as a slow DynamoDB call would take its time there. */
    public synchronized FakeCheckpointer onAttempt(Runnable action) {
        this.onAttempt = action;
        return this;
    }

    /** The checkpoints written so far, in order. */
    public synchronized List<String> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** Every checkpoint call so far, failed ones included. */
    public synchronized int attempts() {
        return attempts;
    }

    @Override
    public synchronized void checkpoint() throws KinesisClientLibDependencyException, InvalidStateException,
            ThrottlingException, ShutdownException {
        attempt(SHARD_END);
    }

    @Override
    public synchronized void checkpoint(String sequenceNumber, long subSequenceNumber)
            throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException,
            ShutdownException {
        attempt(sequenceNumber + "/" + subSequenceNumber);
    }

    private void attempt(String checkpoint) throws KinesisClientLibDependencyException, InvalidStateException,
            ThrottlingException, ShutdownException {
        attempts++;
        onAttempt.run();
        Exception failure = nextFailures.isEmpty() ? permanentFailure : nextFailures.poll();
        if (failure != null) {
            throwUnchecked(failure);
        }
        checkpoints.add(checkpoint);
    }

    private static void throwUnchecked(Exception failure) throws KinesisClientLibDependencyException,
            InvalidStateException, ThrottlingException, ShutdownException {
        if (failure instanceof KinesisClientLibDependencyException e) {
            throw e;
        }
        if (failure instanceof InvalidStateException e) {
            throw e;
        }
        if (failure instanceof ThrottlingException e) {
            throw e;
        }
        if (failure instanceof ShutdownException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalArgumentException("A checkpointer cannot throw " + failure, failure);
    }

    @Override
    public void checkpoint(Record record) {
        throw unexpected("checkpoint(Record)");
    }

    @Override
    public void checkpoint(String sequenceNumber) {
        throw unexpected("checkpoint(String) without a sub-sequence number");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint() {
        throw unexpected("prepareCheckpoint()");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(byte[] applicationState) {
        throw unexpected("prepareCheckpoint(byte[])");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(Record record) {
        throw unexpected("prepareCheckpoint(Record)");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(Record record, byte[] applicationState) {
        throw unexpected("prepareCheckpoint(Record, byte[])");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber) {
        throw unexpected("prepareCheckpoint(String)");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, byte[] applicationState) {
        throw unexpected("prepareCheckpoint(String, byte[])");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber) {
        throw unexpected("prepareCheckpoint(String, long)");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber,
            byte[] applicationState) {
        throw unexpected("prepareCheckpoint(String, long, byte[])");
    }

    @Override
    public Checkpointer checkpointer() {
        throw unexpected("checkpointer()");
    }

    private static UnsupportedOperationException unexpected(String method) {
        return new UnsupportedOperationException("The connector is not expected to call " + method);
    }

    @Override
    public synchronized String toString() {
        return "FakeCheckpointer" + checkpoints;
    }
}
