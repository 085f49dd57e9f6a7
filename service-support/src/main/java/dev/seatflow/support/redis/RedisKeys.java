package dev.seatflow.support.redis;

/**
 * The Redis key layout of the mirror (the original design's, plus licenses and settings). Written
 * only by the seat processor's mirror; read by the gateway. Times are epoch milliseconds.
 *
 * <ul>
 *   <li>{@code tenant:{t}:seat_count} string: live sessions</li>
 *   <li>{@code tenant:{t}:active_sessions} set of session ids</li>
 *   <li>{@code session:{id}} hash: tenant_id, license_id, license_key, user_id, hardware_id,
 *       started_at, last_heartbeat_at, expires_at; expires when the session would lapse</li>
 *   <li>{@code tenant:{t}:settings} hash: plan, max_seats, session_ttl_seconds, offline_grace_seconds</li>
 *   <li>{@code tenant:{t}:licenses} set of license ids; {@code tenant:{t}:license:{id}} hash</li>
 *   <li>{@code tenant:{t}:sequence} last event sequence applied (the mirror's guard)</li>
 * </ul>
 */
public record RedisKeys(String prefix) {

    public RedisKeys {
        prefix = prefix == null ? "" : prefix;
    }

    public String seatCount(String tenant) {
        return prefix + "tenant:" + tenant + ":seat_count";
    }

    public String activeSessions(String tenant) {
        return prefix + "tenant:" + tenant + ":active_sessions";
    }

    public String session(String sessionId) {
        return prefix + "session:" + sessionId;
    }

    public String settings(String tenant) {
        return prefix + "tenant:" + tenant + ":settings";
    }

    public String licenses(String tenant) {
        return prefix + "tenant:" + tenant + ":licenses";
    }

    public String license(String tenant, String licenseId) {
        return prefix + "tenant:" + tenant + ":license:" + licenseId;
    }

    public String sequence(String tenant) {
        return prefix + "tenant:" + tenant + ":sequence";
    }

    /** Where the mirror records the last offset applied from a topic partition. */
    public String mirrorOffset(String topic, int partition) {
        return prefix + "seatflow:mirror:offset:" + topic + ":" + partition;
    }
}
