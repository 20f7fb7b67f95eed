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

/**
 * Says in one sentence what went wrong when an AWS call fails, for errors a Spark user must act on: a stream or
 * table that does not exist, credentials or permissions, an endpoint that cannot be reached.
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
     * permission, or the request itself is invalid. Unreachable endpoints, throttling and service errors may end at
     * any time and are not permanent.
     */
    public static boolean isPermanent(Throwable failure) {
        Throwable cause = unwrap(failure);
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
     * at {@code endpoint}.
     */
    public static String explain(String action, String service, String endpoint, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AwsServiceException service4xx) {
            String code = service4xx.awsErrorDetails() == null ? null : service4xx.awsErrorDetails().errorCode();
            if (code != null && code.endsWith("ResourceNotFoundException")) {
                return "Could not " + action + ": it does not exist at " + service + " endpoint " + endpoint
                        + " (check the name and the region)";
            }
            if (service4xx.statusCode() == 403 || (code != null && ACCESS_ERROR_CODES.contains(code))) {
                return "Could not " + action + ": access denied by " + service + " (" + code + "). Check the "
                        + "credentials and their IAM permissions (see the operations guide)";
            }
            // Exceptions built outside the SDK's response handling (by the KCL, tests, or mocks) may carry no
            // error details.
            String message = service4xx.awsErrorDetails() == null
                    ? service4xx.getMessage() : service4xx.awsErrorDetails().errorMessage();
            return "Could not " + action + ": " + service + " answered " + service4xx.statusCode() + " "
                    + code + ": " + message;
        }
        if (cause instanceof SdkClientException && isConnectionFailure(cause)) {
            return "Could not " + action + ": cannot reach " + service + " at " + endpoint
                    + " (connection failed: " + rootMessage(cause) + ")";
        }
        return "Could not " + action + ": " + rootMessage(cause);
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
