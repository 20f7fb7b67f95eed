package io.github.sparkkinesis.examples;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * A Kinesis endpoint URL given to an example, and what the examples read from it: whether it is AWS's own (then
 * CloudWatch exists next to it), whether it is on this machine (the local stack), and the region its host names.
 */
final class KinesisEndpoint {

    /** A region as it appears in AWS host names: eu-west-1, us-gov-west-1, cn-north-1... */
    private static final Pattern REGION_LABEL = Pattern.compile("(?:^|\\.)([a-z]{2}(?:-[a-z]+)+-\\d+)\\.");

    private final URI url;

    private KinesisEndpoint(URI url) {
        this.url = url;
    }

    /**
     * @throws IllegalArgumentException if {@code url} is not an http or https URL with a host
     */
    static KinesisEndpoint of(String url) {
        try {
            URI parsed = new URI(url);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null) {
                return new KinesisEndpoint(parsed);
            }
        } catch (URISyntaxException e) {
            // Reported below, with what is expected.
        }
        throw new IllegalArgumentException("'" + url + "' is not a Kinesis endpoint URL; expected something like "
                + "https://kinesis.eu-west-1.amazonaws.com, or http://127.0.0.1:4568 for the local stack");
    }

    URI url() {
        return url;
    }

    /** Whether this is an AWS endpoint ({@code *.amazonaws.com} or {@code *.amazonaws.com.cn}). */
    boolean isAws() {
        return host().endsWith(".amazonaws.com") || host().endsWith(".amazonaws.com.cn");
    }

    /** Whether the host is this machine (the local stack). */
    boolean isLoopback() {
        String host = host();
        if (host.equals("localhost")) {
            return true;
        }
        try {
            // Only literal addresses: a name would need a DNS lookup.
            return host.matches("[0-9.]+|\\[?[0-9a-f:]+]?") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The region an AWS endpoint's host names, else the AWS SDK's default region, else us-east-1. */
    Region region() {
        Matcher matcher = REGION_LABEL.matcher(host());
        if (isAws() && matcher.find()) {
            return Region.of(matcher.group(1));
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException noDefaultRegion) {
            return Region.US_EAST_1;
        }
    }

    private String host() {
        return url.getHost().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
