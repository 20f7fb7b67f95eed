package org.apache.spark.streaming.kinesis.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class AwsFailureExplainerTest {

    private static final String ACTION = "describe Kinesis stream 'orders'";
    private static final String ENDPOINT = "https://kinesis.eu-west-1.amazonaws.com";

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
                + ENDPOINT + " (connection failed: ConnectException: Connection refused)");
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
