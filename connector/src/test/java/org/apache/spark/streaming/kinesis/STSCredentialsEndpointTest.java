package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** {@code SparkAWSCredentials.builder().stsEndpointUrl(...)}: where the AssumeRole calls of an STS role go. */
class STSCredentialsEndpointTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "SECRETxyz123SECRET";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/kinesis-reader";
    private static final String SESSION = "spark-app";
    private static final String ASSUMED_KEY_ID = "ASIAASSUMEDROLEKEY01";
    private static final String ASSUMED_SECRET = "assumed-secret";
    private static final String ASSUMED_TOKEN = "assumed-session-token";

    /** What the loopback STS server saw of one request. */
    private record StsRequest(String method, String path, String host, String authorization, String body) {
    }

    private final List<StsRequest> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startLoopbackSts() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answerAssumeRole);
        server.start();
    }

    @AfterEach
    void stopLoopbackSts() {
        server.stop(0);
    }

    // --- the endpoint is used ---

    @Test
    void assumeRoleCallsGoToTheGivenEndpoint() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION, "external-id-42")
                .stsEndpointUrl(loopbackUrl())
                .build();

        AwsCredentials resolved = resolve(credentials.provider(Region.EU_WEST_1));

        assertThat(resolved).isInstanceOfSatisfying(AwsSessionCredentials.class, session -> {
            assertThat(session.accessKeyId()).isEqualTo(ASSUMED_KEY_ID);
            assertThat(session.secretAccessKey()).isEqualTo(ASSUMED_SECRET);
            assertThat(session.sessionToken()).isEqualTo(ASSUMED_TOKEN);
        });
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/");
            assertThat(request.host()).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
            assertThat(request.body()).contains("Action=AssumeRole", "RoleArn=" + ROLE_ARN,
                    "RoleSessionName=" + SESSION, "ExternalId=external-id-42");
            // Signed with the long-lived keys, for the client's region (the host names no region).
            assertThat(request.authorization()).contains("Credential=" + KEY_ID + "/")
                    .contains("/eu-west-1/sts/aws4_request");
        });
    }

    @Test
    void theEndpointSurvivesSerializationAndIsStillUsed() {
        SparkAWSCredentials credentials = Serialization.roundTrip(SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION)
                .stsEndpointUrl(loopbackUrl())
                .build());

        resolve(credentials.provider(Region.US_WEST_2));

        assertThat(requests).hasSize(1);
    }

    @Test
    void theEndpointIsAlsoUsedWithoutAClientRegion() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION)
                .stsEndpointUrl(loopbackUrl())
                .build();

        resolve(credentials.provider());

        assertThat(requests).hasSize(1);
    }

    @Test
    void withoutAnEndpointTheRoleHasNone() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION).build();

        assertThat(credentials).isInstanceOfSatisfying(STSCredentials.class, sts ->
                assertThat(sts.stsEndpoint()).isNull());
        assertThat(credentials).isEqualTo(SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION).stsEndpointUrl(null).build());
    }

    // --- the signing region follows standard STS host names ---

    @Test
    void aRegionalStsHostDecidesTheSigningRegion() {
        assertThat(STSCredentials.signingRegion(URI.create("https://sts.ap-southeast-2.amazonaws.com"),
                Region.EU_WEST_1)).isEqualTo(Region.AP_SOUTHEAST_2);
        assertThat(STSCredentials.signingRegion(URI.create("https://sts-fips.us-gov-west-1.amazonaws.com"),
                Region.EU_WEST_1)).isEqualTo(Region.US_GOV_WEST_1);
        assertThat(STSCredentials.signingRegion(URI.create("https://sts.cn-north-1.amazonaws.com.cn"),
                Region.EU_WEST_1)).isEqualTo(Region.CN_NORTH_1);
        assertThat(STSCredentials.signingRegion(
                URI.create("https://vpce-0abc123-xyz.sts.eu-central-1.vpce.amazonaws.com"), Region.EU_WEST_1))
                .isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void theGlobalStsHostSignsForUsEast1() {
        assertThat(STSCredentials.signingRegion(URI.create("https://sts.amazonaws.com"), Region.EU_WEST_1))
                .isEqualTo(Region.US_EAST_1);
    }

    @Test
    void otherHostsSignForTheClientRegion() {
        assertThat(STSCredentials.signingRegion(URI.create("http://localhost:4566"), Region.EU_WEST_1))
                .isEqualTo(Region.EU_WEST_1);
        assertThat(STSCredentials.signingRegion(null, Region.EU_WEST_1)).isEqualTo(Region.EU_WEST_1);
    }

    // --- validation, equality, printing ---

    @Test
    void anEndpointWithoutARoleIsRejected() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsEndpointUrl("https://sts.eu-west-1.amazonaws.com")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stsEndpointUrl: it is only used to assume a role; also call "
                        + "stsCredentials(roleArn, sessionName), or remove stsEndpointUrl");
    }

    @Test
    void malformedEndpointsAreRejected() {
        assertThat(invalidEndpointMessage("ftp://sts.eu-west-1.amazonaws.com"))
                .isEqualTo("stsEndpointUrl 'ftp://sts.eu-west-1.amazonaws.com' is not a valid endpoint URL (the "
                        + "scheme must be http or https); expected something like "
                        + "https://sts.eu-west-1.amazonaws.com or http://localhost:4566");
        assertThat(invalidEndpointMessage("sts.eu-west-1.amazonaws.com")).contains("the scheme must be http");
        assertThat(invalidEndpointMessage("https://")).contains("is not a valid endpoint URL");
        assertThat(invalidEndpointMessage("https://sts_eu.example.com")).contains("'sts_eu.example.com' is not a valid host name");
        assertThat(invalidEndpointMessage("http://localhost:0")).contains("port 0 is not between 1 and 65535");
        assertThat(invalidEndpointMessage("http://localhost:65536"))
                .contains("port 65536 is not between 1 and 65535");
        assertThat(invalidEndpointMessage("https://sts .com")).contains("is not a valid endpoint URL");
    }

    @Test
    void theEndpointIsTrimmed() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION)
                .stsEndpointUrl(" https://sts.eu-west-1.amazonaws.com ")
                .build();

        assertThat(credentials).isInstanceOfSatisfying(STSCredentials.class, sts ->
                assertThat(sts.stsEndpoint()).isEqualTo(URI.create("https://sts.eu-west-1.amazonaws.com")));
    }

    @Test
    void credentialsWithDifferentEndpointsDiffer() {
        SparkAWSCredentials none = SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION).build();
        SparkAWSCredentials ireland = SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION)
                .stsEndpointUrl("https://sts.eu-west-1.amazonaws.com").build();
        SparkAWSCredentials irelandAgain = SparkAWSCredentials.builder()
                .stsEndpointUrl("https://sts.eu-west-1.amazonaws.com").stsCredentials(ROLE_ARN, SESSION).build();

        assertThat(ireland).isNotEqualTo(none).isEqualTo(irelandAgain).hasSameHashCodeAs(irelandAgain);
        assertThat(Serialization.roundTrip(ireland)).isEqualTo(ireland);
    }

    @Test
    void toStringShowsTheEndpointButNoSecret() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION)
                .stsEndpointUrl("https://sts.eu-west-1.amazonaws.com")
                .build();

        assertThat(credentials.toString())
                .endsWith(", stsEndpoint=https://sts.eu-west-1.amazonaws.com)")
                .doesNotContain(SECRET);
    }

    private static String invalidEndpointMessage(String url) {
        Throwable error = catchThrowable(() -> SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION)
                .stsEndpointUrl(url)
                .build());
        assertThat(error).as(url).isInstanceOf(IllegalArgumentException.class);
        return error.getMessage();
    }

    private String loopbackUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static AwsCredentials resolve(AwsCredentialsProvider provider) {
        try {
            return provider.resolveCredentials();
        } finally {
            ((SdkAutoCloseable) provider).close();
        }
    }

    private void answerAssumeRole(HttpExchange exchange) throws IOException {
        String body = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        requests.add(new StsRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] response = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials>"
                + "<AccessKeyId>" + ASSUMED_KEY_ID + "</AccessKeyId>"
                + "<SecretAccessKey>" + ASSUMED_SECRET + "</SecretAccessKey>"
                + "<SessionToken>" + ASSUMED_TOKEN + "</SessionToken>"
                + "<Expiration>" + expiration + "</Expiration>"
                + "</Credentials><AssumedRoleUser>"
                + "<AssumedRoleId>AROA3XFRBF535PLBIFPI4:" + SESSION + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/kinesis-reader/" + SESSION + "</Arn>"
                + "</AssumedRoleUser></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }
}
