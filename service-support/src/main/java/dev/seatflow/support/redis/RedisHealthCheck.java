package dev.seatflow.support.redis;

import dev.seatflow.support.health.HealthCheck;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** Up when Redis answers PING; while Redis is away the connect attempt fails or times out in the check. */
public final class RedisHealthCheck implements HealthCheck {

    private final RedisConnector connector;

    public RedisHealthCheck(RedisConnector connector) {
        this.connector = connector;
    }

    @Override
    public Mono<Health> check() {
        return Mono.fromFuture(connector::connectAsync)
                .flatMap(connection -> Mono.fromCompletionStage(connection.async().ping()))
                .map(pong -> Health.up().build());
    }
}
