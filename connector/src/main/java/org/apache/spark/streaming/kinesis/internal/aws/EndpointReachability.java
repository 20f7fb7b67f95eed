package org.apache.spark.streaming.kinesis.internal.aws;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Whether an endpoint takes TCP connections, found by opening one: what tells a service that answers nothing
 * (it accepts connections) from one that cannot be reached, when all a caller saw was a call that did not end in
 * time (the AWS SDK retries refused connections too, for longer than a caller may wait).
 */
public enum EndpointReachability {
    /** Something listens there. */
    ACCEPTS_CONNECTIONS("it accepts connections"),
    /** Nothing listens there. */
    REFUSED("connection refused"),
    /** The host name does not resolve. */
    UNKNOWN_HOST("unknown host"),
    /** No answer to the connection attempt: a firewall dropping packets, or no route. */
    CONNECT_TIMED_OUT("no answer to a connection attempt"),
    /** The connection failed otherwise. */
    UNREACHABLE("connection failed");

    /** Long enough for a distant endpoint, short enough for an error path. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String description;

    EndpointReachability(String description) {
        this.description = description;
    }

    /** What a connection attempt showed, in a few words. */
    public String description() {
        return description;
    }

    /** Opens (and closes) one TCP connection to the endpoint's host and port (80 or 443 when not given). */
    public static EndpointReachability probe(URI endpoint) {
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : "http".equalsIgnoreCase(endpoint.getScheme()) ? 80
                : 443;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
            return ACCEPTS_CONNECTIONS;
        } catch (UnknownHostException e) {
            return UNKNOWN_HOST;
        } catch (ConnectException e) {
            return REFUSED;
        } catch (SocketTimeoutException e) {
            return CONNECT_TIMED_OUT;
        } catch (IOException | IllegalArgumentException e) {
            return UNREACHABLE;
        }
    }
}
