"""Counts the words of a Kinesis stream, batch by batch: the Python twin of KinesisWordCount.java.

Usage: kinesis_wordcount.py <app-name> <stream-name> <endpoint-url> <region-name>

    spark-submit --packages io.github.sparkkinesis:spark-streaming-kinesis_2.13:0.1.0-SNAPSHOT \\
        examples/src/main/python/kinesis_wordcount.py \\
        my-word-count words https://kinesis.eu-west-1.amazonaws.com eu-west-1

It uses PySpark's own Kinesis module, whose JVM side the connector's jar provides, so the same script runs on Spark's
connector. The application name is also the DynamoDB lease table that holds the checkpoints. Credentials come from
the AWS SDK's default chain; DynamoDB and CloudWatch use the region's endpoints unless the standard AWS settings say
otherwise (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_CLOUDWATCH).
"""

import sys

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kinesis import InitialPositionInStream, KinesisUtils

BATCH_SECONDS = 2


def main(app_name, stream_name, endpoint_url, region_name):
    sc = SparkContext(appName="PythonKinesisWordCount")
    ssc = StreamingContext(sc, BATCH_SECONDS)
    lines = KinesisUtils.createStream(ssc, app_name, stream_name, endpoint_url, region_name,
                                      InitialPositionInStream.LATEST, BATCH_SECONDS)
    counts = (lines.flatMap(lambda line: line.split(" "))
              .filter(lambda word: word)
              .map(lambda word: (word, 1))
              .reduceByKey(lambda a, b: a + b))
    counts.pprint()
    ssc.start()
    ssc.awaitTermination()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print("Usage: kinesis_wordcount.py <app-name> <stream-name> <endpoint-url> <region-name>", file=sys.stderr)
        sys.exit(1)
    main(*sys.argv[1:])
