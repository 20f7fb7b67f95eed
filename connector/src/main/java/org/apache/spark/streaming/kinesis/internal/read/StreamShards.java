package org.apache.spark.streaming.kinesis.internal.read;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** The shards of a stream, open and closed (as long as they hold records), from {@code ListShards}'s pages. */
public final class StreamShards {

    private StreamShards() {
    }

    /**
     * @throws KinesisRangeReadException if a page cannot be listed after the retries (the cause says why)
     */
    public static List<Shard> list(KinesisClient kinesis, RetryingKinesisCall retries, String stream) {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            // The stream name and the next token are exclusive in ListShards.
            ListShardsResponse page = retries.call("list the shards of stream " + stream,
                    () -> kinesis.listShards(b -> {
                        if (token == null) {
                            b.streamName(stream);
                        } else {
                            b.nextToken(token);
                        }
                    }));
            shards.addAll(page.shards());
            next = page.nextToken();
        } while (next != null);
        return shards;
    }
}
