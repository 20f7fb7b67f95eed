package io.github.sparkkinesis.sql.internal.options;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The timestamp of an {@code at_timestamp} initial position: with a format, parsed by it; without one, an
 * ISO-8601 instant ({@code 2026-11-01T00:00:00Z}, {@code 2026-11-01T01:00:00+01:00}) or milliseconds since the
 * epoch ({@code 1793491200000}).
 *
 * <p>Formats are {@link SimpleDateFormat} patterns, as in Databricks' Kinesis source: its documented example,
 * {@code "06/25/2020 10:23:45 PDT"} with {@code "MM/dd/yyyy HH:mm:ss ZZZ"}, parses only under those rules (where
 * {@code Z} also reads zone names such as {@code PDT}); {@code java.time} patterns read {@code ZZZ} as an offset
 * only. A timestamp without a zone is taken as UTC.
 */
final class TimestampParser {

    private TimestampParser() {
    }

    /**
     * The instant {@code text} denotes.
     *
     * @param format a {@link SimpleDateFormat} pattern, or null for ISO-8601 or epoch milliseconds
     * @throws IllegalArgumentException saying why it is not a timestamp (without naming the option)
     */
    static Instant parse(String text, String format) {
        return format == null ? parseIsoOrEpochMillis(text.trim()) : parseWithFormat(text.trim(), format);
    }

    private static Instant parseIsoOrEpochMillis(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException | DateTimeException tooLarge) {
                throw new IllegalArgumentException("'" + text + "' is too large for milliseconds since the epoch");
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException notIso) {
            throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 instant with a zone (such as "
                    + "2026-11-01T00:00:00Z or 2026-11-01T01:00:00+01:00) nor milliseconds since the epoch; for "
                    + "another shape, add \"format\" with its pattern");
        }
    }

    private static Instant parseWithFormat(String text, String format) {
        SimpleDateFormat parser;
        try {
            // Locale.US: the zone names (PDT, CET) and month names of the patterns are English.
            parser = new SimpleDateFormat(format, Locale.US);
        } catch (IllegalArgumentException badPattern) {
            throw new IllegalArgumentException("\"format\" '" + format + "' is not a date pattern ("
                    + badPattern.getMessage() + "); use SimpleDateFormat letters such as MM/dd/yyyy HH:mm:ss ZZZ");
        }
        parser.setLenient(false);
        parser.setTimeZone(TimeZone.getTimeZone("UTC"));
        ParsePosition position = new ParsePosition(0);
        Date date = parser.parse(text, position);
        // A parse that stops early would silently drop the rest (a zone, say): the whole text must match.
        if (date == null || position.getIndex() != text.length()) {
            String where;
            if (date != null) {
                where = "unexpected text from character " + (position.getIndex() + 1);
            } else if (position.getErrorIndex() >= 0 && position.getErrorIndex() < text.length()) {
                where = "from character " + (position.getErrorIndex() + 1);
            } else {
                where = "a field is out of range";
            }
            throw new IllegalArgumentException("'" + text + "' does not match the format '" + format + "' ("
                    + where + ")");
        }
        return date.toInstant();
    }
}
