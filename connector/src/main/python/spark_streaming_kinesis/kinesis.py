"""KinesisUtils.createStream with the connector's extra options; see the package documentation."""

from datetime import datetime

_BUILDER_CLASS = "org.apache.spark.streaming.kinesis.KinesisPythonStreamBuilder"


class InitialPositionInStream:
    """Where shards without a checkpoint start (the same values as PySpark's)."""

    LATEST, TRIM_HORIZON = (0, 1)


class MetricsLevel:
    """How much the KCL reports to CloudWatch (the same values as PySpark's)."""

    DETAILED, SUMMARY, NONE = (0, 1, 2)


class AtTimestamp:
    """Start shards without a checkpoint at the first record put at or after ``timestamp``.

    ``timestamp`` is a timezone-aware ``datetime`` or seconds since the epoch (int or float). A naive ``datetime``
    is refused, because the stream's records are stamped in UTC and a local-time guess would shift the start.
    """

    def __init__(self, timestamp):
        if isinstance(timestamp, datetime):
            if timestamp.tzinfo is None or timestamp.utcoffset() is None:
                raise ValueError(
                    "AtTimestamp needs a timezone-aware datetime, e.g. datetime(2026, 11, 1, tzinfo=timezone.utc); "
                    "got the naive %r" % (timestamp,))
            seconds = timestamp.timestamp()
        elif isinstance(timestamp, (int, float)) and not isinstance(timestamp, bool):
            seconds = timestamp
        else:
            raise TypeError("AtTimestamp takes a datetime or seconds since the epoch, not %r" % (timestamp,))
        if seconds < 0:
            raise ValueError("AtTimestamp must not be before 1970-01-01T00:00:00Z: %r" % (timestamp,))
        self.epoch_millis = int(round(seconds * 1000))

    def __eq__(self, other):
        return isinstance(other, AtTimestamp) and other.epoch_millis == self.epoch_millis

    def __hash__(self):
        return hash(self.epoch_millis)

    def __repr__(self):
        return "AtTimestamp(epoch_millis=%d)" % self.epoch_millis


class AWSCredentials:
    """Credentials for one AWS service: the default chain, basic keys, an STS role, or a role assumed with keys.

    The values end up in the Spark job (and in DStream checkpoints); prefer the default chain or a role to keys.
    """

    def __init__(self, access_key_id=None, secret_key=None, role_arn=None, session_name=None, external_id=None):
        if (access_key_id is None) != (secret_key is None):
            raise ValueError("AWSCredentials needs both access_key_id and secret_key, or neither")
        if (role_arn is None) != (session_name is None):
            raise ValueError("AWSCredentials needs both role_arn and session_name, or neither")
        if external_id is not None and role_arn is None:
            raise ValueError("AWSCredentials: external_id is only used with role_arn and session_name")
        self.access_key_id = access_key_id
        self.secret_key = secret_key
        self.role_arn = role_arn
        self.session_name = session_name
        self.external_id = external_id

    @staticmethod
    def default():
        """The AWS SDK's default provider chain (environment, profile, instance or container role)."""
        return AWSCredentials()

    @staticmethod
    def basic(access_key_id, secret_key):
        return AWSCredentials(access_key_id, secret_key)

    @staticmethod
    def role(role_arn, session_name, external_id=None, access_key_id=None, secret_key=None):
        """An STS role, assumed with the given keys, or with the default chain when there are none."""
        return AWSCredentials(access_key_id, secret_key, role_arn, session_name, external_id)

    def _java_arguments(self):
        return (self.access_key_id, self.secret_key, self.role_arn, self.session_name, self.external_id)

    def __repr__(self):
        # Never show the secret key.
        parts = []
        if self.access_key_id is not None:
            parts.append("access_key_id=%s****" % self.access_key_id[:4])
        if self.role_arn is not None:
            parts.append("role_arn=%s, session_name=%s" % (self.role_arn, self.session_name))
        return "AWSCredentials(%s)" % (", ".join(parts) or "default chain")


