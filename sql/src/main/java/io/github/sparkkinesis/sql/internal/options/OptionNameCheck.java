package io.github.sparkkinesis.sql.internal.options;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check of option names shared by the reader and the writer: a name that is a near miss of a known one fails;
 * other unknown names are ignored with a warning, because Spark passes its own options ({@code path},
 * {@code paths}) and jobs written for other Kinesis connectors carry theirs.
 */
final class OptionNameCheck {

    private static final Logger LOG = LoggerFactory.getLogger(OptionNameCheck.class);

    private final String role;
    private final TypoFinder typos;
    private final Set<String> knownLowerCase;
    private final Set<String> sparkOptions;

    /**
     * @param role         what takes the options, for messages: "source" or "sink"
     * @param known        the option names it knows
     * @param sparkOptions the options Spark itself passes along, ignored silently
     */
    OptionNameCheck(String role, List<String> known, Set<String> sparkOptions) {
        this.role = role;
        this.typos = new TypoFinder(known);
        this.knownLowerCase = lowerCase(known);
        this.sparkOptions = lowerCase(sparkOptions);
    }

    void check(CaseInsensitiveStringMap options) {
        // The case-sensitive view: the message quotes the name as the user wrote it.
        Set<String> ignored = new TreeSet<>();
        for (String name : options.asCaseSensitiveMap().keySet()) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (knownLowerCase.contains(lowerCase) || sparkOptions.contains(lowerCase)) {
                continue;
            }
            Optional<String> meant = typos.nearMiss(name);
            if (meant.isPresent()) {
                throw new IllegalArgumentException("Unknown option '" + name + "' for the kinesis " + role
                        + ": did you mean '" + meant.get() + "'?");
            }
            ignored.add(name);
        }
        if (!ignored.isEmpty()) {
            LOG.warn("The kinesis {} ignores the options {}, which are none of its own (see docs/"
                    + "structured-streaming.md)", role, ignored);
        }
    }

    private static Set<String> lowerCase(Collection<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
