package org.apache.spark.streaming.kinesis.internal.aws;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A call to an AWS service that did not end within the time its caller gives it, with what a connection to the
 * endpoint showed at that moment ({@link EndpointReachability}), so that the error can say whether the service
 * is unreachable or reachable but silent.
 */
public final class UnansweredCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration waited;
    private final EndpointReachability reachability;

    private UnansweredCallException(String message, Duration waited, EndpointReachability reachability,
            TimeoutException cause) {
        super(message, cause);
        this.waited = waited;
        this.reachability = reachability;
    }

    /**
     * The call to {@code service} at {@code endpoint} did not end within {@code waited}: probes the endpoint (up to
     * {@link EndpointReachability#CONNECT_TIMEOUT}) to say why.
     */
    public static UnansweredCallException probing(String service, URI endpoint, Duration waited,
            TimeoutException cause) {
        EndpointReachability reachability = EndpointReachability.probe(endpoint);
        return new UnansweredCallException(service + " at " + endpoint + " did not answer within " + text(waited)
                + " (" + reachability.description() + ")", waited, reachability, cause);
    }

    /** "30 s", or "200 ms" for less than a second. */
    static String text(Duration duration) {
        return duration.toSeconds() > 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    public Duration waited() {
        return waited;
    }

    public EndpointReachability reachability() {
        return reachability;
    }
}
