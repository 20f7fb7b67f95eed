"""Counts the words of a Kinesis stream with Structured Streaming: the Python twin of KinesisStructuredWordCount.java.

Usage: kinesis_structured_wordcount.py <stream-name> <endpoint-url> <region-name> [<initial-position>]

    spark-submit --jars assembly/target/spark-streaming-kinesis-assembly_2.13-0.1.0-SNAPSHOT.jar \\
        examples/src/main/python/kinesis_structured_wordcount.py \\
        words https://kinesis.eu-west-1.amazonaws.com eu-west-1

The source is found by its name, format("kinesis"), in the jar given with --jars (or --packages
io.github.sparkkinesis:spark-sql-kinesis_2.13:0.1.0-SNAPSHOT): no Python package is needed. The initial position
is trim_horizon unless given (latest, trim_horizon, or an at_timestamp JSON), so that a demo also counts what was
sent before it started; the source's own default is latest. The query keeps no checkpoint, so every run starts
again at the initial position. Credentials come from the AWS SDK's default chain.
"""

import sys

from pyspark import SparkConf
from pyspark.sql import SparkSession
from pyspark.sql.functions import asc, desc

DEFAULT_INITIAL_POSITION = "trim_horizon"
TRIGGER = "2 seconds"


def word_counts(spark, stream_name, endpoint_url, region_name, initial_position):
    """The running count of every word of the stream's records, most frequent first."""
    records = (spark.readStream.format("kinesis")
               .option("streamName", stream_name)
               .option("endpoint", endpoint_url)
               .option("region", region_name)
               .option("initialPosition", initial_position)
               .load())
    return (records.selectExpr("explode(split(cast(data as string), ' ')) as word")
            .where("word != ''")
            .groupBy("word")
            .count()
            .orderBy(desc("count"), asc("word")))


def main(stream_name, endpoint_url, region_name, initial_position=DEFAULT_INITIAL_POSITION):
    conf = SparkConf().setAppName("PythonKinesisStructuredWordCount")
    if not conf.contains("spark.sql.shuffle.partitions"):
        # A few words of state: Spark's default of 200 partitions would run 200 tiny tasks every batch.
        conf.set("spark.sql.shuffle.partitions", "4")
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    query = (word_counts(spark, stream_name, endpoint_url, region_name, initial_position)
             .writeStream
             .outputMode("complete")
             .format("console")
             .option("truncate", "false")
             .trigger(processingTime=TRIGGER)
             .start())
    query.awaitTermination()


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        print("Usage: kinesis_structured_wordcount.py <stream-name> <endpoint-url> <region-name> "
              "[<initial-position>]", file=sys.stderr)
        sys.exit(1)
    main(*sys.argv[1:])
