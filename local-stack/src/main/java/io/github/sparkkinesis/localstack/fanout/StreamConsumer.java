package io.github.sparkkinesis.localstack.fanout;

import java.time.Instant;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/**
 * A registered consumer as the fan-out server sees it at one moment.
 *
 * @param streamArn the stream it reads
 * @param name      its name, unique within the stream
 * @param arn       {@code <streamArn>/consumer/<name>:<creation epoch seconds>}, as Kinesis builds it
 * @param status    CREATING, ACTIVE or DELETING
 * @param created   when it was registered
 */
public record StreamConsumer(String streamArn, String name, String arn, ConsumerStatus status, Instant created) {
}
