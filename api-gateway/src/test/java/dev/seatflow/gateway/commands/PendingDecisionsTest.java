package dev.seatflow.gateway.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.DeciderVersion;
import dev.seatflow.schemas.decision.Outcome;
import dev.seatflow.schemas.decision.SeatDecision;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingDecisionsTest {

    static final ByteBuffer REQUEST = ByteBuffer.wrap(new byte[] {1});

    private final List<Runnable> dispatched = new ArrayList<>();
    private final PendingDecisions pending = new PendingDecisions(dispatched::add);

    @Test
    void aRequestThatGivesUpDoesNotTakeTheDecisionFromAnotherWaitingForTheSameCommand() {
        UUID command = UUID.randomUUID();
        PendingDecisions.Waiter first = pending.await(command, REQUEST).orElseThrow();
        PendingDecisions.Waiter retry = pending.await(command, REQUEST).orElseThrow();

        pending.abandon(first);
        assertThat(pending.decided(decision(command))).isTrue();
        dispatched.forEach(Runnable::run);

        assertThat(retry.decision()).isCompletedWithValue(decision(command));
        assertThat(pending.size()).isZero();
    }

    @Test
    void aRequestWithTheSameIdButAnotherFingerprintIsRefusedWhileTheFirstWaits() {
        UUID command = UUID.randomUUID();
        PendingDecisions.Waiter first = pending.await(command, REQUEST).orElseThrow();

        assertThat(pending.await(command, ByteBuffer.wrap(new byte[] {2}))).isEmpty();
        pending.decided(decision(command));
        dispatched.forEach(Runnable::run);
        assertThat(first.decision()).isCompletedWithValue(decision(command));
    }

    @Test
    void forgetsACommandOnceEveryRequestWaitingForItGaveUp() {
        UUID command = UUID.randomUUID();
        PendingDecisions.Waiter first = pending.await(command, REQUEST).orElseThrow();
        PendingDecisions.Waiter second = pending.await(command, REQUEST).orElseThrow();

        pending.abandon(first);
        pending.abandon(second);

        assertThat(pending.size()).isZero();
        assertThat(pending.decided(decision(command))).isFalse();
    }

    @Test
    void handsDecisionsOverOnTheDispatcherNotOnTheThreadThatReadThem() {
        UUID command = UUID.randomUUID();
        PendingDecisions.Waiter waiter = pending.await(command, REQUEST).orElseThrow();

        pending.decided(decision(command));

        assertThat(waiter.decision()).isNotDone();
        dispatched.forEach(Runnable::run);
        assertThat(waiter.decision()).isCompleted();
    }

    static SeatDecision decision(UUID command) {
        return new SeatDecision(command, "acme", Instant.parse("2026-12-02T00:00:00Z"), Outcome.EXTENDED, null, null, null, null,
                DeciderVersion.CURRENT, null);
    }
}
