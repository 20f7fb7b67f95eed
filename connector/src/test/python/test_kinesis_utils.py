import unittest
from datetime import datetime, timedelta, timezone

from spark_streaming_kinesis import (AWSCredentials, AtTimestamp, InitialPositionInStream, KinesisUtils,
                                     MetricsLevel, utf8_decoder)
from gateway_stand_in import (JavaStream, StandInDStream, StandInNoOpSerializer, StandInStreamingContext,
                                    install_pyspark_stand_in)

BUILDER = "org.apache.spark.streaming.kinesis.KinesisPythonStreamBuilder"
ENDPOINT = "https://kinesis.eu-west-1.amazonaws.com"
NO_CREDENTIALS = (None, None, None, None, None)


def create(ssc, position=InitialPositionInStream.TRIM_HORIZON, **options):
    return KinesisUtils.createStream(ssc, "orders-app", "orders", ENDPOINT, "eu-west-1", position, 10, **options)


class PySparkCompatibleCall(unittest.TestCase):

    def setUp(self):
        install_pyspark_stand_in()
        self.ssc = StandInStreamingContext()

    def test_the_pyspark_arguments_reach_the_builder_in_order(self):
        stream = create(self.ssc)

        self.assertEqual(self.ssc.calls[0], ("new " + BUILDER, ("the JavaStreamingContext",)))
        self.assertEqual(self.ssc.builder_calls(), [
            ("checkpointAppName", ("orders-app",)),
            ("streamName", ("orders",)),
            ("endpointUrl", (ENDPOINT,)),
            ("regionName", ("eu-west-1",)),
            ("initialPosition", (1,)),
            ("checkpointInterval", (("Duration", 10000),)),
            ("metricsLevel", (MetricsLevel.DETAILED,)),
            ("kinesisCredentials", NO_CREDENTIALS),
            ("build", ()),
        ])
        self.assertIsInstance(stream, StandInDStream)
        self.assertIsInstance(stream.jdstream, JavaStream)
        self.assertIsInstance(stream.serializer, StandInNoOpSerializer)
        self.assertEqual(stream.mapped, [utf8_decoder])

    def test_storage_level_metrics_level_and_decoder_are_passed_on(self):
        def decoder(data):
            return data

        stream = create(self.ssc, InitialPositionInStream.LATEST, metricsLevel=MetricsLevel.NONE,
                        storageLevel="MEMORY_ONLY", decoder=decoder)

        calls = dict(self.ssc.builder_calls())
        self.assertEqual(calls["initialPosition"], (0,))
        self.assertEqual(calls["metricsLevel"], (2,))
        self.assertEqual(calls["storageLevel"], (("JavaStorageLevel", "MEMORY_ONLY"),))
        self.assertEqual(stream.mapped, [decoder])

    def test_basic_keys_and_an_sts_role_go_to_the_kinesis_credentials(self):
        create(self.ssc, awsAccessKeyId="AKIAEXAMPLE", awsSecretKey="secret",
               stsAssumeRoleArn="arn:aws:iam::123456789012:role/reader", stsSessionName="orders",
               stsExternalId="ext")

        self.assertEqual(dict(self.ssc.builder_calls())["kinesisCredentials"],
                         ("AKIAEXAMPLE", "secret", "arn:aws:iam::123456789012:role/reader", "orders", "ext"))

    def test_half_given_keys_are_refused_before_anything_is_built(self):
        with self.assertRaisesRegex(ValueError, "both access_key_id and secret_key"):
            create(self.ssc, awsAccessKeyId="AKIAEXAMPLE")
        self.assertEqual(self.ssc.calls, [])

    def test_an_unknown_initial_position_is_refused(self):
        for position in (2, -1, "LATEST", None, True):
            with self.assertRaisesRegex(ValueError, "InitialPositionInStream.LATEST"):
                create(StandInStreamingContext(), position)


