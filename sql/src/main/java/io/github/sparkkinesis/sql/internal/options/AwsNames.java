package io.github.sparkkinesis.sql.internal.options;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The naming rules of AWS that the stream names and the region must follow, checked before any call is made. */
final class AwsNames {

    // Kinesis: 1-128 of [a-zA-Z0-9_.-], case-sensitive.
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    // What AWS region names look like (us-east-1, us-gov-west-1, eu-isoe-west-1). Only the shape is checked, so
    // that a region newer than the bundled SDK can be used.
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}");
    // Host names that say their region: kinesis.<region>.amazonaws.com, kinesis-fips.<region>.amazonaws.com, the
    // .cn partition, and VPC endpoints (vpce-<id>[-<zone>].kinesis.<region>.vpce.amazonaws.com).
    private static final Pattern REGIONAL_KINESIS_HOST = Pattern.compile(
            "(?:vpce-[a-z0-9-]+\\.)?(?:kinesis|kinesis-fips)\\.([a-z0-9-]+)\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?");
    private static final String STREAM_NAMES_EXPECTED = "one Kinesis stream name or a comma-separated list of "
            + "them, each 1 to 128 letters, digits, '_', '.' or '-'";

    private AwsNames() {
    }

    /** The stream names of a comma-separated list, trimmed, in the order given. */
    static List<String> streamNames(String value) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // -1: keep trailing empty entries, so that "orders," is reported rather than silently accepted.
        for (String entry : value.split(",", -1)) {
            String name = entry.trim();
            if (name.isEmpty()) {
                throw OptionErrors.invalidValue(KnownOptions.STREAM_NAME, value, STREAM_NAMES_EXPECTED,
                        value.isBlank() ? "give the stream to read" : "remove the empty entry");
            }
            if (!STREAM_NAME.matcher(name).matches()) {
                throw OptionErrors.invalidValue(KnownOptions.STREAM_NAME, value, STREAM_NAMES_EXPECTED,
                        "'" + name + "' is not a stream name: correct it");
            }
            if (!seen.add(name)) {
                throw OptionErrors.invalidValue(KnownOptions.STREAM_NAME, value, STREAM_NAMES_EXPECTED
                        + ", each once", "'" + name + "' is listed twice: remove one");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** A region name: lower-case words and a number joined by '-'. */
    static String region(String value) {
        String lowerCase = value.toLowerCase(Locale.ROOT);
        if (REGION_NAME.matcher(value).matches()) {
            return value;
        }
        if (REGION_NAME.matcher(lowerCase).matches()) {
            throw OptionErrors.invalidValue(KnownOptions.REGION, value, "a lower-case AWS region name",
                    "use '" + lowerCase + "'");
        }
        throw OptionErrors.invalidValue(KnownOptions.REGION, value, "an AWS region name such as eu-west-1, "
                + "us-east-1 or ap-southeast-2", "correct it, or remove the option for the AWS SDK's default "
                + "region (AWS_REGION, the profile, the instance's region)");
    }

    /**
     * Fails if the endpoint is a standard AWS Kinesis endpoint of another region than the region option: requests
     * would be signed for one region and sent to another, which AWS rejects with a confusing signature error.
     */
    static void checkEndpointMatchesRegion(Optional<URI> endpoint, Optional<String> region) {
        if (endpoint.isEmpty() || region.isEmpty()) {
            return;
        }
        Matcher host = REGIONAL_KINESIS_HOST.matcher(endpoint.get().getHost().toLowerCase(Locale.ROOT));
        if (host.matches() && !host.group(1).equals(region.get())) {
            throw OptionErrors.misuse(KnownOptions.ENDPOINT, "is '" + endpoint.get() + "', in region "
                    + host.group(1) + ", but option 'region' is '" + region.get() + "' (requests are signed for "
                    + "'region', which is never taken from the endpoint)", "set region to '" + host.group(1)
                    + "', or use the endpoint of " + region.get());
        }
    }
}
