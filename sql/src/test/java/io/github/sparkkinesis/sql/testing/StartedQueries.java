package io.github.sparkkinesis.sql.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The streaming queries a test started, stopped after it (register with {@code @RegisterExtension}), so that a
 * failed test leaves no query running into the next one.
 */
public final class StartedQueries implements AfterEachCallback {

    private final List<StreamingQuery> queries = new ArrayList<>();

    /** Keeps {@code query} to stop it after the test, and returns it. */
    public StreamingQuery started(StreamingQuery query) {
        queries.add(query);
        return query;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (StreamingQuery query : queries) {
            query.stop();
        }
        queries.clear();
    }
}
