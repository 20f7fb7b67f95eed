package io.github.sparkkinesis.sql.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KinesisSourceOptionsTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/kinesis-reader";
    private static final String EXTERNAL_ID = "external-id-42";

    // --- every option: its default ---

    @Test
    void onlyTheStreamNameGivenMeansEveryDefault() {
        KinesisSourceOptions options = parse("streamName", "orders");

        assertThat(options.streamNames()).containsExactly("orders");
        assertThat(options.region()).isEmpty();
        assertThat(options.endpoint()).isEmpty();
        assertThat(options.credentials()).isEqualTo(SparkAWSCredentials.builder().build());
        assertThat(options.stsEndpoint()).isEmpty();
        assertThat(options.initialPosition()).isEqualTo(InitialPosition.latest());
        assertThat(options.maxRecordsPerFetch()).isEqualTo(10_000);
        assertThat(options.shardFetchInterval()).isEqualTo(Duration.ofMillis(300));
        assertThat(options.maxFetchDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.shardsPerTask()).isEmpty();
        assertThat(options.shardListRefreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.maxRecordsPerTrigger()).isEmpty();
        assertThat(options.maxBytesPerTrigger()).isEmpty();
        assertThat(options.failOnDataLoss()).isTrue();
    }

    @Test
    void theDefaultsAreTheNamedConstants() {
        KinesisSourceOptions options = parse("streamName", "orders");

        assertThat(options.initialPosition().toString()).isEqualTo(KnownOptions.DEFAULT_INITIAL_POSITION);
        assertThat(options.maxRecordsPerFetch()).isEqualTo(KnownOptions.DEFAULT_MAX_RECORDS_PER_FETCH);
        assertThat(options.shardFetchInterval()).isEqualTo(KnownOptions.DEFAULT_SHARD_FETCH_INTERVAL);
        assertThat(options.maxFetchDuration()).isEqualTo(KnownOptions.DEFAULT_MAX_FETCH_DURATION);
        assertThat(options.shardListRefreshInterval()).isEqualTo(KnownOptions.DEFAULT_SHARD_LIST_REFRESH_INTERVAL);
        assertThat(options.failOnDataLoss()).isEqualTo(KnownOptions.DEFAULT_FAIL_ON_DATA_LOSS);
    }

    @Test
    void everyOptionGivenIsTaken() {
        KinesisSourceOptions options = parse(
                "streamName", "orders, payments",
                "region", "eu-west-1",
                "endpoint", "https://kinesis.eu-west-1.amazonaws.com",
                "awsAccessKey", KEY_ID,
                "awsSecretKey", SECRET,
                "roleArn", ROLE_ARN,
                "roleExternalId", EXTERNAL_ID,
                "roleSessionName", "orders-job",
                "stsEndpoint", "https://sts.eu-west-1.amazonaws.com",
                "initialPosition", "trim_horizon",
                "maxRecordsPerFetch", "500",
                "shardFetchInterval", "1s",
                "maxFetchDuration", "2s",
                "shardsPerTask", "4",
                "shardListRefreshInterval", "30s",
                "maxRecordsPerTrigger", "100000",
                "maxBytesPerTrigger", "64m",
                "failOnDataLoss", "false",
                "consumerMode", "polling");

        assertThat(options.streamNames()).containsExactly("orders", "payments");
        assertThat(options.region()).contains("eu-west-1");
        assertThat(options.endpoint()).contains(URI.create("https://kinesis.eu-west-1.amazonaws.com"));
        assertThat(options.credentials()).isEqualTo(SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, "orders-job", EXTERNAL_ID)
                .stsEndpointUrl("https://sts.eu-west-1.amazonaws.com")
                .build());
        assertThat(options.stsEndpoint()).contains(URI.create("https://sts.eu-west-1.amazonaws.com"));
        assertThat(options.initialPosition()).isEqualTo(InitialPosition.trimHorizon());
        assertThat(options.maxRecordsPerFetch()).isEqualTo(500);
        assertThat(options.shardFetchInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.maxFetchDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.shardsPerTask()).isEqualTo(OptionalInt.of(4));
        assertThat(options.shardListRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxRecordsPerTrigger()).isEqualTo(OptionalLong.of(100_000));
        assertThat(options.maxBytesPerTrigger()).isEqualTo(OptionalLong.of(64L * 1024 * 1024));
        assertThat(options.failOnDataLoss()).isFalse();
    }

    // --- names: case-insensitive, typos, Spark's own ---

    @Nested
    class OptionNames {

        @Test
        void namesAreCaseInsensitive() {
            KinesisSourceOptions options = parse(
                    "STREAMNAME", "orders",
                    "Region", "eu-west-1",
                    "initialposition", "TRIM_HORIZON",
                    "MaxRecordsPerFetch", "100",
                    "SHARDFETCHINTERVAL", "500ms",
                    "failondataloss", "FALSE");

            assertThat(options.streamNames()).containsExactly("orders");
            assertThat(options.region()).contains("eu-west-1");
            assertThat(options.initialPosition()).isEqualTo(InitialPosition.trimHorizon());
            assertThat(options.maxRecordsPerFetch()).isEqualTo(100);
            assertThat(options.shardFetchInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(options.failOnDataLoss()).isFalse();
        }

        @Test
        void allLowerCaseIsTheSameOptionNotATypo() {
            // Spark's options are case-insensitive, so "streamname" is streamName itself.
            assertThat(parse("streamname", "orders").streamNames()).containsExactly("orders");
        }

        @Test
        void nearMissesOfKnownNamesFailNamingTheOptionMeant() {
            Map<String, String> typos = Map.of(
                    "stream_name", "streamName",
                    "stream-name", "streamName",
                    "Stream.Name", "streamName",
                    "maxRecordsPerTriger", "maxRecordsPerTrigger",
                    "intialPosition", "initialPosition",
                    "regoin", "region",
                    "endpiont", "endpoint",
                    "awsAccesKey", "awsAccessKey",
                    "MAXBYTESPERTRIGER", "maxBytesPerTrigger",
                    "shard_fetch_intervals", "shardFetchInterval");

            typos.forEach((typo, meant) -> assertThatThrownBy(() -> parse("streamName", "orders", typo, "1"))
                    .as(typo)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Unknown option '" + typo + "' for the kinesis source: did you mean '" + meant
                            + "'?"));
        }

        @Test
        void aTypoIsReportedBeforeTheMissingOptionItWasMeantToBe() {
            assertThatThrownBy(() -> parse("stream_name", "orders"))
                    .hasMessage("Unknown option 'stream_name' for the kinesis source: did you mean 'streamName'?");
        }

        @Test
        void theOptionsSparkPassesItselfAreIgnored() {
            assertThat(KnownOptions.SPARK_OPTIONS).containsExactlyInAnyOrder("path", "paths");
            for (String sparkOption : KnownOptions.SPARK_OPTIONS) {
                assertThat(parse("streamName", "orders", sparkOption, "/tmp/anything").streamNames())
                        .as(sparkOption)
                        .containsExactly("orders");
                assertThat(new TypoFinder(KnownOptions.ALL).nearMiss(sparkOption)).as(sparkOption).isEmpty();
            }
            assertThat(parse("streamName", "orders", "PATH", "x", "Paths", "[\"a\",\"b\"]").streamNames())
                    .containsExactly("orders");
        }

        @Test
        void unrelatedNamesAreIgnored() {
            // Writer options given to the reader by mistake, and options of other Kinesis sources.
            List<String> unrelated = List.of("checkpointLocation", "queryName", "outputMode", "trigger",
                    "fetchBufferSize", "maxFetchRate", "minFetchPeriod", "kinesis.consumerType",
                    "kinesis.endpointUrl", "startingPosition", "awsUseInstanceProfile", "spark.foo.bar");

            for (String name : unrelated) {
                assertThat(parse("streamName", "orders", name, "x").streamNames()).as(name)
                        .containsExactly("orders");
            }
        }

        @Test
        void everyKnownNameIsItselfNoTypo() {
            TypoFinder typos = new TypoFinder(KnownOptions.ALL);

            for (String known : KnownOptions.ALL) {
                assertThat(typos.nearMiss(known)).as(known).isEmpty();
                assertThat(typos.nearMiss(known.toUpperCase(java.util.Locale.ROOT))).as(known).isEmpty();
            }
        }
    }

    // --- streamName ---

    @Nested
    class StreamName {

        @Test
        void isRequired() {
            assertThatThrownBy(() -> parse("region", "eu-west-1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Option 'streamName' of format kinesis is required; give the Kinesis stream "
                            + "to read, or a comma-separated list of streams, e.g. .option(\"streamName\", "
                            + "\"orders\")");
        }

        @Test
        void aListIsTrimmedAndKeepsItsOrder() {
            assertThat(parse("streamName", "  payments ,orders,  audit.log-1 ").streamNames())
                    .containsExactly("payments", "orders", "audit.log-1");
        }

        @Test
        void aNameOf128CharactersIsAccepted() {
            assertThat(parse("streamName", "s".repeat(128)).streamNames()).containsExactly("s".repeat(128));
        }

        @Test
        void emptyEntriesAreRejected() {
            assertThat(message("streamName", "orders,")).isEqualTo("Option 'streamName' of format kinesis has "
                    + "the invalid value 'orders,': expected one Kinesis stream name or a comma-separated list "
                    + "of them, each 1 to 128 letters, digits, '_', '.' or '-'; remove the empty entry");
            assertThat(message("streamName", "a,,b")).endsWith("remove the empty entry");
            assertThat(message("streamName", "")).endsWith("give the stream to read");
            assertThat(message("streamName", "  ")).endsWith("give the stream to read");
        }

        @Test
        void invalidNamesAreRejected() {
            assertThat(message("streamName", "orders,my stream")).isEqualTo("Option 'streamName' of format kinesis "
                    + "has the invalid value 'orders,my stream': expected one Kinesis stream name or a "
                    + "comma-separated list of them, each 1 to 128 letters, digits, '_', '.' or '-'; 'my stream' "
                    + "is not a stream name: correct it");
            assertThat(message("streamName", "s".repeat(129))).contains("is not a stream name");
            assertThat(message("streamName", "orders/eu")).contains("'orders/eu' is not a stream name");
        }

        @Test
        void duplicatesAreRejected() {
            assertThat(message("streamName", "orders, payments,orders"))
                    .contains("expected one Kinesis stream name or a comma-separated list of them")
                    .endsWith("each once; 'orders' is listed twice: remove one");
        }

        @Test
        void namesDifferingInCaseAreDifferentStreams() {
            assertThat(parse("streamName", "orders,Orders").streamNames()).containsExactly("orders", "Orders");
        }
    }

    // --- region and endpoint ---

    @Nested
    class RegionAndEndpoint {

        @Test
        void aRegionIsTaken() {
            assertThat(parse("streamName", "s", "region", " ap-southeast-2 ").region()).contains("ap-southeast-2");
            assertThat(parse("streamName", "s", "region", "us-gov-west-1").region()).contains("us-gov-west-1");
        }

        @Test
        void aRegionNewerThanTheSdkIsTakenWhenShapedLikeOne() {
            assertThat(parse("streamName", "s", "region", "xx-newregion-7").region()).contains("xx-newregion-7");
        }

        @Test
        void anUpperCaseRegionIsRejectedWithTheLowerCaseOne() {
            assertThat(message("region", "EU-West-1")).isEqualTo("Option 'region' of format kinesis has the "
                    + "invalid value 'EU-West-1': expected a lower-case AWS region name; use 'eu-west-1'");
        }

        @Test
        void somethingElseIsRejected() {
            assertThat(message("region", "europe")).isEqualTo("Option 'region' of format kinesis has the "
                    + "invalid value 'europe': expected an AWS region name such as eu-west-1, us-east-1 or "
                    + "ap-southeast-2; correct it, or remove the option for the AWS SDK's default region "
                    + "(AWS_REGION, the profile, the instance's region)");
            assertThat(message("region", "")).startsWith("Option 'region' of format kinesis has the invalid "
                    + "value '': expected an AWS region name");
            assertThat(message("region", "eu_west_1")).contains("expected an AWS region name");
        }

        @Test
        void endpointsAreTaken() {
            assertThat(parse("streamName", "s", "endpoint", "http://localhost:4567").endpoint())
                    .contains(URI.create("http://localhost:4567"));
            assertThat(parse("streamName", "s", "endpoint", " https://vpce-01-ab.kinesis.eu-west-1.vpce"
                    + ".amazonaws.com ", "region", "eu-west-1").endpoint())
                    .contains(URI.create("https://vpce-01-ab.kinesis.eu-west-1.vpce.amazonaws.com"));
        }

        @Test
        void invalidEndpointsAreRejected() {
            assertThat(message("endpoint", "ftp://localhost:4567")).isEqualTo("Option 'endpoint' of format kinesis "
                    + "has the invalid value 'ftp://localhost:4567': expected an http or https URL with a "
                    + "host name and, if any, a port from 1 to 65535, such as https://kinesis.eu-west-1"
                    + ".amazonaws.com or http://localhost:4567 (the scheme must be http or https); correct the "
                    + "URL, or remove the option for the region's Kinesis endpoint");
            assertThat(message("endpoint", "localhost:4567")).contains("(the scheme must be http or https)");
            assertThat(message("endpoint", "http://localhost:0")).contains("(port 0 is not between 1 and 65535)");
            assertThat(message("endpoint", "http://localhost:70000"))
                    .contains("(port 70000 is not between 1 and 65535)");
            assertThat(message("endpoint", "http://my_host:4567")).contains("('my_host' is not a valid host name");
            assertThat(message("endpoint", "http://local host")).contains("(not a URL: ");
            assertThat(message("endpoint", "")).contains("has the invalid value ''");
        }

        @Test
        void anAwsEndpointOfAnotherRegionIsRejected() {
            assertThatThrownBy(() -> parse("streamName", "s", "region", "us-east-1",
                    "endpoint", "https://kinesis.eu-west-1.amazonaws.com"))
                    .hasMessage("Option 'endpoint' of format kinesis is 'https://kinesis.eu-west-1.amazonaws"
                            + ".com', in region eu-west-1, but option 'region' is 'us-east-1' (requests are signed "
                            + "for 'region', which is never taken from the endpoint); set region to 'eu-west-1', "
                            + "or use the endpoint of us-east-1");
        }

        @Test
        void otherHostsAreUsedWithAnyRegion() {
            assertThat(parse("streamName", "s", "region", "us-east-1", "endpoint", "https://proxy.example.com")
                    .endpoint()).contains(URI.create("https://proxy.example.com"));
            assertThat(parse("streamName", "s", "endpoint", "https://kinesis.eu-west-1.amazonaws.com")
                    .region()).isEmpty();
        }
    }

    // --- credentials ---

    @Nested
    class Credentials {

        @Test
        void keysAlone() {
            assertThat(parse("streamName", "s", "awsAccessKey", KEY_ID, "awsSecretKey", SECRET).credentials())
                    .isEqualTo(SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET).build());
        }

        @Test
        void aRoleAloneIsAssumedWithTheDefaultChainAndTheDefaultSessionName() {
            assertThat(parse("streamName", "s", "roleArn", ROLE_ARN).credentials())
                    .isEqualTo(SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, "spark-kinesis-source").build());
            assertThat(KnownOptions.DEFAULT_ROLE_SESSION_NAME).isEqualTo("spark-kinesis-source");
        }

        @Test
        void aRoleWithKeysIsAssumedWithTheKeys() {
            assertThat(parse("streamName", "s", "awsAccessKey", KEY_ID, "awsSecretKey", SECRET,
                    "roleArn", ROLE_ARN).credentials())
                    .isEqualTo(SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET)
                            .stsCredentials(ROLE_ARN, KnownOptions.DEFAULT_ROLE_SESSION_NAME).build());
        }

        @Test
        void oneKeyWithoutTheOtherIsRejected() {
            assertThatThrownBy(() -> parse("streamName", "s", "awsAccessKey", KEY_ID))
                    .hasMessage("Option 'awsSecretKey' of format kinesis is missing while option "
                            + "'awsAccessKey' is set (the two go together); set both, or neither for the AWS SDK's "
                            + "default credential chain (environment, system properties, profile, web identity, "
                            + "container or instance role)");
            assertThatThrownBy(() -> parse("streamName", "s", "awsSecretKey", SECRET))
                    .hasMessageStartingWith("Option 'awsAccessKey' of format kinesis is missing while option "
                            + "'awsSecretKey' is set");
        }

        @Test
        void blankKeysAreRejectedWithoutShowingTheSecret() {
            assertThatThrownBy(() -> parse("streamName", "s", "awsAccessKey", " ", "awsSecretKey", SECRET))
                    .hasMessageStartingWith("Option 'awsAccessKey' of format kinesis has the invalid value ' ': "
                            + "expected an AWS access key id;");
            assertThatThrownBy(() -> parse("streamName", "s", "awsAccessKey", KEY_ID, "awsSecretKey", "  "))
                    .hasMessageStartingWith("Option 'awsSecretKey' of format kinesis has the invalid value "
                            + "'****': expected the secret key of the access key id, not blank;");
        }

        @Test
        void invalidRoleArnsAreRejected() {
            assertThatThrownBy(() -> parse("streamName", "s", "roleArn", "kinesis-reader"))
                    .hasMessage("Option 'roleArn' of format kinesis has the invalid value 'kinesis-reader': "
                            + "expected an IAM role ARN, arn:aws:iam::<account-id>:role/<role-name>; copy the "
                            + "role's ARN from the IAM console");
            assertThatThrownBy(() -> parse("streamName", "s", "roleArn", "arn:aws:iam::123456789012:user/alice"))
                    .hasMessageEndingWith("this ARN is not a role's: use the ARN of the IAM role to assume");
            assertThatThrownBy(() -> parse("streamName", "s", "roleArn", "arn:aws:s3:::bucket/role/x"))
                    .hasMessageContaining("is not a role's");
        }

        @Test
        void invalidSessionNamesAreRejected() {
            for (String sessionName : List.of("a", "x".repeat(65), "my session")) {
                assertThatThrownBy(() -> parse("streamName", "s", "roleArn", ROLE_ARN,
                        "roleSessionName", sessionName))
                        .as(sessionName)
                        .hasMessage("Option 'roleSessionName' of format kinesis has the invalid value '"
                                + sessionName + "': expected 2 to 64 letters, digits and +=,.@_-; correct it, or "
                                + "remove the option for the default spark-kinesis-source");
            }
        }

        @Test
        void invalidExternalIdsAreRejectedWithoutShowingThem() {
            assertThatThrownBy(() -> parse("streamName", "s", "roleArn", ROLE_ARN,
                    "roleExternalId", "secret id"))
                    .hasMessage("Option 'roleExternalId' of format kinesis has the invalid value '****': "
                            + "expected 2 to 1224 letters, digits and +=,.@:/_-; use the external id the role's "
                            + "trust policy requires");
        }

        @Test
        void roleOptionsWithoutARoleAreRejected() {
            for (String roleOption : List.of("roleSessionName", "roleExternalId", "stsEndpoint")) {
                String value = roleOption.equals("stsEndpoint") ? "https://sts.eu-west-1.amazonaws.com" : "abc";
                assertThatThrownBy(() -> parse("streamName", "s", roleOption, value))
                        .as(roleOption)
                        .hasMessage("Option '" + roleOption + "' of format kinesis is only used to assume a "
                                + "role, and option 'roleArn' is not set; set roleArn too, or remove "
                                + roleOption);
            }
        }

        @Test
        void theStsEndpointIsCheckedAndCarriedByTheCredentials() {
            KinesisSourceOptions options = parse("streamName", "s", "roleArn", ROLE_ARN,
                    "stsEndpoint", "http://localhost:4566");

            assertThat(options.stsEndpoint()).contains(URI.create("http://localhost:4566"));
            assertThat(options.credentials().toString()).contains("stsEndpoint=http://localhost:4566");
            assertThatThrownBy(() -> parse("streamName", "s", "roleArn", ROLE_ARN, "stsEndpoint", "sts.aws"))
                    .hasMessage("Option 'stsEndpoint' of format kinesis has the invalid value 'sts.aws': "
                            + "expected an http or https URL with a host name and, if any, a port from 1 to 65535, "
                            + "such as https://sts.eu-west-1.amazonaws.com (the scheme must be http or https); "
                            + "correct the URL, or remove the option for the region's STS endpoint");
        }
    }

    // --- initialPosition ---

    @Nested
    class InitialPositions {

        @Test
        void keywordsInAnyCase() {
            assertThat(position("latest")).isEqualTo(InitialPosition.latest());
            assertThat(position(" LATEST ")).isEqualTo(InitialPosition.latest());
            assertThat(position("trim_horizon")).isEqualTo(InitialPosition.trimHorizon());
            assertThat(position("Trim_Horizon")).isEqualTo(InitialPosition.trimHorizon());
            assertThat(position("earliest")).isEqualTo(InitialPosition.trimHorizon());
            assertThat(position("EARLIEST")).isEqualTo(InitialPosition.trimHorizon());
        }

        @Test
        void atTimestampWithDatabricksExampleFormat() {
            InitialPosition position = position("{\"at_timestamp\": \"06/25/2020 10:23:45 PDT\", "
                    + "\"format\": \"MM/dd/yyyy HH:mm:ss ZZZ\"}");

            assertThat(position.kind()).isEqualTo(InitialPosition.Kind.AT_TIMESTAMP);
            assertThat(position.timestamp()).contains(Instant.parse("2020-06-25T17:23:45Z"));
        }

        @Test
        void atTimestampWithAFormatWithoutZoneIsUtc() {
            assertThat(position("{\"at_timestamp\": \"2020-06-25 10:23\", \"format\": \"yyyy-MM-dd HH:mm\"}")
                    .timestamp()).contains(Instant.parse("2020-06-25T10:23:00Z"));
        }

        @Test
        void atTimestampWithoutFormatTakesIsoInstantsAndEpochMillis() {
            Instant expected = Instant.parse("2026-11-01T00:00:00Z");

            assertThat(position("{\"at_timestamp\": \"2026-11-01T00:00:00Z\"}").timestamp()).contains(expected);
            assertThat(position("{\"at_timestamp\": \"2026-11-01T01:00:00+01:00\"}").timestamp())
                    .contains(expected);
            assertThat(position("{\"at_timestamp\": \"1793491200000\"}").timestamp()).contains(expected);
            assertThat(position("{\"at_timestamp\": 1793491200000}").timestamp()).contains(expected);
            assertThat(position("  {\"at_timestamp\":\"2026-11-01T00:00:00.250Z\"}  ").timestamp())
                    .contains(expected.plusMillis(250));
        }

        @Test
        void invalidKeywordsAreRejectedListingTheAcceptedValues() {
            assertThat(message("initialPosition", "oldest")).isEqualTo("Option 'initialPosition' of format kinesis "
                    + "has the invalid value 'oldest': expected latest, trim_horizon, earliest, or a JSON "
                    + "object such as {\"at_timestamp\": \"2026-11-01T00:00:00Z\"} or {\"at_timestamp\": "
                    + "\"06/25/2020 10:23:45 PDT\", \"format\": \"MM/dd/yyyy HH:mm:ss ZZZ\"}; remove the option "
                    + "for the default latest");
            assertThat(message("initialPosition", "")).contains("has the invalid value ''");
            assertThat(message("initialPosition", "2026-11-01T00:00:00Z")).contains("expected latest");
        }

        @Test
        void atTimestampAloneNeedsTheTime() {
            assertThat(message("initialPosition", "AT_TIMESTAMP"))
                    .endsWith("; at_timestamp needs its time: give the JSON object");
        }

        @Test
        void malformedJsonIsRejected() {
            assertThat(message("initialPosition", "{at_timestamp: 1}")).contains("it is not valid JSON (");
            assertThat(message("initialPosition", "{\"at_timestamp\": \"2026-11-01T00:00:00Z\"} x"))
                    .contains("it is not valid JSON (");
            assertThat(message("initialPosition",
                    "{\"at_timestamp\": \"2026-11-01T00:00:00Z\", \"at_timestamp\": \"2026-11-02T00:00:00Z\"}"))
                    .contains("it is not valid JSON (");
        }

        @Test
        void jsonWithUnknownOrMissingFieldsIsRejected() {
            assertThat(message("initialPosition", "{\"at_timestamp\": \"06/25/2020\", \"fromat\": \"MM/dd/yyyy\"}"))
                    .endsWith("; remove the unknown field(s) [fromat] (the fields are \"at_timestamp\" and, "
                            + "optionally, \"format\")");
            assertThat(message("initialPosition", "{\"format\": \"MM/dd/yyyy\"}"))
                    .endsWith("; give \"at_timestamp\" as a string (or as milliseconds since the epoch)");
            assertThat(message("initialPosition", "{\"at_timestamp\": true}"))
                    .endsWith("; give \"at_timestamp\" as a string (or as milliseconds since the epoch)");
            assertThat(message("initialPosition", "{\"at_timestamp\": \"06/25/2020\", \"format\": 1}"))
                    .endsWith("; give \"format\" as a string");
            assertThat(message("initialPosition", "{\"at_timestamp\": 1, \"format\": \"yyyy\"}"))
                    .endsWith("\"format\" applies to a string \"at_timestamp\" only: quote the time, or remove "
                            + "\"format\"");
        }

        @Test
        void timestampsThatDoNotParseAreRejectedSayingWhy() {
            assertThat(message("initialPosition", "{\"at_timestamp\": \"2026-11-01 00:00\"}"))
                    .endsWith("; '2026-11-01 00:00' is neither an ISO-8601 instant with a zone (such as "
                            + "2026-11-01T00:00:00Z or 2026-11-01T01:00:00+01:00) nor milliseconds since the "
                            + "epoch; for another shape, add \"format\" with its pattern");
            assertThat(message("initialPosition", "{\"at_timestamp\": \"2026-11-01T00:00:00\"}"))
                    .contains("is neither an ISO-8601 instant with a zone");
            assertThat(message("initialPosition", "{\"at_timestamp\": \"25.06.2020\", \"format\": "
                    + "\"MM/dd/yyyy\"}")).endsWith("; '25.06.2020' does not match the format 'MM/dd/yyyy' (from "
                    + "character 3)");
            assertThat(message("initialPosition", "{\"at_timestamp\": \"13/25/2020\", \"format\": "
                    + "\"MM/dd/yyyy\"}")).endsWith("(a field is out of range)");
            assertThat(message("initialPosition", "{\"at_timestamp\": \"06/25/2020 10:00\", \"format\": "
                    + "\"MM/dd/yyyy\"}")).endsWith("(unexpected text from character 11)");
            assertThat(message("initialPosition", "{\"at_timestamp\": \"06/25/2020\", \"format\": \"qq/dd\"}"))
                    .contains("; \"format\" 'qq/dd' is not a date pattern (")
                    .endsWith("); use SimpleDateFormat letters such as MM/dd/yyyy HH:mm:ss ZZZ");
        }

        private InitialPosition position(String value) {
            return parse("streamName", "s", "initialPosition", value).initialPosition();
        }
    }

    // --- fetching and limits ---

    @Nested
    class Numbers {

        @Test
        void maxRecordsPerFetchIsFrom1To10000() {
            assertThat(parse("streamName", "s", "maxRecordsPerFetch", "1").maxRecordsPerFetch()).isEqualTo(1);
            assertThat(parse("streamName", "s", "maxRecordsPerFetch", " 10000 ").maxRecordsPerFetch())
                    .isEqualTo(10_000);
            assertThat(message("maxRecordsPerFetch", "0")).isEqualTo("Option 'maxRecordsPerFetch' of format kinesis "
                    + "has the invalid value '0': expected a whole number from 1 to 10000; give a value in "
                    + "that range, or remove the option for the default 10000");
            for (String invalid : List.of("10001", "-5", "1.5", "1e3", "lots", "", "99999999999999999999")) {
                assertThat(message("maxRecordsPerFetch", invalid)).as(invalid)
                        .contains("has the invalid value '" + invalid + "'");
            }
        }

        @Test
        void shardsPerTaskIsAtLeast1() {
            assertThat(parse("streamName", "s", "shardsPerTask", "1").shardsPerTask()).isEqualTo(OptionalInt.of(1));
            assertThat(message("shardsPerTask", "0")).isEqualTo("Option 'shardsPerTask' of format kinesis has "
                    + "the invalid value '0': expected a whole number from 1 to 2147483647; give a value in that "
                    + "range, or remove the option for shards spread over the cluster's parallelism");
            assertThat(message("shardsPerTask", "2147483648")).contains("from 1 to 2147483647");
            assertThat(message("shardsPerTask", "two")).contains("invalid value 'two'");
        }

        @Test
        void maxRecordsPerTriggerIsAtLeast1() {
            assertThat(parse("streamName", "s", "maxRecordsPerTrigger", "1").maxRecordsPerTrigger())
                    .isEqualTo(OptionalLong.of(1));
            assertThat(parse("streamName", "s", "maxRecordsPerTrigger", "5000000000").maxRecordsPerTrigger())
                    .isEqualTo(OptionalLong.of(5_000_000_000L));
            assertThat(message("maxRecordsPerTrigger", "0")).isEqualTo("Option 'maxRecordsPerTrigger' of format "
                    + "kinesis has the invalid value '0': expected a whole number from 1 to "
                    + "9223372036854775807; give a value in that range, or remove the option for no limit on "
                    + "records");
            assertThat(message("maxRecordsPerTrigger", "10k")).contains("invalid value '10k'");
        }

        @Test
        void maxBytesPerTriggerTakesSparkSizes() {
            assertThat(bytes("1")).isEqualTo(1);
            assertThat(bytes("1048576")).isEqualTo(1_048_576);
            assertThat(bytes("512k")).isEqualTo(512L * 1024);
            assertThat(bytes("10m")).isEqualTo(10L * 1024 * 1024);
            assertThat(bytes("10MB")).isEqualTo(10L * 1024 * 1024);
            assertThat(bytes("1g")).isEqualTo(1024L * 1024 * 1024);
            assertThat(message("maxBytesPerTrigger", "0")).isEqualTo("Option 'maxBytesPerTrigger' of format kinesis "
                    + "has the invalid value '0': expected a size of at least 1 byte such as 1048576, 512k, "
                    + "10m or 1g (whole numbers; k, m, g, t are 1024, 1024^2, 1024^3, 1024^4 bytes; a number "
                    + "alone is bytes); remove the option for no limit on bytes");
            for (String invalid : List.of("-1", "1.5g", "10 apples", "ten", "")) {
                assertThat(message("maxBytesPerTrigger", invalid)).as(invalid)
                        .contains("has the invalid value '" + invalid + "'");
            }
        }

        private long bytes(String value) {
            return parse("streamName", "s", "maxBytesPerTrigger", value).maxBytesPerTrigger().orElseThrow();
        }
    }

    @Nested
    class Durations {

        @Test
        void shardFetchIntervalIsAtLeast200ms() {
            assertThat(duration("shardFetchInterval", "200ms", KinesisSourceOptions::shardFetchInterval))
                    .isEqualTo(Duration.ofMillis(200));
            assertThat(duration("shardFetchInterval", "250", KinesisSourceOptions::shardFetchInterval))
                    .isEqualTo(Duration.ofMillis(250));
            assertThat(duration("shardFetchInterval", "2S", KinesisSourceOptions::shardFetchInterval))
                    .isEqualTo(Duration.ofSeconds(2));
            assertThat(message("shardFetchInterval", "100ms")).isEqualTo("Option 'shardFetchInterval' of format "
                    + "kinesis has the invalid value '100ms': expected a duration of at least 200ms such "
                    + "as 500ms, 10s or 2min (whole numbers; units us, ms, s, m or min, h, d; a number alone is "
                    + "milliseconds); remove the option for the default 300ms");
        }

        @Test
        void maxFetchDurationIsPositive() {
            assertThat(duration("maxFetchDuration", "1ms", KinesisSourceOptions::maxFetchDuration))
                    .isEqualTo(Duration.ofMillis(1));
            assertThat(duration("maxFetchDuration", "1min", KinesisSourceOptions::maxFetchDuration))
                    .isEqualTo(Duration.ofMinutes(1));
            assertThat(message("maxFetchDuration", "0")).isEqualTo("Option 'maxFetchDuration' of format kinesis "
                    + "has the invalid value '0': expected a positive duration such as 500ms, 10s or 2min "
                    + "(whole numbers; units us, ms, s, m or min, h, d; a number alone is milliseconds); remove "
                    + "the option for the default 10s");
            assertThat(message("maxFetchDuration", "-1s")).contains("expected a positive duration");
            assertThat(message("maxFetchDuration", "500us")).contains("expected a positive duration");
        }

        @Test
        void shardListRefreshIntervalIsAtLeast1s() {
            assertThat(duration("shardListRefreshInterval", "1s", KinesisSourceOptions::shardListRefreshInterval))
                    .isEqualTo(Duration.ofSeconds(1));
            assertThat(duration("shardListRefreshInterval", "5m", KinesisSourceOptions::shardListRefreshInterval))
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(message("shardListRefreshInterval", "999ms")).contains("expected a duration of at least 1s")
                    .endsWith("remove the option for the default 60s");
        }

        @Test
        void malformedDurationsAreRejected() {
            for (String invalid : List.of("1.5s", "fast", "10 seconds", "10y", "", "s")) {
                assertThat(message("shardFetchInterval", invalid)).as(invalid)
                        .contains("has the invalid value '" + invalid + "'");
            }
        }

        private Duration duration(String option, String value,
                java.util.function.Function<KinesisSourceOptions, Duration> accessor) {
            return accessor.apply(parse("streamName", "s", option, value));
        }
    }

    @Test
    void failOnDataLossIsTrueOrFalse() {
        assertThat(parse("streamName", "s", "failOnDataLoss", "false").failOnDataLoss()).isFalse();
        assertThat(parse("streamName", "s", "failOnDataLoss", "True").failOnDataLoss()).isTrue();
        assertThat(message("failOnDataLoss", "no")).isEqualTo("Option 'failOnDataLoss' of format kinesis has "
                + "the invalid value 'no': expected true or false; remove the option for the default true");
    }

    // --- enhanced fan-out ---

    @Test
    void consumerModeIsPollingOrEfoInAnyCase() {
        assertThat(parse("streamName", "s", "consumerMode", "POLLING").consumerName()).isEmpty();
        assertThat(parse("streamName", "s").consumerName()).isEmpty();
        KinesisSourceOptions efo = parse("streamName", "s", "consumerMode", "EFO", "consumerName", "orders-app");
        assertThat(efo.consumerName()).contains("orders-app");
        assertThat(efo.requireConsumerDeregistration()).isFalse();
        assertThat(parse("streamName", "s", "consumerMode", "efo", "consumerName", "a",
                "requireConsumerDeregistration", "TRUE").requireConsumerDeregistration()).isTrue();
        assertThat(message("consumerMode", "push")).isEqualTo("Option 'consumerMode' of format kinesis has "
                + "the invalid value 'push': expected polling (GetRecords) or efo (enhanced fan-out); remove "
                + "the option for the default polling");
    }

    @Test
    void efoNeedsAValidConsumerName() {
        assertThat(message("consumerMode", "efo")).isEqualTo("Option 'consumerName' of format kinesis is "
                + "required with consumerMode efo; name the enhanced fan-out consumer the query reads through "
                + "(registered when the stream has none of that name, reused when it has; keep the name when the "
                + "query restarts), e.g. .option(\"consumerName\", \"orders-to-delta\")");
        assertThat(catchThrowable(() -> parse("streamName", "s", "consumerMode", "efo", "consumerName", "my app")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Option 'consumerName' of format kinesis "
                        + "has the invalid value 'my app': expected a Kinesis consumer name: 1 to 128 "
                        + "letters, digits, '_', '-' and '.'; choose a name made of those");
    }

    @Test
    void enhancedFanOutOptionsNeedConsumerModeEfo() {
        assertThat(message("consumerName", "my-consumer")).isEqualTo("Option 'consumerName' of format kinesis "
                + "belongs to enhanced fan-out, but consumerMode is polling; set consumerMode to efo, or remove "
                + "consumerName");
        assertThat(message("requireConsumerDeregistration", "true"))
                .startsWith("Option 'requireConsumerDeregistration' of format kinesis belongs to enhanced "
                        + "fan-out");
    }

    // --- printing, secrets, serialization ---

    @Test
    void describeListsEveryOptionWithItsDefault() {
        assertThat(parse("streamName", "orders").describe()).isEqualTo("KinesisSourceOptions(streamNames=[orders], "
                + "region=(SDK default chain), endpoint=(the region's), credentials=DefaultCredentials, "
                + "initialPosition=latest, maxRecordsPerFetch=10000, shardFetchInterval=300ms, "
                + "maxFetchDuration=10s, shardsPerTask=(spread over the cluster), shardListRefreshInterval=60s, "
                + "maxRecordsPerTrigger=(none), maxBytesPerTrigger=(none), failOnDataLoss=true, "
                + "consumerMode=polling)");
    }

    @Test
    void toStringNeverShowsTheSecretKeyOrTheExternalId() {
        KinesisSourceOptions options = parse("streamName", "orders", "awsAccessKey", KEY_ID,
                "awsSecretKey", SECRET, "roleArn", ROLE_ARN, "roleExternalId", EXTERNAL_ID,
                "initialPosition", "{\"at_timestamp\": \"2026-11-01T00:00:00Z\"}");

        assertThat(options.toString())
                .isEqualTo(options.describe())
                .contains("accessKeyId=AKIA****MPLE", "secretKey=****", "roleArn=" + ROLE_ARN,
                        "initialPosition=at_timestamp 2026-11-01T00:00:00Z")
                .doesNotContain(SECRET)
                .doesNotContain(EXTERNAL_ID)
                .doesNotContain(KEY_ID);
    }

    @Test
    void errorsNeverShowTheSecretKey() {
        List<Map<String, String>> invalid = List.of(
                Map.of("streamName", "s", "awsSecretKey", SECRET),
                Map.of("streamName", "s", "awsAccessKey", " ", "awsSecretKey", SECRET),
                Map.of("streamName", "s", "awsAccessKey", KEY_ID, "awsSecretKey", SECRET, "roleArn", "x"),
                Map.of("streamName", "bad name", "awsAccessKey", KEY_ID, "awsSecretKey", SECRET),
                Map.of("awsAccessKey", KEY_ID, "awsSecretKey", SECRET),
                Map.of("streamName", "s", "awsAccessKey", KEY_ID, "awsSecretKey", SECRET, "regoin", "x"));

        for (Map<String, String> options : invalid) {
            Throwable error = catchThrowable(() -> KinesisSourceOptions.parse(new CaseInsensitiveStringMap(options)));
            assertThat(error).as(options.keySet().toString()).isInstanceOf(IllegalArgumentException.class);
            assertThat(error.getMessage()).doesNotContain(SECRET);
        }
    }

    @Test
    void optionsSurviveSerialization() {
        KinesisSourceOptions options = parse("streamName", "orders,payments", "region", "eu-west-1",
                "endpoint", "http://localhost:4567", "awsAccessKey", KEY_ID, "awsSecretKey", SECRET,
                "roleArn", ROLE_ARN, "stsEndpoint", "http://localhost:4566",
                "initialPosition", "{\"at_timestamp\": 1793491200000}", "shardsPerTask", "2",
                "maxRecordsPerTrigger", "10", "maxBytesPerTrigger", "1m", "failOnDataLoss", "false");

        KinesisSourceOptions copy = Serialization.roundTrip(options);

        assertThat(copy).isEqualTo(options).hasSameHashCodeAs(options);
        assertThat(copy.describe()).isEqualTo(options.describe());
    }

    @Test
    void equalOptionsAreEqual() {
        assertThat(parse("streamName", "orders", "REGION", "eu-west-1"))
                .isEqualTo(parse("region", "eu-west-1", "streamname", "orders"))
                .isNotEqualTo(parse("streamName", "orders"));
    }

    @Test
    void theFirstInvalidOptionInReferenceOrderIsReported() {
        assertThatThrownBy(() -> parse("streamName", "s", "maxRecordsPerFetch", "0", "region", "X"))
                .hasMessageStartingWith("Option 'region'");
    }

    private static KinesisSourceOptions parse(String... keysAndValues) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return KinesisSourceOptions.parse(new CaseInsensitiveStringMap(options));
    }

    /** The message of the error that the option's value causes, with a valid stream name. */
    private static String message(String option, String value) {
        Throwable error = option.equals("streamName") ? catchThrowable(() -> parse(option, value))
                : catchThrowable(() -> parse("streamName", "s", option, value));
        assertThat(error).as(option + "=" + value).isInstanceOf(IllegalArgumentException.class);
        return error.getMessage();
    }
}
