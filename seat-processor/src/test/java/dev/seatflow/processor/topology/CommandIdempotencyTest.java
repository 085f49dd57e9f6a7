package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandIdempotencyTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aRepeatedCommandIdGetsTheFirstDecisionAndChangesNothing() {
        harness.configure("acme", dev.seatflow.schemas.common.Plan.PRO, null, null);
        harness.createLicense("acme", "KEY-1");
        harness.newEvents();
        SeatCommand acquire = harness.command("acme", SeatTopologyHarness.member("alice"), new AcquireSeat("KEY-1", "hw-1"));

        SeatDecision first = harness.send(acquire);
        harness.advance(Duration.ofSeconds(5));
        SeatDecision retried = harness.send(acquire);

        assertThat(retried).isEqualTo(first);
        assertThat(harness.newEvents()).hasSize(1);
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);
        assertThat(harness.meters.get("seatflow.commands.repeated").counter().count()).isEqualTo(1);
    }

    @Test
    void aRetriedRefusalStaysARefusalEvenAfterASeatFreesUp() {
        harness.createLicense("acme", "KEY-1");
        var holder = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        SeatCommand second = harness.command("acme", SeatTopologyHarness.member("bob"), new AcquireSeat("KEY-1", "hw-2"));
        assertThat(harness.send(second).getOutcome()).isEqualTo(Outcome.SEATS_EXHAUSTED);

        harness.release("acme", SeatTopologyHarness.member("alice"), holder);

        assertThat(harness.send(second).getOutcome()).isEqualTo(Outcome.SEATS_EXHAUSTED);
        assertThat(harness.tenant("acme").getSeatsInUse()).isZero();
    }

    @Test
    void aCommandIdReusedForAnotherRequestIsRefusedAndChangesNothing() {
        harness.configure("acme", dev.seatflow.schemas.common.Plan.PRO, null, null);
        harness.createLicense("acme", "KEY-1");
        SeatCommand first = harness.command("acme", SeatTopologyHarness.member("alice"), new AcquireSeat("KEY-1", "hw-1"));
        SeatDecision granted = harness.send(first);
        harness.newEvents();

        SeatDecision reused = harness.send(SeatCommand.newBuilder(first).setPayload(new AcquireSeat("KEY-1", "hw-2")).build());

        assertThat(reused.getOutcome()).isEqualTo(Outcome.IDEMPOTENCY_KEY_REUSE);
        assertThat(reused.getSession()).isNull();
        assertThat(harness.newEvents()).isEmpty();
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);
        assertThat(harness.send(first)).as("the first request still gets its decision").isEqualTo(granted);
        assertThat(granted.getRequestFingerprint()).as("replies never carry the fingerprint").isNull();
    }

    @Test
    void aRetriedLicenseCreationIsTheSameRequestThoughTheGatewayMadeUpANewIdAndKey() {
        SeatCommand first = harness.command("acme", SeatTopologyHarness.admin("ada"), new CreateLicense(UUID.randomUUID(), "KEY-1",
                Tier.PRO, List.of("sso"), harness.now().plus(Duration.ofDays(30)), 0));
        SeatDecision created = harness.send(first);

        SeatDecision retried = harness.send(SeatCommand.newBuilder(first).setPayload(CreateLicense.newBuilder((CreateLicense) first.getPayload())
                .setLicenseId(UUID.randomUUID()).setKey("KEY-2").build()).build());
        SeatDecision otherTerms = harness.send(SeatCommand.newBuilder(first).setPayload(CreateLicense.newBuilder((CreateLicense) first.getPayload())
                .setTier(Tier.ENTERPRISE).build()).build());

        assertThat(retried).isEqualTo(created);
        assertThat(otherTerms.getOutcome()).isEqualTo(Outcome.IDEMPOTENCY_KEY_REUSE);
    }

    @Test
    void theSameCommandIdFromAnotherTenantIsAnotherCommand() {
        harness.createLicense("acme", "KEY-1");
        harness.createLicense("globex", "KEY-1");
        SeatCommand acme = harness.command("acme", SeatTopologyHarness.member("alice"), new AcquireSeat("KEY-1", "hw-1"));
        SeatCommand globex = SeatCommand.newBuilder(acme).setTenantId("globex").build();

        SeatDecision inAcme = harness.send(acme);
        SeatDecision inGlobex = harness.send(globex);

        assertThat(inGlobex.getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(inGlobex.getTenantId()).isEqualTo("globex");
        assertThat(inGlobex.getSession().getSessionId()).isNotEqualTo(inAcme.getSession().getSessionId());
    }
}
