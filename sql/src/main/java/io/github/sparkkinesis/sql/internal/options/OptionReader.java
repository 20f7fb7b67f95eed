package io.github.sparkkinesis.sql.internal.options;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.streaming.kinesis.internal.config.EndpointUrls;

/**
 * Typed, checked values of the options Spark gives the source (names case-insensitive). Each reader fails with a
 * message naming the option, the value, what it accepts and the fix; the syntax of durations and sizes is
 * Spark's own ({@code 500ms}, {@code 10s}, {@code 10m}, {@code 1g}), as in Spark's settings.
 */
final class OptionReader {

    private static final String DURATION_SYNTAX = "such as 500ms, 10s or 2min (whole numbers; units us, ms, s, m "
            + "or min, h, d; a number alone is milliseconds)";
    private static final String SIZE_SYNTAX = "such as 1048576, 512k, 10m or 1g (whole numbers; k, m, g, t are "
            + "1024, 1024^2, 1024^3, 1024^4 bytes; a number alone is bytes)";

    private final CaseInsensitiveStringMap options;

    OptionReader(CaseInsensitiveStringMap options) {
        this.options = options;
    }

    boolean isSet(String option) {
        return options.containsKey(option);
    }

    /** The value as given, untrimmed: for secrets, which are used exactly as given. */
    Optional<String> raw(String option) {
        return Optional.ofNullable(options.get(option));
    }

    /** The value without surrounding white space (possibly empty), if the option is set. */
    Optional<String> text(String option) {
        return raw(option).map(String::trim);
    }

    /** A whole number from {@code min} to {@code max}; {@code defaultValue} when the option is not set. */
    int wholeNumber(String option, int defaultValue, int min, int max) {
        Optional<String> value = text(option);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Long number = parseLongOrNull(value.get());
        if (number == null || number < min || number > max) {
            throw OptionErrors.invalidValue(option, value.get(), "a whole number from " + min + " to " + max,
                    "give a value in that range, or remove the option for the default " + defaultValue);
        }
        return number.intValue();
    }

    /** A whole number of at least 1, if the option is set; {@code whenAbsent} says what not setting it means. */
    OptionalInt positiveInt(String option, String whenAbsent) {
        OptionalLong value = positiveLong(option, Integer.MAX_VALUE, whenAbsent);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    /** A whole number of at least 1, if the option is set; {@code whenAbsent} says what not setting it means. */
    OptionalLong positiveLong(String option, String whenAbsent) {
        return positiveLong(option, Long.MAX_VALUE, whenAbsent);
    }

    private OptionalLong positiveLong(String option, long max, String whenAbsent) {
        Optional<String> value = text(option);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        Long number = parseLongOrNull(value.get());
        if (number == null || number < 1 || number > max) {
            throw OptionErrors.invalidValue(option, value.get(), "a whole number from 1 to " + max,
                    "give a value in that range, or remove the option for " + whenAbsent);
        }
        return OptionalLong.of(number);
    }

    /** {@code true} or {@code false}, in any case; {@code defaultValue} when the option is not set. */
    boolean bool(String option, boolean defaultValue) {
        Optional<String> value = text(option);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String lowerCase = value.get().toLowerCase(Locale.ROOT);
        if (!lowerCase.equals("true") && !lowerCase.equals("false")) {
            throw OptionErrors.invalidValue(option, value.get(), "true or false",
                    "remove the option for the default " + defaultValue);
        }
        return Boolean.parseBoolean(lowerCase);
    }

    /** A duration of at least {@code min}; {@code defaultValue} when the option is not set. */
    Duration duration(String option, Duration defaultValue, Duration min) {
        Optional<String> value = text(option);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Duration duration = parseDurationOrNull(value.get());
        if (duration == null || duration.compareTo(min) < 0) {
            String atLeast = min.equals(Duration.ofMillis(1)) ? "a positive duration"
                    : "a duration of at least " + sparkDuration(min);
            throw OptionErrors.invalidValue(option, value.get(), atLeast + " " + DURATION_SYNTAX,
                    "remove the option for the default " + sparkDuration(defaultValue));
        }
        return duration;
    }

    /** A size in bytes of at least 1, if the option is set; {@code whenAbsent} says what not setting it means. */
    OptionalLong byteSize(String option, String whenAbsent) {
        Optional<String> value = text(option);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        long bytes;
        try {
            bytes = JavaUtils.byteStringAsBytes(value.get());
        } catch (RuntimeException notASize) {
            // NumberFormatException for malformed values, IllegalArgumentException (no more) for fractions.
            bytes = 0;
        }
        if (bytes < 1) {
            throw OptionErrors.invalidValue(option, value.get(), "a size of at least 1 byte " + SIZE_SYNTAX,
                    "remove the option for " + whenAbsent);
        }
        return OptionalLong.of(bytes);
    }

    /**
     * An http or https URL with a host name and, if any, a port from 1 to 65535, if the option is set;
     * {@code example} shows one in the message.
     */
    Optional<URI> url(String option, String example, String whenAbsent) {
        Optional<String> value = text(option);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String problem = EndpointUrls.problem(value.get());
        if (problem != null) {
            throw OptionErrors.invalidValue(option, value.get(), "an http or https URL with a host name and, if "
                    + "any, a port from 1 to " + EndpointUrls.MAX_PORT + ", such as " + example + " (" + problem + ")",
                    "correct the URL, or remove the option for " + whenAbsent);
        }
        return Optional.of(URI.create(value.get().trim()));
    }

    /** A duration as Spark writes them in its settings: {@code 10s} when whole seconds, else {@code 300ms}. */
    static String sparkDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Duration parseDurationOrNull(String value) {
        try {
            return Duration.ofMillis(JavaUtils.timeStringAsMs(value));
        } catch (RuntimeException notADuration) {
            // NumberFormatException: no number, an unknown unit, a fraction, or too large.
            return null;
        }
    }

    private static Long parseLongOrNull(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notAWholeNumber) {
            return null;
        }
    }
}
