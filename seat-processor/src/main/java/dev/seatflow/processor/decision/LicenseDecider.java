package dev.seatflow.processor.decision;

import dev.seatflow.processor.timer.Timer;
import dev.seatflow.schemas.command.ActivateLicense;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.command.DeleteLicense;
import dev.seatflow.schemas.command.RecordExpiryWarning;
import dev.seatflow.schemas.command.UpdateLicense;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.ExpiryWarningDetails;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.ResourceType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * License administration (admins and owners). Deactivating or deleting a license ends its live
 * sessions; a change that changes nothing decides the same outcome without an event.
 */
final class LicenseDecider {

    SeatDecision create(DecisionContext context, CreateLicense create) {
        String problem = Validation.isBlank(create.getKey()) ? "key is required"
                : !create.getExpiryDate().isAfter(context.now()) ? "expiry_date must be in the future" : null;
        if (problem == null) {
            problem = Validation.checkFeatures(create.getFeatures());
        }
        if (problem == null) {
            problem = Validation.checkSessionsPerUser(create.getMaxSessionsPerUser());
        }
        if (problem != null) {
            return Decisions.of(context, Outcome.INVALID, problem);
        }
        if (context.stores().license(context.tenant(), create.getLicenseId()).isPresent()
                || context.stores().licenseByKey(context.tenant(), create.getKey()).isPresent()) {
            return Decisions.of(context, Outcome.CONFLICT, "a license with this id or key exists");
        }
        int quota = context.policy().licensesPerTenant();
        if (context.stores().licenseCount(context.tenant()) >= quota) {
            return Decisions.of(context, Outcome.QUOTA_EXCEEDED, "a tenant holds at most " + quota + " licenses; delete one first");
        }
        LicenseState license = new LicenseState(create.getLicenseId(), create.getKey(), create.getTier(),
                List.copyOf(create.getFeatures()), create.getExpiryDate(), true, create.getMaxSessionsPerUser(), context.now(), context.now());
        context.stores().putLicense(context.tenant(), license);
        scheduleExpiry(context, license);
        context.events().append(context, AuditAction.LICENSE_CREATED, ResourceType.LICENSE, license.getLicenseId().toString(),
                new LicenseDetails(license, null, List.of()));
        return Decisions.withLicense(context, Outcome.CREATED, license);
    }

    SeatDecision update(DecisionContext context, UpdateLicense update) {
        Optional<LicenseState> found = context.stores().license(context.tenant(), update.getLicenseId());
        if (found.isEmpty()) {
            return Decisions.of(context, Outcome.NOT_FOUND, "no such license");
        }
        LicenseState previous = found.get();
        if (update.getExpiryDate() != null && !update.getExpiryDate().isAfter(context.now())) {
            return Decisions.of(context, Outcome.INVALID, "expiry_date must be in the future");
        }
        String problem = update.getFeatures() == null ? null : Validation.checkFeatures(update.getFeatures());
        if (problem == null && update.getMaxSessionsPerUser() != null) {
            problem = Validation.checkSessionsPerUser(update.getMaxSessionsPerUser());
        }
        if (problem != null) {
            return Decisions.of(context, Outcome.INVALID, problem);
        }
        LicenseState.Builder changed = LicenseState.newBuilder(previous);
        if (update.getTier() != null) {
            changed.setTier(update.getTier());
        }
        if (update.getFeatures() != null) {
            changed.setFeatures(List.copyOf(update.getFeatures()));
        }
        if (update.getExpiryDate() != null) {
            changed.setExpiryDate(update.getExpiryDate());
        }
        if (update.getMaxSessionsPerUser() != null) {
            changed.setMaxSessionsPerUser(update.getMaxSessionsPerUser());
        }
        LicenseState candidate = changed.build();
        if (candidate.equals(previous)) {
            return Decisions.withLicense(context, Outcome.UPDATED, previous);
        }
        LicenseState license = LicenseState.newBuilder(candidate).setUpdatedAt(context.now()).build();
        context.stores().putLicense(context.tenant(), license);
        if (!license.getExpiryDate().equals(previous.getExpiryDate())) {
            scheduleExpiry(context, license);
        }
        context.events().append(context, AuditAction.LICENSE_UPDATED, ResourceType.LICENSE, license.getLicenseId().toString(),
                new LicenseDetails(license, previous, List.of()));
        return Decisions.withLicense(context, Outcome.UPDATED, license);
    }

