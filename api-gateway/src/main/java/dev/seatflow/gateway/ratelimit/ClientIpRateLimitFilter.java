package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.security.AuthFilter;
import dev.seatflow.support.web.ManagementPort;
import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * 429 with Retry-After once a client IP is over its rate, before authentication: verifying a token
 * is a signature check, far dearer than a bucket, so a flood of bad (or good) tokens from one
 * address is refused before that work, and failed attempts count too.
 *
 * <p>This is the one per-IP bucket ({@code rate-limit.per-client-ip}), not a second, more generous
 * one for before authentication: that limit never needed the caller, so it only moved earlier; a
 * separate bucket would cost a second Redis call on every request and a second setting for the
 * same fact, what one address may send.
 *
 * <p>The address is the one {@code ClientAddressFilter} resolved (it runs first): the socket's
 * peer, or what trusted proxies vouch for, never what the client wrote.
 */
public class ClientIpRateLimitFilter implements WebFilter, Ordered {

    private final RateLimiter limiter;

    public ClientIpRateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Probes and the management port (scrapes, operators) are the platform's own traffic, not a client's.
        if (ManagementPort.serves(exchange) || isHealthProbe(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        return limiter.admitClientIp(ip).then(Mono.defer(() -> chain.filter(exchange)));
    }

    /**
     * The two probes are exempt, judged on the raw path since decoding it is authentication's job,
     * which comes later. That lets nothing else through: a raw path without escapes is itself decoded,
     * so exactly these two paths, both public, skip the count; an encoded spelling merely counts.
     */
    static boolean isHealthProbe(String rawPath) {
        return rawPath.equals("/livez") || rawPath.equals("/readyz");
    }

    @Override
    public int getOrder() {
        return AuthFilter.ORDER - 10;
    }
}
