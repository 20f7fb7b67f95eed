package org.apache.spark.streaming.kinesis.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.spark.streaming.kinesis.testing.SilentEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class AwsFailureExplainerTest {

    private static final String ACTION = "describe Kinesis stream 'orders'";
    private static final String ENDPOINT = "https://kinesis.eu-west-1.amazonaws.com";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/kinesis-reader";
    private static final String STS_ENDPOINT = "https://sts.eu-west-1.amazonaws.com";

    private static AwsServiceException serviceError(int status, String code, String message) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }

    private static String explain(Throwable failure) {
        return AwsFailureExplainer.explain(ACTION, "Kinesis", ENDPOINT, failure);
    }

    @Test
    void missingResourceNamesTheEndpointAndSuggestsChecking() {
        ResourceNotFoundException notFound = ResourceNotFoundException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
                        .errorMessage("Stream orders under account 123456789012 not found.").build())
                .build();

        assertThat(explain(notFound)).isEqualTo("Could not describe Kinesis stream 'orders': it does not exist at "
                + "Kinesis endpoint " + ENDPOINT + " (check the name and the region)");
    }

    @Test
    void prefixedResourceNotFoundCodeIsAMissingResourceToo() {
        assertThat(explain(serviceError(400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "x")))
                .contains("it does not exist at Kinesis endpoint");
    }

    @Test
    void forbiddenIsAccessDenied() {
        assertThat(explain(serviceError(403, "AccessDeniedException", "User is not authorized")))
                .isEqualTo("Could not describe Kinesis stream 'orders': access denied by Kinesis "
                        + "(AccessDeniedException). Check the credentials and their IAM permissions (see the "
                        + "operations guide)");
    }

    @Test
    void forbiddenWithAnUnknownCodeIsAccessDenied() {
        assertThat(explain(serviceError(403, "SomethingNew", "no")))
                .contains("access denied by Kinesis (SomethingNew)");
    }

    @Test
    void unrecognizedClientIsAccessDenied() {
        assertThat(explain(serviceError(400, "UnrecognizedClientException", "The security token is invalid")))
                .contains("access denied by Kinesis (UnrecognizedClientException)")
                .contains("Check the credentials");
    }

    @Test
    void expiredTokenIsAccessDenied() {
        assertThat(explain(serviceError(400, "ExpiredTokenException", "expired")))
                .contains("access denied by Kinesis (ExpiredTokenException)");
    }

    @Test
    void otherServiceErrorsShowStatusCodeAndMessage() {
        assertThat(explain(serviceError(500, "InternalFailure", "Try again")))
                .isEqualTo("Could not describe Kinesis stream 'orders': Kinesis answered 500 InternalFailure: "
                        + "Try again");
    }

    @Test
    void serviceErrorWithoutDetailsIsExplainedToo() {
        AwsServiceException bare = AwsServiceException.builder().statusCode(503).message("Service unavailable").build();

        assertThat(explain(bare)).startsWith("Could not describe Kinesis stream 'orders': Kinesis answered 503")
                .contains("Service unavailable");
    }

    @Test
    void refusedConnectionSaysTheEndpointCannotBeReached() {
        SdkClientException refused = SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused"))
                .build();

        assertThat(explain(refused)).isEqualTo("Could not describe Kinesis stream 'orders': cannot reach Kinesis at "
                + ENDPOINT + " (connection failed: ConnectException: Connection refused). Check the Kinesis endpoint "
                + "URL, that Kinesis runs there, and the network between this executor and it (proxy, firewall, VPC "
                + "endpoint)");
    }

    @Test
    void unknownHostSaysTheEndpointCannotBeReached() {
        SdkClientException unknownHost = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new UnknownHostException("kinesis.moon-1.amazonaws.com"))
                .build();

        assertThat(explain(unknownHost)).contains("cannot reach Kinesis at " + ENDPOINT)
                .contains("UnknownHostException: kinesis.moon-1.amazonaws.com");
    }

    @Test
    void connectionRefusedMessageWithoutConnectExceptionIsRecognised() {
        SdkClientException refused = SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection refused: localhost/127.0.0.1:4567")
                .build();

        assertThat(explain(refused)).contains("cannot reach Kinesis at " + ENDPOINT);
    }

    @Test
    void failuresWrappedInCompletionExceptionAreUnwrapped() {
        SdkClientException refused = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused"))
                .build();

        assertThat(explain(new CompletionException(refused))).isEqualTo(explain(refused));
        assertThat(explain(new CompletionException(serviceError(403, "AccessDeniedException", "no"))))
                .contains("access denied by Kinesis");
        assertThat(explain(new CompletionException(serviceError(400, "ResourceNotFoundException", "no"))))
                .contains("it does not exist");
    }

    @Test
    void nestedFutureWrappersAreUnwrapped() {
        AwsServiceException denied = serviceError(403, "AccessDeniedException", "no");

        assertThat(AwsFailureExplainer.unwrap(new ExecutionException(new CompletionException(denied))))
                .isSameAs(denied);
    }

    @Test
    void wrapperWithoutCauseIsKept() {
        CompletionException empty = new CompletionException("nothing inside", null);

        assertThat(AwsFailureExplainer.unwrap(empty)).isSameAs(empty);
    }

    @Test
    void otherFailuresShowTheirRootCause() {
        RuntimeException failure = new RuntimeException("outer", new IllegalStateException("the root"));

        assertThat(explain(failure)).isEqualTo("Could not describe Kinesis stream 'orders': IllegalStateException: "
                + "the root");
    }

    @Test
    void clientFailureThatIsNotAConnectionProblemShowsItsRootCause() {
        SdkClientException noRegion = SdkClientException.builder().message("Unable to load region").build();

        assertThat(explain(noRegion)).isEqualTo("Could not describe Kinesis stream 'orders': SdkClientException: "
                + "Unable to load region");
    }

    // --- the credentials' role could not be assumed: STS's failure, not the service's ---

    private static Throwable assumeRoleFailed(RuntimeException stsFailure) {
        // As the AWS SDK reports it: the failure of the Kinesis call, caused by the credentials provider's.
        return new CompletionException(SdkClientException.builder().message("Unable to load credentials")
                .cause(new AssumeRoleException(ROLE_ARN, STS_ENDPOINT, stsFailure)).build());
    }

    @Test
    void anUnreachableStsIsNamedWithItsEndpointNotTheServiceCalled() {
        Throwable failure = assumeRoleFailed(SdkClientException.builder()
                .message("Unable to execute HTTP request: Connect to 127.0.0.1:1 failed: Connection refused")
                .cause(new ConnectException("Connection refused")).build());

        assertThat(explain(failure)).isEqualTo("Could not describe Kinesis stream 'orders': could not assume role "
                + ROLE_ARN + " for its credentials: cannot reach STS at " + STS_ENDPOINT + " (connection failed: "
                + "ConnectException: Connection refused). Check the STS endpoint URL, that STS runs there, and the "
                + "network between this executor and it (proxy, firewall, VPC endpoint)");
        assertThat(AwsFailureExplainer.isPermanent(failure)).isFalse();
        assertThat(AwsFailureExplainer.serviceOf(failure)).isEqualTo("STS");
    }

    @Test
    void aRoleStsRefusesToGiveIsAccessDeniedByStsAndPermanent() {
        Throwable failure = assumeRoleFailed(serviceError(403, "AccessDenied", "not authorized to assume"));

        assertThat(explain(failure)).contains("could not assume role " + ROLE_ARN)
                .contains("access denied by STS (AccessDenied)").contains("the role's trust policy")
                .doesNotContain("by Kinesis");
        assertThat(AwsFailureExplainer.isPermanent(failure)).isTrue();
    }

    // --- calls that did not end in time: reachable but silent, or unreachable ---

    @Test
    void aCallToAnEndpointThatAcceptsConnectionsButNeverAnswersSaysSo() {
        try (SilentEndpoint silent = SilentEndpoint.start()) {
            UnansweredCallException unanswered = UnansweredCallException.probing("DynamoDB", URI.create(silent.url()),
                    Duration.ofSeconds(30), new TimeoutException());

            assertThat(unanswered.reachability()).isEqualTo(EndpointReachability.ACCEPTS_CONNECTIONS);
            assertThat(AwsFailureExplainer.explain("create the lease table 'app'", "DynamoDB", silent.url(),
                    new IllegalStateException(unanswered))).isEqualTo("Could not create the lease table 'app': "
                    + "DynamoDB at " + silent.url() + " accepts connections but did not answer within 30 s. Check "
                    + "that " + silent.url() + " is a DynamoDB endpoint, and for a proxy or firewall between this "
                    + "executor and it that holds requests");
        }
    }

    @Test
    void aCallThatTimedOutRetryingARefusedConnectionIsAnUnreachableEndpoint() {
        // Nothing listens on port 1; the SDK retries refused connections, for longer than the caller may wait.
        UnansweredCallException unanswered = UnansweredCallException.probing("DynamoDB",
                URI.create("http://127.0.0.1:1"), Duration.ofSeconds(30), new TimeoutException());

        assertThat(unanswered.reachability()).isEqualTo(EndpointReachability.REFUSED);
        assertThat(AwsFailureExplainer.explain("create the lease table 'app'", "DynamoDB", "http://127.0.0.1:1",
                unanswered)).startsWith("Could not create the lease table 'app': cannot reach DynamoDB at "
                + "http://127.0.0.1:1 (connection refused; still no answer after 30 s of retries). Check the DynamoDB "
                + "endpoint URL");
        assertThat(AwsFailureExplainer.isPermanent(unanswered)).isFalse();
    }

    @Test
    void theServiceOfAnErrorIsTheOneItComesFrom() {
        assertThat(AwsFailureExplainer.serviceOf(new CompletionException(DynamoDbException.builder()
                .message("no").build()))).isEqualTo("DynamoDB");
        assertThat(AwsFailureExplainer.serviceOf(ResourceNotFoundException.builder().message("no").build()))
                .isEqualTo("Kinesis");
        assertThat(AwsFailureExplainer.serviceOf(SdkClientException.create("Connection refused"))).isNull();
    }

    @Test
    void missingResourcesAndRejectedCredentialsArePermanent() {
        assertThat(AwsFailureExplainer.isPermanent(new CompletionException(
                serviceError(400, "ResourceNotFoundException", "Stream orders not found")))).isTrue();
        assertThat(AwsFailureExplainer.isPermanent(serviceError(400, "UnrecognizedClientException", "bad key")))
                .isTrue();
        assertThat(AwsFailureExplainer.isPermanent(serviceError(403, "SomethingNew", "no"))).isTrue();
        assertThat(AwsFailureExplainer.isPermanent(serviceError(400, "ValidationException", "bad name"))).isTrue();
    }

    @Test
    void throttlingServiceErrorsAndUnreachableEndpointsAreNot() {
        assertThat(AwsFailureExplainer.isPermanent(serviceError(400, "ProvisionedThroughputExceededException",
                "slow down"))).isFalse();
        assertThat(AwsFailureExplainer.isPermanent(serviceError(500, "InternalFailure", "oops"))).isFalse();
        assertThat(AwsFailureExplainer.isPermanent(SdkClientException.builder().message("Connection refused")
                .cause(new ConnectException("Connection refused")).build())).isFalse();
        assertThat(AwsFailureExplainer.isPermanent(new IllegalStateException("anything else"))).isFalse();
    }
}
