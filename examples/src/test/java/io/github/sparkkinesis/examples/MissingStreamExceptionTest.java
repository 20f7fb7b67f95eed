package io.github.sparkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MissingStreamExceptionTest {

    private static String message(String endpoint, String region) {
        return new MissingStreamException("words", KinesisEndpoint.of(endpoint), region, null).getMessage();
    }

    @Test
    void onTheLocalStackItGivesTheScriptsCommand() {
        assertThat(message("http://127.0.0.1:4568", "us-east-1")).isEqualTo("Kinesis stream 'words' does not exist at "
                + "http://127.0.0.1:4568 (region us-east-1). Create it on the local stack with:\n"
                + "  local-stack/bin/local-stack create-stream words 2");
    }

    @Test
    void onAwsItGivesTheAwsCliCommand() {
        assertThat(message("https://kinesis.eu-west-1.amazonaws.com", "eu-west-1")).isEqualTo("Kinesis stream "
                + "'words' does not exist at https://kinesis.eu-west-1.amazonaws.com (region eu-west-1). Check the "
                + "stream name and the region, or create it with the AWS CLI:\n"
                + "  aws kinesis create-stream --stream-name words --shard-count 2 --region eu-west-1");
    }

    @Test
    void elsewhereTheAwsCliCommandNamesTheEndpoint() {
        assertThat(message("http://localstack:4566", "us-east-1")).endsWith("aws kinesis create-stream "
                + "--stream-name words --shard-count 2 --region us-east-1 --endpoint-url http://localstack:4566");
    }
}
