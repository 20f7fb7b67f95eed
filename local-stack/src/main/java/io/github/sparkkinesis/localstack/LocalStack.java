package io.github.sparkkinesis.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.github.sparkkinesis.localstack.fanout.FanOutKinesisServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A local Kinesis + DynamoDB stack for tests and demos: kinesis-mock (the Kinesis emulator Localstack uses) and
 * dynalite (a DynamoDB implementation), each a real server process on a loopback port.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start()) {
 *     String stream = stack.streams().createStream("orders", 4);
 *     stack.streams().putRecords(stream, records);
 *     // point the connector at stack.kinesisEndpoint() and stack.dynamoDbEndpoint()
 * }
 * }</pre>
 *
 * <p>Enhanced fan-out: kinesis-mock 0.6.2 answers SubscribeToShard, but never ends a shard's subscription with its
 * child shards, polls once a second and cannot be told to end subscriptions; {@link #enhancedFanOut()} gives an
 * endpoint that serves fan-out properly over the same records.
 *
 * <p>kinesis-mock serves plain HTTP (its TLS port is unusable with the AWS SDK's HTTP/2 default), accepts any
 * credentials, and slows down as a shard fills up: keep test data to a few thousand records per shard and use a
 * fresh stream per test (or preload a large backlog with {@link #startWithKinesisState(Path)}). Both servers keep
 * their data in memory and lose it when stopped.
 */
public final class LocalStack implements AutoCloseable {

    /** The region both servers answer for. */
    public static final Region REGION = Region.US_EAST_1;

    /** Credentials the servers accept; they are not checked. */
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local-stack-key", "local-stack-secret"));

    /**
     * The account kinesis-mock keeps streams in (part of their ARNs): its default, because the access key of
     * {@link #CREDENTIALS} is not a 12-digit account id, which would select another account.
     */
    public static final String KINESIS_ACCOUNT_ID = "000000000000";

    // kinesis-mock counts shards per account, over all streams; tests create many small streams.
    private static final String KINESIS_MOCK_SHARD_LIMIT = "1000";
    // Shortens the CREATING/UPDATING/DELETING phases (500 ms by default) so tests wait less.
    private static final String KINESIS_MOCK_TRANSITION = "100ms";
    private static final String DYNALITE_TABLE_TRANSITION_MILLIS = "50";
    // kinesis-mock parses a state file at about 6 MB/s (2 cores, 63 MB in 10 s) before it listens; the
    // allowance is generous because parsing slows down more than linearly as the file grows.
    private static final long STATE_FILE_BYTES_PER_STARTUP_SECOND = 1_000_000;

    private final NodeServer kinesisMock;
    private final int kinesisTlsPort;
    private final NodeServer dynalite;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final KinesisStreamFixture streams;
    private final LeaseTableFixture leaseTables;
    private FanOutKinesisServer fanOut;

    private LocalStack(NodeServer kinesisMock, int kinesisTlsPort, NodeServer dynalite) {
        this.kinesisMock = kinesisMock;
        this.kinesisTlsPort = kinesisTlsPort;
        this.dynalite = dynalite;
        this.kinesis = newKinesisClient(kinesisEndpoint());
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint())
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.streams = new KinesisStreamFixture(kinesis);
        this.leaseTables = new LeaseTableFixture(dynamoDb);
    }

    /**
     * A new synchronous Kinesis client for a local Kinesis endpoint (this stack's or another test server's): the
     * stack's region and credentials, Apache HTTP. The caller closes it.
     */
    public static KinesisClient newKinesisClient(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Starts both servers on free loopback ports, using {@link LocalStackInstallation#locate()}. */
    public static LocalStack start() {
        return start(LocalStackInstallation.locate(), 0, 0);
    }

    /**
     * Starts both servers on the given ports (0 picks a free one).
     *
     * @param kinesisPort plain-HTTP port of kinesis-mock
     * @param dynamoDbPort port of dynalite
     */
    public static LocalStack start(LocalStackInstallation installation, int kinesisPort, int dynamoDbPort) {
        return start(installation, kinesisPort, dynamoDbPort, Map.of(), NodeServer.DEFAULT_STARTUP_TIMEOUT);
    }

    /**
     * Starts both servers on free loopback ports, with kinesis-mock holding the streams of {@code stateFile} from
     * the start, ACTIVE and with all their records.
     *
     * <p>This is how to get a large backlog: kinesis-mock's PutRecords gets slower the more records a shard holds
     * (100,000 records take over ten minutes), while it loads the same records from a file in seconds. The file is
     * in the format kinesis-mock persists its data in (with {@code SHOULD_PERSIST_DATA}), which belongs to the
     * pinned kinesis-mock version. kinesis-mock only reads it, so one file can seed any number of stacks, and
     * what a test does to the streams is not saved. Loading costs memory as well as time: about 1.7 GB for
     * 200,000 records of 100 bytes.
     *
     * @param stateFile a kinesis-mock data file whose streams are in {@link #REGION} and account
     *     {@value #KINESIS_ACCOUNT_ID}; kinesis-mock exits (and this throws) if it cannot decode it
     */
    public static LocalStack startWithKinesisState(Path stateFile) {
        Path file = stateFile.toAbsolutePath();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            // Checked here because kinesis-mock silently starts empty when the file is missing.
            throw new UncheckedIOException("Cannot read the kinesis-mock state file " + file, e);
        }
        Map<String, String> loadState = Map.of(
                "LOAD_DATA_IF_EXISTS", "true",
                "SHOULD_PERSIST_DATA", "false",
                "PERSIST_PATH", file.getParent().toString(),
                "PERSIST_FILE_NAME", file.getFileName().toString());
        Duration startupTimeout =
                NodeServer.DEFAULT_STARTUP_TIMEOUT.plusSeconds(size / STATE_FILE_BYTES_PER_STARTUP_SECOND);
        return start(LocalStackInstallation.locate(), 0, 0, loadState, startupTimeout);
    }

    private static LocalStack start(LocalStackInstallation installation, int kinesisPort, int dynamoDbPort,
            Map<String, String> extraKinesisEnvironment, Duration kinesisStartupTimeout) {
        Path logDirectory = Paths.get(System.getProperty("java.io.tmpdir"), "spark-streaming-kinesis-local-stack");
        int kinesisPlainPort = kinesisPort == 0 ? freePort() : kinesisPort;
        int kinesisTlsPort = freePort();
        int dynamoPort = dynamoDbPort == 0 ? freePort() : dynamoDbPort;
        Map<String, String> kinesisEnvironment = new HashMap<>(Map.of(
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(kinesisPlainPort),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(kinesisTlsPort),
                "SHARD_LIMIT", KINESIS_MOCK_SHARD_LIMIT,
                "CREATE_STREAM_DURATION", KINESIS_MOCK_TRANSITION,
                "DELETE_STREAM_DURATION", KINESIS_MOCK_TRANSITION,
                "SPLIT_SHARD_DURATION", KINESIS_MOCK_TRANSITION,
                "MERGE_SHARDS_DURATION", KINESIS_MOCK_TRANSITION,
                "UPDATE_SHARD_COUNT_DURATION", KINESIS_MOCK_TRANSITION,
                "LOG_LEVEL", "ERROR"));
        kinesisEnvironment.putAll(extraKinesisEnvironment);
        NodeServer kinesisMock = NodeServer.start("kinesis-mock", installation.nodeExecutable(),
                installation.kinesisMockScript(), List.of(), installation.kinesisMockDirectory(),
                kinesisEnvironment, kinesisPlainPort, logDirectory, kinesisStartupTimeout);
        NodeServer dynalite;
        try {
            dynalite = NodeServer.start("dynalite", installation.nodeExecutable(), installation.dynaliteScript(),
                    List.of("--host", "127.0.0.1", "--port", Integer.toString(dynamoPort),
                            "--createTableMs", DYNALITE_TABLE_TRANSITION_MILLIS,
                            "--updateTableMs", DYNALITE_TABLE_TRANSITION_MILLIS,
                            "--deleteTableMs", DYNALITE_TABLE_TRANSITION_MILLIS),
                    installation.home(), Map.of(), dynamoPort, logDirectory);
        } catch (RuntimeException e) {
            kinesisMock.close();
            throw e;
        }
        return new LocalStack(kinesisMock, kinesisTlsPort, dynalite);
    }

    /** kinesis-mock's plain-HTTP endpoint, e.g. {@code http://127.0.0.1:45123}. */
    public URI kinesisEndpoint() {
        return URI.create("http://127.0.0.1:" + kinesisMock.port());
    }

    /**
     * kinesis-mock's TLS port on 127.0.0.1, with a self-signed certificate. For clients that cannot use plain HTTP,
     * such as the KPL (with certificate verification off); the AWS SDK needs HTTP/1.1 there.
     */
    public int kinesisTlsPort() {
        return kinesisTlsPort;
    }

    /** dynalite's endpoint, e.g. {@code http://127.0.0.1:45124}. */
    public URI dynamoDbEndpoint() {
        return URI.create("http://127.0.0.1:" + dynalite.port());
    }

    public Region region() {
        return REGION;
    }

    public AwsCredentialsProvider credentials() {
        return CREDENTIALS;
    }

    /** A Kinesis client for this stack, owned by it (do not close it). */
    public KinesisClient kinesisClient() {
        return kinesis;
    }

    /** A DynamoDB client for this stack, owned by it (do not close it). */
    public DynamoDbClient dynamoDbClient() {
        return dynamoDb;
    }

    /** Stream fixtures: create, fill, reshard and delete streams. */
    public KinesisStreamFixture streams() {
        return streams;
    }

    /** Reads the KCL lease tables (checkpoints, owners) that consumers keep in DynamoDB. */
    public LeaseTableFixture leaseTables() {
        return leaseTables;
    }

    /**
     * A Kinesis endpoint with enhanced fan-out (consumers and SubscribeToShard over HTTP/2) in front of this stack's
     * kinesis-mock, with Kinesis's limits and timings; started on first use and stopped with the stack. Tests that
     * need other settings start their own {@link FanOutKinesisServer}.
     */
    public synchronized FanOutKinesisServer enhancedFanOut() {
        if (fanOut == null) {
            fanOut = FanOutKinesisServer.start(kinesisEndpoint());
        }
        return fanOut;
    }

    /** Whether both server processes are still running. */
    public boolean isRunning() {
        return kinesisMock.isAlive() && dynalite.isAlive();
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (fanOut != null) {
                    fanOut.close();
                }
            }
            kinesis.close();
            dynamoDb.close();
        } finally {
            try {
                kinesisMock.close();
            } finally {
                dynalite.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalStack[kinesis=" + kinesisEndpoint() + ", dynamodb=" + dynamoDbEndpoint() + "]";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
