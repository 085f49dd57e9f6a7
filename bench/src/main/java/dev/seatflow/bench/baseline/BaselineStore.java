package dev.seatflow.bench.baseline;

import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Role;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the original design's views did per request, synchronously: ORM reads and writes as
 * autocommit JDBC statements, the seat decision as its Lua script, and one audit row INSERT per
 * acquire (granted or refused) and release. Runs on the baseline's blocking worker threads.
 */
final class BaselineStore {

    /** The original's hard-coded session TTL (SETEX 360, "6 minutes" in the existing-session query). */
    static final long SESSION_TTL_SECONDS = 360;

    record License(UUID id, String key, String tier, List<String> features, Instant expiryDate, boolean active, int maxSeats) {
    }

    record Session(UUID id, UUID licenseId, String licenseKey, String userId, String hardwareId, Instant startedAt,
                   Instant lastHeartbeatAt, Instant endedAt) {
    }

    /** @param created false when the caller's live session on that machine is returned again */
    record Acquired(boolean created, Session session, License license) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource db;
    private final RedisClusterCommands<String, String> redis;
    private final String acquireSha;
    private final String heartbeatSha;
    private final String releaseSha;

    BaselineStore(DataSource db, RedisClusterCommands<String, String> redis) {
        this.db = db;
        this.redis = redis;
        this.acquireSha = redis.scriptLoad(SeatScripts.ACQUIRE);
        this.heartbeatSha = redis.scriptLoad(SeatScripts.HEARTBEAT);
        this.releaseSha = redis.scriptLoad(SeatScripts.RELEASE);
    }

