package dev.seatflow.processor.decision;

import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.SessionHeartbeat;
import java.time.Instant;
import java.util.Optional;

/**
 * Heartbeat and release. A session is visible to its own user (and, for release, to admins);
 * anyone else, like another tenant, gets "not found".
 */
final class SessionDecider {

    SeatDecision heartbeat(DecisionContext context, Heartbeat heartbeat) {
        Optional<SessionState> found = context.stores().session(context.tenant(), heartbeat.getSessionId())
                .filter(session -> session.getUserId().equals(context.actor().getUserId()));
        if (found.isEmpty()) {
            return Decisions.of(context, Outcome.NOT_FOUND, "no such session");
        }
        SessionState session = found.get();
        if (session.getEndedAt() != null) {
            return Decisions.withSession(context, Outcome.SESSION_GONE, session);
        }
        if (SessionLifecycle.hasLapsed(context, session)) {
            SessionState ended = SessionLifecycle.end(context, session, EndReason.LAPSED, AuditAction.SESSION_EXPIRED);
            return Decisions.withSession(context, Outcome.SESSION_GONE, ended);
        }
        int ttl = context.stores().settings(context.tenant()).getSessionTtlSeconds();
        // Never backwards: a TTL lowered since the last heartbeat does not shorten the session.
        Instant renewed = context.now().plusSeconds(ttl);
        Instant expiresAt = renewed.isAfter(session.getExpiresAt()) ? renewed : session.getExpiresAt();
        // The lapse timer set at acquire stays where it is: when it fires it finds the session
        // extended and moves itself, so a heartbeat costs one store write, not three.
        SessionState extended = SessionState.newBuilder(session)
                .setLastHeartbeatAt(context.now())
                .setExpiresAt(expiresAt)
                .build();
        context.stores().putSession(context.tenant(), extended);
        context.heartbeats().add(new SessionHeartbeat(context.tenant(), extended.getSessionId(),
                extended.getLastHeartbeatAt(), extended.getExpiresAt()));
        // The license's terms and the tenant's offline grace ride along, so that a renewed lease is
        // signed from the decision, never from a mirror that may not show a license created just now.
        LicenseState license = context.stores().license(context.tenant(), extended.getLicenseId()).orElse(null);
        return Decisions.withSession(context, Outcome.EXTENDED, extended, license);
    }

    SeatDecision release(DecisionContext context, ReleaseSeat release) {
        Optional<SessionState> found = context.stores().session(context.tenant(), release.getSessionId())
                .filter(session -> session.getUserId().equals(context.actor().getUserId()) || context.actorIsAtLeast(Role.ADMIN));
        if (found.isEmpty()) {
            return Decisions.of(context, Outcome.NOT_FOUND, "no such session");
        }
        SessionState session = found.get();
        if (session.getEndedAt() != null) {
            return Decisions.withSession(context, Outcome.ALREADY_ENDED, session);
        }
        SessionState ended = SessionLifecycle.hasLapsed(context, session)
                ? SessionLifecycle.end(context, session, EndReason.LAPSED, AuditAction.SESSION_EXPIRED)
                : SessionLifecycle.end(context, session, EndReason.RELEASED, AuditAction.LICENSE_RELEASED);
        return Decisions.withSession(context, ended.getEndReason() == EndReason.RELEASED ? Outcome.RELEASED : Outcome.ALREADY_ENDED, ended);
    }
}
