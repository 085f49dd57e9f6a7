package dev.seatflow.support.postgres;

import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Up when Postgres answers a query. */
public class PostgresHealthIndicator extends AbstractReactiveHealthIndicator {

    private final ConnectionFactory connections;

    public PostgresHealthIndicator(ConnectionFactory connections) {
        super("Postgres health check failed");
        this.connections = connections;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.usingWhen(Mono.from(connections.create()),
                        connection -> Flux.from(connection.createStatement("SELECT 1").execute())
                                .flatMap(result -> result.map((row, meta) -> 1))
                                .then(Mono.just(builder.up().build())),
                        connection -> connection.close())
                .timeout(Duration.ofSeconds(3));
    }
}