    SeatDecision activate(DecisionContext context, ActivateLicense activate) {
        return setActive(context, activate.getLicenseId(), true);
    }

    SeatDecision deactivate(DecisionContext context, DeactivateLicense deactivate) {
        return setActive(context, deactivate.getLicenseId(), false);
    }

    SeatDecision delete(DecisionContext context, DeleteLicense delete) {
        Optional<LicenseState> found = context.stores().license(context.tenant(), delete.getLicenseId());
        if (found.isEmpty()) {
            return Decisions.of(context, Outcome.NOT_FOUND, "no such license");
        }
        LicenseState license = found.get();
        context.stores().deleteLicense(context.tenant(), license);
        List<SessionState> live = context.stores().liveSessionsOfLicense(context.tenant(), license.getLicenseId());
        context.events().append(context, AuditAction.LICENSE_DELETED, ResourceType.LICENSE, license.getLicenseId().toString(),
                new LicenseDetails(license, null, ids(live)));
        endAll(context, live, EndReason.LICENSE_DELETED);
        return Decisions.withLicense(context, Outcome.DELETED, license);
    }

    /** The expiry warner sent a warning: it joins the tenant's audit trail in sequence. */
    SeatDecision recordExpiryWarning(DecisionContext context, RecordExpiryWarning warning) {
        context.events().append(context, AuditAction.EXPIRY_WARNING_SENT, ResourceType.LICENSE, warning.getLicenseId().toString(),
                new ExpiryWarningDetails(warning.getLicenseId(), warning.getExpiryDate(), warning.getThreshold(), warning.getChannel()));
        return Decisions.of(context, Outcome.RECORDED, null);
    }

    /** A license expiry timer: ends the sessions still live on a license past its expiry. */
    void expire(DecisionContext context, UUID licenseId) {
        context.stores().license(context.tenant(), licenseId)
                .filter(license -> !license.getExpiryDate().isAfter(context.now()))
                .ifPresent(license -> endAll(context,
                        context.stores().liveSessionsOfLicense(context.tenant(), licenseId), EndReason.LICENSE_EXPIRED));
    }

    private SeatDecision setActive(DecisionContext context, UUID licenseId, boolean active) {
        Optional<LicenseState> found = context.stores().license(context.tenant(), licenseId);
        if (found.isEmpty()) {
            return Decisions.of(context, Outcome.NOT_FOUND, "no such license");
        }
        Outcome outcome = active ? Outcome.ACTIVATED : Outcome.DEACTIVATED;
        if (found.get().getActive() == active) {
            return Decisions.withLicense(context, outcome, found.get());
        }
        LicenseState license = LicenseState.newBuilder(found.get()).setActive(active).setUpdatedAt(context.now()).build();
        context.stores().putLicense(context.tenant(), license);
        List<SessionState> live = active ? List.of() : context.stores().liveSessionsOfLicense(context.tenant(), licenseId);
        context.events().append(context, active ? AuditAction.LICENSE_ACTIVATED : AuditAction.LICENSE_DEACTIVATED,
                ResourceType.LICENSE, licenseId.toString(), new LicenseDetails(license, found.get(), ids(live)));
        endAll(context, live, EndReason.LICENSE_DEACTIVATED);
        return Decisions.withLicense(context, outcome, license);
    }

    private static void endAll(DecisionContext context, List<SessionState> live, EndReason reason) {
        live.forEach(session -> SessionLifecycle.end(context, session, reason, AuditAction.SESSION_ENDED));
    }

    private static void scheduleExpiry(DecisionContext context, LicenseState license) {
        Instant due = license.getExpiryDate();
        context.timers().schedule(new Timer(due, context.tenant(), Timer.Kind.LICENSE_EXPIRY, license.getLicenseId().toString()));
    }

    private static List<UUID> ids(List<SessionState> sessions) {
        return sessions.stream().map(SessionState::getSessionId).toList();
    }
}
