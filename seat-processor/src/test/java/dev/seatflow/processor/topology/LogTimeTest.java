package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.seatflow.processor.decision.SeatDecider;
import dev.seatflow.processor.runtime.DecisionPolicy;
import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decisions are timed by the log: the record's append time, never a clock read while deciding. */
class LogTimeTest {

    private SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void grantsTheSeatOfALapsedSessionToAnAcquireAppendedOneMillisecondAfterItsExpiry() {
        Instant expiry = oneSeatTakenByAlice();
        harness.appendAt(expiry.plusMillis(1));

        SeatDecision bob = harness.acquire("acme", "bob", "KEY-1", "hw-2");

        assertThat(bob.getOutcome()).isEqualTo(Outcome.GRANTED);
        List<LicenseEvent> events = harness.newEvents();
        assertThat(events).extracting(LicenseEvent::getAction).containsExactly(AuditAction.SESSION_EXPIRED, AuditAction.LICENSE_ACQUIRED);
        assertThat(events.get(0).getOccurredAt()).isEqualTo(expiry);
        assertThat(events.get(1).getOccurredAt()).isEqualTo(expiry.plusMillis(1));
    }

    @Test
    void grantsTheSeatToAnAcquireAppendedExactlyAtTheExpiry() {
        Instant expiry = oneSeatTakenByAlice();
        harness.appendAt(expiry);

        assertThat(harness.acquire("acme", "bob", "KEY-1", "hw-2").getOutcome()).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void refusesAnAcquireAppendedOneMillisecondBeforeTheExpiry() {
        Instant expiry = oneSeatTakenByAlice();
        harness.appendAt(expiry.minusMillis(1));

        assertThat(harness.acquire("acme", "bob", "KEY-1", "hw-2").getOutcome()).isEqualTo(Outcome.SEATS_EXHAUSTED);
        assertThat(harness.newEvents()).extracting(LicenseEvent::getAction).containsExactly(AuditAction.LICENSE_ACQUISITION_FAILED);
    }

    @Test
    void keepsSessionsWhoseHeartbeatsWereAppendedBeforeTheirExpiryWhateverTheWallClockWhenProcessed() {
        harness.close();
        // A processor whose wall clock runs far ahead of its log. The driver would pipe a tick it
        // writes straight back, ahead of the backlog, which a broker never does (a tick is appended
        // after what is queued): ticks are off here, and LaggingProcessorTest shows them on a broker.
        harness = new SeatTopologyHarness(new SeatDecider(), DecisionPolicy.defaults().withTickInterval(Duration.ofDays(1)));
        harness.configure("acme", Plan.PRO, null, null);
        harness.createLicense("acme", "KEY-1");
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sessions.add(harness.acquire("acme", "user-" + i, "KEY-1", "hw-" + i).getSession().getSessionId());
        }
        harness.newEvents();
        harness.advanceWallClock(Duration.ofMinutes(20));

        // The backlog: heartbeats appended 300 s after the acquires, processed 20 minutes later.
        harness.appendAt(SeatTopologyHarness.START.plusSeconds(300));
        for (int i = 0; i < 5; i++) {
            assertThat(harness.heartbeat("acme", "user-" + i, sessions.get(i)).getOutcome()).isEqualTo(Outcome.EXTENDED);
        }
        harness.appendAt(SeatTopologyHarness.START.plusSeconds(600));
        harness.tick();

        assertThat(harness.newEvents()).isEmpty();
        assertThat(harness.tenant("acme").getSeatsInUse()).isEqualTo(5);
    }

    @Test
    void decidesAtTheAppendTimeWhateverTheGatewaysClockSaid() {
        harness.createLicense("acme", "KEY-1", SeatTopologyHarness.START.plusSeconds(60));
        SeatCommand skewed = harness.command("acme", SeatTopologyHarness.member("alice"), new AcquireSeat("KEY-1", "hw-1"));
        skewed.setIssuedAt(SeatTopologyHarness.START.plus(Duration.ofDays(30)));

        SeatDecision decided = harness.send(skewed);

        assertThat(decided.getOutcome()).isEqualTo(Outcome.GRANTED);
        assertThat(decided.getDecidedAt()).isEqualTo(SeatTopologyHarness.START);
        assertThat(decided.getSession().getExpiresAt()).isEqualTo(SeatTopologyHarness.START.plusSeconds(360));
    }

    @Test
    void neverDecidesBeforeTheLogsTimeWhenARecordCarriesAnEarlierTimestamp() {
        harness.createLicense("acme", "KEY-1");
        harness.appendAt(SeatTopologyHarness.START.plusSeconds(100));
        harness.tick();
        // A new partition leader whose clock is behind stamps the next record earlier.
        harness.appendAt(SeatTopologyHarness.START.plusSeconds(40));

        SeatDecision decided = harness.acquire("acme", "alice", "KEY-1", "hw-1");

        assertThat(decided.getDecidedAt()).isEqualTo(SeatTopologyHarness.START.plusSeconds(100));
        assertThat(decided.getSession().getExpiresAt()).isEqualTo(SeatTopologyHarness.START.plusSeconds(460));
    }

    @Test
    void aTickMovesTimeForEveryTenantOfThePartitionAndIsNeverAnswered() {
        Instant expiry = oneSeatTakenByAlice();
        harness.createLicense("globex", "KEY-G");
        harness.acquire("globex", "carol", "KEY-G", "hw-9");
        harness.newEvents();
        harness.appendAt(expiry.plusSeconds(5));

        harness.tick();

        assertThat(harness.newEvents()).extracting(LicenseEvent::getTenantId, LicenseEvent::getAction).containsExactly(
                tuple("acme", AuditAction.SESSION_EXPIRED),
                tuple("globex", AuditAction.SESSION_EXPIRED));
        assertThat(harness.newReplies()).isEmpty();
        assertThat(harness.newDeadLetters()).isEmpty();
    }

    /** Alice holds the only seat of tenant acme (FREE plan); returns when her session expires. */
    private Instant oneSeatTakenByAlice() {
        harness.createLicense("acme", "KEY-1");
        SeatDecision alice = harness.acquire("acme", "alice", "KEY-1", "hw-1");
        assertThat(alice.getOutcome()).isEqualTo(Outcome.GRANTED);
        harness.newEvents();
        return alice.getSession().getExpiresAt();
    }
}
