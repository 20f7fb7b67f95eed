package io.github.sparkkinesis.benchmarks.compare;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a comparison's child JVMs, the same for both sides: the SDK's endpoint variables, which both
 * connectors' DynamoDB clients honour, the local servers' (any) credentials, and CloudWatch's endpoint on a closed
 * loopback port so that nothing could reach AWS (metrics are off anyway).
 */
public final class ChildEnvironment {

    private static final String NO_CLOUDWATCH = "http://127.0.0.1:9";

    private ChildEnvironment() {
    }

    /** The variables for a child whose DynamoDB is {@code dynamoDb}. */
    public static Map<String, String> of(URI dynamoDb) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        environment.put("AWS_ENDPOINT_URL_CLOUDWATCH", NO_CLOUDWATCH);
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "benchmark");
        environment.put("AWS_SECRET_ACCESS_KEY", "benchmark");
        return environment;
    }
}
