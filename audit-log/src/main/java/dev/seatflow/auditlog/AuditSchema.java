package dev.seatflow.auditlog;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway migrations of the audit log's schema (tables, append-only trigger, writer role, read models). */
public final class AuditSchema {

    public static final String LOCATION = "classpath:db/migration/seatflow";

    private AuditSchema() {
    }

    public static MigrateResult migrate(String jdbcUrl, String user, String password, String schema) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .schemas(schema)
                .locations(LOCATION)
                // The schema may already hold the expiry warner's tables (its own history table).
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
