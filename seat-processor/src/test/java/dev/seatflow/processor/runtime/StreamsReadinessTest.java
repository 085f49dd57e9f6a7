package dev.seatflow.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsReadinessTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
    private final StreamsReadiness readiness = new StreamsReadiness(Duration.ofMinutes(2), Duration.ofMinutes(1), clock);

    @Test
    void isReadyWhileRunningAndWhileARebalanceIsShorterThanTheLimit() {
        readiness.stateChanged(State.RUNNING);
        assertThat(readiness.notReadyReason(State.RUNNING)).isNull();

        readiness.stateChanged(State.REBALANCING);
        clock.advance(Duration.ofSeconds(119));
        assertThat(readiness.notReadyReason(State.REBALANCING)).isNull();
    }

    @Test
    void isNotReadyAfterRebalancingLongerThanTheLimit() {
        readiness.stateChanged(State.REBALANCING);
        clock.advance(Duration.ofSeconds(121));

        assertThat(readiness.notReadyReason(State.REBALANCING)).isEqualTo("rebalancing for 121 s");
    }

    @Test
    void isNotReadyForAWhileAfterAStreamThreadFailed() {
        readiness.stateChanged(State.RUNNING);
        readiness.threadFailed(new IllegalStateException("boom"));

        assertThat(readiness.notReadyReason(State.RUNNING)).contains("a stream thread failed").contains("boom");
        clock.advance(Duration.ofSeconds(61));
        assertThat(readiness.notReadyReason(State.RUNNING)).isNull();
    }

    @Test
    void isNotReadyInErrorOrBeforeItStarted() {
        assertThat(readiness.notReadyReason(State.CREATED)).isEqualTo("streams is CREATED");
        assertThat(readiness.notReadyReason(State.ERROR)).isEqualTo("streams is ERROR");
        assertThat(readiness.notReadyReason(State.PENDING_SHUTDOWN)).isEqualTo("streams is PENDING_SHUTDOWN");
    }
}
