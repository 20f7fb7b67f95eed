// Scala code written the way Spark's own connector (spark-streaming-kinesis-asl, v2 API) is used: its builder,
// its message-handler calls in the forms Scala allows, the DStream's accessors and the companion's defaults.
// ScalaSourceCompatibilityTest compiles it against this connector, unchanged, with no import beyond Spark's, and
// runs some of it.
package example

import org.apache.spark.storage.StorageLevel
import org.apache.spark.streaming.{Duration, Seconds, StreamingContext}
import org.apache.spark.streaming.dstream.{DStream, ReceiverInputDStream}
import org.apache.spark.streaming.kinesis.{KinesisInitialPosition, KinesisInitialPositions, KinesisInputDStream,
  SparkAWSCredentials}
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

  private def orders(ssc: StreamingContext): KinesisInputDStream.Builder =
    KinesisInputDStream.builder.streamingContext(ssc).streamName("orders").checkpointAppName("orders-app")

  def payloadSize(record: KinesisClientRecord): Int = record.data().remaining()

  /** The element type comes from the handler; the ClassTag is found implicitly, as with Spark's connector. */
  def partitionKeys(ssc: StreamingContext): KinesisInputDStream[String] =
    orders(ssc).buildWithMessageHandler(record => record.partitionKey())

  def payloadSizes(ssc: StreamingContext): KinesisInputDStream[Int] =
    orders(ssc).buildWithMessageHandler(payloadSize)

  // Every way Scala lets one pass a function, each with its element type inferred.
  def handlerForms(ssc: StreamingContext): Seq[DStream[_]] = {
    val handler = (record: KinesisClientRecord) => record.sequenceNumber()
    val untyped: DStream[String] = orders(ssc).buildWithMessageHandler(r => r.partitionKey())
    val placeholder: DStream[String] = orders(ssc).buildWithMessageHandler(_.partitionKey())
    val typed: DStream[Long] = orders(ssc).buildWithMessageHandler((r: KinesisClientRecord) => r.subSequenceNumber())
    val value: DStream[String] = orders(ssc).buildWithMessageHandler(handler)
    val method: DStream[Int] = orders(ssc).buildWithMessageHandler(payloadSize)
    val methodValue: DStream[Int] = orders(ssc).buildWithMessageHandler(payloadSize _)
    val methodCall: DStream[Int] = orders(ssc).buildWithMessageHandler(payloadSize(_))
    val block: DStream[(String, Int)] = orders(ssc).buildWithMessageHandler { record =>
      (record.partitionKey(), payloadSize(record))
    }
    val defaultHandler: DStream[Array[Byte]] =
      orders(ssc).buildWithMessageHandler(KinesisInputDStream.defaultMessageHandler)
    // The ClassTag given explicitly: in a second argument list, as Spark's signature allows...
    val explicitList: DStream[String] = orders(ssc).buildWithMessageHandler(handler)(classTag[String])
    // ...and as a second argument, as this connector's earlier releases documented.
    val explicitArgument: DStream[String] = orders(ssc).buildWithMessageHandler(handler, classTag[String])
    Seq(untyped, placeholder, typed, value, method, methodValue, methodCall, block, defaultHandler, explicitList,
      explicitArgument)
  }

  def builderForms(ssc: StreamingContext): Seq[ReceiverInputDStream[Array[Byte]]] = Seq(
    new KinesisInputDStream.Builder().streamingContext(ssc).streamName("orders").checkpointAppName("app-1").build(),
    new KinesisInputDStream.Builder().streamingContext(ssc).streamName("orders").checkpointAppName("app-2").build,
    KinesisInputDStream.builder().streamingContext(ssc).streamName("orders").checkpointAppName("app-3").build())

  /** A handler that cannot be serialized: it holds a Parser. */
  class Parser {
    def parse(record: KinesisClientRecord): String = record.partitionKey()
  }

  def unserializableHandler(ssc: StreamingContext): DStream[String] = {
    val parser = new Parser
    orders(ssc).buildWithMessageHandler(record => parser.parse(record))
  }

  /** The settings of a built stream, read back as Spark's connector exposes them. */
  def settings(stream: KinesisInputDStream[String]): Map[String, Any] = {
    val streamName: String = stream.streamName
    val endpointUrl: String = stream.endpointUrl
    val regionName: String = stream.regionName
    val initialPosition: KinesisInitialPosition = stream.initialPosition
    val checkpointAppName: String = stream.checkpointAppName
    val checkpointInterval: Duration = stream.checkpointInterval
    val storageLevel: StorageLevel = stream._storageLevel
    // Read without an expected function type: there, Scala 2.12 would turn the Java accessor into a function
    // of no argument instead of calling it.
    val handler = stream.messageHandler
    val messageHandler: KinesisClientRecord => String = handler
    val kinesisCreds: SparkAWSCredentials = stream.kinesisCreds
    val dynamoDBCreds: Option[SparkAWSCredentials] = stream.dynamoDBCreds
    val cloudWatchCreds: Option[SparkAWSCredentials] = stream.cloudWatchCreds
    val metricsLevel: MetricsLevel = stream.metricsLevel
    val metricsEnabledDimensions: Set[String] = stream.metricsEnabledDimensions
    Map("streamName" -> streamName, "endpointUrl" -> endpointUrl, "regionName" -> regionName,
      "initialPosition" -> initialPosition, "checkpointAppName" -> checkpointAppName,
      "checkpointInterval" -> checkpointInterval, "storageLevel" -> storageLevel,
      "messageHandler" -> messageHandler, "kinesisCreds" -> kinesisCreds, "dynamoDBCreds" -> dynamoDBCreds,
      "cloudWatchCreds" -> cloudWatchCreds, "metricsLevel" -> metricsLevel,
      "metricsEnabledDimensions" -> metricsEnabledDimensions)
  }

  @deprecated("exercises the deprecated setter", "test")
  def deprecatedPosition(ssc: StreamingContext): DStream[Array[Byte]] =
    KinesisInputDStream.builder
      .streamingContext(ssc)
      .streamName("orders")
      .checkpointAppName("orders-app")
      .initialPositionInStream(InitialPositionInStream.LATEST)
      .build()

  val latest: KinesisInitialPosition =
    KinesisInitialPositions.fromKinesisInitialPosition(InitialPositionInStream.LATEST)
  val defaultEndpoint: String = KinesisInputDStream.DEFAULT_KINESIS_ENDPOINT_URL
  val defaultRegion: String = KinesisInputDStream.DEFAULT_KINESIS_REGION_NAME
  val defaultPosition: KinesisInitialPosition = KinesisInputDStream.DEFAULT_INITIAL_POSITION
  val defaultStorageLevel: StorageLevel = KinesisInputDStream.DEFAULT_STORAGE_LEVEL
  val defaultMetricsLevel: MetricsLevel = KinesisInputDStream.DEFAULT_METRICS_LEVEL
}
