package dev.seatflow.support.redis;

/**
 * The Redis key layout of the mirror (the original design's {@code tenant:{tenant_id}:...}, plus
 * licenses and settings). Written only by the seat processor's mirror; read by the gateway. Times
 * are epoch milliseconds.
 *
 * <p>Layout {@value #LAYOUT}: every key of a tenant carries the tenant id in braces, a Redis Cluster
 * hash tag, so all of them live in one slot and one script can touch them on a cluster (a script
 * may only touch keys of one slot, each declared in KEYS). The prefix must not contain braces, or
 * its own braces would become every key's tag.
 *
 * <ul>
 *   <li>{@code tenant:{t}:seat_count} string: live sessions</li>
 *   <li>{@code tenant:{t}:active_sessions} set of session ids</li>
 *   <li>{@code tenant:{t}:session:<id>} hash: tenant_id, license_id, license_key, user_id,
 *       hardware_id, started_at, last_heartbeat_at, expires_at; expires when the session would lapse</li>
 *   <li>{@code tenant:{t}:settings} hash: plan, max_seats, session_ttl_seconds, offline_grace_seconds,
 *       max_sessions_per_user</li>
 *   <li>{@code tenant:{t}:licenses} set of license ids; {@code tenant:{t}:license:<id>} hash</li>
 *   <li>{@code tenant:{t}:sequence} last event sequence applied (the mirror's guard)</li>
 *   <li>{@code tenant:{t}:licenses_by_created}, {@code tenant:{t}:sessions_by_start} and
 *       {@code tenant:{t}:user_sessions:<u>} sorted sets, every score 0, members
 *       {@link #ordered ordered} by time then id: the indexes lists are paged through</li>
 *   <li>{@code seatflow:mirror:applied:<topic>:<partition>} last offset applied from a partition</li>
 *   <li>{@code seatflow:mirror:layout} the layout the mirror is written in ({@value #LAYOUT})</li>
 * </ul>
 */
public record RedisKeys(String prefix) {

    /** The layout these keys make (layout 1, before hash tags, is described by the mirror's {@code LayoutOneKeys}). */
    public static final String LAYOUT = "2";

    public RedisKeys {
        prefix = prefix == null ? "" : prefix;
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("the Redis key prefix must not contain braces (they would become the hash tag of every key): " + prefix);
        }
    }

    /** Everything of one tenant starts with this: the tenant id as the key's hash tag. */
    private String tenant(String tenant) {
        if (!isTenantId(tenant)) {
            // "{}" is no hash tag: the tenant's keys would scatter over slots.
            throw new IllegalArgumentException("a tenant id is required for a mirror key");
        }
        return prefix + "tenant:{" + tenant + "}:";
    }

    /** Whether keys can be named for this tenant id (records without one cannot be mirrored). */
    public static boolean isTenantId(String tenant) {
        return tenant != null && !tenant.isEmpty();
    }

    public String seatCount(String tenant) {
        return tenant(tenant) + "seat_count";
    }

    public String activeSessions(String tenant) {
        return tenant(tenant) + "active_sessions";
    }

    /** A session, under its tenant: a reader knows the tenant (the caller's) and finds no other tenant's session. */
    public String session(String tenant, String sessionId) {
        return tenant(tenant) + "session:" + sessionId;
    }

    public String settings(String tenant) {
        return tenant(tenant) + "settings";
    }

    public String licenses(String tenant) {
        return tenant(tenant) + "licenses";
    }

    public String license(String tenant, String licenseId) {
        return tenant(tenant) + "license:" + licenseId;
    }

    /** Index of a tenant's licenses by creation time (members {@link #ordered}). */
    public String licensesByCreation(String tenant) {
        return tenant(tenant) + "licenses_by_created";
    }

    /** Index of a tenant's live sessions by start time (members {@link #ordered}). */
    public String sessionsByStart(String tenant) {
        return tenant(tenant) + "sessions_by_start";
    }

    /** Index of one user's live sessions by start time; the user id comes last, so no id can reach another key. */
    public String userSessionsByStart(String tenant, String user) {
        return tenant(tenant) + "user_sessions:" + user;
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
        return tenant(tenant) + "sequence";
    }

    /**
     * Where the mirror records the last offset applied from a topic partition. Written on its own
     * after a batch (a partition's records span many tenants, so many slots); named apart from
     * layout 1's {@code offset} keys, so an old processor's progress is never taken for the new
     * layout's during a rolling upgrade.
     */
    public String mirrorOffset(String topic, int partition) {
        return prefix + "seatflow:mirror:applied:" + topic + ":" + partition;
    }

    /** The layout the mirror under this prefix is written in. */
    public String mirrorLayout() {
        return prefix + "seatflow:mirror:layout";
    }
}
