package org.apache.spark.streaming.kinesis.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;

/** Collects the receiver errors Spark reports to streaming listeners (what users see in logs and the UI). */
public final class ReceiverErrors implements StreamingListener {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> reported = new CopyOnWriteArrayList<>();

    @Override
    public void onReceiverError(StreamingListenerReceiverError error) {
        reported.add(error.receiverInfo().lastErrorMessage());
        messages.add(error.receiverInfo().lastErrorMessage() + " | " + error.receiverInfo().lastError());
    }

    /** Each error's message, then the exception behind it as Spark keeps it (with its stack trace). */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Each error's message only, as the receiver reported it (what the Spark UI shows first). */
    public List<String> reported() {
        return List.copyOf(reported);
    }

    public boolean any(String fragment) {
        return messages.stream().anyMatch(message -> message.contains(fragment));
    }
}
