package io.github.sparkkinesis.sql.internal.options;

import static io.github.sparkkinesis.sql.internal.options.KnownOptions.ENDPOINT;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.REGION;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.STS_ENDPOINT;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;

/**
 * Where Kinesis is and who calls it, as the reader and the writer of format {@code kinesis} both take it:
 * {@code region}, {@code endpoint}, the credential options and {@code stsEndpoint}, each checked here once.
 * Immutable and serializable; {@link #toString()} never shows a secret.
 */
public final class ConnectionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    // Nullable fields stand for the empty Optionals of the accessors (Optional is not serializable).
    private final String region;
    private final URI endpoint;
    private final URI stsEndpoint;
    private final SparkAWSCredentials credentials;

    private ConnectionOptions(OptionReader options) {
        region = options.text(REGION).map(AwsNames::region).orElse(null);
        endpoint = options.url(ENDPOINT, "https://kinesis.eu-west-1.amazonaws.com or http://localhost:4567",
                "the region's Kinesis endpoint").orElse(null);
        AwsNames.checkEndpointMatchesRegion(endpoint(), region());
        stsEndpoint = options.url(STS_ENDPOINT, "https://sts.eu-west-1.amazonaws.com",
                "the region's STS endpoint").orElse(null);
        credentials = CredentialsOptions.credentials(options, stsEndpoint());
    }

    /** The connection options among {@code options}, checked; the first invalid one fails. */
    static ConnectionOptions read(OptionReader options) {
        return new ConnectionOptions(options);
    }

    /** The region; empty: the AWS SDK's default region chain decides at run time. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The Kinesis endpoint; empty: the region's standard endpoint. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** The STS endpoint the role is assumed at (also inside {@link #credentials()}); empty: the region's. */
    public Optional<URI> stsEndpoint() {
        return Optional.ofNullable(stsEndpoint);
    }

    /** The credentials of the Kinesis calls (the SDK's default chain when no credential option is given). */
    public SparkAWSCredentials credentials() {
        return credentials;
    }

    /** The connection the AWS clients of the connector are built from. */
    public KinesisConnection connection() {
        return new KinesisConnection(region, endpoint, credentials);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionOptions that
                && Objects.equals(region, that.region)
                && Objects.equals(endpoint, that.endpoint)
                && Objects.equals(stsEndpoint, that.stsEndpoint)
                && credentials.equals(that.credentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, endpoint, stsEndpoint, credentials);
    }

    /** The options with their values or defaults; the credentials as their masked description. */
    @Override
    public String toString() {
        return "region=" + (region == null ? "(SDK default chain)" : region)
                + ", endpoint=" + (endpoint == null ? "(the region's)" : endpoint)
                + ", credentials=" + credentials;
    }
}
