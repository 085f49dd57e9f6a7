package dev.seatflow.gateway.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.DeciderVersion;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import dev.seatflow.schemas.topic.CommandPosition;
import dev.seatflow.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplyRouterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PendingDecisions pending = new PendingDecisions(Runnable::run);
    private final ReplyRouter router = new ReplyRouter(pending, meters, Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));
    private final UUID command = UUID.randomUUID();

    @Test
    void answersFromAnEarlyReplyAndCountsItConfirmedWhenTheCommittedReplyIsEqual() {
        PendingDecisions.Waiter waiter = pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();

        router.early(reply(PendingDecisionsTest.decision(command), 7));

        assertThat(waiter.decision()).isCompletedWithValue(PendingDecisionsTest.decision(command));
        router.committed(reply(PendingDecisionsTest.decision(command), 7));
        assertThat(count("confirmed")).isEqualTo(1);
        assertThat(count("divergent")).isZero();
        assertThat(router.awaitingConfirmation()).isZero();
    }

    @Test
    void countsTheReplayOfAnAbortedTransactionAndFlagsADifferentOne() {
        pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();
        router.early(reply(PendingDecisionsTest.decision(command), 7));

        router.early(reply(PendingDecisionsTest.decision(command), 7));
        assertThat(count("replayed")).isEqualTo(1);

        router.early(reply(withOutcome(Outcome.SESSION_GONE), 7));
        assertThat(count("divergent")).isEqualTo(1);
        router.committed(reply(withOutcome(Outcome.SESSION_GONE), 7));
        assertThat(count("divergent")).isEqualTo(2);
    }

    @Test
    void neverAnswersEarlyFromAnotherDeciderVersionButFromItsCommittedReply() {
        PendingDecisions.Waiter waiter = pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();
        SeatDecision older = PendingDecisionsTest.decision(command);
        older.setDeciderVersion(DeciderVersion.CURRENT - 1);

        router.early(reply(older, 7));
        assertThat(waiter.decision()).isNotDone();
        assertThat(count("other_version")).isEqualTo(1);

        router.committed(reply(PendingDecisionsTest.decision(command), 7));
        assertThat(waiter.decision()).isCompletedWithValue(PendingDecisionsTest.decision(command));
    }

    @Test
    void aRetryWaitingWhileTheFirstAnswerIsUnconfirmedGetsItsOwnAnswer() {
        pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();
        router.early(reply(PendingDecisionsTest.decision(command), 7));
        PendingDecisions.Waiter retry = pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();

        router.early(reply(PendingDecisionsTest.decision(command), 7));
        assertThat(retry.decision()).as("a replay of the first record answers nobody again").isNotDone();
        router.early(reply(PendingDecisionsTest.decision(command), 8));

        assertThat(retry.decision()).isCompletedWithValue(PendingDecisionsTest.decision(command));
    }

    @Test
    void aRetryWithTheSameKeyDecidedAgainIsCountedRetriedNotDivergent() {
        PendingDecisions.Waiter waiter = pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();
        router.early(reply(PendingDecisionsTest.decision(command), 7));
        PendingDecisions.Waiter retry = pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();

        router.early(reply(withOutcome(Outcome.SESSION_GONE), 9));
        router.committed(reply(PendingDecisionsTest.decision(command), 7));
        router.committed(reply(withOutcome(Outcome.SESSION_GONE), 9));

        assertThat(waiter.decision()).isCompletedWithValue(PendingDecisionsTest.decision(command));
        assertThat(retry.decision()).isCompletedWithValue(withOutcome(Outcome.SESSION_GONE));
        assertThat(count("retried")).isEqualTo(1);
        assertThat(count("confirmed")).as("each record answered early is confirmed by its own").isEqualTo(2);
        assertThat(count("divergent")).isZero();
        assertThat(router.awaitingConfirmation()).isZero();
    }

    @Test
    void theCommittedReplyOfARecordAnsweredEarlyIsNotTheAnswerOfALaterRecordWithTheSameId() {
        pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();
        router.early(reply(PendingDecisionsTest.decision(command), 7));
        PendingDecisions.Waiter later = pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();

        router.committed(reply(PendingDecisionsTest.decision(command), 7));
        assertThat(later.decision()).as("waits for the reply to its own record").isNotDone();

        router.early(reply(withOutcome(Outcome.IDEMPOTENCY_KEY_REUSE), 9));
        assertThat(later.decision()).isCompletedWithValue(withOutcome(Outcome.IDEMPOTENCY_KEY_REUSE));
        assertThat(count("confirmed")).isEqualTo(1);
    }

    @Test
    void forgetsEarlyAnswersWhoseCommittedReplyNeverCame() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
        ReplyRouter router = new ReplyRouter(pending, meters, clock);
        pending.await(command, PendingDecisionsTest.REQUEST).orElseThrow();
        router.early(reply(PendingDecisionsTest.decision(command), 7));

        clock.advance(ReplyRouter.CONFIRM_WITHIN.plus(Duration.ofSeconds(1)));
        router.forgetUnconfirmed();

        assertThat(router.awaitingConfirmation()).isZero();
        assertThat(count("unconfirmed")).isEqualTo(1);
    }

    private static Reply reply(SeatDecision decision, long offset) {
        return new Reply(decision, new CommandPosition(0, offset));
    }

    private SeatDecision withOutcome(Outcome outcome) {
        SeatDecision other = PendingDecisionsTest.decision(command);
        other.setOutcome(outcome);
        return other;
    }

    private double count(String name) {
        return meters.get("seatflow.gateway.replies." + name).counter().count();
    }
}
