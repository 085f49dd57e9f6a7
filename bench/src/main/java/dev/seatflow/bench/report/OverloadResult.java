package dev.seatflow.bench.report;

import dev.seatflow.bench.load.LatencySummary;
import dev.seatflow.bench.load.OperationResult;
import dev.seatflow.bench.load.RunResult;
import java.util.List;

/**
 * One system offered more than it can decide, then the normal rate again.
 *
 * @param normal the normal rate's point before the overload: what recovery returns to
 * @param overload the overloaded point (its outcomes tell answers, refusals and timeouts apart)
 * @param recovery the normal rate again, from the instant the overload's window closed
 * @param recoveredAfterSeconds seconds after the overload from which every second's p99 was back
 *     within {@link #NORMAL_FACTOR} times the normal p99 (null: not within the recovery window)
 */
public record OverloadResult(String system, String scenario, PointResult normal, PointResult overload, RunResult recovery,
                             Integer recoveredAfterSeconds) {

    /** "Back to normal": a second's p99 at most this multiple of the normal point's p99. */
    public static final double NORMAL_FACTOR = 2.0;
    /** The outcome of a 503 whose problem code is {@code overloaded}: refused at admission, nothing written. */
    public static final String REFUSED = "503:overloaded";

    public static OverloadResult of(String system, String scenario, PointResult normal, PointResult overload, RunResult recovery) {
        double limit = NORMAL_FACTOR * normal.run().total().latency().p99();
        List<Double> seconds = recovery.total().p99BySecond();
        Integer recovered = null;
        for (int second = seconds.size() - 1; second >= 0; second--) {
            Double p99 = seconds.get(second);
            if (p99 != null && p99 > limit) {
                break;
            }
            recovered = second;
        }
        return new OverloadResult(system, scenario, normal, overload, recovery, recovered);
    }

    /** Answers that count (the scenario's expected statuses) per second of the overload window. */
    public double goodputPerSecond() {
        return overload.run().total().achievedPerSecond();
    }

    public double refusedPerSecond() {
        return count(REFUSED) / overload.run().measuredSeconds();
    }

    /** Measured requests neither answered as expected nor refused at admission (timeouts, 503 decision_pending, ...). */
    public long failed() {
        OperationResult total = overload.run().total();
        return total.errors() - count(REFUSED);
    }

    /** Latency of the refusals alone: how fast the excess is turned away. */
    public LatencySummary refusedLatency() {
        return overload.run().total().latencyByOutcome().get(REFUSED);
    }

    private long count(String outcome) {
        return overload.run().total().outcomes().getOrDefault(outcome, 0L);
    }
}
