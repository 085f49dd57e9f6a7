package dev.seatflow.bench.load;

import java.util.List;
import java.util.Map;

/**
 * @param requests measured requests (intended inside the measurement window), all completed
 * @param errors requests answered with an unexpected status, timed out or failed to connect
 * @param achievedPerSecond successful answers that arrived inside the measurement window (to any request), per second
 * @param outcomes count per HTTP status, {@code timeout} or {@code io_error}
 * @param okLatency the latency of the successful requests alone
 * @param latencyByOutcome the latency of each outcome's requests alone
 * @param p99BySecond p99 of the requests intended in each second of the window (null for a second with none)
 */
public record OperationResult(String operation, long requests, long errors, double achievedPerSecond,
                              Map<String, Long> outcomes, LatencySummary latency, LatencySummary okLatency,
                              Map<String, LatencySummary> latencyByOutcome,
                              List<Double> p99BySecond) {
}
