package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import org.apache.spark.streaming.kinesis.internal.aws.EndpointReachability;
import org.apache.spark.streaming.kinesis.internal.aws.UnansweredCallException;
import org.apache.spark.streaming.kinesis.testing.SilentEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * A DynamoDB call of the lease table's set-up that does not end in time is reported with what the endpoint does:
 * refused (the AWS SDK retries refused connections for longer than the set-up waits) or silent.
 */
class LeaseTableProvisionerTest {

    private static DynamoDbAsyncClient dynamoDbAt(String endpoint) {
        return DynamoDbAsyncClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @Test
    void aRefusedDynamoDbThatOutlastsTheWaitIsReportedRefusedNotSilent() {
        // Nothing listens on port 1: every attempt is refused at once, and the SDK retries with back-off.
        try (DynamoDbAsyncClient dynamoDb = dynamoDbAt("http://127.0.0.1:1")) {
            UnansweredCallException unanswered = catchThrowableOfType(UnansweredCallException.class,
                    () -> new LeaseTableProvisioner(dynamoDb, Duration.ofMillis(200)).ensureLeaseTable("app"));

            assertThat(unanswered.reachability()).isEqualTo(EndpointReachability.REFUSED);
            assertThat(unanswered).hasMessage("DynamoDB at http://127.0.0.1:1 did not answer within 200 ms "
                    + "(connection refused)");
        }
    }

    @Test
    void aDynamoDbThatAcceptsConnectionsButNeverAnswersIsReportedSilent() {
        try (SilentEndpoint silent = SilentEndpoint.start(); DynamoDbAsyncClient dynamoDb = dynamoDbAt(silent.url())) {
            UnansweredCallException unanswered = catchThrowableOfType(UnansweredCallException.class,
                    () -> new LeaseTableProvisioner(dynamoDb, Duration.ofSeconds(1)).ensureLeaseTable("app"));

            assertThat(unanswered.reachability()).isEqualTo(EndpointReachability.ACCEPTS_CONNECTIONS);
            assertThat(unanswered).hasMessage("DynamoDB at " + silent.url() + " did not answer within 1 s (it "
                    + "accepts connections)");
        }
    }
}