    Acquired acquire(Caller caller, Origin origin, String licenseKey, String hardwareId) throws SQLException {
        try (Connection c = db.getConnection()) {
            License license = license(c, caller.tenantId(), licenseKey);
            if (!license.active()) {
                throw new ApiException(ErrorCode.LICENSE_INACTIVE, "the license is deactivated");
            }
            if (license.expiryDate().isBefore(Instant.now())) {
                throw new ApiException(ErrorCode.LICENSE_EXPIRED, "the license has expired");
            }
            Session existing = liveSession(c, license, caller.userId(), hardwareId);
            if (existing != null) {
                return new Acquired(false, existing, license);
            }
            UUID sessionId = UUID.randomUUID();
            Long granted = redis.evalsha(acquireSha, ScriptOutputType.INTEGER, new String[] {caller.tenantId()},
                    sessionId.toString(), Integer.toString(license.maxSeats()));
            if (granted == null || granted == 0) {
                audit(c, caller, "LICENSE_ACQUISITION_FAILED", "license", license.id(),
                        Map.of("reason", "all_seats_in_use", "max_seats", license.maxSeats()));
                throw new ApiException(ErrorCode.SEATS_EXHAUSTED, "No available seats");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO license_sessions (id, tenant_id, license_id, user_id, "
                    + "hardware_id, ip_address, user_agent, started_at, last_heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, sessionId);
                insert.setString(2, caller.tenantId());
                insert.setObject(3, license.id());
                insert.setString(4, caller.userId());
                insert.setString(5, hardwareId);
                insert.setString(6, origin.getIp());
                insert.setString(7, origin.getUserAgent());
                insert.setTimestamp(8, Timestamp.from(now));
                insert.setTimestamp(9, Timestamp.from(now));
                insert.executeUpdate();
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("license_id", license.id().toString());
            metadata.put("license_key", license.key());
            metadata.put("hardware_id", hardwareId);
            metadata.put("ip_address", origin.getIp());
            audit(c, caller, "LICENSE_ACQUIRED", "session", sessionId, metadata);
            return new Acquired(true, new Session(sessionId, license.id(), license.key(), caller.userId(), hardwareId, now, now, null), license);
        }
    }

    /** @return the session after the heartbeat */
    Session heartbeat(Caller caller, UUID sessionId) throws SQLException {
        try (Connection c = db.getConnection()) {
            Session session = session(c, caller, sessionId, false);
            if (session.endedAt() != null) {
                throw new ApiException(ErrorCode.SESSION_GONE, "Session already ended");
            }
            Long extended = redis.evalsha(heartbeatSha, ScriptOutputType.INTEGER, new String[0], sessionId.toString());
            if (extended == null || extended == 0) {
                throw new ApiException(ErrorCode.SESSION_GONE, "Session expired or not found in active pool");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try (PreparedStatement update = c.prepareStatement("UPDATE license_sessions SET last_heartbeat_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setObject(2, sessionId);
                update.executeUpdate();
            }
            return new Session(session.id(), session.licenseId(), session.licenseKey(), session.userId(), session.hardwareId(),
                    session.startedAt(), now, null);
        }
    }

    /** @return the session, ended (now or before) */
    Session release(Caller caller, UUID sessionId) throws SQLException {
        try (Connection c = db.getConnection()) {
            Session session = session(c, caller, sessionId, caller.isAtLeast(Role.ADMIN));
            if (session.endedAt() != null) {
                return session;
            }
            // 0 = the session had lapsed in Redis; the original went on to end the row anyway.
            redis.evalsha(releaseSha, ScriptOutputType.INTEGER, new String[] {caller.tenantId()}, sessionId.toString());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try (PreparedStatement update = c.prepareStatement("UPDATE license_sessions SET ended_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setObject(2, sessionId);
                update.executeUpdate();
            }
            audit(c, caller, "LICENSE_RELEASED", "session", sessionId, Map.of("license_id", session.licenseId().toString(),
                    "license_key", session.licenseKey(),
                    "session_duration_minutes", (now.toEpochMilli() - session.startedAt().toEpochMilli()) / 60_000.0));
            return new Session(session.id(), session.licenseId(), session.licenseKey(), session.userId(), session.hardwareId(),
                    session.startedAt(), session.lastHeartbeatAt(), now);
        }
    }

    /** {plan, max seats, TTL seconds, seats in use}. */
    Object[] seats(String tenantId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT plan, max_seats, session_ttl_seconds FROM tenants WHERE id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet row = select.executeQuery()) {
                String count = redis.get("tenant:" + tenantId + ":seat_count");
                int inUse = count == null ? 0 : Integer.parseInt(count);
                return row.next() ? new Object[] {row.getString(1), row.getInt(2), row.getInt(3), inUse}
                        : new Object[] {"FREE", 1, 360, inUse};
            }
        }
    }

    void configureTenant(String tenantId, String plan, int maxSeats, int ttlSeconds) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement upsert = c.prepareStatement("INSERT INTO tenants (id, plan, max_seats, session_ttl_seconds) VALUES (?, ?, ?, ?) "
                     + "ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, max_seats = excluded.max_seats, session_ttl_seconds = excluded.session_ttl_seconds")) {
            upsert.setString(1, tenantId);
            upsert.setString(2, plan);
            upsert.setInt(3, maxSeats);
            upsert.setInt(4, ttlSeconds);
            upsert.executeUpdate();
        }
    }

    void createLicense(String tenantId, UUID id, String key, String tier, List<String> features, Instant expiryDate) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO licenses (id, tenant_id, key, tier, features, expiry_date, is_active, created_at) "
                     + "VALUES (?, ?, ?, ?, ?, ?, true, now())")) {
            insert.setObject(1, id);
            insert.setString(2, tenantId);
            insert.setString(3, key);
            insert.setString(4, tier);
            insert.setArray(5, c.createArrayOf("text", features.toArray()));
            insert.setTimestamp(6, Timestamp.from(expiryDate));
            insert.executeUpdate();
        }
    }

    private static License license(Connection c, String tenantId, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT l.id, l.key, l.tier, l.features, l.expiry_date, l.is_active, "
                + "coalesce(t.max_seats, 1) FROM licenses l LEFT JOIN tenants t ON t.id = l.tenant_id WHERE l.tenant_id = ? AND l.key = ?")) {
            select.setString(1, tenantId);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new ApiException(ErrorCode.LICENSE_NOT_FOUND, "no license with this key");
                }
                return new License(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        Arrays.asList((String[]) row.getArray(4).getArray()), row.getTimestamp(5).toInstant(), row.getBoolean(6), row.getInt(7));
            }
        }
    }

    private static Session liveSession(Connection c, License license, String userId, String hardwareId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, started_at, last_heartbeat_at FROM license_sessions "
                + "WHERE license_id = ? AND user_id = ? AND hardware_id = ? AND ended_at IS NULL AND last_heartbeat_at > ? LIMIT 1")) {
            select.setObject(1, license.id());
            select.setString(2, userId);
            select.setString(3, hardwareId);
            select.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(SESSION_TTL_SECONDS)));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Session(row.getObject(1, UUID.class), license.id(), license.key(), userId, hardwareId,
                        row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant(), null) : null;
            }
        }
    }

    private static Session session(Connection c, Caller caller, UUID id, boolean anyUser) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT s.license_id, l.key, s.user_id, s.hardware_id, s.started_at, "
                + "s.last_heartbeat_at, s.ended_at FROM license_sessions s JOIN licenses l ON l.id = s.license_id "
                + "WHERE s.id = ? AND s.tenant_id = ? AND (? OR s.user_id = ?)")) {
            select.setObject(1, id);
            select.setString(2, caller.tenantId());
            select.setBoolean(3, anyUser);
            select.setString(4, caller.userId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new ApiException(ErrorCode.SESSION_NOT_FOUND, "no such session");
                }
                Timestamp ended = row.getTimestamp(7);
                return new Session(id, row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                        row.getTimestamp(5).toInstant(), row.getTimestamp(6).toInstant(), ended == null ? null : ended.toInstant());
            }
        }
    }

    private static void audit(Connection c, Caller caller, String action, String resourceType, UUID resourceId,
                              Map<String, Object> metadata) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_logs (organization_id, user_id, action, resource_type, "
                + "resource_id, metadata) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
            insert.setString(1, caller.tenantId());
            insert.setString(2, caller.userId());
            insert.setString(3, action);
            insert.setString(4, resourceType);
            insert.setObject(5, resourceId);
            insert.setString(6, JSON.writeValueAsString(metadata));
            insert.executeUpdate();
        }
    }
}
