package org.apache.spark.streaming.kinesis.internal.kcl;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.RequestDetails;
import software.amazon.kinesis.retrieval.RecordsDeliveryAck;
import software.amazon.kinesis.retrieval.RecordsPublisher;
import software.amazon.kinesis.retrieval.RecordsRetrieved;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * The KCL's publisher of one shard's batches, telling the receiver's {@link ReceiverPrefetchBudget} which batches it
 * hands on towards the record processor (the processor gives them back once stored), and when it drops its whole queue
 * (the shard consumer restarts or shuts down).
 */
final class BudgetedRecordsPublisher implements RecordsPublisher {

    private final RecordsPublisher kcl;
    private final ReceiverPrefetchBudget.Shard shard;

    BudgetedRecordsPublisher(RecordsPublisher kcl, ReceiverPrefetchBudget.Shard shard) {
        this.kcl = kcl;
        this.shard = shard;
    }

    @Override
    public void start(ExtendedSequenceNumber sequenceNumber, InitialPositionInStreamExtended initialPosition) {
        kcl.start(sequenceNumber, initialPosition);
    }

    @Override
    public void restartFrom(RecordsRetrieved recordsRetrieved) {
        // The KCL's reset waits for the shard's read in progress, which may be waiting for the budget.
        shard.stopWaiting();
        kcl.restartFrom(recordsRetrieved);
        shard.reset();
    }

    @Override
    public void shutdown() {
        shard.close();
        kcl.shutdown();
    }

    @Override
    public RequestDetails getLastSuccessfulRequestDetails() {
        return kcl.getLastSuccessfulRequestDetails();
    }

    @Override
    public void notify(RecordsDeliveryAck ack) {
        kcl.notify(ack);
    }

    @Override
    public void subscribe(Subscriber<? super RecordsRetrieved> subscriber) {
        kcl.subscribe(new Subscriber<RecordsRetrieved>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(RecordsRetrieved batch) {
                shard.delivering(batch.processRecordsInput().cacheEntryTime(), batch.processRecordsInput().records());
                subscriber.onNext(batch);
            }

            @Override
            public void onError(Throwable error) {
                subscriber.onError(error);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
