package io.github.sparkkinesis.benchmarks.cost;

import java.util.List;

/**
 * What a CPU sample was doing, decided by the first frame from the top of its stack that is not the JDK's or
 * Scala's own library (those run on behalf of whoever called them): a {@code BigInteger} comparison called by the
 * KCL counts as the KCL's, a {@code HashMap} lookup in Spark's block manager as the block store's.
 */
enum CpuCategory {
    SDK_UNMARSHALLING("AWS SDK: response decoding (CBOR/JSON unmarshalling)", "software.amazon.awssdk.protocols.",
            "software.amazon.awssdk.thirdparty.jackson.", "com.fasterxml.jackson."),
    HTTP_CLIENT("HTTP client (Netty, SDK's Netty client)", "io.netty.", "software.amazon.awssdk.http."),
    SDK_OTHER("AWS SDK: request pipeline, signing, interceptors", "software.amazon.awssdk."),
    DEAGGREGATION("KCL: de-aggregation", "software.amazon.kinesis.retrieval.AggregatorUtil"),
    // KCL 3 (ours) and KCL 2 (Spark's connector) share the package.
    KCL("KCL: record processing, prefetch, leases, checkpoints", "software.amazon.kinesis."),
    // Ours and Spark's own (Scala: KinesisReceiver, KinesisRecordProcessor, SequenceNumberRanges...) share it too.
    CONNECTOR("connector (receiver, blocks, checkpoints)", "org.apache.spark.streaming.kinesis."),
    HANDLER("message handler (the benchmark's copy of each record's data)",
            "io.github.sparkkinesis.benchmarks.measure.ReceiveClock",
            "io.github.sparkkinesis.benchmarks.measure.ForkedConnectorRun$Receive",
            "io.github.sparkkinesis.benchmarks.measure.ShardArrivals"),
    SIZE_ESTIMATION("Spark: block size estimation (SizeEstimator)", "org.apache.spark.util.SizeEstimator"),
    BLOCK_STORE("Spark: block manager, memory store, unrolling", "org.apache.spark.storage.",
            "org.apache.spark.util.collection.", "org.apache.spark.memory."),
    SERIALIZATION("Spark: serialization", "org.apache.spark.serializer.", "com.esotericsoftware."),
    RECEIVER_HANDOFF("Spark: receiver supervisor, block generation", "org.apache.spark.streaming.receiver."),
    STREAMING("Spark Streaming: batches, jobs, block tracking", "org.apache.spark.streaming."),
    SPARK_CORE("Spark core: scheduler, tasks, RPC", "org.apache.spark."),
    LOGGING("logging", "org.apache.logging.", "org.slf4j."),
    HARNESS("benchmark harness", "io.github.sparkkinesis."),
    OTHER_LIBRARY("other libraries"),
    JDK_ONLY("JDK or Scala code only (no library frame on the stack)");

    private static final List<String> GENERIC = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "scala.");

    private final String description;
    private final List<String> prefixes;

    CpuCategory(String description, String... prefixes) {
        this.description = description;
        this.prefixes = List.of(prefixes);
    }

    String description() {
        return description;
    }

    /** The index of the frame that decides the category (the first not in the JDK or Scala), -1 if none. */
    static int decidingFrame(List<String> classesTopFirst) {
        for (int i = 0; i < classesTopFirst.size(); i++) {
            String className = classesTopFirst.get(i);
            if (GENERIC.stream().noneMatch(className::startsWith)) {
                return i;
            }
        }
        return -1;
    }

    /** The category of a sample whose stack holds these classes, top frame first. */
    static CpuCategory of(List<String> classesTopFirst) {
        int deciding = decidingFrame(classesTopFirst);
        if (deciding >= 0) {
            String className = classesTopFirst.get(deciding);
            for (CpuCategory category : values()) {
                if (category.prefixes.stream().anyMatch(className::startsWith)) {
                    return category;
                }
            }
            return OTHER_LIBRARY;
        }
        return JDK_ONLY;
    }
}
