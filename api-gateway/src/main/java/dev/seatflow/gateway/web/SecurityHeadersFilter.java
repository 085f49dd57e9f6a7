package dev.seatflow.gateway.web;

import dev.seatflow.gateway.security.AuthFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers every answer carries: no content sniffing, no framing, no referrer; API answers (tokens,
 * license keys, signed licenses, audit rows) are never stored by a cache and may run nothing in a
 * browser; HSTS when this gateway terminates TLS itself (behind a load balancer, the balancer sets it).
 * A handler that chose its own Cache-Control keeps it.
 */
@Component
public class SecurityHeadersFilter implements WebFilter, Ordered {

    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        String raw = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean tls = exchange.getRequest().getSslInfo() != null;
        response.beforeCommit(() -> {
            // The decoded path, as authorization saw it and the router matched it (an encoded /api/ is still the API).
            String path = exchange.getAttributeOrDefault(AuthFilter.PATH, raw);
            HttpHeaders headers = response.getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (path.startsWith("/api/") || path.startsWith("/dev/")) {
                if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                    headers.setCacheControl("no-store");
                }
                headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
            }
            if (tls) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        // Before anything that can answer early (authentication, rate limits), so refusals carry the headers too.
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
