package org.apache.spark.streaming.kinesis.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a {@link StreamingContexts} to create streaming contexts from, and stops them after the test.
 *
 * <pre>{@code
 * @ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
 * class MyIT {
 *     @Test
 *     void reads(LocalStack stack, StreamingContexts contexts) {
 *         JavaStreamingContext ssc = contexts.create();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class StreamingContextExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StreamingContextExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == StreamingContexts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return contexts(extensionContext);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        contexts(context).stopAll();
    }

    private static StreamingContexts contexts(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(StreamingContexts.class, key -> new StreamingContexts(), StreamingContexts.class);
    }
}
