package dev.seatflow.support.postgres;

import dev.seatflow.support.health.HealthCheck;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.function.BiFunction;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Up when Postgres answers a query. */
public final class PostgresHealthCheck implements HealthCheck {

    private final ConnectionFactory connections;

    public PostgresHealthCheck(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Mono<Health> check() {
        return firstRow(connections, "SELECT 1", (row, meta) -> 1).thenReturn(Health.up().build());
    }

    /** The first row of a query, on a connection taken for it and given back; for checks that read a figure. */
    public static <T> Mono<T> firstRow(ConnectionFactory connections, String sql, BiFunction<Row, RowMetadata, T> mapper) {
        return Mono.usingWhen(Mono.from(connections.create()),
                connection -> Flux.from(connection.createStatement(sql).execute()).flatMap(result -> result.map(mapper)).next(),
                connection -> connection.close());
    }
}
