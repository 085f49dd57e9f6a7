package dev.seatflow.expiry.license;

import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import io.r2dbc.spi.Connection;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies license events to {@code expiry_licenses}. Idempotent: an event whose sequence is not
 * above the last one applied to that license changes nothing, so redeliveries are harmless.
 */
public final class LicenseViewWriter {

    static final Set<AuditAction> LICENSE_ACTIONS = Set.of(AuditAction.LICENSE_CREATED, AuditAction.LICENSE_UPDATED,
            AuditAction.LICENSE_ACTIVATED, AuditAction.LICENSE_DEACTIVATED, AuditAction.LICENSE_DELETED);

    // expiry_set_at moves only when the expiry date changes (SET expressions see the old row).
    private static final String UPSERT = """
            INSERT INTO expiry_licenses (tenant_id, license_id, license_key, expiry_date, expiry_set_at, is_active, deleted,
                                         updated_at, last_event_sequence)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $5, $8)
            ON CONFLICT (tenant_id, license_id) DO UPDATE SET
                license_key = EXCLUDED.license_key,
                expiry_set_at = CASE WHEN expiry_licenses.expiry_date = EXCLUDED.expiry_date
                                     THEN expiry_licenses.expiry_set_at ELSE EXCLUDED.expiry_set_at END,
                expiry_date = EXCLUDED.expiry_date,
                is_active = EXCLUDED.is_active,
                deleted = EXCLUDED.deleted,
                updated_at = EXCLUDED.updated_at,
                last_event_sequence = EXCLUDED.last_event_sequence
            WHERE expiry_licenses.last_event_sequence < EXCLUDED.last_event_sequence
            """;

    /** Whether the warner cares about this event. */
    public static boolean concerns(LicenseEvent event) {
        return LICENSE_ACTIONS.contains(event.getAction()) && event.getDetails() instanceof LicenseDetails;
    }

    /** @return how many events changed the view (the rest were already applied) */
    public Mono<Long> apply(Connection connection, List<LicenseEvent> events) {
        return Flux.fromIterable(events)
                .filter(LicenseViewWriter::concerns)
                .concatMap(event -> upsert(connection, event))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> upsert(Connection connection, LicenseEvent event) {
        LicenseState license = ((LicenseDetails) event.getDetails()).getLicense();
        boolean deleted = event.getAction() == AuditAction.LICENSE_DELETED;
        return Flux.from(connection.createStatement(UPSERT)
                        .bind("$1", event.getTenantId())
                        .bind("$2", license.getLicenseId())
                        .bind("$3", license.getKey())
                        .bind("$4", license.getExpiryDate())
                        .bind("$5", event.getOccurredAt())
                        .bind("$6", license.getActive() && !deleted)
                        .bind("$7", deleted)
                        .bind("$8", event.getSequence())
                        .execute())
                .flatMap(result -> result.getRowsUpdated())
                .reduce(0L, Long::sum);
    }
}
