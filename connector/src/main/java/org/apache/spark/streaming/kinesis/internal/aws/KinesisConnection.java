package org.apache.spark.streaming.kinesis.internal.aws;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where Kinesis is and who calls it: region, endpoint and credentials. Serializable, so that the driver hands it
 * to the tasks that read on executors; two equal connections can share a client.
 */
public final class KinesisConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String regionName;
    private final URI endpoint;
    private final SparkAWSCredentials credentials;

    /**
     * @param regionName  the region, or null for the AWS SDK's default region chain of the JVM that connects
     * @param endpoint    the Kinesis endpoint, or null for the region's
     */
    public KinesisConnection(String regionName, URI endpoint, SparkAWSCredentials credentials) {
        this.regionName = regionName;
        this.endpoint = endpoint;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * The region to sign for.
     *
     * @throws IllegalStateException when none was given and the SDK's chain finds none, with what to set
     */
    public Region region() {
        if (regionName != null) {
            return Region.of(regionName);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            throw new IllegalStateException("No AWS region is set for Kinesis and the AWS SDK found none "
                    + "(AWS_REGION, the profile, instance metadata): set the region option", e);
        }
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public SparkAWSCredentials credentials() {
        return credentials;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KinesisConnection that && Objects.equals(regionName, that.regionName)
                && Objects.equals(endpoint, that.endpoint) && credentials.equals(that.credentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(regionName, endpoint, credentials);
    }

    @Override
    public String toString() {
        return "KinesisConnection[region=" + (regionName == null ? "(SDK default)" : regionName) + ", endpoint="
                + (endpoint == null ? "(regional default)" : endpoint) + ", credentials=" + credentials + "]";
    }
}
