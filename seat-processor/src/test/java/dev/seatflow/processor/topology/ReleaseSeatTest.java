package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.SessionDetails;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReleaseSeatTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();
    private UUID session;

    @BeforeEach
    void acquire() {
        harness.createLicense("acme", "KEY-1");
        session = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        harness.newEvents();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void endsTheSessionAndFreesItsSeatForSomeoneElse() {
        harness.advance(Duration.ofMinutes(5));

        SeatDecision released = harness.release("acme", SeatTopologyHarness.member("alice"), session);

        assertThat(released.getOutcome()).isEqualTo(Outcome.RELEASED);
        assertThat(released.getSession().getEndedAt()).isEqualTo(harness.now());
        assertThat(released.getSession().getEndReason()).isEqualTo(EndReason.RELEASED);
        assertThat(harness.tenant("acme").getSeatsInUse()).isZero();
        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.LICENSE_RELEASED);
            assertThat(((SessionDetails) event.getDetails()).getSeatsInUse()).isZero();
        });
        assertThat(harness.acquire("acme", "bob", "KEY-1", "hw-2").getOutcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void releasingTwiceIsNotAnError() {
        harness.release("acme", SeatTopologyHarness.member("alice"), session);
        harness.newEvents();

        SeatDecision again = harness.release("acme", SeatTopologyHarness.member("alice"), session);

        assertThat(again.getOutcome()).isEqualTo(Outcome.ALREADY_ENDED);
        assertThat(harness.newEvents()).isEmpty();
        assertThat(harness.tenant("acme").getSeatsInUse()).isZero();
    }

    @Test
    void anAdminMayReleaseSomeoneElsesSessionButAnotherMemberMayNot() {
        assertThat(harness.release("acme", SeatTopologyHarness.member("mallory"), session).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(1);

        assertThat(harness.release("acme", SeatTopologyHarness.admin("ada"), session).getOutcome()).isEqualTo(Outcome.RELEASED);
        assertThat(harness.tenant("acme").getSeatsInUse()).isZero();
    }

    @Test
    void answersNotFoundForAnUnknownSession() {
        assertThat(harness.release("acme", SeatTopologyHarness.member("alice"), UUID.randomUUID()).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }
}
