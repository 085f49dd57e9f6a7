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
 *   <li>{@code tenant:{t}:settings} hash: plan, max_seats, session_ttl_seconds, offline_grace_seconds,
 *       max_sessions_per_user</li>
 *   <li>{@code tenant:{t}:licenses} set of license ids; {@code tenant:{t}:license:{id}} hash</li>
 *   <li>{@code tenant:{t}:sequence} last event sequence applied (the mirror's guard)</li>
 *   <li>{@code tenant:{t}:licenses_by_created}, {@code tenant:{t}:sessions_by_start} and
 *       {@code tenant:{t}:user_sessions:{u}} sorted sets, every score 0, members
 *       {@link #ordered ordered} by time then id: the indexes lists are paged through</li>
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

    /** Index of a tenant's licenses by creation time (members {@link #ordered}). */
    public String licensesByCreation(String tenant) {
        return prefix + "tenant:" + tenant + ":licenses_by_created";
    }

    /** Index of a tenant's live sessions by start time (members {@link #ordered}). */
    public String sessionsByStart(String tenant) {
        return prefix + "tenant:" + tenant + ":sessions_by_start";
    }

    /** Index of one user's live sessions by start time; the user id comes last, so no id can reach another key. */
    public String userSessionsByStart(String tenant, String user) {
        return prefix + "tenant:" + tenant + ":user_sessions:" + user;
    }

    /**
     * A member of a time index: the epoch milliseconds zero-padded to 19 digits, {@code |}, the id.
     * With every score 0 Redis orders members by their bytes, so this order is time then id, and a
     * page continues after a member with {@code ZRANGE key (member + BYLEX LIMIT 0 n}.
     */
    public static String ordered(long epochMillis, String id) {
        String millis = Long.toString(epochMillis);
        return "0".repeat(Math.max(0, 19 - millis.length())) + millis + "|" + id;
    }

    /** The id of a {@link #ordered} member. */
    public static String idOf(String orderedMember) {
        return orderedMember.substring(orderedMember.indexOf('|') + 1);
    }

    public String sequence(String tenant) {
        return prefix + "tenant:" + tenant + ":sequence";
    }

    /** Set once the mirror has indexed what a release before the time indexes wrote. */
    public String mirrorIndexesBuilt() {
        return prefix + "seatflow:mirror:indexes";
    }

    /** Where the mirror records the last offset applied from a topic partition. */
    public String mirrorOffset(String topic, int partition) {
        return prefix + "seatflow:mirror:offset:" + topic + ":" + partition;
    }
}
