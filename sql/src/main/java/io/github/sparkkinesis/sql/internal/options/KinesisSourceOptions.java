package io.github.sparkkinesis.sql.internal.options;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;

/** Work in progress: replaced by the full option parser. */
public final class KinesisSourceOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final CaseInsensitiveStringMap raw;
    private final List<String> streamNames;

    private KinesisSourceOptions(CaseInsensitiveStringMap raw, List<String> streamNames) {
        this.raw = raw;
        this.streamNames = streamNames;
    }

    public static KinesisSourceOptions parse(CaseInsensitiveStringMap options) {
        String names = options.get("streamName");
        if (names == null) {
            throw new IllegalArgumentException("streamName is required");
        }
        return new KinesisSourceOptions(options, List.of(names.split(",")));
    }

    public List<String> streamNames() {
        return streamNames;
    }

    public Optional<String> region() {
        return Optional.ofNullable(raw.get("region"));
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(raw.get("endpoint")).map(URI::create);
    }

    public SparkAWSCredentials credentials() {
        SparkAWSCredentials.Builder builder = SparkAWSCredentials.builder();
        if (raw.get("awsAccessKey") != null) {
            builder.basicCredentials(raw.get("awsAccessKey"), raw.get("awsSecretKey"));
        }
        return builder.build();
    }

    public InitialPosition initialPosition() {
        String value = raw.getOrDefault("initialPosition", "latest").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "trim_horizon", "earliest" -> new InitialPosition(InitialPosition.Kind.TRIM_HORIZON, null);
            case "latest" -> new InitialPosition(InitialPosition.Kind.LATEST, null);
            default -> new InitialPosition(InitialPosition.Kind.AT_TIMESTAMP, Instant.parse(value));
        };
    }

    public int maxRecordsPerFetch() {
        return Integer.parseInt(raw.getOrDefault("maxRecordsPerFetch", "10000"));
    }

    public Duration shardFetchInterval() {
        return Duration.ofMillis(Long.parseLong(raw.getOrDefault("shardFetchIntervalMillis", "300")));
    }

    public Duration maxFetchDuration() {
        return Duration.ofSeconds(10);
    }

    public OptionalInt shardsPerTask() {
        return raw.containsKey("shardsPerTask") ? OptionalInt.of(Integer.parseInt(raw.get("shardsPerTask")))
                : OptionalInt.empty();
    }

    public Duration shardListRefreshInterval() {
        return Duration.ofSeconds(60);
    }

    public OptionalLong maxRecordsPerTrigger() {
        return raw.containsKey("maxRecordsPerTrigger")
                ? OptionalLong.of(Long.parseLong(raw.get("maxRecordsPerTrigger"))) : OptionalLong.empty();
    }

    public OptionalLong maxBytesPerTrigger() {
        return raw.containsKey("maxBytesPerTrigger")
                ? OptionalLong.of(Long.parseLong(raw.get("maxBytesPerTrigger"))) : OptionalLong.empty();
    }

    public boolean failOnDataLoss() {
        return Boolean.parseBoolean(raw.getOrDefault("failOnDataLoss", "true"));
    }
}
