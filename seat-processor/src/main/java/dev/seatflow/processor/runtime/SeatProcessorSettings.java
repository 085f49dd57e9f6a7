package dev.seatflow.processor.runtime;

import dev.seatflow.schemas.TenantLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the seat processor ({@code seatflow.processor.*}).
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param stateDir where RocksDB keeps the state stores
 * @param commitInterval exactly-once commit interval: how soon the Redis mirror, the audit log, the
 *     expiry warner and gateways in {@code committed} mode see a decision (early replies do not wait
 *     for it). 100 ms, chosen by measurement: a fifth of the transactions of 20 ms, 15-23% less CPU
 *     per request below 1000/s, the mirror up to ~200 ms behind instead of ~100 (README, Performance)
 * @param streamThreads Streams threads in this instance
 * @param standbyReplicas warm copies of each task's state on other instances
 * @param replicationFactor of changelog and repartition topics; -1 for the broker default
 * @param sessionTimeout how long the group waits for a silent instance before moving its tenants
 *     to another; a crashed instance's tenants are unavailable for this long
 * @param tickInterval how often (wall clock) each task looks for a timer that is due but that the
 *     log's time has not reached (a quiet partition), and then writes a tick to let time advance
 *     in the log; it bounds how late a quiet tenant's lapse shows in Redis and the audit log, and
 *     changes nothing that is decided
 * @param decisionRetention how long a command id is remembered for idempotent retries (not
 *     heartbeats': a repeated heartbeat is decided again)
 * @param endedSessionRetention how long an ended session is kept so that a late heartbeat gets
 *     "gone" rather than "not found"
 * @param licensesPerTenant the most licenses one tenant may hold (every instance the same)
 * @param mirror whether this instance also runs the Redis mirror
 * @param readinessRebalancingLimit how long Streams may stay REBALANCING (including restoring
 *     state) before readiness reports DOWN
 * @param readinessFailureWindow readiness reports DOWN for this long after a stream thread failed
 */
@Validated
@ConfigurationProperties("seatflow.processor")
public record SeatProcessorSettings(
        @DefaultValue("seatflow-seat-processor") @NotBlank String applicationId,
        @DefaultValue("${java.io.tmpdir}/seatflow-streams") @NotBlank String stateDir,
        @DefaultValue("100ms") @NotNull Duration commitInterval,
        @DefaultValue("1") @Min(1) @Max(64) int streamThreads,
        @DefaultValue("0") @Min(0) int standbyReplicas,
        @DefaultValue("-1") int replicationFactor,
        @DefaultValue("10s") @NotNull Duration sessionTimeout,
        @DefaultValue("1s") @NotNull Duration tickInterval,
        @DefaultValue("24h") @NotNull Duration decisionRetention,
        @DefaultValue("24h") @NotNull Duration endedSessionRetention,
        @DefaultValue("" + TenantLimits.MAX_LICENSES) @Min(1) int licensesPerTenant,
        @DefaultValue("true") boolean mirror,
        @DefaultValue("2m") @NotNull Duration readinessRebalancingLimit,
        @DefaultValue("1m") @NotNull Duration readinessFailureWindow) {

    /** What the decision logic needs, free of Spring. */
    public DecisionPolicy policy() {
        return new DecisionPolicy(decisionRetention, endedSessionRetention, tickInterval, licensesPerTenant);
    }
}
