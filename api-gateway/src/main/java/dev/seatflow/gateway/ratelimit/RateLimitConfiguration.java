package dev.seatflow.gateway.ratelimit;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.support.redis.RedisSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "seatflow.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
public class RateLimitConfiguration {

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(RedisClient client, RedisURI uri, RedisSettings redis, GatewaySettings settings) {
        return new RateLimiter(client, uri, redis.keyPrefix(), settings.rateLimit());
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimiter limiter, MeterRegistry meters) {
        return new RateLimitFilter(limiter, meters);
    }
}
