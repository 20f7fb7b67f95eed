package org.apache.spark.streaming.kinesis.internal.aws;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * Says in one sentence what went wrong when an AWS call fails, for errors a Spark user must act on: a stream or
 * table that does not exist, credentials or permissions, an endpoint that cannot be reached or does not answer.
 * Each explanation names the service (STS when assuming the credentials' role failed), its endpoint, and the
 * likely fix.
 */
public final class AwsFailureExplainer {

    private static final Set<String> ACCESS_ERROR_CODES = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
            "InvalidClientTokenId", "SignatureDoesNotMatch", "MissingAuthenticationTokenException");
    /** Requests the service rejects as malformed: sending them again gives the same answer. */
    private static final Set<String> PERMANENT_REQUEST_ERROR_CODES = Set.of("ValidationException",
            "InvalidArgumentException");

    private AwsFailureExplainer() {
    }

    /** The innermost cause that is not a future's wrapper. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Whether waiting cannot fix the failure: the resource does not exist, the credentials are rejected or lack a
     * permission (STS's when a role is assumed), or the request itself is invalid. Unreachable endpoints,
     * throttling and service errors may end at any time and are not permanent.
     */
    public static boolean isPermanent(Throwable failure) {
        Throwable cause = unwrap(failure);
        AssumeRoleException assumeRole = find(cause, AssumeRoleException.class);
        if (assumeRole != null) {
            cause = unwrap(assumeRole.getCause());
        }
        if (!(cause instanceof AwsServiceException service)) {
            return false;
        }
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        return service.statusCode() == 403
                || (code != null && (code.endsWith("ResourceNotFoundException") || ACCESS_ERROR_CODES.contains(code)
                        || PERMANENT_REQUEST_ERROR_CODES.contains(code)));
    }

    /**
     * Explains a failure of {@code action} (e.g. "describe Kinesis stream 'orders'") against {@code service}
     * at {@code endpoint}: the service, the endpoint and the likely fix. A failure to assume the role of the
     * credentials is explained as STS's, at STS's endpoint.
     */
    public static String explain(String action, String service, String endpoint, Throwable failure) {
        Throwable cause = unwrap(failure);
        AssumeRoleException assumeRole = find(cause, AssumeRoleException.class);
        if (assumeRole != null) {
            return "Could not " + action + ": could not assume role " + assumeRole.roleArn() + " for its "
                    + "credentials: " + describe("STS", assumeRole.stsEndpoint(), unwrap(assumeRole.getCause()));
        }
        return "Could not " + action + ": " + describe(service, endpoint, cause);
    }

    private static String describe(String service, String endpoint, Throwable cause) {
        if (cause instanceof AwsServiceException service4xx) {
            String code = service4xx.awsErrorDetails() == null ? null : service4xx.awsErrorDetails().errorCode();
            if (code != null && code.endsWith("ResourceNotFoundException")) {
                return "it does not exist at " + service + " endpoint " + endpoint + " (check the name and the region)";
            }
            if (service4xx.statusCode() == 403 || (code != null && ACCESS_ERROR_CODES.contains(code))) {
                return "access denied by " + service + " (" + code + "). Check the credentials and their IAM "
                        + "permissions" + (service.equals("STS") ? ", and the role's trust policy" : "")
                        + " (see the operations guide)";
            }
            // Exceptions built outside the SDK's response handling (by the KCL, tests, or mocks) may carry no
            // error details.
            String message = service4xx.awsErrorDetails() == null
                    ? service4xx.getMessage() : service4xx.awsErrorDetails().errorMessage();
            return service + " answered " + service4xx.statusCode() + " " + code + ": " + message;
        }
        UnansweredCallException unanswered = find(cause, UnansweredCallException.class);
        if (unanswered != null) {
            return describe(service, endpoint, unanswered);
        }
        if (cause instanceof SdkClientException && isConnectionFailure(cause)) {
            return unreachable(service, endpoint, "connection failed: " + rootMessage(cause));
        }
        return rootMessage(cause);
    }

    private static String describe(String service, String endpoint, UnansweredCallException unanswered) {
        String waited = UnansweredCallException.text(unanswered.waited());
        if (unanswered.reachability() == EndpointReachability.ACCEPTS_CONNECTIONS) {
            return service + " at " + endpoint + " accepts connections but did not answer within " + waited + ". "
                    + "Check that " + endpoint + " is a " + service + " endpoint, and for a proxy or firewall "
                    + "between this executor and it that holds requests";
        }
        return unreachable(service, endpoint, unanswered.reachability().description() + "; still no answer after "
                + waited + " of retries");
    }

    private static String unreachable(String service, String endpoint, String detail) {
        return "cannot reach " + service + " at " + endpoint + " (" + detail + "). Check the " + service
                + " endpoint URL, that " + service + " runs there, and the network between this executor and it "
                + "(proxy, firewall, VPC endpoint)";
    }

    /**
     * The service whose error the failure is, when the error says: "DynamoDB" or "Kinesis" for their service
     * errors, "STS" when assuming the credentials' role failed; null otherwise (a connection failure, say).
     */
    public static String serviceOf(Throwable failure) {
        if (find(failure, AssumeRoleException.class) != null) {
            return "STS";
        }
        if (find(failure, DynamoDbException.class) != null) {
            return "DynamoDB";
        }
        return find(failure, KinesisException.class) != null ? "Kinesis" : null;
    }

    /** The first throwable of {@code type} in the chain of causes, or null. */
    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException
                    || (t.getMessage() != null
                            && t.getMessage().toLowerCase(Locale.ROOT).contains("connection refused"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
