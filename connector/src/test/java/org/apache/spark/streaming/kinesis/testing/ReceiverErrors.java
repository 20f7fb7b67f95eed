package org.apache.spark.streaming.kinesis.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;

/** Collects the receiver errors Spark reports to streaming listeners (what users see in logs and the UI). */
public final class ReceiverErrors implements StreamingListener {

    private final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void onReceiverError(StreamingListenerReceiverError error) {
        messages.add(error.receiverInfo().lastErrorMessage() + " | " + error.receiverInfo().lastError());
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public boolean any(String fragment) {
        return messages.stream().anyMatch(message -> message.contains(fragment));
    }
}
