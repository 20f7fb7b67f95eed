package io.github.sparkkinesis.sql.internal.options;

import static io.github.sparkkinesis.sql.internal.options.KnownOptions.AWS_ACCESS_KEY;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.AWS_SECRET_KEY;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.ROLE_ARN;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.ROLE_EXTERNAL_ID;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.ROLE_SESSION_NAME;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.STS_ENDPOINT;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import software.amazon.awssdk.arns.Arn;

/**
 * The credential options, turned into the connector's {@link SparkAWSCredentials}: the default provider chain,
 * fixed keys ({@code awsAccessKey} and {@code awsSecretKey}), or a role ({@code roleArn}) assumed with the keys if
 * given, else with the default chain. Each value is checked here, naming its option, with the rules the
 * connector's builder applies (AssumeRole's own constraints), so that a typo fails when the query is defined
 * rather than on an executor.
 */
final class CredentialsOptions {

    // AssumeRole's constraints, as the connector's STSCredentials checks them.
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final String DEFAULT_CHAIN = "the AWS SDK's default credential chain (environment, system "
            + "properties, profile, web identity, container or instance role)";

    private CredentialsOptions() {
    }

    /** The credentials the options describe; {@code stsEndpoint} is the already checked STS endpoint option. */
    static SparkAWSCredentials credentials(OptionReader options, Optional<URI> stsEndpoint) {
        SparkAWSCredentials.Builder builder = SparkAWSCredentials.builder();
        addKeys(options, builder);
        Optional<String> roleArn = options.text(ROLE_ARN).map(CredentialsOptions::checkedRoleArn);
        if (roleArn.isPresent()) {
            String sessionName = options.text(ROLE_SESSION_NAME).map(CredentialsOptions::checkedSessionName)
                    .orElse(KnownOptions.DEFAULT_ROLE_SESSION_NAME);
            String externalId = options.text(ROLE_EXTERNAL_ID).map(CredentialsOptions::checkedExternalId)
                    .orElse(null);
            builder.stsCredentials(roleArn.get(), sessionName, externalId);
            stsEndpoint.ifPresent(endpoint -> builder.stsEndpointUrl(endpoint.toString()));
        } else {
            for (String roleOption : new String[] {ROLE_SESSION_NAME, ROLE_EXTERNAL_ID, STS_ENDPOINT}) {
                if (options.isSet(roleOption)) {
                    throw OptionErrors.misuse(roleOption, "is only used to assume a role, and option 'roleArn' "
                            + "is not set", "set roleArn too, or remove " + roleOption);
                }
            }
        }
        return builder.build();
    }

    /** The access key id and secret key, if given (both or neither), used as they are given. */
    private static void addKeys(OptionReader options, SparkAWSCredentials.Builder builder) {
        Optional<String> accessKey = options.raw(AWS_ACCESS_KEY);
        Optional<String> secretKey = options.raw(AWS_SECRET_KEY);
        if (accessKey.isEmpty() && secretKey.isEmpty()) {
            return;
        }
        if (secretKey.isEmpty()) {
            throw OptionErrors.misuse(AWS_SECRET_KEY, "is missing while option 'awsAccessKey' is set (the two go "
                    + "together)", "set both, or neither for " + DEFAULT_CHAIN);
        }
        if (accessKey.isEmpty()) {
            throw OptionErrors.misuse(AWS_ACCESS_KEY, "is missing while option 'awsSecretKey' is set (the two go "
                    + "together)", "set both, or neither for " + DEFAULT_CHAIN);
        }
        if (accessKey.get().isBlank()) {
            throw OptionErrors.invalidValue(AWS_ACCESS_KEY, accessKey.get(), "an AWS access key id",
                    "set it, or remove both keys for " + DEFAULT_CHAIN);
        }
        if (secretKey.get().isBlank()) {
            // Never show a secret, not even a blank one.
            throw OptionErrors.invalidValue(AWS_SECRET_KEY, OptionErrors.HIDDEN, "the secret key of the access "
                    + "key id, not blank", "set it, or remove both keys for " + DEFAULT_CHAIN);
        }
        builder.basicCredentials(accessKey.get(), secretKey.get());
    }

    private static String checkedRoleArn(String value) {
        String expected = "an IAM role ARN, arn:aws:iam::<account-id>:role/<role-name>";
        Arn arn;
        try {
            arn = Arn.fromString(value);
        } catch (IllegalArgumentException notAnArn) {
            throw OptionErrors.invalidValue(ROLE_ARN, value, expected, "copy the role's ARN from the IAM console");
        }
        if (!"iam".equals(arn.service()) || !arn.resource().resourceType().map("role"::equals).orElse(false)) {
            throw OptionErrors.invalidValue(ROLE_ARN, value, expected, "this ARN is not a role's: use the ARN of "
                    + "the IAM role to assume");
        }
        return value;
    }

    private static String checkedSessionName(String value) {
        if (!SESSION_NAME.matcher(value).matches()) {
            throw OptionErrors.invalidValue(ROLE_SESSION_NAME, value, "2 to 64 letters, digits and +=,.@_-",
                    "correct it, or remove the option for the default " + KnownOptions.DEFAULT_ROLE_SESSION_NAME);
        }
        return value;
    }

    private static String checkedExternalId(String value) {
        if (!EXTERNAL_ID.matcher(value).matches()) {
            // The external id is a shared secret of sorts: the connector never prints it either.
            throw OptionErrors.invalidValue(ROLE_EXTERNAL_ID, OptionErrors.HIDDEN, "2 to 1224 letters, digits "
                    + "and +=,.@:/_-", "use the external id the role's trust policy requires");
        }
        return value;
    }
}
