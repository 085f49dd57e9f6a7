package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.SessionDetails;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLapseTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void freesTheSeatOfASessionWithoutHeartbeatForTheTtl() {
        harness.createLicense("acme", "KEY-1");
        UUID session = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        harness.newEvents();

        harness.advance(Duration.ofSeconds(359));
        assertThat(harness.newEvents()).isEmpty();
        harness.advance(Duration.ofSeconds(2));

        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.SESSION_EXPIRED);
            assertThat(event.getActor().getUserId()).isEqualTo("system");
            assertThat(event.getCommandId()).isNull();
            assertThat(((SessionDetails) event.getDetails()).getSession().getEndReason()).isEqualTo(EndReason.LAPSED);
            assertThat(((SessionDetails) event.getDetails()).getSeatsInUse()).isZero();
        });
        assertThat(harness.session("acme", session).getEndReason()).isEqualTo(EndReason.LAPSED);
        assertThat(harness.tenant("acme").getSeatsInUse()).isZero();
        assertThat(harness.heartbeat("acme", "alice", session).getOutcome()).isEqualTo(Outcome.SESSION_GONE);
    }

    @Test
    void heartbeatsKeepASessionAliveAcrossManyTtls() {
        harness.createLicense("acme", "KEY-1");
        UUID session = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        for (int i = 0; i < 5; i++) {
            harness.advance(Duration.ofSeconds(180));
            assertThat(harness.heartbeat("acme", "alice", session).getOutcome()).isEqualTo(Outcome.EXTENDED);
        }
        harness.newEvents();

        harness.advance(Duration.ofSeconds(300));
        assertThat(harness.newEvents()).isEmpty();
        harness.advance(Duration.ofSeconds(61));
        assertThat(harness.newEvents()).singleElement().extracting(e -> e.getAction()).isEqualTo(AuditAction.SESSION_EXPIRED);
    }

    @Test
    void usesTheTenantsOwnTtl() {
        harness.configure("acme", Plan.PRO, null, 60);
        harness.createLicense("acme", "KEY-1");
        harness.acquire("acme", "alice", "KEY-1", "hw-1");
        harness.newEvents();

        harness.advance(Duration.ofSeconds(61));

        assertThat(harness.newEvents()).singleElement().extracting(e -> e.getAction()).isEqualTo(AuditAction.SESSION_EXPIRED);
    }

    @Test
    void keepsOneTimerPerSessionInATimeOrderedIndexAndForgetsEndedSessionsAfterADay() {
        harness.configure("acme", Plan.PRO, null, null);
        harness.createLicense("acme", "KEY-1");
        UUID first = harness.acquire("acme", "alice", "KEY-1", "hw-1").getSession().getSessionId();
        harness.advance(Duration.ofSeconds(10));
        UUID second = harness.acquire("acme", "bob", "KEY-1", "hw-2").getSession().getSessionId();

        assertThat(harness.timerKeys()).filteredOn(key -> key.contains("|LAPSE|"))
                .containsExactly(
                        String.format("%019d|acme|LAPSE|%s", SeatTopologyHarness.START.plusSeconds(360).toEpochMilli(), first),
                        String.format("%019d|acme|LAPSE|%s", SeatTopologyHarness.START.plusSeconds(370).toEpochMilli(), second));

        harness.advance(Duration.ofSeconds(400));
        assertThat(harness.timerKeys()).noneMatch(key -> key.contains("|LAPSE|"));
        assertThat(harness.session("acme", first)).isNotNull();

        harness.advance(Duration.ofHours(24));
        assertThat(harness.session("acme", first)).isNull();
        assertThat(harness.session("acme", second)).isNull();
        assertThat(harness.heartbeat("acme", "alice", first).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }
}
