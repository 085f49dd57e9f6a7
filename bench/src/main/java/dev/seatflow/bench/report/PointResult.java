package dev.seatflow.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.seatflow.bench.load.RunResult;

import java.util.Map;

/**
 * One scenario at one rate on one system.
 *
 * @param producerRetries Kafka produce retries the launched platform logged during the window, by error
 * @param signing signatures per second and licenses per signature during the window (null when none were made)
 * @param behind how far the Redis mirror and the audit log ran behind the decisions, by delay metric
 *     (null for a system that does not publish them)
 */
public record PointResult(String scenario, String system, double targetRate, RunResult run, CpuUsage cpu,
                          Map<String, Long> producerRetries, SigningMeter.SigningUsage signing,
                          Map<String, FreshnessMeter.Behind> behind) {

    /** CPU milliseconds the system's JVM spent per successful request (null without a child process). */
    @JsonProperty("cpuMillisPerRequest")
    public Double cpuMillisPerRequest() {
        Double cores = cpu == null ? null : cpu.processes().get(system);
        double achieved = run.total().achievedPerSecond();
        return cores == null || achieved <= 0 ? null : Math.round(cores * 1000 / achieved * 100) / 100.0;
    }
}
