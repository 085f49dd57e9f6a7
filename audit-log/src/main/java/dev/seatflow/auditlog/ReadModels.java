package dev.seatflow.auditlog;

import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.signing.CanonicalJson;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code licenses} and {@code license_sessions} tables: current state and session history. */
final class ReadModels {

    private ReadModels() {
    }

    /** Upserts sessions and licenses for the events, in order, as two batched statements. */
    static Mono<Void> apply(Connection connection, List<LicenseEvent> events) {
        Statement sessions = null;
        Statement licenses = null;
        for (LicenseEvent event : events) {
            Object details = event.getDetails();
            if (details instanceof SessionDetails session) {
                sessions = bind(sessions == null ? connection.createStatement(SESSION_UPSERT) : sessions.add(),
                        event.getTenantId(), session.getSession());
            } else if (details instanceof LicenseDetails license) {
                Instant deletedAt = event.getAction() == AuditAction.LICENSE_DELETED ? event.getOccurredAt() : null;
                licenses = bind(licenses == null ? connection.createStatement(LICENSE_UPSERT) : licenses.add(),
                        event.getTenantId(), license.getLicense(), deletedAt);
            }
        }
        return (sessions == null ? Mono.<Void>empty() : run(sessions)).then(licenses == null ? Mono.empty() : run(licenses));
    }

    static Mono<Void> heartbeats(Connection connection, List<SessionHeartbeat> heartbeats) {
        if (heartbeats.isEmpty()) {
            return Mono.empty();
        }
        Statement update = connection.createStatement("UPDATE license_sessions SET last_heartbeat_at = GREATEST(last_heartbeat_at, $3), "
                + "expires_at = GREATEST(expires_at, $4) WHERE tenant_id = $1 AND session_id = $2 AND ended_at IS NULL");
        for (int i = 0; i < heartbeats.size(); i++) {
            SessionHeartbeat heartbeat = heartbeats.get(i);
            if (i > 0) {
                update.add();
            }
            update.bind("$1", heartbeat.getTenantId()).bind("$2", heartbeat.getSessionId())
                    .bind("$3", utc(heartbeat.getLastHeartbeatAt())).bind("$4", utc(heartbeat.getExpiresAt()));
        }
        return run(update);
    }

    private static final String SESSION_UPSERT = "INSERT INTO license_sessions (tenant_id, session_id, license_id, license_key, user_id, "
            + "hardware_id, started_at, last_heartbeat_at, expires_at, ended_at, end_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
            + "ON CONFLICT (tenant_id, session_id) DO UPDATE SET last_heartbeat_at = GREATEST(license_sessions.last_heartbeat_at, EXCLUDED.last_heartbeat_at), "
            + "expires_at = EXCLUDED.expires_at, ended_at = EXCLUDED.ended_at, end_reason = EXCLUDED.end_reason";

    private static final String LICENSE_UPSERT = "INSERT INTO licenses (tenant_id, license_id, license_key, tier, features, expiry_date, "
            + "is_active, created_at, updated_at, deleted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
            + "ON CONFLICT (tenant_id, license_id) DO UPDATE SET tier = EXCLUDED.tier, features = EXCLUDED.features, "
            + "expiry_date = EXCLUDED.expiry_date, is_active = EXCLUDED.is_active, updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at";

    private static Statement bind(Statement upsert, String tenant, SessionState session) {
        upsert.bind("$1", tenant).bind("$2", session.getSessionId()).bind("$3", session.getLicenseId())
                .bind("$4", session.getLicenseKey()).bind("$5", session.getUserId()).bind("$6", session.getHardwareId())
                .bind("$7", utc(session.getStartedAt())).bind("$8", utc(session.getLastHeartbeatAt())).bind("$9", utc(session.getExpiresAt()));
        Binds.nullable(upsert, "$10", session.getEndedAt() == null ? null : utc(session.getEndedAt()), OffsetDateTime.class);
        Binds.nullable(upsert, "$11", session.getEndReason() == null ? null : session.getEndReason().name(), String.class);
        return upsert;
    }

    private static Statement bind(Statement upsert, String tenant, LicenseState license, Instant deletedAt) {
        upsert.bind("$1", tenant).bind("$2", license.getLicenseId()).bind("$3", license.getKey()).bind("$4", license.getTier().name())
                .bind("$5", Json.of(CanonicalJson.canonicalize(List.copyOf(license.getFeatures()))))
                .bind("$6", utc(license.getExpiryDate())).bind("$7", license.getActive())
                .bind("$8", utc(license.getCreatedAt())).bind("$9", utc(license.getUpdatedAt()));
        Binds.nullable(upsert, "$10", deletedAt == null ? null : utc(deletedAt), OffsetDateTime.class);
        return upsert;
    }

    private static Mono<Void> run(Statement statement) {
        return Flux.from(statement.execute()).flatMap(result -> result.getRowsUpdated()).then();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
