package dev.seatflow.processor.decision;

import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.event.TenantDetails;

/**
 * Tenant configuration (owners). FREE has 1 seat and PRO 5; only ENTERPRISE sets its own cap.
 * The offline grace is only recorded here; the gateway adds it to a lease's end when it signs one.
 * Lowering the cap never ends live sessions: it blocks new ones until usage is under the cap; the
 * same holds for the limit of sessions per user.
 */
final class TenantDecider {

    SeatDecision configure(DecisionContext context, ConfigureTenant configure) {
        TenantSettings previous = context.stores().settings(context.tenant());
        Plan plan = configure.getPlan() != null ? configure.getPlan() : previous.getPlan();
        Integer requestedSeats = configure.getMaxSeats();
        if (requestedSeats != null && plan != Plan.ENTERPRISE) {
            return Decisions.of(context, Outcome.INVALID, "max_seats is set by the " + plan + " plan; only ENTERPRISE configures it");
        }
        if (requestedSeats != null && (requestedSeats < 1 || requestedSeats > TenantLimits.MAX_SEATS)) {
            return Decisions.of(context, Outcome.INVALID, "max_seats must be between 1 and " + TenantLimits.MAX_SEATS);
        }
        Integer ttl = configure.getSessionTtlSeconds();
        if (ttl != null && (ttl < TenantLimits.MIN_SESSION_TTL_SECONDS || ttl > TenantLimits.MAX_SESSION_TTL_SECONDS)) {
            return Decisions.of(context, Outcome.INVALID,
                    "session_ttl_seconds must be between " + TenantLimits.MIN_SESSION_TTL_SECONDS + " and " + TenantLimits.MAX_SESSION_TTL_SECONDS);
        }
        Integer grace = configure.getOfflineGraceSeconds();
        if (grace != null && (grace < 0 || grace > TenantLimits.MAX_OFFLINE_GRACE_SECONDS)) {
            return Decisions.of(context, Outcome.INVALID, "offline_grace_seconds must be between 0 and " + TenantLimits.MAX_OFFLINE_GRACE_SECONDS);
        }
        Integer perUser = configure.getMaxSessionsPerUser();
        String perUserProblem = perUser == null ? null : Validation.checkSessionsPerUser(perUser);
        if (perUserProblem != null) {
            return Decisions.of(context, Outcome.INVALID, perUserProblem);
        }
        int maxSeats = requestedSeats != null ? requestedSeats : switch (plan) {
            case FREE -> TenantLimits.FREE_SEATS;
            case PRO -> 5;
            case ENTERPRISE -> previous.getPlan() == Plan.ENTERPRISE ? previous.getMaxSeats() : Math.max(previous.getMaxSeats(), 5);
        };
        TenantSettings settings = new TenantSettings(plan, maxSeats,
                ttl != null ? ttl : previous.getSessionTtlSeconds(), previous.getSeatsInUse(),
                grace != null ? grace : previous.getOfflineGraceSeconds(),
                perUser != null ? perUser : previous.getMaxSessionsPerUser());
        if (settings.equals(previous)) {
            return Decisions.withTenant(context, Outcome.CONFIGURED, previous);
        }
        context.stores().putSettings(context.tenant(), settings);
        context.events().append(context, AuditAction.TENANT_CONFIGURED, ResourceType.TENANT, context.tenant(),
                new TenantDetails(settings, previous));
        return Decisions.withTenant(context, Outcome.CONFIGURED, settings);
    }
}
