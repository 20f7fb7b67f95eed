package io.github.sparkkinesis.sql.testing;

import io.github.sparkkinesis.localstack.LocalStack;
import java.net.URI;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;

/**
 * One local SparkSession for the test JVM (starting Spark takes seconds), with the serializer of every in-JVM test
 * ({@link SparkTestContext#IN_JVM_SERIALIZER}), and kinesis
 * readers pointed at a {@link LocalStack}.
 */
public final class SqlTestSession {

    private static SparkSession session;

    private SqlTestSession() {
    }

    public static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder()
                    .config(SparkTestContext.localConf("local[4]", "kinesis-source-tests"))
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.serializer", SparkTestContext.IN_JVM_SERIALIZER)
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }

    /** A kinesis reader of {@code stream} on {@code stack}: its endpoint, region and keys. */
    public static DataStreamReader kinesis(LocalStack stack, String stream) {
        return kinesis(stack.kinesisEndpoint(), stream);
    }

    /**
     * A kinesis reader of {@code stream} through enhanced fan-out consumer {@code consumerName}, at the fan-out
     * server {@code endpoint} (e.g. {@code stack.enhancedFanOut().endpoint()}).
     */
    public static DataStreamReader kinesisFanOut(URI endpoint, String stream, String consumerName) {
        return kinesis(endpoint, stream).option("consumerMode", "efo").option("consumerName", consumerName);
    }

    private static DataStreamReader kinesis(URI endpoint, String stream) {
        return spark().readStream().format("kinesis")
                .option("streamName", stream)
                .option("endpoint", endpoint.toString())
                .option("region", LocalStack.REGION.id())
                .option("awsAccessKey", LocalStack.CREDENTIALS.resolveCredentials().accessKeyId())
                .option("awsSecretKey", LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey());
    }
}
