package io.github.sparkkinesis.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP proxy in front of one local server (kinesis-mock or dynalite) that injects AWS-style faults:
 * a share of the calls to an operation answered with a throttling error, or every call answered "service
 * unavailable" for as long as the outage lasts. Point a client at {@link #endpoint()} instead of the server's.
 *
 * <pre>{@code
 * try (FaultInjectingProxy kinesis = FaultInjectingProxy.start(stack.kinesisEndpoint())) {
 *     kinesis.throttle("GetRecords", 0.3);      // 30 % ProvisionedThroughputExceededException
 *     ...
 * }
 * }</pre>
 *
 * To throttle as Kinesis does, deterministically: {@code throttleEvery("GetRecords", 2)} throttles every other call,
 * and {@code throttlingWindow(Duration.ofSeconds(1))} keeps an operation throttled for a second after each
 * throttled call, as Kinesis keeps a shard throttled for the rest of its one-second window.
 * {@link #recordField} keeps a whole-number field of every request to an operation, e.g. the {@code Limit} of each
 * GetRecords call. {@link #rejectPutRecordsEvery} fails single records inside successful PutRecords answers, as
 * Kinesis does when a shard is over its limit: those records are not written, the others are.
 *
 * <p>Errors are returned as the AWS JSON protocols do (HTTP status, {@code x-amzn-ErrorType} header, {@code __type}
 * body), which the AWS SDK turns into the matching exception classes.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private static final String THROTTLED = "ProvisionedThroughputExceededException";
    private static final String UNAVAILABLE = "ServiceUnavailable";
    private static final String TARGET_HEADER = "X-Amz-Target";
    private static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";

    private final HttpForwarder forwarder;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-injecting-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Double> throttledShares = new ConcurrentHashMap<>();
    private final Map<String, Integer> throttledEvery = new ConcurrentHashMap<>();
    private final Map<String, Long> callsOutsideWindows = new HashMap<>();
    private final Map<String, Long> throttledUntilNanos = new HashMap<>();
    private volatile long throttlingWindowNanos;
    private final Map<String, List<String>> recordedFields = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> recordedValues = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private volatile boolean unavailable;
    private volatile int rejectedRecordEvery;
    private final AtomicLong putRecordsEntries = new AtomicLong();
    private final AtomicLong rejectedRecords = new AtomicLong();

    private FaultInjectingProxy(URI target) throws IOException {
        this.forwarder = new HttpForwarder(target);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy for {@code target} (e.g. {@code stack.kinesisEndpoint()}) on a free loopback port. */
    public static FaultInjectingProxy start(URI target) {
        try {
            return new FaultInjectingProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the proxy for " + target, e);
        }
    }

    /** The endpoint to give clients instead of the server's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Answers {@code share} (0 to 1) of the calls to {@code operation} (e.g. "GetRecords") with
     * ProvisionedThroughputExceededException; 0 stops it.
     */
    public FaultInjectingProxy throttle(String operation, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be between 0 and 1, got " + share);
        }
        throttledShares.put(operation, share);
        return this;
    }

    /**
     * Answers the 1st, (n+1)-th, (2n+1)-th... call to {@code operation} that comes outside a throttling window
     * with ProvisionedThroughputExceededException: {@code n = 2} throttles every other call.
     */
    public FaultInjectingProxy throttleEvery(String operation, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        throttledEvery.put(operation, n);
        return this;
    }

    /**
     * After a call to an operation is throttled, throttles every call to it for {@code window} (counted from when
     * the throttled call arrived), as Kinesis does for the rest of its one-second window. Zero (the default) turns
     * it off.
     */
    public FaultInjectingProxy throttlingWindow(Duration window) {
        throttlingWindowNanos = window.toNanos();
        return this;
    }

    /**
     * Keeps the value of the whole-number field {@code field} (e.g. "Limit") of every request to
     * {@code operation} (e.g. "GetRecords") from now on, throttled ones included; see {@link #recordedField}.
     */
    public FaultInjectingProxy recordField(String operation, String field) {
        recordedFields.computeIfAbsent(operation, key -> new CopyOnWriteArrayList<>())
                .add(field);
        recordedValues.putIfAbsent(operation + "." + field, Collections.synchronizedList(
                new ArrayList<>()));
        return this;
    }

    /** The values of a field recorded with {@link #recordField}, in the order the calls came (null: absent). */
    public List<Long> recordedField(String operation, String field) {
        List<Long> values = recordedValues.get(operation + "." + field);
        if (values == null) {
            throw new IllegalStateException(operation + "." + field + " is not recorded; call recordField first");
        }
        synchronized (values) {
            return new ArrayList<>(values);
        }
    }

    /**
     * Fails the 1st, (n+1)-th, (2n+1)-th... record of PutRecords calls (counted over all calls that reach the
     * proxy's record check) inside a successful answer with ProvisionedThroughputExceededException, without
     * writing it; the call's other records are written. {@code n = 2} rejects every other record; 0 stops it.
     * Works on the CBOR bodies the AWS SDK sends to Kinesis by default.
     */
    public FaultInjectingProxy rejectPutRecordsEvery(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be 0 (off) or more, got " + n);
        }
        rejectedRecordEvery = n;
        return this;
    }

    /** How many PutRecords records {@link #rejectPutRecordsEvery} rejected. */
    public long rejectedRecords() {
        return rejectedRecords.get();
    }

    /** Answers every call with HTTP 503 ServiceUnavailable until {@link #restore()}. */
    public FaultInjectingProxy makeUnavailable() {
        unavailable = true;
        return this;
    }

    /** Ends an outage started by {@link #makeUnavailable()}. */
    public FaultInjectingProxy restore() {
        unavailable = false;
        return this;
    }

    /** How many calls were answered with each injected error code. */
    public Map<String, Long> injectedErrors() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        injected.forEach((code, count) -> counts.put(code, count.get()));
        return counts;
    }

    /** How many calls the proxy received, per operation (injected faults included). */
    public Map<String, Long> calls() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        calls.forEach((operation, count) -> counts.put(operation, count.get()));
        return counts;
    }

    /** How many calls reached the server. */
    public long forwardedCalls() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = operation(exchange.getRequestHeaders().getFirst(TARGET_HEADER));
            calls.computeIfAbsent(operation, name -> new AtomicLong()).incrementAndGet();
            boolean cbor = CBOR_CONTENT_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (unavailable) {
                reject(exchange, cbor, 503, UNAVAILABLE, "Service unavailable (injected outage)");
                return;
            }
            recordFields(operation, body, cbor);
            if (throttles(operation)) {
                reject(exchange, cbor, 400, THROTTLED, "Rate exceeded for " + operation + " (injected)");
                return;
            }
            if (rejectedRecordEvery > 0 && cbor && "PutRecords".equals(operation)) {
                putRecordsRejectingSome(exchange, body);
                return;
            }
            respond(exchange, forward(exchange, body));
        }
    }

    /** Forwards the records not chosen for rejection, and answers for all, the rejected ones failed. */
    @SuppressWarnings("unchecked")
    private void putRecordsRejectingSome(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, Object> request = (Map<String, Object>) Cbor.decode(body);
        List<Object> records = (List<Object>) request.get("Records");
        List<Object> kept = new ArrayList<>();
        boolean[] rejected = new boolean[records.size()];
        for (int i = 0; i < records.size(); i++) {
            rejected[i] = putRecordsEntries.getAndIncrement() % rejectedRecordEvery == 0;
            if (!rejected[i]) {
                kept.add(records.get(i));
            }
        }
        List<Object> keptAnswers = List.of();
        long failed = 0;
        HttpForwarder.Answer forwarded = null;
        if (!kept.isEmpty()) {
            request.put("Records", kept);
            forwarded = forward(exchange, Cbor.encode(request));
            if (forwarded.status() != 200) {
                respond(exchange, forwarded);
                return;
            }
            Map<String, Object> answer = (Map<String, Object>) Cbor.decode(forwarded.body());
            keptAnswers = (List<Object>) answer.get("Records");
            failed = ((Number) answer.getOrDefault("FailedRecordCount", 0L)).longValue();
        }
        List<Object> answers = new ArrayList<>();
        int next = 0;
        for (boolean reject : rejected) {
            if (reject) {
                Map<String, Object> error = new java.util.LinkedHashMap<>();
                error.put("ErrorCode", THROTTLED);
                error.put("ErrorMessage", "Rate exceeded for shard (injected) in stream " + request.get("StreamName"));
                answers.add(error);
                failed++;
                rejectedRecords.incrementAndGet();
            } else {
                answers.add(keptAnswers.get(next++));
            }
        }
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("FailedRecordCount", failed);
        answer.put("Records", answers);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of(CBOR_CONTENT_TYPE));
        headers.put("x-amzn-RequestId", List.of(java.util.UUID.randomUUID().toString()));
        respond(exchange, new HttpForwarder.Answer(200, headers, Cbor.encode(answer)));
    }

    private synchronized boolean throttles(String operation) {
        long now = System.nanoTime();
        Long until = throttledUntilNanos.get(operation);
        if (until != null && now - until < 0) {
            return true;
        }
        Integer every = throttledEvery.get(operation);
        boolean throttle = every != null && (callsOutsideWindows.merge(operation, 1L, Long::sum) - 1) % every == 0;
        Double share = throttledShares.get(operation);
        throttle |= share != null && ThreadLocalRandom.current().nextDouble() < share;
        if (throttle && throttlingWindowNanos > 0) {
            throttledUntilNanos.put(operation, now + throttlingWindowNanos);
        }
        return throttle;
    }

    private void recordFields(String operation, byte[] body, boolean cbor) {
        List<String> fields = recordedFields.get(operation);
        if (fields != null) {
            for (String field : fields) {
                recordedValues.get(operation + "." + field).add(RequestFields.number(body, cbor, field));
            }
        }
    }

    private static String operation(String target) {
        if (target == null) {
            return "";
        }
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }

    private HttpForwarder.Answer forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpForwarder.Answer answer = forwarder.forward(exchange.getRequestMethod(),
                exchange.getRequestURI().toString(), exchange.getRequestHeaders(), body);
        forwarded.incrementAndGet();
        return answer;
    }

    private static void respond(HttpExchange exchange, HttpForwarder.Answer answer) throws IOException {
        answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        byte[] bytes = answer.body();
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void reject(HttpExchange exchange, boolean cbor, int status, String errorCode, String message)
            throws IOException {
        injected.computeIfAbsent(errorCode, code -> new AtomicLong()).incrementAndGet();
        // Answer in the protocol the client spoke: the AWS SDK reads Kinesis errors as CBOR by default.
        byte[] body = cbor ? cborError(errorCode, message)
                : ("{\"__type\":\"" + errorCode + "\",\"message\":\"" + message + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorCode);
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("Content-Type", cbor ? CBOR_CONTENT_TYPE : "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A CBOR map {"__type": code, "message": message}: the two fields the SDK reads from an error. */
    private static byte[] cborError(String errorCode, String message) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0xA2);
        for (String text : new String[] {"__type", errorCode, "message", message}) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length < 24) {
                out.write(0x60 | utf8.length);
            } else if (utf8.length < 256) {
                out.write(0x78);
                out.write(utf8.length);
            } else {
                out.write(0x79);
                out.write(utf8.length >> 8);
                out.write(utf8.length & 0xFF);
            }
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
