package org.apache.spark.streaming.kinesis.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one check of an endpoint URL given by a user (Kinesis, DynamoDB, CloudWatch, STS; builder methods and source
 * options alike): http or https, a valid host name, a port from 1 to 65535 if any. {@code java.net.URI} alone
 * accepts {@code http://host:99999} and silently drops a host name it cannot parse, which the AWS SDK needs.
 */
public final class EndpointUrls {

    public static final int MAX_PORT = 65_535;
    private static final Pattern PORT_AT_END = Pattern.compile(".*:([0-9]+)");

    private EndpointUrls() {
    }

    /** What is wrong with {@code raw} as an endpoint URL, or null if nothing is. */
    public static String problem(String raw) {
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            return "not a URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "the scheme must be http or https";
        }
        String authority = uri.getRawAuthority();
        Matcher port = PORT_AT_END.matcher(authority == null ? "" : authority);
        if (port.matches() && !isValidPort(port.group(1))) {
            return "port " + port.group(1) + " is not between 1 and " + MAX_PORT;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI leaves the host out when the name is not a valid host name (an '_', say).
            String hostName = port.matches() ? authority.substring(0, port.start(1) - 1) : authority;
            return hostName == null || hostName.isEmpty() ? "it has no host name"
                    : "'" + hostName + "' is not a valid host name: use letters, digits, '-' and '.'";
        }
        return null;
    }

    /**
     * {@code raw} as a URI, or null if it is null.
     *
     * @param setting the builder method or option that took it, for the message
     * @param example a valid URL for the same service, for the message
     * @throws IllegalArgumentException naming the setting, the value, the problem and an example
     */
    public static URI parse(String raw, String setting, String example) {
        if (raw == null) {
            return null;
        }
        String problem = problem(raw);
        if (problem != null) {
            throw new IllegalArgumentException(setting + " '" + raw + "' is not a valid endpoint URL (" + problem
                    + "); expected something like " + example);
        }
        return URI.create(raw.trim());
    }

    private static boolean isValidPort(String digits) {
        // An overlong number is not a port either (and would overflow).
        return digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= MAX_PORT;
    }
}
