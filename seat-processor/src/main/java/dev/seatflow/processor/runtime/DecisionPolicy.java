package dev.seatflow.processor.runtime;

import java.time.Duration;

/** Retention and timer settings the topology runs with. */
public record DecisionPolicy(
        Duration decisionRetention,
        Duration heartbeatDecisionRetention,
        Duration endedSessionRetention,
        Duration lapseCheckInterval) {

    public static DecisionPolicy defaults() {
        return new DecisionPolicy(Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(1));
    }
}
