package dev.seatflow.processor.decision;

import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AcquisitionFailedDetails;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.FailureReason;
import dev.seatflow.schemas.event.ResourceType;
import java.util.Optional;

/**
 * Acquire: unknown key, inactive or expired license are refused with the reason; the same user on
 * the same machine gets the live session it already holds; otherwise a free seat is granted or the
 * request is refused because the user reached a limit per user or every seat is taken. Never more
 * live sessions than the tenant's cap, nor more of one user than the license or tenant allows.
 */
final class AcquireDecider {

    SeatDecision decide(DecisionContext context, AcquireSeat acquire) {
        if (!context.actorIsAtLeast(Role.MEMBER)) {
            return Decisions.of(context, Outcome.FORBIDDEN, "guests cannot acquire seats");
        }
        if (Validation.isBlank(acquire.getLicenseKey()) || Validation.isBlank(acquire.getHardwareId())) {
            return Decisions.of(context, Outcome.INVALID, "license_key and hardware_id are required");
        }
        Optional<LicenseState> found = context.stores().licenseByKey(context.tenant(), acquire.getLicenseKey());
        if (found.isEmpty()) {
            return refuse(context, acquire, null, FailureReason.UNKNOWN_LICENSE, Outcome.NOT_FOUND, "no license with this key");
        }
        LicenseState license = found.get();
        if (!license.getActive()) {
            return refuse(context, acquire, license, FailureReason.LICENSE_INACTIVE, Outcome.LICENSE_INACTIVE, "license is deactivated");
        }
        if (!license.getExpiryDate().isAfter(context.now())) {
            return refuse(context, acquire, license, FailureReason.LICENSE_EXPIRED, Outcome.LICENSE_EXPIRED, "license expired at " + license.getExpiryDate());
        }
        Optional<SessionState> held = context.stores().liveSessionOf(context.tenant(), license.getLicenseId(),
                context.actor().getUserId(), acquire.getHardwareId());
        if (held.isPresent()) {
            if (!SessionLifecycle.hasLapsed(context, held.get())) {
                return Decisions.withSession(context, Outcome.EXISTING_SESSION, held.get(), license);
            }
            SessionLifecycle.end(context, held.get(), EndReason.LAPSED, AuditAction.SESSION_EXPIRED);
        }
        TenantSettings settings = context.stores().settings(context.tenant());
        String overLimit = perUserLimitReached(context, license, settings);
        if (overLimit != null) {
            return refuse(context, acquire, license, FailureReason.USER_SESSION_LIMIT, Outcome.SESSION_LIMIT_REACHED, overLimit);
        }
        if (settings.getSeatsInUse() >= settings.getMaxSeats()) {
            return refuse(context, acquire, license, FailureReason.SEATS_EXHAUSTED, Outcome.SEATS_EXHAUSTED,
                    "all " + settings.getMaxSeats() + " seats are in use");
        }
        SessionState session = SessionLifecycle.start(context, license, acquire.getHardwareId());
        return Decisions.withSession(context, Outcome.GRANTED, session, license);
    }

    /**
     * Why one more session of this user would break a limit per user (the license's own, then the
     * tenant's), or null. Without a limit nothing is scanned: the common case costs nothing.
     */
    private static String perUserLimitReached(DecisionContext context, LicenseState license, TenantSettings settings) {
        int ofLicense = license.getMaxSessionsPerUser();
        int ofTenant = settings.getMaxSessionsPerUser();
        if (ofLicense == TenantLimits.NO_SESSION_LIMIT && ofTenant == TenantLimits.NO_SESSION_LIMIT) {
            return null;
        }
        String user = context.actor().getUserId();
        if (ofLicense != TenantLimits.NO_SESSION_LIMIT) {
            int onLicense = context.stores().liveSessionCountOfUser(context.tenant(), license.getLicenseId(), user);
            if (onLicense >= ofLicense) {
                return "you hold " + onLicense + " sessions of this license, its limit per user";
            }
        }
        if (ofTenant != TenantLimits.NO_SESSION_LIMIT) {
            int held = context.stores().liveSessionCountOfUser(context.tenant(), user);
            if (held >= ofTenant) {
                return "you hold " + held + " sessions, the tenant's limit per user";
            }
        }
        return null;
    }

    private static SeatDecision refuse(DecisionContext context, AcquireSeat acquire, LicenseState license,
                                       FailureReason reason, Outcome outcome, String message) {
        TenantSettings settings = context.stores().settings(context.tenant());
        String resourceId = license == null ? acquire.getLicenseKey() : license.getLicenseId().toString();
        context.events().append(context, AuditAction.LICENSE_ACQUISITION_FAILED, ResourceType.LICENSE, resourceId,
                new AcquisitionFailedDetails(acquire.getLicenseKey(), license == null ? null : license.getLicenseId(),
                        acquire.getHardwareId(), reason, settings.getSeatsInUse(), settings.getMaxSeats()));
        return Decisions.of(context, outcome, message);
    }
}