class ConnectorOptions(unittest.TestCase):

    def setUp(self):
        install_pyspark_stand_in()
        self.ssc = StandInStreamingContext()

    def test_endpoints_dimensions_and_per_service_credentials(self):
        create(self.ssc,
               dynamoDBEndpointUrl="http://127.0.0.1:8000",
               cloudWatchEndpointUrl="http://127.0.0.1:8001",
               metricsEnabledDimensions=("Operation", "StreamId"),
               dynamoDBCredentials=AWSCredentials.role("arn:aws:iam::123456789012:role/leases", "leases"),
               cloudWatchCredentials=AWSCredentials.basic("AKIACW", "cw-secret"))

        calls = dict(self.ssc.builder_calls())
        self.assertEqual(calls["dynamoDBEndpointUrl"], ("http://127.0.0.1:8000",))
        self.assertEqual(calls["cloudWatchEndpointUrl"], ("http://127.0.0.1:8001",))
        self.assertEqual(calls["metricsEnabledDimensions"], (["Operation", "StreamId"],))
        self.assertEqual(calls["dynamoDBCredentials"],
                         (None, None, "arn:aws:iam::123456789012:role/leases", "leases", None))
        self.assertEqual(calls["cloudWatchCredentials"], ("AKIACW", "cw-secret", None, None, None))
        self.assertEqual(self.ssc.builder_calls()[-1], ("build", ()))

    def test_options_left_out_are_not_sent(self):
        create(self.ssc)

        names = [name for name, _ in self.ssc.builder_calls()]
        for name in ("dynamoDBEndpointUrl", "cloudWatchEndpointUrl", "metricsEnabledDimensions",
                     "dynamoDBCredentials", "cloudWatchCredentials", "storageLevel", "maxRecordsPerRead",
                     "idleTimeBetweenReads", "maxPrefetchBytesPerShard", "enhancedFanOutConsumerName",
                     "enhancedFanOutConsumerArn", "leaseFailoverTime"):
            self.assertNotIn(name, names)

    def test_polling_options_are_passed_on(self):
        create(self.ssc, maxRecordsPerRead=2000, idleTimeBetweenReads=0.25, maxPrefetchBytesPerShard=16 << 20)

        calls = dict(self.ssc.builder_calls())
        self.assertEqual(calls["maxRecordsPerRead"], (2000,))
        self.assertEqual(calls["idleTimeBetweenReads"], (self.ssc._jduration(0.25),))
        self.assertEqual(calls["maxPrefetchBytesPerShard"], (16 << 20,))

    def test_polling_options_of_the_wrong_type_are_refused(self):
        with self.assertRaisesRegex(TypeError, "maxRecordsPerRead takes an int"):
            create(self.ssc, maxRecordsPerRead="2000")
        with self.assertRaisesRegex(TypeError, "idleTimeBetweenReads takes seconds"):
            create(self.ssc, idleTimeBetweenReads="300ms")
        self.assertEqual(self.ssc.builder_calls(), [])

    def test_lease_failover_time_is_passed_on_in_seconds(self):
        create(self.ssc, leaseFailoverTime=30)

        self.assertEqual(dict(self.ssc.builder_calls())["leaseFailoverTime"], (self.ssc._jduration(30),))

    def test_lease_failover_time_of_the_wrong_type_is_refused(self):
        with self.assertRaisesRegex(TypeError, "leaseFailoverTime takes seconds"):
            create(self.ssc, leaseFailoverTime="30s")
        self.assertEqual(self.ssc.builder_calls(), [])

    def test_enhanced_fan_out_options_are_passed_on(self):
        create(self.ssc, enhancedFanOutConsumerName="orders-app")
        self.assertEqual(dict(self.ssc.builder_calls())["enhancedFanOutConsumerName"], ("orders-app",))

        arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders/consumer/orders-app:1700000000"
        create(self.ssc, enhancedFanOutConsumerArn=arn)
        self.assertEqual(dict(self.ssc.builder_calls())["enhancedFanOutConsumerArn"], (arn,))

    def test_enhanced_fan_out_options_of_the_wrong_type_are_refused(self):
        with self.assertRaisesRegex(TypeError, "enhancedFanOutConsumerName takes a string"):
            create(self.ssc, enhancedFanOutConsumerName=42)
        self.assertEqual(self.ssc.builder_calls(), [])

    def test_a_timestamp_start_sends_epoch_milliseconds(self):
        start = datetime(2026, 11, 1, 12, 30, 15, 250000, tzinfo=timezone.utc)

        create(self.ssc, AtTimestamp(start))

        calls = dict(self.ssc.builder_calls())
        self.assertEqual(calls["initialPositionAtTimestamp"], (1793536215250,))
        self.assertNotIn("initialPosition", calls)

    def test_a_dimension_string_is_refused(self):
        with self.assertRaisesRegex(TypeError, "list of names"):
            create(self.ssc, metricsEnabledDimensions="ShardId")

    def test_credentials_of_the_wrong_type_are_refused(self):
        with self.assertRaisesRegex(TypeError, "dynamoDBCredentials must be an AWSCredentials"):
            create(self.ssc, dynamoDBCredentials=("AKIA", "secret"))


class Values(unittest.TestCase):

    def test_at_timestamp_takes_aware_datetimes_and_epoch_seconds(self):
        eastern = timezone(timedelta(hours=-5))
        self.assertEqual(AtTimestamp(datetime(2026, 11, 1, 7, tzinfo=eastern)),
                         AtTimestamp(datetime(2026, 11, 1, 12, tzinfo=timezone.utc)))
        self.assertEqual(AtTimestamp(1793534400).epoch_millis, 1793534400000)
        self.assertEqual(AtTimestamp(1.5).epoch_millis, 1500)

    def test_at_timestamp_refuses_naive_datetimes_negative_times_and_other_types(self):
        with self.assertRaisesRegex(ValueError, "timezone-aware"):
            AtTimestamp(datetime(2026, 11, 1))
        with self.assertRaisesRegex(ValueError, "1970"):
            AtTimestamp(-1)
        for value in ("2026-11-01", True, None):
            with self.assertRaises(TypeError):
                AtTimestamp(value)

    def test_credentials_never_show_the_secret_key(self):
        text = repr(AWSCredentials.role("arn:aws:iam::1:role/r", "s", access_key_id="AKIAEXAMPLE",
                                        secret_key="do-not-print"))
        self.assertNotIn("do-not-print", text)
        self.assertNotIn("AKIAEXAMPLE", text)
        self.assertIn("AKIA****", text)
        self.assertEqual(repr(AWSCredentials.default()), "AWSCredentials(default chain)")

    def test_credentials_need_complete_pairs(self):
        with self.assertRaisesRegex(ValueError, "role_arn and session_name"):
            AWSCredentials(role_arn="arn:aws:iam::1:role/r")
        with self.assertRaisesRegex(ValueError, "external_id"):
            AWSCredentials(external_id="ext")

    def test_utf8_decoder(self):
        self.assertEqual(utf8_decoder("grüße".encode("utf-8")), "grüße")
        self.assertIsNone(utf8_decoder(None))

    def test_constants_match_pyspark(self):
        self.assertEqual((InitialPositionInStream.LATEST, InitialPositionInStream.TRIM_HORIZON), (0, 1))
        self.assertEqual((MetricsLevel.DETAILED, MetricsLevel.SUMMARY, MetricsLevel.NONE), (0, 1, 2))


if __name__ == "__main__":
    unittest.main()
