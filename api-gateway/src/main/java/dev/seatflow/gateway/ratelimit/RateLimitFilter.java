package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.security.AuthFilter;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * 429 with Retry-After once a client IP or a tenant is over its rate. Runs after authentication
 * (it needs the tenant) on every path but health probes, judged on the decoded path; if Redis
 * cannot be asked, requests pass and the miss is counted, since a limiter outage must not take the
 * API down with it.
 */
public class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final Counter limited;
    private final Counter unavailable;

    public RateLimitFilter(RateLimiter limiter, MeterRegistry meters) {
        this.limiter = limiter;
        this.limited = Counter.builder("seatflow.gateway.rate_limited").description("Requests answered 429").register(meters);
        this.unavailable = Counter.builder("seatflow.gateway.rate_limit_unavailable")
                .description("Requests let through because the rate limiter could not reach Redis").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getAttributeOrDefault(AuthFilter.PATH, "");
        if (path.equals("/health") || path.startsWith("/health/")) {
            return chain.filter(exchange);
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        Caller caller = exchange.getAttribute(AuthFilter.CALLER);
        Mono<ConsumptionProbe> check = Mono.fromFuture(() -> limiter.clientIp(ip))
                .flatMap(byIp -> !byIp.isConsumed() || caller == null ? Mono.just(byIp) : Mono.fromFuture(() -> limiter.tenant(caller.tenantId())));
        return check
                .timeout(Duration.ofSeconds(1))
                .onErrorResume(error -> {
                    unavailable.increment();
                    log.warn("rate limiter unavailable, letting the request through: {}", error.getMessage());
                    return Mono.empty();
                })
                .flatMap(probe -> {
                    if (probe.isConsumed()) {
                        return Mono.<Void>empty();
                    }
                    limited.increment();
                    return Mono.error(new ApiException(ErrorCode.RATE_LIMITED, "too many requests; slow down")
                            .retryAfter(Duration.ofNanos(probe.getNanosToWaitForRefill())));
                })
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    @Override
    public int getOrder() {
        return AuthFilter.ORDER + 10;
    }
}
