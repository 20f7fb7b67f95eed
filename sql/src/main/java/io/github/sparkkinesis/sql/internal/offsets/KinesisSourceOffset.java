package io.github.sparkkinesis.sql.internal.offsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;

/**
 * The position of every shard of every stream the query reads: what Spark writes into the query's offset log before
 * it runs a batch, so a batch run again after a crash reads exactly the same records. Readable JSON, stream →
 * shard → position:
 *
 * <pre>{@code
 * {"orders": {"shardId-000000000000": {"after": "49650...", "sub": 0},
 *             "shardId-000000000001": {"at": "TRIM_HORIZON"},
 *             "shardId-000000000002": {"at": "AT_TIMESTAMP", "timestamp": "2026-11-30T10:00:00Z"},
 *             "shardId-000000000003": {"ended": true}}}
 * }</pre>
 */
public final class KinesisSourceOffset extends Offset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, ShardPosition>> streams;

    public KinesisSourceOffset(Map<String, Map<String, ShardPosition>> streams) {
        Map<String, Map<String, ShardPosition>> copy = new TreeMap<>();
        streams.forEach((stream, shards) -> copy.put(stream, Collections.unmodifiableMap(new TreeMap<>(shards))));
        this.streams = Collections.unmodifiableMap(copy);
    }

    /** Stream → shard → position, sorted by name. */
    public Map<String, Map<String, ShardPosition>> streams() {
        return streams;
    }

    /** The shard's position, or null if the offset does not know the shard. */
    public ShardPosition position(String stream, String shardId) {
        Map<String, ShardPosition> shards = streams.get(stream);
        return shards == null ? null : shards.get(shardId);
    }

    @Override
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        streams.forEach((stream, shards) -> {
            ObjectNode streamNode = root.putObject(stream);
            shards.forEach((shardId, position) -> write(streamNode.putObject(shardId), position));
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(ObjectNode node, ShardPosition position) {
        if (position.isEnded()) {
            node.put("ended", true);
            return;
        }
        StartingPoint next = position.next();
        switch (next.kind()) {
            case AFTER_POSITION -> node.put("after", next.position().sequenceNumber())
                    .put("sub", next.position().subSequenceNumber());
            case TRIM_HORIZON -> node.put("at", "TRIM_HORIZON");
            case AT_TIMESTAMP -> node.put("at", "AT_TIMESTAMP").put("timestamp", next.timestamp().toString());
            default -> throw new IllegalStateException("Not an offset position: " + next);
        }
    }

    /** The offset written by {@link #json()}. */
    public static KinesisSourceOffset fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a kinesis source offset: " + json, e);
        }
        Map<String, Map<String, ShardPosition>> streams = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> s = root.fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> stream = s.next();
            Map<String, ShardPosition> shards = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> p = stream.getValue().fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> shard = p.next();
                shards.put(shard.getKey(), read(shard.getValue(), json));
            }
            streams.put(stream.getKey(), shards);
        }
        return new KinesisSourceOffset(streams);
    }

    private static ShardPosition read(JsonNode node, String json) {
        if (node.path("ended").asBoolean(false)) {
            return ShardPosition.ended();
        }
        if (node.has("after")) {
            return ShardPosition.after(new RecordPosition(node.get("after").asText(), node.path("sub").asLong(0)));
        }
        String at = node.path("at").asText("");
        return switch (at) {
            case "TRIM_HORIZON" -> ShardPosition.startingAt(StartingPoint.trimHorizon());
            case "AT_TIMESTAMP" -> ShardPosition.startingAt(
                    StartingPoint.atTimestamp(Instant.parse(node.path("timestamp").asText())));
            default -> throw new IllegalArgumentException("Unknown shard position " + node + " in offset " + json);
        };
    }
}
