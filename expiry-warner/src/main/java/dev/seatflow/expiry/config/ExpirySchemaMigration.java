package dev.seatflow.expiry.config;

import dev.seatflow.expiry.schema.ExpirySchema;
import dev.seatflow.support.postgres.PostgresSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs the warner's Flyway migrations at startup when {@code seatflow.postgres.migrate=true}. */
@Component
public class ExpirySchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(ExpirySchemaMigration.class);

    public ExpirySchemaMigration(PostgresSettings settings) {
        if (settings.migrate()) {
            var result = ExpirySchema.migrate(settings.jdbcUrl(), settings.username(), settings.password(), settings.schema());
            log.info("expiry schema {}: {} migrations applied, now at version {}", settings.schema(), result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }
}
