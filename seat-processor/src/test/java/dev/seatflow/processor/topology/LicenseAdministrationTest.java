package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.processor.decision.SeatDecider;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.schemas.command.ActivateLicense;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.command.DeleteLicense;
import dev.seatflow.schemas.command.UpdateLicense;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.SessionDetails;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LicenseAdministrationTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void createsALicenseThatCanThenBeAcquired() {
        UUID id = UUID.randomUUID();
        SeatDecision created = harness.send("acme", SeatTopologyHarness.admin("ada"),
                new CreateLicense(id, "KEY-1", Tier.ENTERPRISE, List.of("sso"), harness.now().plus(Duration.ofDays(30)), 0));

        assertThat(created.getOutcome()).isEqualTo(Outcome.CREATED);
        assertThat(created.getLicense().getActive()).isTrue();
        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.LICENSE_CREATED);
            assertThat(event.getResourceId()).isEqualTo(id.toString());
        });
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-1").getOutcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void aTenantAtItsQuotaOfLicensesCreatesNoMoreUntilItDeletesOne() {
        try (SeatTopologyHarness small = new SeatTopologyHarness(new SeatDecider(), DecisionPolicy.defaults().withLicensesPerTenant(2))) {
            small.createLicense("acme", "KEY-1");
            LicenseState second = small.createLicense("acme", "KEY-2");
            small.createLicense("globex", "KEY-1");

            assertThat(small.send("acme", SeatTopologyHarness.admin("ada"), new CreateLicense(UUID.randomUUID(), "KEY-3", Tier.PRO,
                    List.of(), small.now().plus(Duration.ofDays(1)), 0)).getOutcome()).isEqualTo(Outcome.QUOTA_EXCEEDED);
            small.send("acme", SeatTopologyHarness.admin("ada"), new DeleteLicense(second.getLicenseId()));
            assertThat(small.createLicense("acme", "KEY-3")).isNotNull();
        }
    }

    @Test
    void refusesADuplicateKeyOrAnExpiryInThePast() {
        harness.createLicense("acme", "KEY-1");

        assertThat(harness.send("acme", SeatTopologyHarness.admin("ada"), new CreateLicense(UUID.randomUUID(), "KEY-1", Tier.PRO,
                List.of(), harness.now().plus(Duration.ofDays(1)), 0)).getOutcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(harness.send("acme", SeatTopologyHarness.admin("ada"), new CreateLicense(UUID.randomUUID(), "KEY-2", Tier.PRO,
                List.of(), harness.now().minusSeconds(1), 0)).getOutcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void membersCannotAdministerLicenses() {
        SeatDecision decision = harness.send("acme", SeatTopologyHarness.member("alice"), new CreateLicense(UUID.randomUUID(), "KEY-1",
                Tier.PRO, List.of(), harness.now().plus(Duration.ofDays(1)), 0));

        assertThat(decision.getOutcome()).isEqualTo(Outcome.FORBIDDEN);
        assertThat(harness.newEvents()).isEmpty();
    }

    @Test
    void updatesOnlyWhatIsGivenAndRecordsThePreviousState() {
        LicenseState license = harness.createLicense("acme", "KEY-1");
        harness.newEvents();
        harness.advance(Duration.ofMinutes(1));

        SeatDecision updated = harness.send("acme", SeatTopologyHarness.admin("ada"),
                new UpdateLicense(license.getLicenseId(), Tier.ENTERPRISE, null, null, null));

        assertThat(updated.getOutcome()).isEqualTo(Outcome.UPDATED);
        assertThat(updated.getLicense().getTier()).isEqualTo(Tier.ENTERPRISE);
        assertThat(updated.getLicense().getFeatures()).isEqualTo(license.getFeatures());
        assertThat(updated.getLicense().getUpdatedAt()).isEqualTo(harness.now());
        assertThat(harness.newEvents()).singleElement().satisfies(event ->
                assertThat(((LicenseDetails) event.getDetails()).getPrevious()).isEqualTo(license));

        SeatDecision unchanged = harness.send("acme", SeatTopologyHarness.admin("ada"),
                new UpdateLicense(license.getLicenseId(), Tier.ENTERPRISE, null, null, null));
        assertThat(unchanged.getOutcome()).isEqualTo(Outcome.UPDATED);
        assertThat(harness.newEvents()).isEmpty();
    }

    @Test
    void deactivatingEndsItsLiveSessionsAndActivatingAllowsAcquiresAgain() {
        harness.configure("acme", Plan.PRO, null, null);
        LicenseState license = harness.createLicense("acme", "KEY-1");
        LicenseState other = harness.createLicense("acme", "KEY-2");
        UUID a = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        UUID b = harness.acquire("acme", "bob", "KEY-1", "hw-2").getSession().getSessionId();
        UUID c = harness.acquire("acme", "carol", "KEY-2", "hw-3").getSession().getSessionId();
        harness.newEvents();

        SeatDecision deactivated = harness.send("acme", SeatTopologyHarness.admin("ada"), new DeactivateLicense(license.getLicenseId()));

        assertThat(deactivated.getOutcome()).isEqualTo(Outcome.DEACTIVATED);
        List<LicenseEvent> events = harness.newEvents();
        assertThat(events).extracting(LicenseEvent::getAction)
                .containsExactly(AuditAction.LICENSE_DEACTIVATED, AuditAction.SESSION_ENDED, AuditAction.SESSION_ENDED);
        assertThat(((LicenseDetails) events.get(0).getDetails()).getEndedSessions()).containsExactlyInAnyOrder(a, b);
        assertThat(events.subList(1, 3)).allSatisfy(event ->
                assertThat(((SessionDetails) event.getDetails()).getSession().getEndReason()).isEqualTo(EndReason.LICENSE_DEACTIVATED));
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);
        assertThat(harness.session("acme", c).getEndedAt()).isNull();
        assertThat(harness.heartbeat("acme", "alice", a).getOutcome()).isEqualTo(Outcome.SESSION_GONE);

        assertThat(harness.send("acme", SeatTopologyHarness.admin("ada"), new ActivateLicense(license.getLicenseId())).getOutcome())
                .isEqualTo(Outcome.ACTIVATED);
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-1").getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(other.getActive()).isTrue();
    }

    @Test
    void deletingEndsItsSessionsAndForgetsTheKey() {
        LicenseState license = harness.createLicense("acme", "KEY-1");
        UUID session = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        harness.newEvents();

        assertThat(harness.send("acme", SeatTopologyHarness.admin("ada"), new DeleteLicense(license.getLicenseId())).getOutcome())
                .isEqualTo(Outcome.DELETED);

        assertThat(harness.newEvents()).extracting(LicenseEvent::getAction)
                .containsExactly(AuditAction.LICENSE_DELETED, AuditAction.SESSION_ENDED);
        assertThat(harness.session("acme", session).getEndReason()).isEqualTo(EndReason.LICENSE_DELETED);
        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-1").getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.send("acme", SeatTopologyHarness.admin("ada"), new DeleteLicense(license.getLicenseId())).getOutcome())
                .isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void endsTheSessionsOfALicenseWhenItExpires() {
        harness.createLicense("acme", "KEY-1", harness.now().plus(Duration.ofMinutes(2)));
        UUID session = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        harness.newEvents();

        harness.advance(Duration.ofSeconds(121));

        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.SESSION_ENDED);
            assertThat(((SessionDetails) event.getDetails()).getSession().getEndReason()).isEqualTo(EndReason.LICENSE_EXPIRED);
        });
        assertThat(harness.session("acme", session).getEndedAt()).isNotNull();
        assertThat(harness.tenant("acme").getSeatsInUse()).isZero();
    }

    @Test
    void anExtendedExpiryKeepsSessionsAliveAtTheOldDate() {
        LicenseState license = harness.createLicense("acme", "KEY-1", harness.now().plus(Duration.ofMinutes(2)));
        UUID session = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        harness.send("acme", SeatTopologyHarness.admin("ada"),
                new UpdateLicense(license.getLicenseId(), null, null, harness.now().plus(Duration.ofDays(30)), null));
        harness.newEvents();

        harness.advance(Duration.ofSeconds(121));

        assertThat(harness.newEvents()).isEmpty();
        assertThat(harness.session("acme", session).getEndedAt()).isNull();
    }
}
