package dev.seatflow.gateway.mirror;

import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.common.Plan;
import java.time.Duration;
import java.util.Map;

/**
 * A tenant's settings as the mirror holds them ({@code tenant:{t}:settings}). A tenant never
 * configured has no hash: the plan's defaults apply, as in the seat processor.
 */
public record MirroredSettings(Plan plan, int maxSeats, int sessionTtlSeconds, int offlineGraceSeconds, int maxSessionsPerUser) {

    public static MirroredSettings of(Map<String, String> hash) {
        return new MirroredSettings(
                Plan.valueOf(hash.getOrDefault("plan", Plan.FREE.name())),
                Integer.parseInt(hash.getOrDefault("max_seats", Integer.toString(TenantLimits.FREE_SEATS))),
                Integer.parseInt(hash.getOrDefault("session_ttl_seconds", Integer.toString(TenantLimits.DEFAULT_SESSION_TTL_SECONDS))),
                Integer.parseInt(hash.getOrDefault("offline_grace_seconds", "0")),
                Integer.parseInt(hash.getOrDefault("max_sessions_per_user", Integer.toString(TenantLimits.NO_SESSION_LIMIT))));
    }

    public Duration offlineGrace() {
        return Duration.ofSeconds(offlineGraceSeconds);
    }
}
