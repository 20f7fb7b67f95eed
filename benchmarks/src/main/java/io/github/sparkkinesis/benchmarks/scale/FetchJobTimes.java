package io.github.sparkkinesis.benchmarks.scale;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * When the Structured Streaming source's fetch jobs ran, seen by a listener on the driver: the source reads the new
 * records in a Spark job while Spark asks it for the latest offsets, so its {@code latestOffset} time is mostly that
 * job; the driver's own planning is the rest. Jobs are recognised by the description the source gives them.
 */
final class FetchJobTimes extends SparkListener {

    /** The start of the description the source's fetch jobs carry ({@code FetchJob}). */
    static final String FETCH_JOB_DESCRIPTION = "kinesis: read";
    private static final String DESCRIPTION = "spark.job.description";

    /** One fetch job, in epoch milliseconds. */
    record Job(long startMillis, long endMillis) {

        long millis() {
            return endMillis - startMillis;
        }
    }

    private final Map<Integer, Long> running = new ConcurrentHashMap<>();
    private final List<Job> jobs = new CopyOnWriteArrayList<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String description = start.properties() == null ? null : start.properties().getProperty(DESCRIPTION);
        if (description != null && description.startsWith(FETCH_JOB_DESCRIPTION)) {
            running.put(start.jobId(), start.time());
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        Long started = running.remove(end.jobId());
        if (started != null) {
            jobs.add(new Job(started, end.time()));
        }
    }

    /** Milliseconds of fetch jobs that started within {@code [fromMillis, toMillis]}. */
    long fetchMillisBetween(long fromMillis, long toMillis) {
        return jobs.stream().filter(job -> job.startMillis() >= fromMillis && job.startMillis() <= toMillis)
                .mapToLong(Job::millis).sum();
    }
}
