package io.github.sparkkinesis.benchmarks.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.io.IOException;
import java.util.List;

/**
 * The operations on streams and their shard lists: CreateStream, ListStreams, DescribeStream,
 * DescribeStreamSummary and ListShards. Streams are always ACTIVE and provisioned, keep records 24 hours, are not
 * encrypted and have open, never resharded shards, so every ListShards filter but AFTER_SHARD_ID lists them all.
 */
final class StreamOperations {

    private static final int DEFAULT_ON_DEMAND_SHARDS = 4;
    private static final int RETENTION_HOURS = 24;

    private final StreamRegistry streams;
    private final CallWindow describeStreamSummaryCalls;

    StreamOperations(StreamRegistry streams) {
        this.streams = streams;
        this.describeStreamSummaryCalls = new CallWindow(streams.limits().describeStreamSummaryPerSecond());
    }

    void createStream(KinesisRequest request, ResponseWriter response) throws IOException {
        String name = request.requiredString("StreamName");
        int shardCount = request.integer("ShardCount", DEFAULT_ON_DEMAND_SHARDS, 1, SequenceNumbers.MAX_SHARDS - 1);
        if (streams.create(name, shardCount).isEmpty()) {
            throw KinesisServiceError.resourceInUse("Stream " + name + " under account " + StreamRegistry.ACCOUNT
                    + " already exists.");
        }
        response.emptyDocument();
    }

