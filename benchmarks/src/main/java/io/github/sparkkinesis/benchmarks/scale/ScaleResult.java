package io.github.sparkkinesis.benchmarks.scale;

/**
 * What one scale run measured.
 *
 * @param reader {@code DStream} or {@code readStream}
 * @param settings the receiver settings that differ from the defaults
 * @param secondsToAllRead from {@code start()} until every shard had been read once; NaN if not within the timeout
 * @param shardsRead how many shards had been read by then
 * @param recordsPerSecond processed over the steady window
 * @param cpuSecondsPerMillionRecords the executors' CPU over the window, per million records processed in it
 * @param drainRecordsPerSecond records of the whole stream per second of its drain, as the server served them (NaN
 *     unless the run drained the stream)
 * @param peakRssBytesPerExecutor the largest resident memory of one executor process
 * @param peakStorageBytes Spark's storage memory in use (received blocks and their replicas), all executors
 * @param kinesisCalls every Kinesis call of the run, from {@code start()} to the end of its window
 * @param throttled the calls the server throttled in that time
 * @param leasesLost shard leases the receivers lost (moved to another receiver or expired) during the run
 * @param planning the source's driver-side planning per micro-batch (null for the DStream)
 * @param loadAverage the one-minute load average when the run started
 */
record ScaleResult(String reader, int shards, int receivers, ReceiverSettings settings, double secondsToAllRead,
        int shardsRead, double recordsPerSecond, double cpuSecondsPerMillionRecords, double drainRecordsPerSecond,
        GcHeap heap, long peakRssBytesPerExecutor, long peakStorageBytes, DynamoDbTraffic dynamoDb,
        OperationCounts kinesisCalls, OperationCounts throttled, long leasesLost, PlanningTimes planning,
        double loadAverage) {

    static final double MIB = 1024.0 * 1024.0;

    @Override
    public String toString() {
        return String.format("%s %d shards, %d receivers%s: all read after %.1f s (%d read), %.0f records/s, "
                + "%.1f CPU s per 1M, drain %.0f records/s, live heap %.0f MiB (in use before GC %.0f), RSS %.0f MiB "
                + "per executor, storage %.0f MiB, DynamoDB %.1f req/s (%s), Kinesis control plane %s, throttled %s, "
                + "%d leases lost%s, load %.2f", reader, shards, receivers,
                settings.describe(),
                secondsToAllRead, shardsRead, recordsPerSecond, cpuSecondsPerMillionRecords, drainRecordsPerSecond,
                heap.peakLiveBytes() / MIB, heap.peakBeforeGcBytes() / MIB, peakRssBytesPerExecutor / MIB,
                peakStorageBytes / MIB, dynamoDb.total(), dynamoDb, kinesisCalls.controlPlaneCalls(),
                throttled.counts(), leasesLost, planning == null ? "" : ", planning " + planning, loadAverage);
    }
}
