package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.support.redis.RedisEndpoint;
import dev.seatflow.support.redis.RedisSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "seatflow.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
public class RateLimitConfiguration {

    @Bean(destroyMethod = "close")
    RedisBuckets rateLimitBuckets(RedisEndpoint endpoint, RedisSettings redis) {
        return new RedisBuckets(endpoint, redis.keyPrefix() + "ratelimit:");
    }

    @Bean
    RateLimiter rateLimiter(RedisBuckets buckets, GatewaySettings settings, MeterRegistry meters) {
        return new RateLimiter(buckets, settings.rateLimit(), RateLimiter.RETRY_REDIS_EVERY, meters);
    }

    @Bean
    ClientIpRateLimitFilter clientIpRateLimitFilter(RateLimiter limiter) {
        return new ClientIpRateLimitFilter(limiter);
    }

    @Bean
    TenantRateLimitFilter tenantRateLimitFilter(RateLimiter limiter) {
        return new TenantRateLimitFilter(limiter);
    }
}
