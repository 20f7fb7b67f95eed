package io.github.sparkkinesis.sql.internal.options;

import java.util.List;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** Work in progress: replaced by the full option parser. */
public final class KinesisSourceOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> streamNames;

    private KinesisSourceOptions(List<String> streamNames) {
        this.streamNames = streamNames;
    }

    public static KinesisSourceOptions parse(CaseInsensitiveStringMap options) {
        String names = options.get("streamName");
        if (names == null) {
            throw new IllegalArgumentException("streamName is required");
        }
        return new KinesisSourceOptions(List.of(names.split(",")));
    }

    public List<String> streamNames() {
        return streamNames;
    }
}
