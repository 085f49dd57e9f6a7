package dev.seatflow.gateway.security;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.support.web.ManagementPort;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires a verified bearer token on every path of the API port but the public ones ({@link PublicPaths}:
 * the probes, the public keys, the API document); puts the {@link Caller} on the exchange for handlers
 * and the rate limiter. Failures travel as {@link ApiException}s to the problem+json handler. Requests
 * to the management port pass: no tenant calls it, and it is not published outside the deployment.
 */
@Component
public class AuthFilter implements WebFilter, Ordered {

    public static final String CALLER = AuthFilter.class.getName() + ".caller";
    /** The decoded request path, as authorization judged it. */
    public static final String PATH = AuthFilter.class.getName() + ".path";
    public static final int ORDER = -100;

    private final TokenVerifier verifier;

    public AuthFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (ManagementPort.serves(exchange)) {
            return chain.filter(exchange);
        }
        String path;
        try {
            path = PublicPaths.decoded(exchange.getRequest());
        } catch (ApiException refused) {
            return Mono.error(refused);
        }
        exchange.getAttributes().put(PATH, path);
        if (PublicPaths.isPublic(path)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return Mono.error(new ApiException(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <Firebase ID token>"));
        }
        return verifier.verify(header.substring(7).trim())
                .onErrorMap(error -> !(error instanceof ApiException),
                        error -> new ApiException(ErrorCode.UNAUTHENTICATED, "the token could not be verified"))
                .flatMap(caller -> {
                    exchange.getAttributes().put(CALLER, caller);
                    return chain.filter(exchange);
                });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
