package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.Heartbeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.common.EndReason;
import dev.seatflow.schemas.common.Plan;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.topic.CommandPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

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
    void extendsALiveSessionByTheTenantsTtlWithoutAnAuditEvent() {
        harness.advance(Duration.ofSeconds(180));

        SeatDecision decision = harness.heartbeat("acme", "alice", session);

        assertThat(decision.getOutcome()).isEqualTo(Outcome.EXTENDED);
        assertThat(decision.getLicense().getKey()).as("the terms a renewed lease is signed with").isEqualTo("KEY-1");
        assertThat(decision.getTenant().getSessionTtlSeconds()).isEqualTo(360);
        assertThat(decision.getSession().getLastHeartbeatAt()).isEqualTo(harness.now());
        assertThat(decision.getSession().getExpiresAt()).isEqualTo(harness.now().plusSeconds(360));
        assertThat(harness.session("acme", session).getExpiresAt()).isEqualTo(harness.now().plusSeconds(360));
        assertThat(harness.newEvents()).isEmpty();
        assertThat(harness.newHeartbeats()).singleElement().satisfies(heartbeat -> {
            assertThat(heartbeat.getSessionId()).isEqualTo(session);
            assertThat(heartbeat.getExpiresAt()).isEqualTo(harness.now().plusSeconds(360));
        });
    }

    @Test
    void decidesARepeatedHeartbeatAgainAndRemembersNoHeartbeat() {
        SeatCommand heartbeat = harness.command("acme", SeatTopologyHarness.member("alice"), new Heartbeat(session));
        SeatDecision first = harness.send(heartbeat);
        harness.advance(Duration.ofSeconds(30));

        SeatDecision repeated = harness.send(heartbeat);

        assertThat(repeated.getOutcome()).isEqualTo(Outcome.EXTENDED);
        assertThat(repeated.getSession().getExpiresAt()).isEqualTo(first.getSession().getExpiresAt().plusSeconds(30));
        assertThat(harness.stores().get(SeatTopology.DECISIONS_STORE).keySet())
                .noneMatch(key -> key.endsWith(heartbeat.getCommandId().toString()));
        assertThat(harness.timerKeys()).noneMatch(key -> key.contains(heartbeat.getCommandId().toString()));
    }

    @Test
    void namesTheCommandsPositionInTheLogOnItsReply() {
        SeatCommand heartbeat = harness.command("acme", SeatTopologyHarness.member("alice"), new Heartbeat(session));

        var first = harness.sendWithHeaders(heartbeat, new RecordHeaders()).replies();
        var repeated = harness.sendWithHeaders(heartbeat, new RecordHeaders()).replies();

        CommandPosition firstPosition = CommandPosition.of(first.get(0).headers()).orElseThrow();
        CommandPosition repeatedPosition = CommandPosition.of(repeated.get(0).headers()).orElseThrow();
        assertThat(repeatedPosition.partition()).isEqualTo(firstPosition.partition());
        assertThat(repeatedPosition.offset()).isEqualTo(firstPosition.offset() + 1);
    }

    @Test
    void answersGoneForAReleasedSession() {
        harness.release("acme", SeatTopologyHarness.member("alice"), session);

        assertThat(harness.heartbeat("acme", "alice", session).getOutcome()).isEqualTo(Outcome.SESSION_GONE);
    }

    @Test
    void answersGoneToAHeartbeatAppendedAfterTheExpiryAndEndsTheSessionAtItsExpiry() {
        Instant expiry = harness.now().plusSeconds(360);
        // Only the log's time moves: the processor's wall clock has not, so no tick was written.
        harness.appendAt(harness.now().plusSeconds(400));

        SeatDecision late = harness.heartbeat("acme", "alice", session);

        assertThat(late.getOutcome()).isEqualTo(Outcome.SESSION_GONE);
        assertThat(late.getSession().getEndReason()).isEqualTo(EndReason.LAPSED);
        assertThat(late.getSession().getEndedAt()).isEqualTo(expiry);
        assertThat(harness.newEvents()).singleElement().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo(AuditAction.SESSION_EXPIRED);
            assertThat(event.getOccurredAt()).isEqualTo(expiry);
        });
        assertThat(harness.tenant("acme").getSeatsInUse()).isZero();
    }

    @Test
    void neverMovesTheExpiryBackwardsWhenTheTtlWasLowered() {
        harness.configure("acme", Plan.PRO, null, 30);
        Instant expiry = harness.session("acme", session).getExpiresAt();
        harness.advance(Duration.ofSeconds(10));

        SeatDecision extended = harness.heartbeat("acme", "alice", session);

        assertThat(extended.getOutcome()).isEqualTo(Outcome.EXTENDED);
        assertThat(extended.getSession().getLastHeartbeatAt()).isEqualTo(harness.now());
        assertThat(extended.getSession().getExpiresAt()).isEqualTo(expiry);
    }

    @Test
    void answersNotFoundForAnUnknownSessionAndForAnotherUsersSession() {
        assertThat(harness.heartbeat("acme", "alice", UUID.randomUUID()).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.heartbeat("acme", "mallory", session).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(harness.session("acme", session).getLastHeartbeatAt()).isEqualTo(SeatTopologyHarness.START);
    }
}
