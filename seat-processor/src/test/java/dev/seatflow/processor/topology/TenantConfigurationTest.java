package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.ConfigureTenant;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.common.TenantSettings;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.TenantDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantConfigurationTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void anUnconfiguredTenantIsFreeWithOneSeatAndASixMinuteTtl() {
        harness.createLicense("acme", "KEY-1");

        assertThat(harness.acquire("acme", "alice", "KEY-1", "hw-1").getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(harness.acquire("acme", "bob", "KEY-1", "hw-2").getOutcome()).isEqualTo(Outcome.SEATS_EXHAUSTED);
        assertThat(harness.tenant("acme")).isEqualTo(new TenantSettings(Plan.FREE, 1, 360, 1, 0, 0));
    }

    @Test
    void theOwnerConfiguresAnEnterpriseSeatCap() {
        SeatDecision decision = harness.send("acme", SeatTopologyHarness.owner("olga"), new ConfigureTenant(Plan.ENTERPRISE, 250, 600, null, null));

        assertThat(decision.getOutcome()).isEqualTo(Outcome.CONFIGURED);
        assertThat(decision.getTenant()).isEqualTo(new TenantSettings(Plan.ENTERPRISE, 250, 600, 0, 0, 0));
        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.TENANT_CONFIGURED);
            assertThat(((TenantDetails) event.getDetails()).getPrevious()).isEqualTo(new TenantSettings(Plan.FREE, 1, 360, 0, 0, 0));
        });
    }

    @Test
    void onlyTheOwnerConfiguresTheTenant() {
        assertThat(harness.send("acme", SeatTopologyHarness.admin("ada"), new ConfigureTenant(Plan.ENTERPRISE, 10, null, null, null)).getOutcome())
                .isEqualTo(Outcome.FORBIDDEN);
        assertThat(harness.tenant("acme")).isNull();
    }

    @Test
    void seatCapsOfFreeAndProComeFromThePlan() {
        assertThat(harness.send("acme", SeatTopologyHarness.owner("olga"), new ConfigureTenant(Plan.PRO, 50, null, null, null)).getOutcome())
                .isEqualTo(Outcome.INVALID);
        assertThat(harness.send("acme", SeatTopologyHarness.owner("olga"), new ConfigureTenant(Plan.PRO, null, null, null, null)).getTenant().getMaxSeats())
                .isEqualTo(5);
        assertThat(harness.send("acme", SeatTopologyHarness.owner("olga"), new ConfigureTenant(null, null, 5, null, null)).getOutcome())
                .as("ttl below the minimum").isEqualTo(Outcome.INVALID);
    }

    @Test
    void theOfflineGraceIsKeptAcrossLaterChangesAndBoundedToAWeek() {
        var owner = SeatTopologyHarness.owner("olga");
        assertThat(harness.send("acme", owner, new ConfigureTenant(null, null, null, 3_600, null)).getTenant().getOfflineGraceSeconds())
                .isEqualTo(3_600);
        assertThat(harness.send("acme", owner, new ConfigureTenant(Plan.PRO, null, 600, null, null)).getTenant())
                .as("a change that does not name the grace keeps it")
                .isEqualTo(new TenantSettings(Plan.PRO, 5, 600, 0, 3_600, 0));
        assertThat(harness.send("acme", owner, new ConfigureTenant(null, null, null, 604_801, null)).getOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(harness.send("acme", owner, new ConfigureTenant(null, null, null, -1, null)).getOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(harness.tenant("acme").getOfflineGraceSeconds()).isEqualTo(3_600);
    }

    @Test
    void loweringTheCapKeepsLiveSessionsButBlocksNewOnesUntilUnderIt() {
        harness.configure("acme", Plan.ENTERPRISE, 3, null);
        harness.createLicense("acme", "KEY-1");
        var first = harness.acquire("acme", "a", "KEY-1", "hw-1").getSession().getSessionId();
        var second = harness.acquire("acme", "b", "KEY-1", "hw-2").getSession().getSessionId();
        harness.acquire("acme", "c", "KEY-1", "hw-3");

        harness.configure("acme", Plan.ENTERPRISE, 1, null);

        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(3);
        assertThat(harness.heartbeat("acme", "a", first).getOutcome()).isEqualTo(Outcome.EXTENDED);
        assertThat(harness.acquire("acme", "d", "KEY-1", "hw-4").getOutcome()).isEqualTo(Outcome.SEATS_EXHAUSTED);
        harness.release("acme", SeatTopologyHarness.member("a"), first);
        assertThat(harness.acquire("acme", "d", "KEY-1", "hw-4").getOutcome()).isEqualTo(Outcome.SEATS_EXHAUSTED);
        harness.release("acme", SeatTopologyHarness.member("b"), second);
        harness.release("acme", SeatTopologyHarness.admin("ada"), harness.acquire("acme", "c", "KEY-1", "hw-3").getSession().getSessionId());
        assertThat(harness.acquire("acme", "d", "KEY-1", "hw-4").getOutcome()).isEqualTo(Outcome.GRANTED);
    }
}
