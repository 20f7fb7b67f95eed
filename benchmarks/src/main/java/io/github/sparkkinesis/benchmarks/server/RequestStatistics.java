package io.github.sparkkinesis.benchmarks.server;

import java.time.Duration;

/**
 * What a {@link FastKinesisServer} has served so far, so a benchmark can tell the server's own share of the time
 * from its client's.
 *
 * @param requests requests answered, errors included
 * @param errors requests answered with an error
 * @param handlingTime time spent parsing requests and writing responses, summed over all requests (not the network
 *     transfer)
 */
public record RequestStatistics(long requests, long errors, Duration handlingTime) {

    /** The mean handling time per request, or zero before the first request. */
    public Duration meanHandlingTime() {
        return requests == 0 ? Duration.ZERO : handlingTime.dividedBy(requests);
    }
}
