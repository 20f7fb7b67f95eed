package io.github.sparkkinesis.examples;

import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** The plain Kinesis clients the examples use besides the DStream (to put records and count shards). */
final class KinesisClients {

    private KinesisClients() {
    }

    /** A client for {@code endpoint} in {@code region}; credentials from the SDK's default chain. */
    static KinesisClient create(KinesisEndpoint endpoint, Region region) {
        return KinesisClient.builder()
                .endpointOverride(endpoint.url())
                .region(region)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /**
     * The number of open shards of the stream.
     *
     * @throws MissingStreamException if there is no such stream, saying how to create it
     */
    static int openShardCount(KinesisClient kinesis, String streamName, KinesisEndpoint endpoint, Region region) {
        try {
            return kinesis.describeStreamSummary(b -> b.streamName(streamName))
                    .streamDescriptionSummary().openShardCount();
        } catch (ResourceNotFoundException e) {
            throw new MissingStreamException(streamName, endpoint, region.id(), e);
        }
    }
}
