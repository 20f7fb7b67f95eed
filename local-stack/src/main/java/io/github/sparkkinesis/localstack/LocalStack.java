package io.github.sparkkinesis.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
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
 * <p>kinesis-mock serves plain HTTP (its TLS port is unusable with the AWS SDK's HTTP/2 default), accepts any
 * credentials, and slows down as a shard fills up: keep test data to a few thousand records per shard and use a
 * fresh stream per test. Both servers keep their data in memory and lose it when stopped.
 */
public final class LocalStack implements AutoCloseable {

    /** The region both servers answer for. */
    public static final Region REGION = Region.US_EAST_1;

    /** Credentials the servers accept; they are not checked. */
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local-stack-key", "local-stack-secret"));

    // kinesis-mock counts shards per account, over all streams; tests create many small streams.
    private static final String KINESIS_MOCK_SHARD_LIMIT = "1000";
    // Shortens the CREATING/UPDATING/DELETING phases (500 ms by default) so tests wait less.
    private static final String KINESIS_MOCK_TRANSITION = "100ms";
    private static final String DYNALITE_TABLE_TRANSITION_MILLIS = "50";

    private final NodeServer kinesisMock;
    private final int kinesisTlsPort;
    private final NodeServer dynalite;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final KinesisStreamFixture streams;
    private final LeaseTableFixture leaseTables;

    private LocalStack(NodeServer kinesisMock, int kinesisTlsPort, NodeServer dynalite) {
        this.kinesisMock = kinesisMock;
        this.kinesisTlsPort = kinesisTlsPort;
        this.dynalite = dynalite;
        this.kinesis = KinesisClient.builder()
                .endpointOverride(kinesisEndpoint())
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint())
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.streams = new KinesisStreamFixture(kinesis);
        this.leaseTables = new LeaseTableFixture(dynamoDb);
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
        Path logDirectory = Paths.get(System.getProperty("java.io.tmpdir"), "spark-streaming-kinesis-local-stack");
        int kinesisPlainPort = kinesisPort == 0 ? freePort() : kinesisPort;
        int kinesisTlsPort = freePort();
        int dynamoPort = dynamoDbPort == 0 ? freePort() : dynamoDbPort;
        NodeServer kinesisMock = NodeServer.start("kinesis-mock", installation.nodeExecutable(),
                installation.kinesisMockScript(), List.of(), installation.kinesisMockDirectory(),
                Map.of("KINESIS_MOCK_PLAIN_PORT", Integer.toString(kinesisPlainPort),
                        "KINESIS_MOCK_TLS_PORT", Integer.toString(kinesisTlsPort),
                        "SHARD_LIMIT", KINESIS_MOCK_SHARD_LIMIT,
                        "CREATE_STREAM_DURATION", KINESIS_MOCK_TRANSITION,
                        "DELETE_STREAM_DURATION", KINESIS_MOCK_TRANSITION,
                        "SPLIT_SHARD_DURATION", KINESIS_MOCK_TRANSITION,
                        "MERGE_SHARDS_DURATION", KINESIS_MOCK_TRANSITION,
                        "UPDATE_SHARD_COUNT_DURATION", KINESIS_MOCK_TRANSITION,
                        "LOG_LEVEL", "ERROR"),
                kinesisPlainPort, logDirectory);
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

    /** Whether both server processes are still running. */
    public boolean isRunning() {
        return kinesisMock.isAlive() && dynalite.isAlive();
    }

    @Override
    public void close() {
        try {
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
