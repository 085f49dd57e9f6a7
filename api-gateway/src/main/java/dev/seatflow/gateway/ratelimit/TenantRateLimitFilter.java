package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.security.AuthFilter;
import dev.seatflow.gateway.security.Caller;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * 429 with Retry-After once a tenant is over its rate. Runs after authentication, which names the
 * tenant; a request to a public path has no caller and so no tenant to count (its address was
 * counted before authentication, by {@link ClientIpRateLimitFilter}).
 */
public class TenantRateLimitFilter implements WebFilter, Ordered {

    private final RateLimiter limiter;

    public TenantRateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = exchange.getAttribute(AuthFilter.CALLER);
        if (caller == null) {
            return chain.filter(exchange);
        }
        return limiter.admitTenant(caller.tenantId()).then(Mono.defer(() -> chain.filter(exchange)));
    }

    @Override
    public int getOrder() {
        return AuthFilter.ORDER + 10;
    }
}
