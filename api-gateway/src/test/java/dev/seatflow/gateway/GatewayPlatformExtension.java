package dev.seatflow.gateway;

import dev.seatflow.testkit.RealServicesExtension;
import dev.seatflow.testkit.ThreadDump;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives test methods the {@link GatewayPlatform}, started once for the whole test run. A test that
 * fails because a request got no answer leaves a dump of every thread in the log: a gateway GET
 * has hung now and then (health probes included) without a cause found yet.
 */
public final class GatewayPlatformExtension implements ParameterResolver, TestWatcher {

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

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Throwable error = cause; error != null; error = error.getCause()) {
            if (error instanceof TimeoutException) {
                ThreadDump.log(context.getDisplayName() + " got no answer in time");
                return;
            }
        }
    }
}
