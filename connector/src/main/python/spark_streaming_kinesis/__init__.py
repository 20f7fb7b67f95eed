"""Amazon Kinesis streams for PySpark Streaming, on the spark-streaming-kinesis connector (KCL 3).

PySpark's own ``pyspark.streaming.kinesis`` module already works with the connector's jar. This package offers the
same ``KinesisUtils.createStream`` call with what that module cannot express: a start timestamp, DynamoDB and
CloudWatch endpoints, metrics dimensions, and separate DynamoDB and CloudWatch credentials.

    from datetime import datetime, timezone
    from spark_streaming_kinesis import KinesisUtils, AtTimestamp, AWSCredentials

    orders = KinesisUtils.createStream(
        ssc, "orders-app", "orders", "https://kinesis.eu-west-1.amazonaws.com", "eu-west-1",
        AtTimestamp(datetime(2026, 11, 1, tzinfo=timezone.utc)), 10,
        dynamoDBEndpointUrl="https://dynamodb.eu-west-1.amazonaws.com",
        dynamoDBCredentials=AWSCredentials.role("arn:aws:iam::123456789012:role/leases", "orders-app"))

The package ships inside the connector's jar: ``spark-submit --packages`` puts it on the Python path, and with
``--jars`` the same jar also goes to ``--py-files``.
"""

from spark_streaming_kinesis.kinesis import (
    AWSCredentials,
    AtTimestamp,
    InitialPositionInStream,
    KinesisUtils,
    MetricsLevel,
    utf8_decoder,
)

__all__ = [
    "AWSCredentials",
    "AtTimestamp",
    "InitialPositionInStream",
    "KinesisUtils",
    "MetricsLevel",
    "utf8_decoder",
]
