package io.github.sparkkinesis.localstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link LocalStack} per test class (shared by its tests and nested classes)
 * and stops it after the class. Tests receive it as a parameter:
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class OrdersStreamTest {
 *     @Test
 *     void readsEveryRecord(LocalStack stack) {
 *         String stream = stack.streams().createUniqueStream("orders", 4);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Servers are slow to fill (kinesis-mock's PutRecords cost grows with the shard's size), so give each test its
 * own stream rather than a new stack.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack(extensionContext);
    }

    /** The stack of the outermost test class of this context, started on first use. */
    public static LocalStack stack(ExtensionContext context) {
        ExtensionContext classContext = outermostClassContext(context);
        // AutoCloseable values are closed by JUnit when the class context ends.
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalStack.class, key -> LocalStack.start(), LocalStack.class);
    }

    private static ExtensionContext outermostClassContext(ExtensionContext context) {
        ExtensionContext current = context;
        ExtensionContext outermost = context;
        while (current != null && current.getParent().isPresent()) {
            if (current.getTestClass().isPresent() && current.getTestMethod().isEmpty()) {
                outermost = current;
            }
            current = current.getParent().orElse(null);
        }
        return outermost;
    }
}
