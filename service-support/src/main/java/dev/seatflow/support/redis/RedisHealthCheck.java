package dev.seatflow.support.redis;

import dev.seatflow.support.health.HealthCheck;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Up when Redis answers PING. The first call (and every call while Redis is away) blocks in
 * {@link RedisConnector#connection()}, hence only through {@link dev.seatflow.support.health.BackgroundHealth}.
 */
public final class RedisHealthCheck implements HealthCheck {

    private final RedisConnector connector;

    public RedisHealthCheck(RedisConnector connector) {
        this.connector = connector;
    }

    @Override
    public Mono<Health> check() {
        return Mono.fromCompletionStage(() -> connector.connection().async().ping()).map(pong -> Health.up().build());
    }
}
