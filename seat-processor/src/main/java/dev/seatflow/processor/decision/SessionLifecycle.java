package dev.seatflow.processor.decision;

import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.event.SessionDetails;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Starting and ending sessions: the only places a seat is taken or given back. */
final class SessionLifecycle {

    private SessionLifecycle() {
    }

    static SessionState start(DecisionContext context, LicenseState license, String hardwareId) {
        String tenant = context.tenant();
        TenantSettings settings = context.stores().settings(tenant);
        UUID sessionId = UUID.nameUUIDFromBytes((tenant + "/session/" + context.commandId()).getBytes(StandardCharsets.UTF_8));
        SessionState session = new SessionState(sessionId, license.getLicenseId(), license.getKey(),
                context.actor().getUserId(), hardwareId, context.now(), context.now(),
                context.now().plusSeconds(settings.getSessionTtlSeconds()), null, null);
        context.stores().putSession(tenant, session);
        TenantSettings after = withSeatsInUse(settings, settings.getSeatsInUse() + 1);
        context.stores().putSettings(tenant, after);
        context.timers().schedule(new Timer(session.getExpiresAt(), tenant, Timer.Kind.LAPSE, sessionId.toString()));
        context.events().append(context, AuditAction.LICENSE_ACQUIRED, ResourceType.SESSION, sessionId.toString(),
                new SessionDetails(session, after.getSeatsInUse(), after.getMaxSeats()));
        return session;
    }

    /**
     * Ends a live session and gives its seat back. A lapsed session ended at its expiry, whenever
     * that is noticed; any other end happens at the decision's time.
     */
    static SessionState end(DecisionContext context, SessionState live, EndReason reason, AuditAction action) {
        String tenant = context.tenant();
        Instant endedAt = reason == EndReason.LAPSED ? live.getExpiresAt() : context.now();
        SessionState ended = SessionState.newBuilder(live).setEndedAt(endedAt).setEndReason(reason).build();
        context.stores().putSession(tenant, ended);
        TenantSettings settings = context.stores().settings(tenant);
        TenantSettings after = withSeatsInUse(settings, Math.max(0, settings.getSeatsInUse() - 1));
        context.stores().putSettings(tenant, after);
        Duration keep = context.policy().endedSessionRetention();
        context.timers().schedule(new Timer(context.now().plus(keep), tenant, Timer.Kind.PURGE_SESSION, ended.getSessionId().toString()));
        context.events().append(context, action, ResourceType.SESSION, ended.getSessionId().toString(),
                new SessionDetails(ended, after.getSeatsInUse(), after.getMaxSeats()));
        return ended;
    }

    /** True when the session is live but its TTL ran out at or before {@code context.now()}. */
    static boolean hasLapsed(DecisionContext context, SessionState session) {
        return session.getEndedAt() == null && !session.getExpiresAt().isAfter(context.now());
    }

    private static TenantSettings withSeatsInUse(TenantSettings settings, int seatsInUse) {
        return TenantSettings.newBuilder(settings).setSeatsInUse(seatsInUse).build();
    }
}
