package dev.seatflow.processor.runtime;

import dev.seatflow.schemas.TenantLimits;
import java.time.Duration;

/**
 * Retention and tick settings the topology runs with.
 *
 * @param decisionRetention how long a command id is remembered, so that a retry gets the first
 *     decision (heartbeats are not remembered: one repeated is decided again)
 * @param tickInterval how often (wall clock) a task looks whether a timer is due that the log's
 *     time has not reached, and if so writes a tick to its partition; it changes when lapses are
 *     noticed, never what is decided
 * @param licensesPerTenant the most licenses one tenant holds; a creation beyond is refused (every
 *     processor of a deployment must run with the same number, as with the retentions)
 */
public record DecisionPolicy(
        Duration decisionRetention,
        Duration endedSessionRetention,
        Duration tickInterval,
        int licensesPerTenant) {

    public static DecisionPolicy defaults() {
        return new DecisionPolicy(Duration.ofHours(24), Duration.ofHours(24), Duration.ofSeconds(1), TenantLimits.MAX_LICENSES);
    }

    public DecisionPolicy withTickInterval(Duration interval) {
        return new DecisionPolicy(decisionRetention, endedSessionRetention, interval, licensesPerTenant);
    }

    public DecisionPolicy withLicensesPerTenant(int licenses) {
        return new DecisionPolicy(decisionRetention, endedSessionRetention, tickInterval, licenses);
    }
}
