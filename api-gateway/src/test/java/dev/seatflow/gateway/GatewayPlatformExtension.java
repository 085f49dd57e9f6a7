package dev.seatflow.gateway;

import dev.seatflow.testkit.RealServicesExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives test methods the {@link GatewayPlatform}, started once for the whole test run. */
public final class GatewayPlatformExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(GatewayPlatformExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GatewayPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(STORE).computeIfAbsent(GatewayPlatform.class,
                type -> GatewayPlatform.start(RealServicesExtension.services(root)), GatewayPlatform.class);
    }
}
