package dev.seatflow.audit.schema;

import dev.seatflow.auditlog.AuditSchema;
import dev.seatflow.support.postgres.PostgresSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs the audit log's Flyway migrations at startup when {@code seatflow.postgres.migrate=true}. */
@Component
public class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    public SchemaMigration(PostgresSettings settings) {
        if (settings.migrate()) {
            var result = AuditSchema.migrate(settings.jdbcUrl(), settings.username(), settings.password(), settings.schema());
            log.info("audit schema {}: {} migrations applied, now at version {}", settings.schema(), result.migrationsExecuted, result.targetSchemaVersion);
        }
    }
}
