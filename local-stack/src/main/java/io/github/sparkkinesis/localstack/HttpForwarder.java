package io.github.sparkkinesis.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passes HTTP requests on to a local server over HTTP/1.1 and hands back its answers: the forwarding part of the
 * test kit's loopback servers that stand in front of kinesis-mock ({@link FaultInjectingProxy} and the enhanced
 * fan-out server). Thread-safe.
 */
public final class HttpForwarder {

    /** Headers the JDK's HTTP client sets itself, and HTTP/2 pseudo-headers: never copied. */
    private static final Set<String> HOP_BY_HOP_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // kinesis-mock answers a 10,000-record GetRecords of a full shard in over a second; a busy machine adds more.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    /** @param target the server's endpoint, e.g. {@code http://127.0.0.1:45123} */
    public HttpForwarder(URI target) {
        this.target = target;
    }

    /** The server's answer: status, headers (without hop-by-hop ones) and body. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /**
     * Sends the request to the server and waits for its whole answer.
     *
     * @param pathAndQuery the request's path and query, e.g. {@code /}
     * @param headers      the request's headers; hop-by-hop headers are left out
     */
    public Answer forward(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (isCopied(name)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while forwarding to " + target, e);
        }
        Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (isCopied(name)) {
                answerHeaders.put(name, values);
            }
        });
        return new Answer(response.statusCode(), answerHeaders, response.body());
    }

    private static boolean isCopied(String headerName) {
        return !headerName.startsWith(":") && !HOP_BY_HOP_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
