package io.github.sparkkinesis.assembly;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.streaming.kinesis.testing.SparkDistribution;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The environment every {@code spark-submit} of these tests runs in: the laid-out distribution as
 * {@code SPARK_HOME} and the local stack's keys where the default credential chain of the driver finds them.
 */
final class SubmitEnvironment {

    private SubmitEnvironment() {
    }

    static Map<String, String> of(SparkDistribution spark, AwsCredentials credentials) {
        return of(spark, credentials, Map.of());
    }

    /** The same, plus {@code extra} variables (for example an endpoint the application does not set itself). */
    static Map<String, String> of(SparkDistribution spark, AwsCredentials credentials, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("SPARK_HOME", spark.home().toString());
        environment.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        return Map.copyOf(environment);
    }
}
