package dev.seatflow.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestServices} parameters. The services themselves are shared by the whole test
 * JVM; each test class (or method, for method parameters) gets its own {@link TestNamespace}.
 */
public final class RealServicesExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealServicesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return services(context);
    }

    /**
     * The services for a context: other extensions use this to build fixtures that outlive one
     * test class (pass the root context for a namespace that lasts the whole test run).
     */
    public static TestServices services(ExtensionContext context) {
        SharedServices shared = context.getRoot().getStore(STORE)
                .computeIfAbsent(SharedServices.class, type -> new SharedServices(), SharedServices.class);
        return context.getStore(STORE)
                .computeIfAbsent(TestServices.class, type -> new TestServices(shared, TestNamespace.random()), TestServices.class);
    }
}