def utf8_decoder(data):
    """Decodes a record's bytes as UTF-8 (None stays None)."""
    if data is None:
        return None
    return data.decode("utf-8")


class KinesisUtils:

    @staticmethod
    def createStream(ssc, kinesisAppName, streamName, endpointUrl, regionName, initialPositionInStream,
                     checkpointInterval, metricsLevel=MetricsLevel.DETAILED, storageLevel=None,
                     awsAccessKeyId=None, awsSecretKey=None, decoder=utf8_decoder, stsAssumeRoleArn=None,
                     stsSessionName=None, stsExternalId=None, *, dynamoDBEndpointUrl=None,
                     cloudWatchEndpointUrl=None, metricsEnabledDimensions=None, dynamoDBCredentials=None,
                     cloudWatchCredentials=None, maxRecordsPerRead=None, idleTimeBetweenReads=None,
                     maxPrefetchBytesPerShard=None, enhancedFanOutConsumerName=None,
                     enhancedFanOutConsumerArn=None, leaseFailoverTime=None):
        """A DStream of the stream's records, each decoded by ``decoder``.

        The positional parameters are PySpark's ``KinesisUtils.createStream``'s, so a job switches by changing its
        import. ``initialPositionInStream`` may also be an ``AtTimestamp``. ``checkpointInterval`` is in seconds.
        ``storageLevel`` defaults to ``StorageLevel.MEMORY_AND_DISK_2``. The keyword-only parameters are the
        connector's additions; credentials default to the Kinesis ones, which default to the AWS SDK's chain;
        ``idleTimeBetweenReads`` and ``leaseFailoverTime`` are in seconds (e.g. 0.3, 30).
        ``enhancedFanOutConsumerName`` (registered when missing) or ``enhancedFanOutConsumerArn`` (an existing
        consumer) reads with enhanced fan-out instead of polling.
        Invalid values raise here or, for what only the JVM checks, when the stream is built.
        """
        jstream = _java_stream(ssc, kinesisAppName, streamName, endpointUrl, regionName, initialPositionInStream,
                               checkpointInterval, metricsLevel, storageLevel,
                               AWSCredentials(awsAccessKeyId, awsSecretKey, stsAssumeRoleArn, stsSessionName,
                                              stsExternalId),
                               dynamoDBEndpointUrl, cloudWatchEndpointUrl, metricsEnabledDimensions,
                               dynamoDBCredentials, cloudWatchCredentials,
                               _Polling(maxRecordsPerRead, idleTimeBetweenReads, maxPrefetchBytesPerShard),
                               _FanOut(enhancedFanOutConsumerName, enhancedFanOutConsumerArn),
                               _seconds("leaseFailoverTime", leaseFailoverTime))
        from pyspark.serializers import NoOpSerializer
        from pyspark.streaming import DStream
        return DStream(jstream, ssc, NoOpSerializer()).map(decoder)


