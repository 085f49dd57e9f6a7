package dev.seatflow.bench.report;

import java.util.List;
import java.util.Map;

/** Everything one invocation measured, as written to the JSON file. */
public record Report(String startedAt, String finishedAt, String label, List<String> arguments, Map<String, Object> environment,
                     List<PointResult> points, List<BurstResult> bursts, List<FindMaxResult> findMax,
                     List<OverloadResult> overloads) {
}
