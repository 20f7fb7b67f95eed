package org.apache.spark.streaming.kinesis.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.internal.aws.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.endpoints.CloudWatchEndpointProvider;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * What the builder accepts beyond the regions the bundled SDK lists really works with the SDK: the connector's
 * clients sign for such a region, and VPC endpoint host names are used as given. A loopback HTTP server records
 * the requests; nothing leaves the machine.
 */
class AcceptedRegionsAndEndpointsTest {

    private static final String UNLISTED_REGION = "xx-newregion-7";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String serverUrl;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestHeaders().getFirst("Authorization"));
            // An error the SDK does not retry: the request is all this test needs.
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
        });
        server.start();
        serverUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static KinesisConsumerConfigBuilder config() {
        return new KinesisConsumerConfigBuilder().streamName("orders").checkpointAppName("orders-app")
                .kinesisCredentials(SparkAWSCredentials.builder()
                        .basicCredentials("AKIAEXAMPLE000000000", "example-secret").build());
    }

    @Test
    void theClientsSignForARegionTheSdkDoesNotList() throws Exception {
        assertThat(Region.regions()).doesNotContain(Region.of(UNLISTED_REGION));
        KinesisConsumerConfig config = config().regionName(UNLISTED_REGION).endpointUrl(serverUrl)
                .dynamoDBEndpointUrl(serverUrl).cloudWatchEndpointUrl(serverUrl).build();

        try (AwsClients clients = new AwsClients(config)) {
            clients.kinesis().listStreams().handle((response, error) -> null).get(30, TimeUnit.SECONDS);
            clients.dynamoDb().listTables().handle((response, error) -> null).get(30, TimeUnit.SECONDS);
        }

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).contains("/" + UNLISTED_REGION + "/kinesis/aws4_request");
        assertThat(requests.get(1)).contains("/" + UNLISTED_REGION + "/dynamodb/aws4_request");
    }

    @Test
    void withoutTheirOwnEndpointsDynamoDbAndCloudWatchGoToTheRegionsStandardEndpoints() {
        Region region = Region.of(UNLISTED_REGION);

        assertThat(DynamoDbEndpointProvider.defaultProvider().resolveEndpoint(p -> p.region(region)).join().url())
                .isEqualTo(URI.create("https://dynamodb." + UNLISTED_REGION + ".amazonaws.com"));
        assertThat(CloudWatchEndpointProvider.defaultProvider().resolveEndpoint(p -> p.region(region)).join().url())
                .isEqualTo(URI.create("https://monitoring." + UNLISTED_REGION + ".amazonaws.com"));
    }

    @Test
    void theKinesisClientUsesAVpcEndpointAsGiven() {
        String vpcEndpoint = "https://vpce-0a1b2c3d-4e5f.kinesis.us-east-1.vpce.amazonaws.com";
        KinesisConsumerConfig config = config().endpointUrl(vpcEndpoint).build();

        try (AwsClients clients = new AwsClients(config)) {
            assertThat(clients.kinesis().serviceClientConfiguration().endpointOverride())
                    .contains(URI.create(vpcEndpoint));
            assertThat(clients.kinesis().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        }
    }
}
