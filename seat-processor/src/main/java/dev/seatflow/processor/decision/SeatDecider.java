package dev.seatflow.processor.decision;

import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.ActivateLicense;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.command.DeleteLicense;
import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.RecordExpiryWarning;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.command.UpdateLicense;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import java.util.UUID;

/** Sends each command payload, and each due timer, to the code that decides it. */
public final class SeatDecider implements Decider {

    private final AcquireDecider acquire = new AcquireDecider();
    private final SessionDecider sessions = new SessionDecider();
    private final LicenseDecider licenses = new LicenseDecider();
    private final TenantDecider tenants = new TenantDecider();

    @Override
    public SeatDecision decide(DecisionContext context, Object payload) {
        if (payload instanceof AcquireSeat command) {
            return acquire.decide(context, command);
        }
        if (payload instanceof Heartbeat command) {
            return sessions.heartbeat(context, command);
        }
        if (payload instanceof ReleaseSeat command) {
            return sessions.release(context, command);
        }
        if (payload instanceof RecordExpiryWarning command) {
            return context.actor().getRole() == Role.SYSTEM
                    ? licenses.recordExpiryWarning(context, command)
                    : Decisions.of(context, Outcome.FORBIDDEN, "only the platform records expiry warnings");
        }
        if (payload instanceof ConfigureTenant command) {
            return context.actorIsAtLeast(Role.OWNER)
                    ? tenants.configure(context, command)
                    : Decisions.of(context, Outcome.FORBIDDEN, "only the tenant owner configures the tenant");
        }
        if (!context.actorIsAtLeast(Role.ADMIN)) {
            return Decisions.of(context, Outcome.FORBIDDEN, "license administration needs the admin role");
        }
        if (payload instanceof CreateLicense command) {
            return licenses.create(context, command);
        }
        if (payload instanceof UpdateLicense command) {
            return licenses.update(context, command);
        }
        if (payload instanceof ActivateLicense command) {
            return licenses.activate(context, command);
        }
        if (payload instanceof DeactivateLicense command) {
            return licenses.deactivate(context, command);
        }
        if (payload instanceof DeleteLicense command) {
            return licenses.delete(context, command);
        }
        return Decisions.of(context, Outcome.INVALID, "unsupported command " + payload.getClass().getSimpleName());
    }

    @Override
    public void onTimer(DecisionContext context, Timer timer) {
        switch (timer.kind()) {
            case LAPSE -> context.stores().session(context.tenant(), UUID.fromString(timer.id()))
                    .filter(session -> session.getEndedAt() == null)
                    .ifPresent(session -> {
                        if (SessionLifecycle.hasLapsed(context, session)) {
                            SessionLifecycle.end(context, session, EndReason.LAPSED, AuditAction.SESSION_EXPIRED);
                        } else {
                            // Extended by heartbeats since the timer was set: look again at its new expiry.
                            context.timers().schedule(new Timer(session.getExpiresAt(), context.tenant(), Timer.Kind.LAPSE, timer.id()));
                        }
                    });
            case LICENSE_EXPIRY -> licenses.expire(context, UUID.fromString(timer.id()));
            case PURGE_SESSION -> context.stores().session(context.tenant(), UUID.fromString(timer.id()))
                    .filter(session -> session.getEndedAt() != null)
                    .ifPresent(session -> context.stores().deleteSession(context.tenant(), session.getSessionId()));
            case FORGET_DECISION -> context.stores().forgetDecision(context.tenant(), UUID.fromString(timer.id()));
        }
    }
}