def _java_stream(ssc, app_name, stream_name, endpoint_url, region_name, initial_position, checkpoint_interval,
                 metrics_level, storage_level, kinesis_credentials, dynamodb_endpoint_url, cloudwatch_endpoint_url,
                 metrics_dimensions, dynamodb_credentials, cloudwatch_credentials, polling, fan_out,
                 lease_failover_time):
    """The JVM stream (a JavaReceiverInputDStream of byte arrays), built through KinesisPythonStreamBuilder."""
    for name, credentials in (("dynamoDBCredentials", dynamodb_credentials),
                              ("cloudWatchCredentials", cloudwatch_credentials)):
        if credentials is not None and not isinstance(credentials, AWSCredentials):
            raise TypeError("%s must be an AWSCredentials, not %r" % (name, credentials))
    builder = _builder_class(ssc._jvm)(ssc._jssc)
    builder.checkpointAppName(app_name)
    builder.streamName(stream_name)
    builder.endpointUrl(endpoint_url)
    builder.regionName(region_name)
    if isinstance(initial_position, AtTimestamp):
        builder.initialPositionAtTimestamp(initial_position.epoch_millis)
    elif initial_position in (InitialPositionInStream.LATEST, InitialPositionInStream.TRIM_HORIZON) \
            and not isinstance(initial_position, bool):
        builder.initialPosition(initial_position)
    else:
        raise ValueError("initialPositionInStream must be InitialPositionInStream.LATEST, "
                         "InitialPositionInStream.TRIM_HORIZON or an AtTimestamp, not %r" % (initial_position,))
    builder.checkpointInterval(ssc._jduration(checkpoint_interval))
    builder.metricsLevel(metrics_level)
    if storage_level is not None:
        builder.storageLevel(ssc._sc._getJavaStorageLevel(storage_level))
    if metrics_dimensions is not None:
        # The names are checked on the JVM side; a string here would arrive as a list of its characters.
        if isinstance(metrics_dimensions, str):
            raise TypeError("metricsEnabledDimensions takes a list of names, e.g. [\"Operation\", \"ShardId\"]")
        builder.metricsEnabledDimensions(list(metrics_dimensions))
    if dynamodb_endpoint_url is not None:
        builder.dynamoDBEndpointUrl(dynamodb_endpoint_url)
    if cloudwatch_endpoint_url is not None:
        builder.cloudWatchEndpointUrl(cloudwatch_endpoint_url)
    builder.kinesisCredentials(*kinesis_credentials._java_arguments())
    if dynamodb_credentials is not None:
        builder.dynamoDBCredentials(*dynamodb_credentials._java_arguments())
    if cloudwatch_credentials is not None:
        builder.cloudWatchCredentials(*cloudwatch_credentials._java_arguments())
    polling.apply(builder, ssc)
    fan_out.apply(builder)
    if lease_failover_time is not None:
        builder.leaseFailoverTime(ssc._jduration(lease_failover_time))
    return builder.build()


def _seconds(name, value):
    """A duration option given in seconds, or None; the JVM checks its range."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise TypeError("%s takes seconds (e.g. 0.3), not %r" % (name, value))
    return value


class _Polling:
    """The GetRecords tuning options; each is sent only when given, so the JVM's defaults apply otherwise."""

    def __init__(self, max_records_per_read, idle_time_between_reads, max_prefetch_bytes_per_shard):
        for name, value in (("maxRecordsPerRead", max_records_per_read),
                            ("maxPrefetchBytesPerShard", max_prefetch_bytes_per_shard)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError("%s takes an int, not %r" % (name, value))
        self.max_records_per_read = max_records_per_read
        self.idle_time_between_reads = _seconds("idleTimeBetweenReads", idle_time_between_reads)
        self.max_prefetch_bytes_per_shard = max_prefetch_bytes_per_shard

    def apply(self, builder, ssc):
        if self.max_records_per_read is not None:
            builder.maxRecordsPerRead(self.max_records_per_read)
        if self.idle_time_between_reads is not None:
            builder.idleTimeBetweenReads(ssc._jduration(self.idle_time_between_reads))
        if self.max_prefetch_bytes_per_shard is not None:
            builder.maxPrefetchBytesPerShard(self.max_prefetch_bytes_per_shard)


class _FanOut:
    """The enhanced fan-out options; the JVM checks the values (a name or an ARN, not both)."""

    def __init__(self, consumer_name, consumer_arn):
        for name, value in (("enhancedFanOutConsumerName", consumer_name),
                            ("enhancedFanOutConsumerArn", consumer_arn)):
            if value is not None and not isinstance(value, str):
                raise TypeError("%s takes a string, not %r" % (name, value))
        self.consumer_name = consumer_name
        self.consumer_arn = consumer_arn

    def apply(self, builder):
        if self.consumer_name is not None:
            builder.enhancedFanOutConsumerName(self.consumer_name)
        if self.consumer_arn is not None:
            builder.enhancedFanOutConsumerArn(self.consumer_arn)


def _builder_class(jvm):
    # py4j resolves a dotted name one package at a time.
    target = jvm
    for part in _BUILDER_CLASS.split("."):
        target = getattr(target, part)
    return target
