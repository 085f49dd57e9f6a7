package dev.seatflow.expiry.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway migrations of the expiry warner's tables. They keep a history table of their own so they
 * can share a schema with the audit log's migrations.
 */
public final class ExpirySchema {

    public static final String LOCATION = "classpath:db/migration/expiry";
    public static final String HISTORY_TABLE = "flyway_expiry_history";

    private ExpirySchema() {
    }

    public static MigrateResult migrate(String jdbcUrl, String user, String password, String schema) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .schemas(schema)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                // The schema usually holds the audit log's tables already: baseline below V1 so V1 still runs.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
