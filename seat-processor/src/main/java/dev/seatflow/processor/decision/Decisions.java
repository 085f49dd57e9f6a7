package dev.seatflow.processor.decision;

import dev.seatflow.schemas.DeciderVersion;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.SessionState;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;

/** Builds the decision record of a command. */
final class Decisions {

    private Decisions() {
    }

    static SeatDecision of(DecisionContext context, Outcome outcome, String message) {
        return new SeatDecision(context.commandId(), context.tenant(), context.now(), outcome, message, null, null, null, DeciderVersion.CURRENT, null);
    }

    static SeatDecision withSession(DecisionContext context, Outcome outcome, SessionState session) {
        return new SeatDecision(context.commandId(), context.tenant(), context.now(), outcome, null, session, null, null, DeciderVersion.CURRENT, null);
    }

    static SeatDecision withSession(DecisionContext context, Outcome outcome, SessionState session, LicenseState license) {
        return new SeatDecision(context.commandId(), context.tenant(), context.now(), outcome, null, session, license,
                context.stores().settings(context.tenant()), DeciderVersion.CURRENT, null);
    }

    static SeatDecision withLicense(DecisionContext context, Outcome outcome, LicenseState license) {
        return new SeatDecision(context.commandId(), context.tenant(), context.now(), outcome, null, null, license, null, DeciderVersion.CURRENT, null);
    }

    static SeatDecision withTenant(DecisionContext context, Outcome outcome, TenantSettings settings) {
        return new SeatDecision(context.commandId(), context.tenant(), context.now(), outcome, null, null, null, settings, DeciderVersion.CURRENT, null);
    }
}
