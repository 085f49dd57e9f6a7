package dev.seatflow.processor.mirror;

import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.event.AcquisitionFailedDetails;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import dev.seatflow.schemas.event.SessionHeartbeat;
import dev.seatflow.schemas.event.TenantDetails;
import dev.seatflow.support.redis.RedisKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns committed events into absolute Redis writes in the {@link RedisKeys} layout. Every write sets
 * a value outright (no increments), so applying an event twice, or replaying the whole topic into an
 * empty Redis, ends in the same state. Every key a record's writes touch is the record's tenant's,
 * so they share one slot and the script can declare them all in KEYS on a Redis Cluster.
 */
final class MirrorWrites {

    private final RedisKeys keys;

    MirrorWrites(RedisKeys keys) {
        this.keys = keys;
    }

    MirrorWrite of(LicenseEvent event) {
        String tenant = event.getTenantId();
        Ops ops = new Ops(keys.sequence(tenant));
        Object details = event.getDetails();
        if (details instanceof SessionDetails session) {
            sessionChanged(ops, tenant, session);
        } else if (details instanceof AcquisitionFailedDetails failed) {
            ops.set(keys.seatCount(tenant), failed.getSeatsInUse());
        } else if (details instanceof LicenseDetails license) {
            licenseChanged(ops, tenant, license, event.getAction() == AuditAction.LICENSE_DELETED);
        } else if (details instanceof TenantDetails configured) {
            settings(ops, tenant, configured.getSettings());
        }
        return ops.write(event.getSequence());
    }

    MirrorWrite of(SessionHeartbeat heartbeat) {
        String tenant = heartbeat.getTenantId();
        Ops ops = new Ops(keys.sequence(tenant));
        ops.add("EXTEND", keys.session(tenant, heartbeat.getSessionId().toString()),
                millis(heartbeat.getLastHeartbeatAt()), millis(heartbeat.getExpiresAt()));
        return ops.write(-1);
    }

    private void sessionChanged(Ops ops, String tenant, SessionDetails details) {
        SessionState session = details.getSession();
        String id = session.getSessionId().toString();
        String ordered = RedisKeys.ordered(session.getStartedAt().toEpochMilli(), id);
        if (session.getEndedAt() == null) {
            ops.hset(keys.session(tenant, id),
                    "tenant_id", tenant,
                    "license_id", session.getLicenseId().toString(),
                    "license_key", session.getLicenseKey(),
                    "user_id", session.getUserId(),
                    "hardware_id", session.getHardwareId(),
                    "started_at", millis(session.getStartedAt()),
                    "last_heartbeat_at", millis(session.getLastHeartbeatAt()),
                    "expires_at", millis(session.getExpiresAt()));
            ops.add("PEXPIREAT", keys.session(tenant, id), millis(session.getExpiresAt()));
            ops.add("SADD", keys.activeSessions(tenant), id);
            ops.add("ZADD", keys.sessionsByStart(tenant), ordered);
            ops.add("ZADD", keys.userSessionsByStart(tenant, session.getUserId()), ordered);
        } else {
            ops.add("DEL", keys.session(tenant, id));
            ops.add("SREM", keys.activeSessions(tenant), id);
            ops.add("ZREM", keys.sessionsByStart(tenant), ordered);
            ops.add("ZREM", keys.userSessionsByStart(tenant, session.getUserId()), ordered);
        }
        ops.set(keys.seatCount(tenant), details.getSeatsInUse());
        ops.hset(keys.settings(tenant), "max_seats", Integer.toString(details.getMaxSeats()));
    }

    private void licenseChanged(Ops ops, String tenant, LicenseDetails details, boolean deleted) {
        LicenseState license = details.getLicense();
        String id = license.getLicenseId().toString();
        String ordered = RedisKeys.ordered(license.getCreatedAt().toEpochMilli(), id);
        if (deleted) {
            ops.add("DEL", keys.license(tenant, id));
            ops.add("SREM", keys.licenses(tenant), id);
            ops.add("ZREM", keys.licensesByCreation(tenant), ordered);
            return;
        }
        ops.hset(keys.license(tenant, id),
                "license_id", id,
                "key", license.getKey(),
                "tier", license.getTier().name(),
                "features", String.join(",", license.getFeatures()),
                "expiry_date", millis(license.getExpiryDate()),
                "active", Boolean.toString(license.getActive()),
                "max_sessions_per_user", Integer.toString(license.getMaxSessionsPerUser()),
                "created_at", millis(license.getCreatedAt()),
                "updated_at", millis(license.getUpdatedAt()));
        ops.add("SADD", keys.licenses(tenant), id);
        ops.add("ZADD", keys.licensesByCreation(tenant), ordered);
    }

    private void settings(Ops ops, String tenant, TenantSettings settings) {
        ops.hset(keys.settings(tenant),
                "plan", settings.getPlan().name(),
                "max_seats", Integer.toString(settings.getMaxSeats()),
                "session_ttl_seconds", Integer.toString(settings.getSessionTtlSeconds()),
                "offline_grace_seconds", Integer.toString(settings.getOfflineGraceSeconds()),
                "max_sessions_per_user", Integer.toString(settings.getMaxSessionsPerUser()));
        ops.set(keys.seatCount(tenant), settings.getSeatsInUse());
    }

    private static String millis(java.time.Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    /**
     * Builder of the flattened operation list: each operation names its key by its index in the
     * script's KEYS (the sequence key first), so the script touches only keys it was given.
     */
    private static final class Ops {
        private final Map<String, Integer> keys = new LinkedHashMap<>();
        private final List<String> list = new ArrayList<>();

        Ops(String sequenceKey) {
            keys.put(sequenceKey, 1);
        }

        /** An operation on {@code key}, then its arguments. */
        void add(String op, String key, String... arguments) {
            list.add(op);
            list.add(Integer.toString(keys.computeIfAbsent(key, k -> keys.size() + 1)));
            list.addAll(List.of(arguments));
        }

        void set(String key, int value) {
            add("SET", key, Integer.toString(value));
        }

        void hset(String key, String... fieldsAndValues) {
            String[] arguments = new String[fieldsAndValues.length + 1];
            arguments[0] = Integer.toString(fieldsAndValues.length / 2);
            System.arraycopy(fieldsAndValues, 0, arguments, 1, fieldsAndValues.length);
            add("HSET", key, arguments);
        }

        MirrorWrite write(long sequence) {
            return new MirrorWrite(List.copyOf(keys.keySet()), sequence, List.copyOf(list));
        }
    }
}
