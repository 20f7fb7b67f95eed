package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;

/** Stream and consumer ARNs as Kinesis writes them: {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
final class StreamArns {

    private static final String STREAM = ":stream/";
    private static final String CONSUMER = "/consumer/";

    private StreamArns() {
    }

    /** The stream name of a stream ARN, or of the stream part of a consumer ARN. */
    static String streamName(String arn) {
        int stream = arn == null ? -1 : arn.indexOf(STREAM);
        if (stream < 0 || !arn.startsWith("arn:")) {
            throw KinesisServiceError.invalidArgument("Not a Kinesis stream ARN: " + arn);
        }
        String rest = arn.substring(stream + STREAM.length());
        int consumer = rest.indexOf(CONSUMER);
        return consumer < 0 ? rest : rest.substring(0, consumer);
    }

    /** The stream ARN of a consumer ARN. */
    static String streamArnOfConsumer(String consumerArn) {
        int consumer = consumerArn == null ? -1 : consumerArn.indexOf(CONSUMER);
        if (consumer < 0) {
            throw KinesisServiceError.invalidArgument("Not a Kinesis consumer ARN: " + consumerArn);
        }
        return consumerArn.substring(0, consumer);
    }
}
