package dev.seatflow.bench.load;

import java.util.List;

/**
 * What one open-loop run measured.
 *
 * @param sent requests sent, warm-up included
 * @param skipped ticks the source had nothing to send for
 * @param unfinished requests with no answer when the drain gave up (not in the figures; should be 0)
 * @param operations per operation, measured requests only
 * @param total all measured requests
 * @param sendLag how late the generator sent measured requests after their intended time (its own health)
 */
public record RunResult(double targetRate, double measuredSeconds, long sent, long skipped, long unfinished,
                        List<OperationResult> operations, OperationResult total, LatencySummary sendLag) {
}
