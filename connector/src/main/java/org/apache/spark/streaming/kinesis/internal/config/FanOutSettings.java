package org.apache.spark.streaming.kinesis.internal.config;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a DStream reads with enhanced fan-out: through the consumer of a name (found, or registered when missing), or
 * through an existing consumer given by its ARN. Immutable; {@link #of} validates with messages that name the
 * builder option.
 */
public final class FanOutSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Kinesis consumer names: 1 to 128 of letters, digits, '_', '.' and '-'. */
    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    /** arn:{partition}:kinesis:{region}:{account}:stream/{stream}/consumer/{name}:{creation timestamp}. */
    private static final Pattern CONSUMER_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):[0-9]{12}:"
            + "stream/([a-zA-Z0-9_.-]{1,128})/consumer/([a-zA-Z0-9_.-]{1,128}):[0-9]+");

    private final String consumerName;
    private final String consumerArn;

    private FanOutSettings(String consumerName, String consumerArn) {
        this.consumerName = consumerName;
        this.consumerArn = consumerArn;
    }

    /**
     * The settings of a stream, or null for polling (neither option set).
     *
     * @throws IllegalArgumentException if both are set, the name is not a consumer name, or the ARN is not one of a
     *                                  consumer of {@code streamName} in {@code regionName}
     */
    static FanOutSettings of(String consumerName, String consumerArn, String streamName, String regionName) {
        if (consumerName == null && consumerArn == null) {
            return null;
        }
        if (consumerName != null && consumerArn != null) {
            throw new IllegalArgumentException("enhancedFanOutConsumerName and enhancedFanOutConsumerArn are both "
                    + "set: give the consumer's name (registered when missing) or the ARN of an existing "
                    + "consumer, not both");
        }
        if (consumerName != null) {
            if (!isConsumerName(consumerName)) {
                throw new IllegalArgumentException("enhancedFanOutConsumerName '" + consumerName + "' is not a "
                        + "Kinesis consumer name: use 1 to 128 characters from letters, digits, '_', '-' and '.'");
            }
            return new FanOutSettings(consumerName, null);
        }
        Matcher arn = CONSUMER_ARN.matcher(consumerArn);
        if (!arn.matches()) {
            throw new IllegalArgumentException("enhancedFanOutConsumerArn '" + consumerArn + "' is not a Kinesis "
                    + "consumer ARN, which looks like arn:aws:kinesis:eu-west-1:123456789012:stream/" + streamName
                    + "/consumer/my-app:1700000000 (aws kinesis list-stream-consumers shows them)");
        }
        if (!arn.group(2).equals(streamName)) {
            throw new IllegalArgumentException("enhancedFanOutConsumerArn " + consumerArn + " is a consumer of "
                    + "stream '" + arn.group(2) + "', but the DStream reads '" + streamName + "': use a consumer "
                    + "of '" + streamName + "', or enhancedFanOutConsumerName to have one registered");
        }
        if (!arn.group(1).equals(regionName)) {
            throw new IllegalArgumentException("enhancedFanOutConsumerArn " + consumerArn + " is in region "
                    + arn.group(1) + " but regionName is " + regionName + "; set regionName(\"" + arn.group(1)
                    + "\")");
        }
        return new FanOutSettings(null, consumerArn);
    }

    /**
     * Whether Kinesis accepts this as a consumer name (1 to 128 of letters, digits, '_', '.' and '-'); the
     * Structured Streaming source checks its {@code consumerName} option with it too.
     */
    public static boolean isConsumerName(String name) {
        return name != null && CONSUMER_NAME.matcher(name).matches();
    }

    /** The consumer's name, when it is found or registered by name. */
    public Optional<String> consumerName() {
        return Optional.ofNullable(consumerName);
    }

    /** The consumer's ARN, when an existing consumer was given. */
    public Optional<String> consumerArn() {
        return Optional.ofNullable(consumerArn);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FanOutSettings that && Objects.equals(consumerName, that.consumerName)
                && Objects.equals(consumerArn, that.consumerArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(consumerName, consumerArn);
    }

    @Override
    public String toString() {
        return "FanOutSettings[" + (consumerName != null ? "consumerName=" + consumerName
                : "consumerArn=" + consumerArn) + "]";
    }
}
