package org.apache.spark.streaming.kinesis.internal.read;

/** Waiting, made replaceable so that tests of pacing and back-off run without real time passing. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
