package dev.seatflow.support.web;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells requests to the management port (management.server.port) from those to the service's own.
 * Boot builds the management server's handler chain in a child context, and a child's chain picks up
 * the parent's {@code WebFilter} beans too, so a filter meant for the public port (the gateway's
 * token check, its per-IP rate limit) must step aside there itself. The management port is reached
 * only inside the deployment (Helm and Compose do not publish it), which is its access control.
 */
public final class ManagementPort {

    private static final String NAMESPACE = "management";

    private ManagementPort() {
    }

    /** Whether the exchange arrived on the management server (false while it shares the main port). */
    public static boolean serves(ServerWebExchange exchange) {
        return exchange.getApplicationContext() != null
                && WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), NAMESPACE);
    }
}
