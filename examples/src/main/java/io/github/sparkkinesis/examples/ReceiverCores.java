package io.github.sparkkinesis.examples;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * Spark's rule for receivers: each one keeps a core for as long as it runs, so an application needs more cores than
 * receivers, or no batch ever runs and nothing is printed. Chooses a local master that follows it when none is
 * set, and refuses a master that does not.
 */
final class ReceiverCores {

    private static final String MASTER = "spark.master";
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,.*]");

    private ReceiverCores() {
    }

    /**
     * Sets {@code spark.master} when it is not set: local, with a thread for each receiver and at least as many
     * more as the machine has cores for the batches (a receiver mostly waits for Kinesis, so the threads may
     * outnumber the cores). Otherwise checks that the master set has more cores than {@code receivers}.
     *
     * @param receivers  how many receivers the application starts
     * @param why        why there are that many, for the message (e.g. "one per shard of stream 'words'")
     * @param processors the cores of this machine, what {@code local[*]} means
     * @throws IllegalArgumentException if the master set has too few cores, saying what to change
     */
    static void configure(SparkConf conf, int receivers, String why, int processors) {
        if (!conf.contains(MASTER)) {
            conf.setMaster("local[" + Math.max(processors, receivers + 1) + "]");
            return;
        }
        OptionalInt cores = coresOf(conf, processors);
        if (cores.isPresent() && cores.getAsInt() <= receivers) {
            throw new IllegalArgumentException("This application starts " + receivers + " receiver"
                    + (receivers == 1 ? "" : "s") + " (" + why + "), and each keeps a core for as long as it runs; "
                    + "master " + conf.get(MASTER) + " has " + cores.getAsInt() + " core"
                    + (cores.getAsInt() == 1 ? "" : "s") + ", which leaves none to run the batches, so nothing "
                    + "would ever be counted. Give it more cores than receivers (e.g. --master local["
                    + (receivers + 1) + "], or spark.cores.max=" + (receivers + 2) + " on a cluster), or use a "
                    + "stream with fewer shards.");
        }
    }

    /**
     * The cores the master gives the application: {@code local[N]}, {@code local[*]}, {@code local-cluster[...]},
     * or on a cluster {@code spark.cores.max}, or executors times cores per executor; empty when the
     * configuration does not say (the cluster decides).
     */
    static OptionalInt coresOf(SparkConf conf, int processors) {
        String master = conf.get(MASTER).trim();
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            String threads = local.group(1);
            return OptionalInt.of(threads == null ? 1 : threads.equals("*") ? processors : Integer.parseInt(threads));
        }
        Matcher localCluster = LOCAL_CLUSTER.matcher(master);
        if (localCluster.matches()) {
            return OptionalInt.of(Integer.parseInt(localCluster.group(1)) * Integer.parseInt(localCluster.group(2)));
        }
        if (conf.contains("spark.cores.max")) {
            return OptionalInt.of(conf.getInt("spark.cores.max", 0));
        }
        if (conf.contains("spark.executor.instances") && conf.contains("spark.executor.cores")) {
            return OptionalInt.of(conf.getInt("spark.executor.instances", 0) * conf.getInt("spark.executor.cores", 0));
        }
        return OptionalInt.empty();
    }
}
