package org.apache.spark.streaming.kinesis;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A credentials provider that also owns the resources behind it (an STS client, the long-lived provider) and
 * closes them with itself, so a stopped receiver leaves no STS threads or connections behind.
 */
final class ClosingCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {

    private final AwsCredentialsProvider delegate;
    private final List<Object> ownedResources;

    ClosingCredentialsProvider(AwsCredentialsProvider delegate, Object... ownedResources) {
        this.delegate = delegate;
        this.ownedResources = List.of(ownedResources);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return delegate.resolveCredentials();
    }

    @Override
    public void close() {
        IoUtils.closeIfCloseable(delegate, null);
        ownedResources.forEach(resource -> IoUtils.closeIfCloseable(resource, null));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
