package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.RecordExpiryWarning;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.ExpiryWarningDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiryWarningRecordTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void recordsAWarningTheExpiryWarnerSentInTheTenantsSequence() {
        LicenseState license = harness.createLicense("acme", "KEY-1");
        harness.newEvents();

        var decision = harness.send("acme", new Actor("expiry-warner", Role.SYSTEM),
                new RecordExpiryWarning(license.getLicenseId(), license.getExpiryDate(), "P7D", "webhook"));

        assertThat(decision.getOutcome()).isEqualTo(Outcome.RECORDED);
        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.EXPIRY_WARNING_SENT);
            assertThat(event.getSequence()).isEqualTo(2);
            assertThat(((ExpiryWarningDetails) event.getDetails()).getChannel()).isEqualTo("webhook");
        });
    }

    @Test
    void nobodyButThePlatformRecordsWarnings() {
        LicenseState license = harness.createLicense("acme", "KEY-1");

        assertThat(harness.send("acme", SeatTopologyHarness.owner("olga"),
                new RecordExpiryWarning(license.getLicenseId(), license.getExpiryDate(), "P7D", "webhook")).getOutcome())
                .isEqualTo(Outcome.FORBIDDEN);
    }
}
