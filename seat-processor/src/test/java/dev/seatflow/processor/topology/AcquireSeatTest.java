package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AcquisitionFailedDetails;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.FailureReason;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.schemas.event.SessionDetails;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcquireSeatTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void grantsAFreeSeatWithANewSessionAndRecordsIt() {
        LicenseState license = harness.createLicense("acme", "KEY-1");
        harness.newEvents();

        SeatDecision decision = harness.acquire("acme", "alice", "KEY-1", "hw-1");

        assertThat(decision.getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(decision.getSession().getLicenseId()).isEqualTo(license.getLicenseId());
        assertThat(decision.getSession().getUserId()).isEqualTo("alice");
        assertThat(decision.getSession().getExpiresAt()).isEqualTo(harness.now().plusSeconds(360));
        assertThat(decision.getLicense()).isEqualTo(license);
        assertThat(harness.session("acme", decision.getSession().getSessionId())).isEqualTo(decision.getSession());
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);

        List<LicenseEvent> events = harness.newEvents();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.LICENSE_ACQUIRED);
            assertThat(event.getSequence()).isEqualTo(2);
            assertThat(event.getResourceType()).isEqualTo(ResourceType.SESSION);
            assertThat(event.getResourceId()).isEqualTo(decision.getSession().getSessionId().toString());
            assertThat(event.getActor().getUserId()).isEqualTo("alice");
            assertThat(event.getOrigin().getIp()).isEqualTo("10.1.1.1");
            assertThat(((SessionDetails) event.getDetails()).getSeatsInUse()).isEqualTo(1);
        });
    }

    @Test
    void returnsTheLiveSessionAgainForTheSameUserLicenseAndMachine() {
        harness.createLicense("acme", "KEY-1");
        SeatDecision first = harness.acquire("acme", "alice", "KEY-1", "hw-1");
        harness.newEvents();

        SeatDecision again = harness.acquire("acme", "alice", "KEY-1", "hw-1");

        assertThat(again.getOutcome()).isEqualTo(Outcome.EXISTING_SESSION);
        assertThat(again.getSession()).isEqualTo(first.getSession());
        assertThat(harness.newEvents()).isEmpty();
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);
    }

    @Test
    void refusesWhenEverySeatIsTakenAndSaysWhy() {
        harness.configure("acme", Plan.PRO, null, null);
        harness.createLicense("acme", "KEY-1");
        for (int machine = 1; machine <= 5; machine++) {
            assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-" + machine).getOutcome()).isEqualTo(Outcome.GRANTED);
        }
        harness.newEvents();

        SeatDecision sixth = harness.acquire("acme", "bob", "KEY-1", "hw-6");

        assertThat(sixth.getOutcome()).isEqualTo(Outcome.SEATS_EXHAUSTED);
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(5);
        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.LICENSE_ACQUISITION_FAILED);
            AcquisitionFailedDetails details = (AcquisitionFailedDetails) event.getDetails();
            assertThat(details.getReason()).isEqualTo(FailureReason.SEATS_EXHAUSTED);
            assertThat(details.getMaxSeats()).isEqualTo(5);
            assertThat(details.getSeatsInUse()).isEqualTo(5);
        });
    }

    @Test
    void answersNotFoundForAKeyTheTenantDoesNotHave() {
        SeatDecision decision = harness.acquire("acme", "alice", "NO-SUCH-KEY", "hw-1");

        assertThat(decision.getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.newEvents()).singleElement().satisfies(event ->
                assertThat(((AcquisitionFailedDetails) event.getDetails()).getReason()).isEqualTo(FailureReason.UNKNOWN_LICENSE));
    }

    @Test
    void refusesAnInactiveLicense() {
        LicenseState license = harness.createLicense("acme", "KEY-1");
        harness.send("acme", SeatTopologyHarness.admin("admin-1"), new DeactivateLicense(license.getLicenseId()));
        harness.newEvents();

        SeatDecision decision = harness.acquire("acme", "alice", "KEY-1", "hw-1");

        assertThat(decision.getOutcome()).isEqualTo(Outcome.LICENSE_INACTIVE);
        assertThat(harness.newEvents()).singleElement().satisfies(event ->
                assertThat(((AcquisitionFailedDetails) event.getDetails()).getReason()).isEqualTo(FailureReason.LICENSE_INACTIVE));
    }

    @Test
    void refusesALicensePastItsExpiryDate() {
        harness.createLicense("acme", "KEY-1", harness.now().plus(Duration.ofHours(1)));
        harness.advance(Duration.ofHours(2));
        harness.newEvents();

        SeatDecision decision = harness.acquire("acme", "alice", "KEY-1", "hw-1");

        assertThat(decision.getOutcome()).isEqualTo(Outcome.LICENSE_EXPIRED);
        assertThat(harness.newEvents()).singleElement().satisfies(event ->
                assertThat(((AcquisitionFailedDetails) event.getDetails()).getReason()).isEqualTo(FailureReason.LICENSE_EXPIRED));
    }

    @Test
    void guestsCannotAcquire() {
        harness.createLicense("acme", "KEY-1");

        SeatDecision decision = harness.send("acme", new Actor("gina", Role.GUEST), new AcquireSeat("KEY-1", "hw-1"));

        assertThat(decision.getOutcome()).isEqualTo(Outcome.FORBIDDEN);
        assertThat(harness.tenant("acme")).as("tenant state untouched").isNull();
    }

    @Test
    void replacesALapsedSessionOfTheSameMachineWithANewOne() {
        harness.createLicense("acme", "KEY-1");
        SeatDecision first = harness.acquire("acme", "alice", "KEY-1", "hw-1");
        harness.advance(Duration.ofSeconds(361));
        harness.newEvents();

        SeatDecision again = harness.acquire("acme", "alice", "KEY-1", "hw-1");

        assertThat(again.getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(again.getSession().getSessionId()).isNotEqualTo(first.getSession().getSessionId());
        assertThat(harness.session("acme", first.getSession().getSessionId()).getEndReason()).isEqualTo(EndReason.LAPSED);
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);
    }

    @Test
    void rejectsABlankHardwareId() {
        harness.createLicense("acme", "KEY-1");

        assertThat(harness.acquire("acme", "alice", "KEY-1", " ").getOutcome()).isEqualTo(Outcome.INVALID);
    }
}
