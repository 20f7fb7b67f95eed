package io.github.sparkkinesis.benchmarks.scale;

import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/** Spark's storage memory in use on the executors: the received blocks waiting for their batches, and their copies. */
final class StorageMemory {

    private StorageMemory() {
    }

    /** Memory of stored blocks over every block manager (the driver's holds none of a receiver's). */
    static long usedBytes(JavaSparkContext sc) {
        long used = 0;
        scala.collection.Iterator<Tuple2<String, Tuple2<Object, Object>>> managers =
                sc.sc().getExecutorMemoryStatus().iterator();
        while (managers.hasNext()) {
            Tuple2<Object, Object> memory = managers.next()._2();
            used += (Long) memory._1() - (Long) memory._2();
        }
        return used;
    }
}
