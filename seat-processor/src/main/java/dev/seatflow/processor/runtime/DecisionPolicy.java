package dev.seatflow.processor.runtime;

import java.time.Duration;

/**
 * Retention and tick settings the topology runs with.
 *
 * @param decisionRetention how long a command id is remembered, so that a retry gets the first
 *     decision (heartbeats are not remembered: one repeated is decided again)
 * @param tickInterval how often (wall clock) a task looks whether a timer is due that the log's
 *     time has not reached, and if so writes a tick to its partition; it changes when lapses are
 *     noticed, never what is decided
 */
public record DecisionPolicy(
        Duration decisionRetention,
        Duration endedSessionRetention,
        Duration tickInterval) {

    public static DecisionPolicy defaults() {
        return new DecisionPolicy(Duration.ofHours(24), Duration.ofHours(24), Duration.ofSeconds(1));
    }
}
