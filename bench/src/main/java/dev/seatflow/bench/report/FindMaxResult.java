package dev.seatflow.bench.report;

import java.util.List;

/**
 * The highest probed rate that passed: p99 within the bound, under 1% errors and at least 95% of
 * the target rate achieved. {@code lowestFailingRate} is null if no probe up to the maximum failed.
 */
public record FindMaxResult(String system, String scenario, double p99BoundMillis, double maxPassingRate,
                            Double lowestFailingRate, List<Probe> probes) {

    public record Probe(double rate, boolean passed, double p99, double achieved, long errors, String reason) {
    }
}
