package org.apache.spark.streaming.kinesis.internal.recovery;

/** Waiting, made replaceable so that tests of pacing and back-off run without real time passing. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
