package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RealServices
class PostgresR2dbcTest {

    @Test
    void readsAndWritesRowsOverR2dbcAfterAFlywayMigration(TestServices services) {
        PostgresService postgres = services.postgres();
        var migration = Flyway.configure()
                .dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
                .schemas(postgres.schema())
                .locations("classpath:db/kit")
                .load()
                .migrate();
        assertThat(migration.migrationsExecuted).isEqualTo(1);

        ConnectionFactory factory = ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, postgres.user())
                .option(ConnectionFactoryOptions.PASSWORD, postgres.password())
                .build());

        var notes = Mono.usingWhen(Mono.from(factory.create()),
                connection -> Flux.from(connection.createStatement("INSERT INTO kit_probe (tenant_id, note) VALUES ($1, $2)")
                                .bind("$1", "tenant-a").bind("$2", "hello").execute())
                        .flatMap(result -> result.getRowsUpdated())
                        .thenMany(Flux.from(connection.createStatement("SELECT note FROM kit_probe WHERE tenant_id = $1")
                                .bind("$1", "tenant-a").execute()))
                        .flatMap(result -> result.map((row, meta) -> row.get("note", String.class)))
                        .collectList(),
                connection -> connection.close())
                .block();

        assertThat(notes).containsExactly("hello");
    }
}
