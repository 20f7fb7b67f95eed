// A Kinesis word count written the way Spark's own Scala example and streaming guide write one: one DStream per
// shard, unioned, decoded, split on spaces and counted per batch. ScalaSourceCompatibilityTest compiles it
// against this connector unchanged.
package example

import java.nio.charset.StandardCharsets

import org.apache.spark.SparkConf
import org.apache.spark.storage.StorageLevel
import org.apache.spark.streaming.{Duration, Milliseconds, StreamingContext}
import org.apache.spark.streaming.dstream.DStream
import org.apache.spark.streaming.kinesis.{KinesisInitialPositions, KinesisInputDStream}
import software.amazon.kinesis.metrics.MetricsLevel

object KinesisWordCountStyle {

  def main(args: Array[String]): Unit = {
    if (args.length != 4) {
      System.err.println("Usage: KinesisWordCountStyle <app-name> <stream-name> <endpoint-url> <region-name>")
      sys.exit(1)
    }
    val Array(appName, streamName, endpointUrl, regionName) = args
    val batchInterval = Milliseconds(2000)
    val ssc = new StreamingContext(new SparkConf().setAppName("KinesisWordCountStyle"), batchInterval)

    wordCounts(ssc, appName, streamName, endpointUrl, regionName, batchInterval, shards = 2).print()
    ssc.start()
    ssc.awaitTermination()
  }

  def wordCounts(ssc: StreamingContext, appName: String, streamName: String, endpointUrl: String,
      regionName: String, checkpointInterval: Duration, shards: Int): DStream[(String, Int)] = {
    val shardStreams = (0 until shards).map { _ =>
      KinesisInputDStream.builder
        .streamingContext(ssc)
        .streamName(streamName)
        .endpointUrl(endpointUrl)
        .regionName(regionName)
        .initialPosition(new KinesisInitialPositions.Latest())
        .checkpointAppName(appName)
        .checkpointInterval(checkpointInterval)
        .storageLevel(StorageLevel.MEMORY_AND_DISK_2)
        .metricsLevel(MetricsLevel.SUMMARY)
        .build()
    }
    val words = ssc.union(shardStreams).flatMap(bytes => new String(bytes, StandardCharsets.UTF_8).split(" "))
    words.map(word => (word, 1)).reduceByKey(_ + _)
  }

  /** The same count with the decoding done by a message handler on the receivers. */
  def wordCountsDecodedOnReceivers(ssc: StreamingContext, appName: String,
      streamName: String): DStream[(String, Int)] = {
    val lines = KinesisInputDStream.builder
      .streamingContext(ssc)
      .streamName(streamName)
      .checkpointAppName(appName)
      .buildWithMessageHandler(record => StandardCharsets.UTF_8.decode(record.data()).toString)
    lines.flatMap(_.split(" ")).map((_, 1)).reduceByKey(_ + _)
  }
}
