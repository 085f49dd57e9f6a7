package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.event.LicenseEvent;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantIsolationTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void oneTenantsCommandsNeverReachAnotherTenantsState() {
        LicenseState acmeLicense = harness.createLicense("acme", "ACME-KEY");
        UUID acmeSession = harness.acquire("acme", "alice", "ACME-KEY", "hw-1").getSession().getSessionId();

        assertThat(harness.acquire("globex", "alice", "ACME-KEY", "hw-1").getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.heartbeat("globex", "alice", acmeSession).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.release("globex", SeatTopologyHarness.admin("alice"), acmeSession).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.send("globex", SeatTopologyHarness.admin("gus"), new DeactivateLicense(acmeLicense.getLicenseId())).getOutcome())
                .isEqualTo(Outcome.NOT_FOUND);

        assertThat(harness.session("acme", acmeSession).getEndedAt()).isNull();
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);
        assertThat(harness.tenant("globex")).as("globex only saw its own refusal").isNull();
    }

    @Test
    void eachTenantHasItsOwnGapFreeSequence() {
        harness.createLicense("acme", "K");
        harness.createLicense("globex", "K");
        harness.acquire("acme", "a", "K", "hw");
        harness.acquire("globex", "b", "K", "hw");

        var events = harness.newEvents();

        assertThat(events).filteredOn(e -> e.getTenantId().equals("acme")).extracting(LicenseEvent::getSequence).containsExactly(1L, 2L);
        assertThat(events).filteredOn(e -> e.getTenantId().equals("globex")).extracting(LicenseEvent::getSequence).containsExactly(1L, 2L);
        assertThat(events).extracting(LicenseEvent::getEventId).doesNotHaveDuplicates();
    }
}
