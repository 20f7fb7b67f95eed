package org.apache.spark.streaming.kinesis.internal.scalacompat

import scala.reflect.ClassTag

import org.apache.spark.streaming.kinesis.KinesisInputDStream
import software.amazon.kinesis.retrieval.KinesisClientRecord

/**
 * The Scala signature of `KinesisInputDStream.Builder.buildWithMessageHandler`, which Java cannot declare: the
 * element type's `ClassTag` as an implicit parameter, so that Scala code calls it with the handler alone, as
 * with Spark's own connector.
 *
 * Why a trait: its method erases to `buildWithMessageHandler(Function1, ClassTag)`, the very method the Java
 * builder declares, so there is one method at run time (and for Java callers), while Scala callers also see
 * this curried form. Both Scala 2.12 and 2.13 then pick it for a one-argument call and give a lambda's parameter
 * its type from it, so `r => ...`, `_.partitionKey()`, `parse _` and a bare method name all compile. Not for
 * direct use: `KinesisInputDStream.Builder` is its only implementation.
 */
trait ScalaBuilderApi {

  /**
   * A DStream of what `handler` returns for each record; the `ClassTag` of `T` is found implicitly. The
   * handler runs on the executors, so it must be serializable: the builder cleans its closure, as Spark does
   * for the functions given to RDD operations, and checks that it serializes. Without a handler, `build()`
   * gives each record's bytes.
   *
   * {{{
   * val keys: DStream[String] = KinesisInputDStream.builder
   *   .streamingContext(ssc)
   *   .streamName("orders")
   *   .checkpointAppName("orders-keys")
   *   .buildWithMessageHandler(record => record.partitionKey())
   * }}}
   *
   * @throws IllegalArgumentException if a setting is missing or invalid, or the handler is null or cannot be
   *                                  serialized
   */
  def buildWithMessageHandler[T](handler: KinesisClientRecord => T)(
      implicit elementType: ClassTag[T]): KinesisInputDStream[T]
}
