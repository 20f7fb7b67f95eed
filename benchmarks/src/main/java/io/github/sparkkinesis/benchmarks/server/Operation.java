package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.io.IOException;

/**
 * One Kinesis API operation. It validates the request and throws {@link KinesisServiceError} before writing anything, so
 * a failed request never leaves half a document behind.
 */
@FunctionalInterface
interface Operation {

    void execute(KinesisRequest request, ResponseWriter response) throws IOException;
}
