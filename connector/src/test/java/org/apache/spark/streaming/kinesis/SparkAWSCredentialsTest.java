package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfigBuilder;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class SparkAWSCredentialsTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "SECRETxyz123SECRET";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/kinesis-reader";
    private static final String SESSION = "spark-app";
    private static final String EXTERNAL_ID = "external-id-42";

    // --- kinds of credentials ---

    @Test
    void nothingSetMeansTheDefaultProviderChain() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder().build();

        assertThat(credentials).isSameAs(DefaultCredentials.INSTANCE);
        assertThat(credentials).hasToString("DefaultCredentials");
    }

    @Test
    void basicCredentialsProvideTheGivenKeys() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET).build();

        assertThat(credentials).isInstanceOf(BasicCredentials.class);
        AwsCredentials resolved = credentials.provider().resolveCredentials();
        assertThat(resolved.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(resolved.secretAccessKey()).isEqualTo(SECRET);
    }

    @Test
    void basicCredentialsProvideTheSameKeysForAnyRegion() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET).build();

        AwsCredentials resolved = credentials.provider(Region.EU_WEST_1).resolveCredentials();

        assertThat(resolved.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(resolved.secretAccessKey()).isEqualTo(SECRET);
    }

    @Test
    void stsCredentialsAloneAssumeTheRoleWithTheDefaultChain() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION).build();

        assertThat(credentials).isInstanceOfSatisfying(STSCredentials.class, sts -> {
            assertThat(sts.roleArn()).isEqualTo(ROLE_ARN);
            assertThat(sts.roleSessionName()).isEqualTo(SESSION);
            assertThat(sts.externalId()).isNull();
            assertThat(sts.longLivedCredentials()).isSameAs(DefaultCredentials.INSTANCE);
        });
    }

    @Test
    void stsCredentialsWithBasicCredentialsAssumeTheRoleWithTheKeys() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION)
                .build();

        assertThat(credentials).isInstanceOfSatisfying(STSCredentials.class, sts ->
                assertThat(sts.longLivedCredentials()).isEqualTo(basic()));
    }

    @Test
    void stsCredentialsKeepTheExternalId() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION, EXTERNAL_ID)
                .build();

        assertThat(credentials).isInstanceOfSatisfying(STSCredentials.class, sts ->
                assertThat(sts.externalId()).isEqualTo(EXTERNAL_ID));
    }

    @Test
    void stsCredentialsWithANullExternalIdHaveNone() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION, null)
                .build();

        assertThat(credentials).isEqualTo(SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION).build());
    }

    @Test
    void callOrderDoesNotMatter() {
        SparkAWSCredentials basicFirst = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION, EXTERNAL_ID)
                .build();
        SparkAWSCredentials stsFirst = SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION, EXTERNAL_ID)
                .basicCredentials(KEY_ID, SECRET)
                .build();

        assertThat(stsFirst).isEqualTo(basicFirst).hasSameHashCodeAs(basicFirst);
    }

    @Test
    void stsProviderForARegionIsClosableAndNotResolvedEagerly() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION, EXTERNAL_ID)
                .build();

        AwsCredentialsProvider provider = credentials.provider(Region.EU_WEST_1);

        // Resolving would call STS; only check that the provider owns closable resources.
        assertThat(provider).isInstanceOf(SdkAutoCloseable.class);
        ((SdkAutoCloseable) provider).close();
    }

    // --- validation ---

    @Test
    void nullAccessKeyIdIsRejected() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().basicCredentials(null, SECRET).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("basicCredentials: the access key id is null or blank");
    }

    @Test
    void blankAccessKeyIdIsRejected() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().basicCredentials("  ", SECRET).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("basicCredentials: the access key id is null or blank");
    }

    @Test
    void nullSecretKeyIsRejectedNamingTheMaskedKeyId() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().basicCredentials(KEY_ID, null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("basicCredentials: the secret key for access key id AKIA****MPLE is null or blank");
    }

    @Test
    void blankSecretKeyIsRejected() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().basicCredentials(KEY_ID, " ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret key")
                .hasMessageContaining("null or blank");
    }

    @Test
    void invalidBasicCredentialsAreRejectedAlsoUnderAnStsRole() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION)
                .basicCredentials(KEY_ID, "")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("basicCredentials:");
    }

    @Test
    void nullRoleArnIsRejectedWhenASessionNameIsGiven() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().stsCredentials(null, SESSION).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stsCredentials: the role ARN is null or blank");
    }

    @Test
    void malformedRoleArnIsRejected() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().stsCredentials("kinesis-reader", SESSION).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stsCredentials: 'kinesis-reader' is not an ARN; expected "
                        + "arn:aws:iam::<account-id>:role/<role-name>");
    }

    @Test
    void arnOfAnotherServiceIsRejected() {
        String s3Arn = "arn:aws:s3:::my-bucket/role/x";

        assertThatThrownBy(() -> SparkAWSCredentials.builder().stsCredentials(s3Arn, SESSION).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stsCredentials: '" + s3Arn + "' is not an IAM role ARN; expected "
                        + "arn:aws:iam::<account-id>:role/<role-name>");
    }

    @Test
    void iamArnThatIsNotARoleIsRejected() {
        String userArn = "arn:aws:iam::123456789012:user/alice";

        assertThatThrownBy(() -> SparkAWSCredentials.builder().stsCredentials(userArn, SESSION).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an IAM role ARN");
    }

    @Test
    void sessionNameWithInvalidCharactersIsRejected() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, "spark app!").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stsCredentials: invalid session name 'spark app!'; use 2-64 characters from "
                        + "letters, digits and +=,.@_-");
    }

    @Test
    void sessionNameTooShortOrTooLongIsRejected() {
        for (String sessionName : List.of("a", "x".repeat(65))) {
            assertThatThrownBy(() -> SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, sessionName).build())
                    .as(sessionName)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid session name");
        }
    }

    @Test
    void nullSessionNameIsRejected() {
        assertThatThrownBy(() -> SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid session name 'null'");
    }

    @Test
    void invalidExternalIdIsRejectedWithoutShowingIt() {
        String externalId = "bad external id";

        Throwable error = catchThrowable(() -> SparkAWSCredentials.builder()
                .stsCredentials(ROLE_ARN, SESSION, externalId)
                .build());

        assertThat(error)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stsCredentials: invalid external id; use 2-1224 characters from letters, digits and "
                        + "+=,.@:/_-");
    }

    @Test
    void validationErrorsNeverShowTheSecretKey() {
        List<Runnable> invalid = List.of(
                () -> SparkAWSCredentials.builder().basicCredentials(null, SECRET).build(),
                () -> SparkAWSCredentials.builder().basicCredentials(" ", SECRET).build(),
                () -> SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET)
                        .stsCredentials(null, SESSION).build(),
                () -> SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET)
                        .stsCredentials("not-an-arn", SESSION).build(),
                () -> SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET)
                        .stsCredentials("arn:aws:s3:::bucket", SESSION).build(),
                () -> SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET)
                        .stsCredentials(ROLE_ARN, "no spaces").build(),
                () -> SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET)
                        .stsCredentials(ROLE_ARN, SESSION, "?").build());

        for (Runnable build : invalid) {
            Throwable error = catchThrowable(build::run);
            assertThat(error).isInstanceOf(IllegalArgumentException.class);
            for (Throwable t = error; t != null; t = t.getCause()) {
                assertThat(t.getMessage()).doesNotContain(SECRET);
                assertThat(t.toString()).doesNotContain(SECRET);
            }
        }
    }

    // --- serialization and printing ---

    @Test
    void defaultCredentialsSurviveSerializationAsTheSingleton() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder().build();

        assertThat(Serialization.roundTrip(credentials)).isSameAs(DefaultCredentials.INSTANCE);
    }

    @Test
    void basicCredentialsSurviveSerialization() {
        SparkAWSCredentials credentials = basic();

        SparkAWSCredentials copy = Serialization.roundTrip(credentials);

        assertThat(copy).isEqualTo(credentials).hasSameHashCodeAs(credentials);
        assertThat(copy.provider().resolveCredentials().secretAccessKey()).isEqualTo(SECRET);
    }

    @Test
    void stsCredentialsWithDefaultChainSurviveSerialization() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION).build();

        assertThat(Serialization.roundTrip(credentials)).isEqualTo(credentials).hasSameHashCodeAs(credentials);
    }

    @Test
    void stsCredentialsWithBasicKeysAndExternalIdSurviveSerialization() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION, EXTERNAL_ID)
                .build();

        assertThat(Serialization.roundTrip(credentials)).isEqualTo(credentials).hasSameHashCodeAs(credentials);
    }

    @Test
    void credentialsOfDifferentKindsOrValuesDiffer() {
        assertThat(basic()).isNotEqualTo(SparkAWSCredentials.builder().build());
        assertThat(basic()).isNotEqualTo(SparkAWSCredentials.builder().basicCredentials(KEY_ID, "other").build());
        assertThat(SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION).build())
                .isNotEqualTo(SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, "other-session").build());
    }

    @Test
    void basicCredentialsToStringMasksTheKeys() {
        assertThat(basic()).hasToString("BasicCredentials(accessKeyId=AKIA****MPLE, secretKey=****)");
    }

    @Test
    void shortAccessKeyIdsAreMaskedCompletely() {
        assertThat(SparkAWSCredentials.builder().basicCredentials("SHORTKEY", SECRET).build())
                .hasToString("BasicCredentials(accessKeyId=****, secretKey=****)");
    }

    @Test
    void stsCredentialsToStringShowsTheRoleButNeitherSecretNorExternalId() {
        SparkAWSCredentials credentials = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION, EXTERNAL_ID)
                .build();

        assertThat(credentials.toString())
                .isEqualTo("STSCredentials(roleArn=" + ROLE_ARN + ", sessionName=" + SESSION
                        + ", externalId=****, longLivedCredentials="
                        + "BasicCredentials(accessKeyId=AKIA****MPLE, secretKey=****))")
                .doesNotContain(SECRET)
                .doesNotContain(EXTERNAL_ID);
    }

    @Test
    void stsCredentialsWithoutExternalIdSayNone() {
        assertThat(SparkAWSCredentials.builder().stsCredentials(ROLE_ARN, SESSION).build().toString())
                .contains("externalId=none")
                .contains("longLivedCredentials=DefaultCredentials");
    }

    @Test
    void consumerConfigToStringNeverShowsTheSecretKey() {
        SparkAWSCredentials sts = SparkAWSCredentials.builder()
                .basicCredentials(KEY_ID, SECRET)
                .stsCredentials(ROLE_ARN, SESSION, EXTERNAL_ID)
                .build();
        KinesisConsumerConfig config = new KinesisConsumerConfigBuilder()
                .streamName("orders")
                .checkpointAppName("orders-app")
                .kinesisCredentials(basic())
                .dynamoDBCredentials(sts)
                .cloudWatchCredentials(basic())
                .build();

        assertThat(config.toString())
                .contains("kinesisCredentials=BasicCredentials(accessKeyId=AKIA****MPLE, secretKey=****)")
                .contains("dynamoDBCredentials=STSCredentials(")
                .doesNotContain(SECRET)
                .doesNotContain(EXTERNAL_ID);
    }

    private static SparkAWSCredentials basic() {
        return SparkAWSCredentials.builder().basicCredentials(KEY_ID, SECRET).build();
    }
}
