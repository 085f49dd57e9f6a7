package dev.seatflow.gateway.audit;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.support.postgres.PostgresSettings;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;

/**
 * The connections audit exports and chain verifications run on, apart from the pool queries and
 * the readiness check use: however long exports hold these, readiness never waits for one. Not a
 * {@code ConnectionPool} bean on purpose, so nothing that asks for "the" pool (readiness included)
 * can be given this one.
 */
public final class ExportPool {

    /** How the export connections show in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "seatflow-gateway-exports";

    private final ConnectionPool pool;

    private ExportPool(ConnectionPool pool) {
        this.pool = pool;
    }

    public static ExportPool open(PostgresSettings postgres, GatewaySettings.Exports exports) {
        var connections = new PostgresqlConnectionFactory(postgres.connection()
                .applicationName(APPLICATION_NAME)
                // Postgres cuts off a statement (each fetch of a streamed export) that runs longer.
                .statementTimeout(exports.statementTimeout())
                .build());
        return new ExportPool(new ConnectionPool(ConnectionPoolConfiguration.builder(connections)
                .name("audit-exports")
                .initialSize(0)
                .maxSize(exports.poolSize())
                .maxIdleTime(exports.idleTimeout())
                // Exports are admitted only while a connection is free (ExportSlots): waiting long means Postgres is away.
                .maxAcquireTime(Duration.ofSeconds(5))
                .validationQuery("SELECT 1")
                .build()));
    }

    ConnectionFactory connections() {
        return pool;
    }

    public void close() {
        pool.dispose();
    }
}