    void listStreams(KinesisRequest request, ResponseWriter response) throws IOException {
        int limit = request.integer("Limit", 100, 1, 10_000);
        String after = request.string("ExclusiveStartStreamName");
        String nextToken = request.string("NextToken");
        if (nextToken != null) {
            OpaqueTokens.Position position = OpaqueTokens.decode(OpaqueTokens.Kind.LIST_STREAMS, nextToken);
            if (position == null) {
                throw KinesisServiceError.invalidArgument("NextToken " + nextToken + " is invalid.");
            }
            after = position.streamName();
        }
        String exclusiveStart = after;
        List<InMemoryStream> page = streams.sortedByName().stream()
                .filter(stream -> exclusiveStart == null || stream.name().compareTo(exclusiveStart) > 0)
                .limit(limit + 1L)
                .toList();
        boolean more = page.size() > limit;
        List<InMemoryStream> listed = more ? page.subList(0, limit) : page;

        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeArrayFieldStart("StreamNames");
        for (InMemoryStream stream : listed) {
            out.writeString(stream.name());
        }
        out.writeEndArray();
        out.writeBooleanField("HasMoreStreams", more);
        if (more) {
            out.writeStringField("NextToken", OpaqueTokens.encode(OpaqueTokens.Kind.LIST_STREAMS,
                    listed.get(listed.size() - 1).name(), 0, 0));
        }
        out.writeArrayFieldStart("StreamSummaries");
        for (InMemoryStream stream : listed) {
            out.writeStartObject();
            out.writeStringField("StreamName", stream.name());
            out.writeStringField("StreamARN", stream.arn());
            out.writeStringField("StreamStatus", "ACTIVE");
            writeStreamMode(out);
            response.timestampField("StreamCreationTimestamp", stream.creationTime().toEpochMilli());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    void describeStreamSummary(KinesisRequest request, ResponseWriter response) throws IOException {
        InMemoryStream stream = streams.require(request);
        if (!describeStreamSummaryCalls.tryCall(System.nanoTime())) {
            throw KinesisServiceError.limitExceeded("Rate exceeded for DescribeStreamSummary under account "
                    + StreamRegistry.ACCOUNT + ".");
        }
        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeObjectFieldStart("StreamDescriptionSummary");
        writeStreamHeader(stream, response);
        out.writeStringField("StreamId", stream.streamId());
        out.writeNumberField("OpenShardCount", stream.shards().size());
        out.writeNumberField("ConsumerCount", 0);
        out.writeEndObject();
        out.writeEndObject();
    }

    void describeStream(KinesisRequest request, ResponseWriter response) throws IOException {
        InMemoryStream stream = streams.require(request);
        int limit = request.integer("Limit", 100, 1, 10_000);
        int first = firstAfter(stream, request.string("ExclusiveStartShardId"));
        int end = (int) Math.min(stream.shards().size(), (long) first + limit);

        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeObjectFieldStart("StreamDescription");
        writeStreamHeader(stream, response);
        out.writeArrayFieldStart("Shards");
        for (int i = first; i < end; i++) {
            writeShard(stream.shards().get(i), out);
        }
        out.writeEndArray();
        out.writeBooleanField("HasMoreShards", end < stream.shards().size());
        out.writeEndObject();
        out.writeEndObject();
    }

    void listShards(KinesisRequest request, ResponseWriter response) throws IOException {
        String nextToken = request.string("NextToken");
        int maxResults = request.integer("MaxResults", 1000, 1, 10_000);
        InMemoryStream stream;
        int first;
        if (nextToken != null) {
            if (request.string("StreamName") != null || request.string("StreamARN") != null) {
                throw KinesisServiceError.invalidArgument("NextToken and StreamName cannot be provided together.");
            }
            OpaqueTokens.Position position = OpaqueTokens.decode(OpaqueTokens.Kind.LIST_SHARDS, nextToken);
            if (position == null) {
                throw KinesisServiceError.invalidArgument("NextToken " + nextToken + " is invalid.");
            }
            stream = streams.require(position.streamName());
            first = position.shardIndex();
        } else {
            stream = streams.require(request);
            first = firstAfter(stream, request.string("ExclusiveStartShardId"));
            KinesisRequest filter = request.structure("ShardFilter");
            if (filter != null) {
                first = Math.max(first, firstMatching(stream, filter));
            }
        }
        if (!stream.tryListShards(System.nanoTime())) {
            throw KinesisServiceError.limitExceeded("Rate exceeded for ListShards on stream " + stream.name()
                    + " under account " + StreamRegistry.ACCOUNT + ".");
        }
        int end = (int) Math.min(stream.shards().size(), (long) first + maxResults);

        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeArrayFieldStart("Shards");
        for (int i = first; i < end; i++) {
            writeShard(stream.shards().get(i), out);
        }
        out.writeEndArray();
        if (end < stream.shards().size()) {
            out.writeStringField("NextToken",
                    OpaqueTokens.encode(OpaqueTokens.Kind.LIST_SHARDS, stream.name(), end, 0));
        }
        out.writeEndObject();
    }

    /** The first shard a ShardFilter lets through; with no closed shards only AFTER_SHARD_ID excludes any. */
    private static int firstMatching(InMemoryStream stream, KinesisRequest filter) {
        String type = filter.requiredString("Type");
        switch (type) {
            case "AFTER_SHARD_ID":
                String shardId = filter.string("ShardId");
                if (shardId == null) {
                    throw KinesisServiceError.invalidArgument("ShardId must be provided for AFTER_SHARD_ID ShardFilter.");
                }
                return firstAfter(stream, shardId);
            case "AT_TRIM_HORIZON":
            case "FROM_TRIM_HORIZON":
            case "AT_LATEST":
            case "AT_TIMESTAMP":
            case "FROM_TIMESTAMP":
                return 0;
            default:
                throw KinesisServiceError.validation("1 validation error detected: Value '" + type
                        + "' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set");
        }
    }

    /** The index of the first shard whose id sorts after the given one (shard ids are fixed-width). */
    private static int firstAfter(InMemoryStream stream, String exclusiveStartShardId) {
        if (exclusiveStartShardId == null) {
            return 0;
        }
        List<InMemoryShard> shards = stream.shards();
        int index = 0;
        while (index < shards.size() && shards.get(index).shardId().compareTo(exclusiveStartShardId) <= 0) {
            index++;
        }
        return index;
    }

    private static void writeStreamHeader(InMemoryStream stream, ResponseWriter response) throws IOException {
        JsonGenerator out = response.generator();
        out.writeStringField("StreamName", stream.name());
        out.writeStringField("StreamARN", stream.arn());
        out.writeStringField("StreamStatus", "ACTIVE");
        writeStreamMode(out);
        out.writeNumberField("RetentionPeriodHours", RETENTION_HOURS);
        response.timestampField("StreamCreationTimestamp", stream.creationTime().toEpochMilli());
        out.writeArrayFieldStart("EnhancedMonitoring");
        out.writeStartObject();
        out.writeArrayFieldStart("ShardLevelMetrics");
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndArray();
        out.writeStringField("EncryptionType", "NONE");
    }

    private static void writeStreamMode(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("StreamModeDetails");
        out.writeStringField("StreamMode", "PROVISIONED");
        out.writeEndObject();
    }

    private static void writeShard(InMemoryShard shard, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("ShardId", shard.shardId());
        out.writeObjectFieldStart("HashKeyRange");
        out.writeStringField("StartingHashKey", shard.startingHashKey().toString());
        out.writeStringField("EndingHashKey", shard.endingHashKey().toString());
        out.writeEndObject();
        out.writeObjectFieldStart("SequenceNumberRange");
        out.writeStringField("StartingSequenceNumber", shard.sequenceNumber(0));
        out.writeEndObject();
        out.writeEndObject();
    }
}
