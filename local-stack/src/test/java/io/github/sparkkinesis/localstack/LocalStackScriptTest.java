package io.github.sparkkinesis.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * {@code local-stack/bin/local-stack}, the way a newcomer uses it: start, status, stop, the AWS settings, and
 * streams. Each test runs the script on free ports with a run directory of its own.
 */
class LocalStackScriptTest {

    @TempDir
    Path work;

    private LocalStackScript script;
    private final List<ProcessHandle> started = new ArrayList<>();

    private LocalStackScript.Result start() {
        LocalStackScript.Result result = script.run("start");
        script.recordedProcess("kinesis-mock").ifPresent(started::add);
        script.recordedProcess("dynalite").ifPresent(started::add);
        return result;
    }

    @AfterEach
    void stopWhatTheTestStarted() {
        if (script != null) {
            script.close();
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void stopEndsTheServersStartedAndStatusSaysSo() {
        script = LocalStackScript.onFreePorts(work.resolve("run"));

        LocalStackScript.Result start = start();

        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.stdout()).contains("kinesis-mock is listening on 127.0.0.1:" + script.kinesisPort())
                .contains("dynalite is listening on 127.0.0.1:" + script.dynamoDbPort());
        assertThat(started).hasSize(2);
        LocalStackScript.Result running = script.run("status");
        assertThat(running.exitCode()).as(running.output()).isZero();
        assertThat(running.stdout())
                .contains("kinesis-mock: running on http://127.0.0.1:" + script.kinesisPort())
                .contains("dynalite: running on http://127.0.0.1:" + script.dynamoDbPort());

        LocalStackScript.Result stop = script.run("stop");

        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.stdout()).contains("Stopped kinesis-mock (pid " + started.get(0).pid() + ")")
                .contains("Stopped dynalite (pid " + started.get(1).pid() + ")");
        // stop returns once the servers are gone: what served the ports is gone too.
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(acceptsConnections(script.kinesisPort())).as("kinesis-mock's port still served").isFalse();
        assertThat(acceptsConnections(script.dynamoDbPort())).as("dynalite's port still served").isFalse();
        LocalStackScript.Result stopped = script.run("status");
        assertThat(stopped.exitCode()).isEqualTo(3);
        assertThat(stopped.stdout()).contains("kinesis-mock: stopped").contains("dynalite: stopped")
                .doesNotContain("in use");
    }

    @Test
    void startRefusesAPortThatIsTakenAndSaysByWhom() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalStackScript free = LocalStackScript.onFreePorts(work.resolve("free"));
            script = new LocalStackScript(work.resolve("run"), taken.getLocalPort(), free.kinesisPort(),
                    free.dynamoDbPort());

            LocalStackScript.Result start = start();

            assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
            assertThat(start.stderr())
                    .contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use by")
                    .contains("not starting")
                    .contains("KINESIS_PORT=");
            assertThat(start.stdout()).doesNotContain("listening");
            assertThat(started).isEmpty();
            LocalStackScript.Result status = script.run("status");
            assertThat(status.stdout()).contains("kinesis-mock: stopped")
                    .contains("but port " + taken.getLocalPort() + " is in use by");
        }
    }

    @Test
    void streamsAreCreatedListedAndDeletedAndEnvPointsTheAwsToolsAtTheStack() {
        script = LocalStackScript.onFreePorts(work.resolve("run"));
        assertThat(start().exitCode()).isZero();

        Map<String, String> environment = script.environment();
        assertThat(environment).containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry("AWS_ENDPOINT_URL_KINESIS", "http://127.0.0.1:" + script.kinesisPort())
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + script.dynamoDbPort())
                .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

        LocalStackScript.Result create = script.run("create-stream", "words", "2");

        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(create.stdout()).contains("Created stream 'words' with 2 shards");
        try (KinesisClient kinesis = client(KinesisClient.builder(), environment, "AWS_ENDPOINT_URL_KINESIS");
                DynamoDbClient dynamoDb = client(DynamoDbClient.builder(), environment, "AWS_ENDPOINT_URL_DYNAMODB")) {
            StreamDescriptionSummary words =
                    kinesis.describeStreamSummary(b -> b.streamName("words")).streamDescriptionSummary();
            assertThat(words.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
            assertThat(words.openShardCount()).isEqualTo(2);
            assertThat(dynamoDb.listTables().tableNames()).isEmpty();

            assertThat(script.run("list-streams").stdout()).contains("words\tACTIVE\t2 open shards");
            LocalStackScript.Result again = script.run("create-stream", "words", "2");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).contains("Stream 'words' already exists");

            LocalStackScript.Result delete = script.run("delete-stream", "words");

            assertThat(delete.exitCode()).as(delete.output()).isZero();
            assertThat(kinesis.listStreams().streamNames()).doesNotContain("words");
            assertThat(script.run("list-streams").stdout()).contains("No streams at");
            LocalStackScript.Result deleteAgain = script.run("delete-stream", "words");
            assertThat(deleteAgain.exitCode()).isEqualTo(1);
            assertThat(deleteAgain.stderr()).contains("There is no stream 'words'");
        }
    }

    @Test
    void theSessionOfTheLocalStackGuideRunsAsWritten() throws IOException {
        String guide = Files.readString(Paths.get(System.getProperty(LocalStackInstallation.HOME_PROPERTY), "..",
                "docs", "local-stack.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("## For humans.*?```sh\n(.*?)```", Pattern.DOTALL).matcher(guide);
        assertThat(block.find()).as("the shell block of docs/local-stack.md's 'For humans' section").isTrue();
        script = LocalStackScript.onFreePorts(work.resolve("run"));

        LocalStackScript.Result session = script.runShell(block.group(1));
        script.recordedProcess("kinesis-mock").ifPresent(started::add);
        script.recordedProcess("dynalite").ifPresent(started::add);

        System.out.println("docs/local-stack.md, as written:\n" + session.output());
        assertThat(session.exitCode()).as(session.output()).isZero();
        assertThat(session.stdout()).contains("Created stream 'words' with 2 shards")
                .contains("words\tACTIVE\t2 open shards");
        assertThat(acceptsConnections(script.kinesisPort())).isFalse();
        assertThat(acceptsConnections(script.dynamoDbPort())).isFalse();
    }

    @Test
    void streamCommandsSayWhenTheStackIsNotRunning() {
        script = LocalStackScript.onFreePorts(work.resolve("run"));

        LocalStackScript.Result create = script.run("create-stream", "words");

        assertThat(create.exitCode()).isEqualTo(1);
        assertThat(create.stderr()).contains("Cannot reach kinesis-mock at http://127.0.0.1:" + script.kinesisPort())
                .contains("local-stack/bin/local-stack start");
    }

    /** A client configured as the AWS SDK configures itself from those environment variables. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            Map<String, String> environment, String endpointVariable) {
        return builder.endpointOverride(URI.create(environment.get(endpointVariable)))
                .region(Region.of(environment.get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
