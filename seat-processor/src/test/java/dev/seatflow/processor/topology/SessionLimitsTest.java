package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.UpdateLicense;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AcquisitionFailedDetails;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.FailureReason;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Limits of live sessions per user: the tenant's across its licenses, and a license's own. */
class SessionLimitsTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @BeforeEach
    void tenWideSeats() {
        harness.configure("acme", Plan.ENTERPRISE, 10, null);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void oneMemberCannotHoldMoreSessionsThanTheTenantAllowsPerUser() {
        limitPerUser(2);
        harness.createLicense("acme", "KEY-1");
        harness.createLicense("acme", "KEY-2");
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-1").getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(harness.acquire("acme", "alice", "KEY-2", "hw-1").getOutcome()).isEqualTo(Outcome.GRANTED);
        harness.newEvents();

        SeatDecision third = harness.acquire("acme", "alice", "KEY-1", "made-up-hw");

        assertThat(third.getOutcome()).isEqualTo(Outcome.SESSION_LIMIT_REACHED);
        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.LICENSE_ACQUISITION_FAILED);
            assertThat(((AcquisitionFailedDetails) event.getDetails()).getReason()).isEqualTo(FailureReason.USER_SESSION_LIMIT);
        });
        assertThat(harness.acquire("acme", "bob", "KEY-1", "hw-9").getOutcome()).as("another user").isEqualTo(Outcome.GRANTED);
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-1").getOutcome())
                .as("the session alice holds on this machine, again").isEqualTo(Outcome.EXISTING_SESSION);
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(3);
    }

    @Test
    void aReleasedOrLapsedSessionNoLongerCounts() {
        limitPerUser(1);
        harness.createLicense("acme", "KEY-1");
        UUID first = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-2").getOutcome()).isEqualTo(Outcome.SESSION_LIMIT_REACHED);

        harness.release("acme", SeatTopologyHarness.member("alice"), first);
        UUID second = harness.acquire("acme", "alice", "KEY-1", "hw-2").getSession().getSessionId();
        assertThat(second).isNotNull();

        harness.advance(Duration.ofSeconds(361));
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-3").getOutcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void aLicenseHasALimitOfItsOwnBesideTheTenants() {
        LicenseState strict = harness.send("acme", SeatTopologyHarness.admin("ada"), new CreateLicense(UUID.randomUUID(), "STRICT",
                Tier.PRO, List.of(), harness.now().plus(Duration.ofDays(30)), 1)).getLicense();
        harness.createLicense("acme", "LOOSE");
        assertThat(strict.getMaxSessionsPerUser()).isEqualTo(1);

        assertThat(harness.acquire("acme", "alice", "STRICT", "hw-1").getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(harness.acquire("acme", "alice", "STRICT", "hw-2").getOutcome()).isEqualTo(Outcome.SESSION_LIMIT_REACHED);
        assertThat(harness.acquire("acme", "alice", "LOOSE", "hw-2").getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(harness.acquire("acme", "alice", "LOOSE", "hw-3").getOutcome()).isEqualTo(Outcome.GRANTED);

        SeatDecision lifted = harness.send("acme", SeatTopologyHarness.admin("ada"),
                new UpdateLicense(strict.getLicenseId(), null, null, null, 0));
        assertThat(lifted.getLicense().getMaxSessionsPerUser()).isZero();
        assertThat(harness.acquire("acme", "alice", "STRICT", "hw-2").getOutcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void loweringTheLimitEndsNoSessionAndZeroRemovesIt() {
        harness.createLicense("acme", "KEY-1");
        harness.acquire("acme", "alice", "KEY-1", "hw-1");
        harness.acquire("acme", "alice", "KEY-1", "hw-2");

        limitPerUser(1);
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(2);
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-3").getOutcome()).isEqualTo(Outcome.SESSION_LIMIT_REACHED);

        limitPerUser(0);
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-3").getOutcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void aLimitOutsideItsBoundsIsInvalidAndKeepsTheOldOne() {
        limitPerUser(3);
        assertThat(harness.send("acme", SeatTopologyHarness.owner("olga"), new ConfigureTenant(null, null, null, null, -1)).getOutcome())
                .isEqualTo(Outcome.INVALID);
        assertThat(harness.send("acme", SeatTopologyHarness.admin("ada"), new CreateLicense(UUID.randomUUID(), "KEY-1",
                Tier.PRO, List.of(), harness.now().plus(Duration.ofDays(1)), -1)).getOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(harness.tenant("acme").getMaxSessionsPerUser()).isEqualTo(3);
    }

    private void limitPerUser(int limit) {
        SeatDecision configured = harness.send("acme", SeatTopologyHarness.owner("olga"), new ConfigureTenant(null, null, null, null, limit));
        assertThat(configured.getOutcome()).isEqualTo(Outcome.CONFIGURED);
        assertThat(configured.getTenant().getMaxSessionsPerUser()).isEqualTo(limit);
    }
}
