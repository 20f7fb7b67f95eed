// Scala code written the way Spark's own connector (spark-streaming-kinesis-asl, v2 API) is used. The
// ScalaSourceCompatibilityTest compiles it against this connector. The one difference from Spark's API is marked.
package example

import org.apache.spark.storage.StorageLevel
import org.apache.spark.streaming.{Seconds, StreamingContext}
import org.apache.spark.streaming.dstream.DStream
import org.apache.spark.streaming.kinesis.{KinesisInitialPositions, KinesisInputDStream, SparkAWSCredentials}
import software.amazon.kinesis.common.InitialPositionInStream
import software.amazon.kinesis.metrics.{MetricsLevel, MetricsUtil}
import software.amazon.kinesis.retrieval.KinesisClientRecord

import scala.reflect.classTag

object SparkConnectorStyleUsage {

  def records(ssc: StreamingContext): DStream[Array[Byte]] = {
    val credentials = SparkAWSCredentials.builder
      .basicCredentials("AKIAEXAMPLE", "example-secret")
      .stsCredentials("arn:aws:iam::123456789012:role/reader", "spark-session")
      .build()
    KinesisInputDStream.builder
      .streamingContext(ssc)
      .endpointUrl("https://kinesis.us-east-1.amazonaws.com")
      .regionName("us-east-1")
      .streamName("orders")
      .initialPosition(new KinesisInitialPositions.TrimHorizon())
      .checkpointAppName("orders-app")
      .checkpointInterval(Seconds(10))
      .storageLevel(StorageLevel.MEMORY_AND_DISK_2)
      .kinesisCredentials(credentials)
      .dynamoDBCredentials(SparkAWSCredentials.builder.build())
      .cloudWatchCredentials(SparkAWSCredentials.builder.build())
      .metricsLevel(MetricsLevel.SUMMARY)
      .metricsEnabledDimensions(Set(MetricsUtil.OPERATION_DIMENSION_NAME, MetricsUtil.SHARD_ID_DIMENSION_NAME))
      .build()
  }

  def keys(ssc: StreamingContext): DStream[String] = {
    val handler = (record: KinesisClientRecord) => record.partitionKey()
    KinesisInputDStream.builder
      .streamingContext(ssc)
      .streamName("orders")
      .checkpointAppName("orders-app")
      .initialPosition(new KinesisInitialPositions.AtTimestamp(new java.util.Date()))
      // Spark's connector takes the ClassTag implicitly: buildWithMessageHandler(handler).
      .buildWithMessageHandler(handler, classTag[String])
  }

  @deprecated("exercises the deprecated setter", "test")
  def deprecatedPosition(ssc: StreamingContext): DStream[Array[Byte]] =
    KinesisInputDStream.builder
      .streamingContext(ssc)
      .streamName("orders")
      .checkpointAppName("orders-app")
      .initialPositionInStream(InitialPositionInStream.LATEST)
      .build()

  val latest = KinesisInitialPositions.fromKinesisInitialPosition(InitialPositionInStream.LATEST)
  val defaultEndpoint: String = KinesisInputDStream.DEFAULT_KINESIS_ENDPOINT_URL
}
