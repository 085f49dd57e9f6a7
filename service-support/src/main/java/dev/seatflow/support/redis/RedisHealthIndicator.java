package dev.seatflow.support.redis;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** Up when Redis answers PING. */
public class RedisHealthIndicator extends AbstractReactiveHealthIndicator {

    private final RedisConnector connector;

    public RedisHealthIndicator(RedisConnector connector) {
        super("Redis health check failed");
        this.connector = connector;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.defer(() -> connector.connection().reactive().ping())
                .timeout(Duration.ofSeconds(3))
                .map(pong -> builder.up().build());
    }
}
