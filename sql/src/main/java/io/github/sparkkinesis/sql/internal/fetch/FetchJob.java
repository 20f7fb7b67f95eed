package io.github.sparkkinesis.sql.internal.fetch;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a fetch as a Spark job: one task per group of shards, each reading into its executor's block manager and
 * returning only what it stored (positions and counts), so no record passes through the driver. What the tasks get
 * and return travels as Java-serialized bytes (see {@link JavaSerializedBytes}), whatever {@code spark.serializer}.
 */
public final class FetchJob {

    private static final String DESCRIPTION = "spark.job.description";

    private FetchJob() {
    }

    /**
     * Fetches the shards of {@code groups} (one task each) and returns one result per shard.
     *
     * @param fetchId names the fetch's blocks (see {@link BlockRef}); unique in the application
     */
    public static List<ShardFetchResult> run(SparkContext sc, List<List<ShardFetchSpec>> groups,
            FetchSettings settings, int fetchId, String description) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        // The job runs on the query's thread; its description must not stay for the batch's own jobs.
        String previous = sc.getLocalProperty(DESCRIPTION);
        sc.setLocalProperty(DESCRIPTION, description);
        try {
            List<byte[]> tasks = groups.stream().map(group -> JavaSerializedBytes.of(new ArrayList<>(group))).toList();
            List<byte[]> answers = jsc.parallelize(tasks, tasks.size())
                    .map(task -> JavaSerializedBytes.of(new ArrayList<>(new ShardFetcher(settings, fetchId,
                            TaskContext.get().attemptNumber()).fetch(JavaSerializedBytes.read(task)))))
                    .collect();
            List<ShardFetchResult> results = new ArrayList<>();
            answers.forEach(answer -> results.addAll(JavaSerializedBytes.<List<ShardFetchResult>>read(answer)));
            return results;
        } finally {
            sc.setLocalProperty(DESCRIPTION, previous);
        }
    }
}
