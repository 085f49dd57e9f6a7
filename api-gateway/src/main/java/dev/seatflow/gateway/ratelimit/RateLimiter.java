package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Token buckets per client IP and per tenant. Each bucket holds one period's worth of requests and
 * refills continuously. They are shared by all gateway instances in Redis; while Redis cannot be
 * asked (connect failure, command error, no answer within {@code redis-timeout}) each instance
 * judges by buckets of its own ({@link LocalBuckets}, sized by {@code fallback-instances}) instead
 * of letting requests through: an outage of the limiter's store must neither take the API down
 * nor lift its limits, and an attacker who can make Redis slow must not gain an unlimited gateway.
 */
public final class RateLimiter {

    /** How often, while on local buckets, one request asks Redis whether it is back. */
    static final Duration RETRY_REDIS_EVERY = Duration.ofSeconds(1);

    private final SharedBuckets shared;
    private final Duration timeout;
    private final RedisFallback fallback;
    private final Kind perTenant;
    private final Kind perClientIp;
    private final Counter limited;

    RateLimiter(SharedBuckets shared, GatewaySettings.RateLimit limits, Duration retryRedisEvery, MeterRegistry meters) {
        this.shared = shared;
        this.timeout = limits.redisTimeout();
        this.fallback = new RedisFallback(retryRedisEvery, meters);
        this.perTenant = kind("tenant:", limits.perTenant(), limits);
        this.perClientIp = kind("ip:", limits.perClientIp(), limits);
        this.limited = Counter.builder("seatflow.gateway.rate_limited").description("Requests answered 429").register(meters);
    }

    /** Completes when the tenant may make another request; fails with a 429 {@link ApiException} (with Retry-After) when not. */
    public Mono<Void> admitTenant(String tenantId) {
        return admit(perTenant, tenantId);
    }

    /** As {@link #admitTenant}, for the client's address. */
    public Mono<Void> admitClientIp(String ip) {
        return admit(perClientIp, ip);
    }

    private Mono<Void> admit(Kind kind, String id) {
        return take(kind, id).flatMap(probe -> {
            if (probe.isConsumed()) {
                return Mono.empty();
            }
            limited.increment();
            return Mono.error(new ApiException(ErrorCode.RATE_LIMITED, "too many requests; slow down")
                    .retryAfter(Duration.ofNanos(probe.getNanosToWaitForRefill())));
        });
    }

    private Mono<ConsumptionProbe> take(Kind kind, String id) {
        if (!fallback.askRedis()) {
            return Mono.fromSupplier(() -> takeLocally(kind, id));
        }
        return Mono.fromFuture(() -> shared.take(kind.prefix() + id, kind.shared()))
                .timeout(timeout)
                .doOnNext(probe -> fallback.answered())
                .onErrorResume(error -> {
                    fallback.failed(error);
                    return Mono.fromSupplier(() -> takeLocally(kind, id));
                });
    }

    private ConsumptionProbe takeLocally(Kind kind, String id) {
        fallback.judgedLocally();
        return kind.local().take(id);
    }

    private static Kind kind(String prefix, int requests, GatewaySettings.RateLimit limits) {
        // Rounded up, so that no limit becomes 0.
        int perInstance = (int) ((requests + (long) limits.fallbackInstances() - 1) / limits.fallbackInstances());
        return new Kind(prefix, bucket(requests, limits.period()),
                new LocalBuckets(bucket(perInstance, limits.period()), limits.fallbackMaxBuckets(), limits.period()));
    }

    private static BucketConfiguration bucket(int requests, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
                .build();
    }

    /** One kind of bucket: its key prefix in Redis, its shared configuration, this instance's buckets. */
    private record Kind(String prefix, BucketConfiguration shared, LocalBuckets local) {
    }
}
