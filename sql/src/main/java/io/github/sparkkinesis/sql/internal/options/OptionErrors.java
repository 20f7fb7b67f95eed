package io.github.sparkkinesis.sql.internal.options;

/**
 * The messages of option errors, all of one shape so that a user sees at once which option is wrong, what it was
 * given, what it accepts and what to do: {@code Option 'X' of format kinesis ...}, the same for the reader and
 * the writer, which share most options.
 */
final class OptionErrors {

    /** Shown instead of values that must never reach a log or a message (secret keys, external ids). */
    static final String HIDDEN = "****";

    private OptionErrors() {
    }

    /**
     * A value the option does not accept.
     *
     * @param shownValue the value as given, or {@link #HIDDEN} for a secret
     * @param expected   what the option accepts, completing "expected ..."
     * @param fix        what to do, completing the message after "; "
     */
    static IllegalArgumentException invalidValue(String option, String shownValue, String expected, String fix) {
        return new IllegalArgumentException("Option '" + option + "' of format kinesis has the invalid value '"
                + shownValue + "': expected " + expected + "; " + fix);
    }

    /** An option that is missing, or that cannot be used as it is, e.g. without another one. */
    static IllegalArgumentException misuse(String option, String problem, String fix) {
        return new IllegalArgumentException("Option '" + option + "' of format kinesis " + problem + "; " + fix);
    }
}
