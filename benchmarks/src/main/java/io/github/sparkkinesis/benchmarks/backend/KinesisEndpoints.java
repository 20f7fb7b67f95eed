package io.github.sparkkinesis.benchmarks.backend;

import io.github.sparkkinesis.localstack.LocalStack;
import java.net.URI;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Where a benchmark's Kinesis and DynamoDB servers listen. Both accept any credentials. */
public record KinesisEndpoints(URI kinesis, URI dynamoDb) {

    /** The credentials the connector is given (the local servers do not check them). */
    public static SparkAWSCredentials sparkCredentials() {
        return SparkAWSCredentials.builder()
                .basicCredentials(LocalStack.CREDENTIALS.resolveCredentials().accessKeyId(),
                        LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey())
                .build();
    }

    /** A new synchronous Kinesis client for producers and plain read loops; the caller closes it. */
    public KinesisClient newKinesisClient() {
        return LocalStack.newKinesisClient(kinesis);
    }
}
